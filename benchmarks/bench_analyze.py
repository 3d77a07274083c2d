"""Speed and memory: the whole ``analyze`` pipeline against spaCy's own ``nlp.pipe``.

Builds a corpus of at least 1,000 articles by recombining the paragraphs of the bundled
samples (seeded, so every run sees the same corpus), writes it as one JSON Lines file, then runs
two variants, each in its own child process so that its peak memory is its own:

* ``spacy``    — read the JSON Lines file and run ``spacy.load(model)`` (every component of the
                 model, as shipped) with ``nlp.pipe`` over the article texts;
* ``pipeline`` — ``newstrace.pipeline.run`` over the same file: ingest, segment, parse what needs
                 parsing, extract, and store every report in a fresh SQLite file.

Both use the same model and the same number of processes. Model loading is timed apart and not
counted in the articles-per-second figures. Usage::

    python benchmarks/bench_analyze.py [--articles 1000] [--processes 1] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(n: int, out: Path, seed: int = 20251031) -> int:
    """Recombine sample paragraphs into ``n`` articles; returns the number of characters."""
    from newstrace.errors import InputError
    from newstrace.ingest import read_articles

    dirs = [str(ROOT / "samples" / d) for d in ("html", "jsonl", "text")]
    articles = [a for a in read_articles(dirs) if not isinstance(a, InputError)]
    paragraphs = [p for a in articles for p in a.text.split("\n") if len(p.split()) >= 8]
    if not paragraphs:
        raise SystemExit("bench: no sample paragraphs found under samples/")
    rng = random.Random(seed)
    chars = 0
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            k = rng.randint(4, 12)
            text = "\n".join(rng.choice(paragraphs) for _ in range(k))
            chars += len(text)
            record = {
                "url": f"https://example.org/bench/{i}",
                "outlet": "Bench",
                "title": f"Bench article {i}",
                "published": "2025-11-01",
                "text": f"Bench article {i}\n\n{text}",
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return chars


def run_spacy(corpus: Path, processes: int) -> dict[str, float]:
    import spacy

    from newstrace.settings import get_settings

    t0 = time.perf_counter()
    nlp = spacy.load(get_settings().spacy_model)
    load = time.perf_counter() - t0
    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    t1 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, n_process=processes, batch_size=64))
    del nlp
    return {"articles": n, "seconds": time.perf_counter() - t1, "load_seconds": load}


def run_pipeline(corpus: Path, processes: int) -> dict[str, float]:
    from newstrace.pipeline import Engine, run
    from newstrace.settings import get_settings
    from newstrace.store import open_store

    settings = get_settings().model_copy(update={"processes": processes})
    t0 = time.perf_counter()
    engine = Engine(settings)
    engine.load()  # with several processes the workers load the model inside the timed run
    load = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/bench.db")
        t1 = time.perf_counter()
        outcomes = list(run([str(corpus)], engine=engine, store=store))
        seconds = time.perf_counter() - t1
        store.close()
    ok = sum(1 for o in outcomes if o.ok)
    events = sum(len(o.report.events) for o in outcomes if o.report is not None)
    return {
        "articles": ok,
        "seconds": seconds,
        "load_seconds": load,
        "events": events,
        "failed": len(outcomes) - ok,
    }


def child(variant: str, corpus: Path, processes: int) -> None:
    result = (run_spacy if variant == "spacy" else run_pipeline)(corpus, processes)
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["children_peak_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--child", choices=["spacy", "pipeline"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.corpus, args.processes)
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        chars = build_corpus(args.articles, corpus)
        results: dict[str, dict[str, float]] = {}
        for variant in ("spacy", "pipeline"):
            proc = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    variant,
                    "--corpus",
                    str(corpus),
                    "--processes",
                    str(args.processes),
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            results[variant] = json.loads(proc.stdout.strip().splitlines()[-1])
    sp, pl = results["spacy"], results["pipeline"]
    rate_sp = sp["articles"] / sp["seconds"]
    rate_pl = pl["articles"] / pl["seconds"]
    summary = {
        "corpus_articles": args.articles,
        "corpus_chars": chars,
        "processes": args.processes,
        "spacy_articles_per_s": round(rate_sp, 2),
        "pipeline_articles_per_s": round(rate_pl, 2),
        "ratio_pipeline_over_spacy": round(rate_pl / rate_sp, 3),
        "spacy_peak_rss_mib": round(max(sp["peak_rss_mib"], sp["children_peak_rss_mib"]), 1),
        "pipeline_peak_rss_mib": round(max(pl["peak_rss_mib"], pl["children_peak_rss_mib"]), 1),
        "spacy_load_s": round(sp["load_seconds"], 2),
        "pipeline_load_s": round(pl["load_seconds"], 2),
        "pipeline_events": pl.get("events"),
        "pipeline_failed": pl.get("failed"),
    }
    width = max(len(k) for k in summary)
    for key, value in summary.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
