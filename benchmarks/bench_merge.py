"""Scale: merging 10,000, 30,000 and 100,000 synthetic reports into stories, with blocking.

The bundled samples are analysed once; their reports are then copied with varied actors (each
copy's countries are remapped through a seeded permutation of 60 codes), dates (each copy is
moved by whole days, a corpus of N reports covering about N / 40 days — a steady news flow, so
a larger corpus covers a longer period) and numbers (quantities and amounts scaled per copy).
Every copy gets its own article id. Each size runs in its own child process, so that its peak
memory is its own; time covers :func:`newstrace.resolve.build_stories` only (not analysis nor
generation). Usage::

    python benchmarks/bench_merge.py [--sizes 10000 30000 100000] [--json OUT]
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TEXT_OUTLETS = {
    "reuters": "Reuters",
    "ap": "Associated Press",
    "rt": "RT",
    "kyivindependent": "The Kyiv Independent",
    "tass": "TASS",
    "cnn": "CNN",
    "aljazeera": "Al Jazeera",
}
REPORTS_PER_DAY = 40
CODES = [f"X{i:02d}" for i in range(60)]


def sample_reports(cache: Path) -> list[dict[str, Any]]:
    if cache.exists():
        loaded: list[dict[str, Any]] = json.loads(cache.read_text(encoding="utf-8"))
        return loaded
    from newstrace.ingest import read_articles
    from newstrace.pipeline import Engine

    articles = []
    for path in sorted((ROOT / "samples").rglob("*")):
        if path.suffix not in (".txt", ".html", ".jsonl"):
            continue
        options: dict[str, Any] = {}
        if path.suffix == ".txt":
            day, outlet, _ = path.name.split("_", 2)
            options = {"published": date.fromisoformat(day), "outlet": TEXT_OUTLETS[outlet]}
        articles += [
            a for a in read_articles([str(path)], **options) if not isinstance(a, Exception)
        ]
    reports = [r.to_dict() for r in Engine().analyze(articles)]
    cache.write_text(json.dumps(reports), encoding="utf-8")
    return reports


def synthetic(reports: list[dict[str, Any]], n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    span = max(1, n // REPORTS_PER_DAY)
    base = date(2000, 1, 1)
    out = []
    for i in range(n):
        report = copy.deepcopy(reports[i % len(reports)])
        shift = timedelta(days=rng.randrange(span)) + (base - date(2022, 1, 1))
        mapping = dict(
            zip(sorted({c for c in _codes(report)}), rng.sample(CODES, 60), strict=False)
        )
        factor = rng.choice((1, 1, 1, 2, 3))
        article = report["article"]
        article["id"] = hashlib.sha256(f"{article['id']}/{i}".encode()).hexdigest()
        article["published"] = _shift(article.get("published"), shift)
        for entity in report["entities"]:
            if entity.get("country") in mapping:
                entity["country"] = mapping[entity["country"]]
        for event in report["events"]:
            event["actors"] = [_remap(a, mapping) for a in event["actors"]]
            event["recipients"] = [_remap(r, mapping) for r in event["recipients"]]
            event["when"]["start"] = _shift(event["when"].get("start"), shift)
            event["when"]["end"] = _shift(event["when"].get("end"), shift)
            for item in event["items"]:
                if item["quantity"].get("value") is not None:
                    item["quantity"]["value"] *= factor
            for money in event["money"]:
                if money.get("amount") is not None:
                    money["amount"] *= factor
        out.append(report)
    return out


def _codes(report: dict[str, Any]) -> set[str]:
    codes = {e["country"] for e in report["entities"] if e.get("country")}
    for event in report["events"]:
        codes |= {
            a.split(":", 1)[1]
            for a in event["actors"] + event["recipients"]
            if a.startswith("country:")
        }
    return codes


def _remap(entity: str, mapping: dict[str, str]) -> str:
    if entity.startswith("country:") and entity[8:] in mapping:
        return "country:" + mapping[entity[8:]]
    return entity


def _shift(value: str | None, shift: timedelta) -> str | None:
    return (date.fromisoformat(value) + shift).isoformat() if value else None


def run_one(size: int, cache: Path) -> dict[str, Any]:
    from newstrace.resolve import build_stories

    reports = synthetic(sample_reports(cache), size)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    stories = build_stories(reports)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    events = sum(len(s.events) for s in stories)
    return {
        "reports": size,
        "stories": len(stories),
        "events_in_stories": events,
        "seconds": round(seconds, 2),
        "reports_per_second": round(size / seconds),
        "peak_rss_mib": round(peak / 1024),
        "peak_rss_over_input_mib": round((peak - before) / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newstrace-bench-reports.json"))
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.cache)))
        return
    sample_reports(args.cache)
    rows = []
    for size in args.sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(size), "--cache", str(args.cache)],
            check=True,
            capture_output=True,
            text=True,
        )
        row = json.loads(child.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(
            f"{row['reports']:>7} reports: {row['seconds']:>7.1f} s "
            f"({row['reports_per_second']} reports/s), {row['stories']} stories, "
            f"peak RSS {row['peak_rss_mib']} MiB (+{row['peak_rss_over_input_mib']} MiB merging)",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
