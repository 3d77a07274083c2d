"""API under load: N synthetic events in SQLite and PostgreSQL, the real server, a bounded load.

The bundled samples are analysed once (reports and texts cached); copies of them are then made
until N events exist: each copy's text gets one line naming the copy (so its own article id,
and a rare word to search for), its countries are remapped through a seeded, skewed choice of
real ISO codes (a few common, a long tail of rare ones), its dates are moved by whole days over
about ten years, a share of its events get another type, status or factuality, and numbers are
scaled. The copies are written into each database through the store's own schema (``open_store``
runs the migrations; secondary indexes and text-search triggers are dropped during the bulk load
and rebuilt after it from the schema's own DDL; PostgreSQL is loaded with ``COPY``). The first
``--story-reports`` copies are merged into stories with the store's own ``sync_stories``; the
rest are marked as merged, so the server does not start by merging them.

Then ``newstrace serve`` runs as a separate process against each database and this process
drives a bounded load over loopback: ``--concurrency`` threads, each with one keep-alive
connection, for ``--seconds``, over a fixed mix of filtered event queries and story fetches.
Requests per second and p50/p95/p99 latency are reported per query kind and database, with the
number of non-2xx answers. The server listens on a free loopback port, and must still be
running once it answers. Data lives in ``--data`` (outside the repository); a database whose
recorded size matches is reused, after it is migrated to the current schema (the upgrade is
timed and recorded). Usage::

    python benchmarks/bench_api.py [--events 1000000] [--db sqlite postgresql] [--seconds 30]
        [--concurrency 8] [--story-reports 5000] [--pg-db newstrace_bench] [--no-indexes]
        [--json OUT]

``--no-indexes`` loads the previous schema (migration 0002) for a baseline.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_merge import TEXT_OUTLETS, _remap  # noqa: E402

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_DB = "newstrace_bench"
CODES = [
    "USA",
    "RUS",
    "CHN",
    "UKR",
    "ISR",
    "IRN",
    "VEN",
    "TWN",
    "PRK",
    "GBR",
    "FRA",
    "DEU",
    "IND",
    "PAK",
    "TUR",
    "SAU",
    "SYR",
    "IRQ",
    "YEM",
    "LBN",
    "EGY",
    "CUB",
    "COL",
    "BRA",
    "MEX",
    "JPN",
    "KOR",
    "POL",
    "FIN",
    "SWE",
    "NOR",
    "EST",
    "LVA",
    "LTU",
    "BLR",
    "GEO",
    "ARM",
    "AZE",
    "KAZ",
    "AFG",
    "QAT",
    "ARE",
    "JOR",
    "LBY",
    "SDN",
    "ETH",
    "SOM",
    "NGA",
    "MLI",
    "NER",
    "ZAF",
    "AUS",
    "NZL",
    "CAN",
    "ITA",
    "ESP",
    "GRC",
    "SRB",
    "HUN",
    "ROU",
    "BGR",
]
BATCH = 2000  # articles per insert batch


def samples(cache: Path) -> list[dict[str, Any]]:
    """``{"report", "text"}`` for every sample article (analysed once, then cached)."""
    if cache.exists():
        cached: list[dict[str, Any]] = json.loads(cache.read_text(encoding="utf-8"))
        return cached
    from newstrace.ingest import read_articles
    from newstrace.pipeline import Engine

    engine = Engine()
    out = []
    for folder in ("html", "text", "jsonl"):
        for path in sorted((ROOT / "samples" / folder).iterdir()):
            options: dict[str, Any] = {}
            if path.suffix == ".txt":
                day, outlet, _ = path.name.split("_", 2)
                options = {"published": date.fromisoformat(day), "outlet": TEXT_OUTLETS[outlet]}
            for article in read_articles([str(path)], **options):
                if not isinstance(article, Exception):
                    report = engine.analyze_one(article).to_dict()
                    out.append({"report": report, "text": article.text})
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(out), encoding="utf-8")
    return out


def copies(base: list[dict[str, Any]], events: int, seed: int) -> Iterator[tuple[dict, str]]:
    """Synthetic ``(report, text)`` pairs until ``events`` events have been made."""
    from newstrace.model.event import FACTUALITY, PLOVER_TYPES, STATUSES

    rng = random.Random(seed)
    templates = [json.dumps(s["report"]) for s in base]
    weights = [1 / (rank + 1) ** 1.2 for rank in range(len(CODES))]
    span = max(30, events // 150)  # days: about 30 articles a day, over years at 1M events
    made = i = 0
    while made < events:
        k = i % len(base)
        report = json.loads(templates[k])
        text = base[k]["text"] + f"\n\nSynthetic copy zq{i:07d} of sample {k}."
        article = report["article"]
        article["id"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        article["chars"] = len(text)
        shift = timedelta(days=-rng.randrange(span))
        article["published"] = _shift(article.get("published"), shift)
        mapping = _mapping(_codes(report), rng, weights)
        for entity in report["entities"]:
            entity["id"] = _remap(entity["id"], mapping)
            if entity.get("country") in mapping:
                entity["country"] = mapping[entity["country"]]
        factor = rng.choice((1, 1, 1, 2, 3))
        for event in report["events"]:
            for key in ("actors", "recipients", "intermediaries"):
                event[key] = [_remap(e, mapping) for e in event.get(key, [])]
            event["when"]["start"] = _shift(event["when"].get("start"), shift)
            event["when"]["end"] = _shift(event["when"].get("end"), shift)
            if rng.random() < 0.25:
                event["type"] = rng.choice(PLOVER_TYPES)
            if event.get("status") and rng.random() < 0.3:
                event["status"] = rng.choice(STATUSES)
            if rng.random() < 0.2:
                event["factuality"] = rng.choice(FACTUALITY)
            for item in event.get("items", []):
                if item["quantity"].get("value") is not None:
                    item["quantity"]["value"] *= factor
        made += len(report["events"])
        i += 1
        yield report, text


def _mapping(codes: set[str], rng: random.Random, weights: list[float]) -> dict[str, str]:
    chosen: list[str] = []
    while len(chosen) < min(len(codes), len(CODES)):
        code = rng.choices(CODES, weights)[0]
        if code not in chosen:
            chosen.append(code)
    return dict(zip(sorted(codes), chosen, strict=False))


def _codes(report: dict[str, Any]) -> set[str]:
    codes = {e["country"] for e in report["entities"] if e.get("country")}
    codes |= {e["id"][8:] for e in report["entities"] if e["id"].startswith("country:")}
    return codes


def _shift(value: str | None, shift: timedelta) -> str | None:
    if not value:
        return value
    if len(value) >= 10:
        return (date.fromisoformat(value[:10]) + shift).isoformat()
    return value  # a month or a year: left as it is


# -- loading -----------------------------------------------------------------------------------


def db_url(kind: str, data: Path, events: int, indexes: bool, pg_db: str = PG_DB) -> str:
    tag = f"{events}{'' if indexes else '-noidx'}"
    if kind == "sqlite":
        return f"sqlite:///{data / f'bench-{tag}.db'}"
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{pg_db}_{tag.replace('-', '_')}"


def load(kind: str, url: str, base: list[dict[str, Any]], args: argparse.Namespace) -> dict:
    """Load the synthetic corpus into ``url`` (or reuse it); returns what was loaded and how."""
    from sqlalchemy import text

    from newstrace.cli_stories import sync_stories
    from newstrace.store import current_revision, head_revision, open_store, upgrade
    from newstrace.store.engine import make_engine
    from newstrace.store.rows import report_rows

    marker = args.data / (url.rsplit("/", 1)[1].replace(".db", "") + f"-{kind}.json")
    if marker.exists():  # reused, after migrating it to this schema (timed) if older
        done: dict[str, Any] = json.loads(marker.read_text(encoding="utf-8"))
        engine = make_engine(url)
        before = current_revision(engine)
        t0 = time.perf_counter()
        if not args.no_indexes:
            upgrade(engine)
        migrated = round(time.perf_counter() - t0, 1)
        engine.dispose()
        with _store_at(url) as store:
            if store.count()["events"] == done["events"]:
                done["reused"] = True
                if before != head_revision() and not args.no_indexes:
                    done[f"upgrade_{before}_seconds"] = migrated
                    marker.write_text(json.dumps(done), encoding="utf-8")
                return done
    _fresh(kind, url)
    engine = make_engine(url)
    upgrade(engine, "head" if not args.no_indexes else "0002")
    engine.dispose()
    started = time.perf_counter()
    stats = {"articles": 0, "events": 0}
    with open_store(url) if not args.no_indexes else _store_at(url) as store:
        saved = _drop_secondary(store.engine)
        now = datetime.now(UTC)
        batch: list[Any] = []
        stories_done = False
        for n, (report, text_) in enumerate(copies(base, args.events, args.seed)):
            batch.append(
                report_rows(report, text=text_, source=None, bytes_sha256=None, analysed_at=now)
            )
            stats["articles"] += 1
            stats["events"] += len(report["events"])
            if len(batch) >= BATCH or (not stories_done and n + 1 == args.story_reports):
                _write(store.engine, batch, links=not args.no_indexes)
                batch = []
            if not stories_done and n + 1 == args.story_reports:
                _restore(store.engine, saved)
                t0 = time.perf_counter()
                stats["stories_merged"] = sync_stories(store)["written"]
                stats["story_seconds"] = round(time.perf_counter() - t0, 1)
                saved = _drop_secondary(store.engine)
                stories_done = True
        _write(store.engine, batch, links=not args.no_indexes)
        with store.engine.begin() as conn:  # the rest counts as merged (a subset has stories)
            conn.execute(
                text(
                    "INSERT INTO resolved_articles (article_id, analysed_at) SELECT id, "
                    "analysed_at FROM articles WHERE id NOT IN "
                    "(SELECT article_id FROM resolved_articles)"
                )
            )
        t0 = time.perf_counter()
        _restore(store.engine, saved)
        stats["index_seconds"] = round(time.perf_counter() - t0, 1)
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE" if kind == "postgresql" else "ANALYZE"))
        stats["stories"] = store.count_stories()
    stats["load_seconds"] = round(time.perf_counter() - started, 1)
    stats["size_mib"] = _size(kind, url)
    marker.write_text(json.dumps(stats), encoding="utf-8")
    return stats


class _store_at:
    """A store on a database left at an older revision (``open_store`` would upgrade it)."""

    def __init__(self, url: str) -> None:
        from newstrace.store.engine import make_engine
        from newstrace.store.repository import Store

        self.store = Store(make_engine(url))

    def __enter__(self) -> Any:
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()


def _fresh(kind: str, url: str) -> None:
    from sqlalchemy import create_engine, text

    if kind == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    name = url.rsplit("/", 1)[1]
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()


def _drop_secondary(engine: Any) -> list[str]:
    """Drop secondary indexes and FTS triggers for the bulk load; returns the DDL to restore."""
    from sqlalchemy import text

    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.execute(
                text(
                    "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
                    " AND sql IS NOT NULL"
                )
            ).all()
        else:
            rows = conn.execute(
                text(
                    "SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = "
                    "'public' AND indexname NOT IN (SELECT conname FROM pg_constraint)"
                )
            ).all()
        for kind, name, _ in rows:
            conn.execute(text(f"DROP {kind.upper()} {name}"))
    return [sql for _, _, sql in rows]


def _restore(engine: Any, ddl: list[str]) -> None:
    from sqlalchemy import text

    with engine.begin() as conn:
        for sql in ddl:
            conn.execute(text(sql))
        if engine.dialect.name == "sqlite" and any("fts" in sql for sql in ddl):
            for fts in ("articles_fts", "events_fts"):
                conn.execute(text(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')"))


_WORDS_SEEN: set[tuple[str, str]] = set()


def _write(engine: Any, batch: list[Any], *, links: bool) -> None:
    """Insert the rows of ``batch``; without ``links`` (a schema before 0004), the link tables'
    copies of ``when_start`` and ``event_countries`` are left out, and so are the words index
    tables (0005). ``text_words`` rows already written by an earlier batch are not repeated."""
    from sqlalchemy import insert

    from newstrace.store.tables import (
        ArticleRow,
        EntityRow,
        EventCountryRow,
        EventEntityRow,
        EventRow,
        ItemRow,
        TextTermRow,
        TextWordRow,
    )

    if not batch:
        return
    words = []
    for b in batch:
        for row in b.text_words:
            pair = (row["suffix"], row["term"])
            if pair not in _WORDS_SEEN:
                _WORDS_SEEN.add(pair)
                words.append(row)
    parts = [
        (ArticleRow, [b.article for b in batch]),
        (EntityRow, [r for b in batch for r in b.entities]),
        (EventRow, [r for b in batch for r in b.events]),
        (EventEntityRow, [r for b in batch for r in b.event_entities]),
        (EventCountryRow, [r for b in batch for r in b.event_countries]),
        (ItemRow, [r for b in batch for r in b.items]),
        (TextTermRow, [r for b in batch for r in b.text_terms]),
        (TextWordRow, words),
    ]
    if not links:
        parts = [
            (t, rows) for t, rows in parts if t not in (EventCountryRow, TextTermRow, TextWordRow)
        ]
        parts = [
            (t, [{k: v for k, v in r.items() if k != "when_start"} for r in rows])
            if t is EventEntityRow
            else (t, rows)
            for t, rows in parts
        ]
    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            with raw.cursor() as cur:
                for table, rows in parts:
                    if not rows:
                        continue
                    cols = list(rows[0])
                    with cur.copy(
                        f"COPY {table.__tablename__} ({', '.join(cols)}) FROM STDIN"
                    ) as cp:
                        for row in rows:
                            cp.write_row(
                                [json.dumps(row[c]) if c == "report" else row[c] for c in cols]
                            )
            raw.commit()
        finally:
            raw.close()
        return
    with engine.begin() as conn:
        for table, rows in parts:
            if rows:
                conn.execute(insert(table), rows)


def _size(kind: str, url: str) -> float:
    from sqlalchemy import create_engine, text

    if kind == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        total = sum(
            Path(str(path) + s).stat().st_size for s in ("", "-wal") if Path(str(path) + s).exists()
        )
        return round(total / 2**20, 1)
    engine = create_engine(url.replace("postgresql+psycopg", "postgresql+psycopg"))
    with engine.connect() as conn:
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    engine.dispose()
    return round(int(size) / 2**20, 1)


# -- the load ----------------------------------------------------------------------------------


def query_mix(url: str, seed: int) -> list[tuple[str, str]]:
    """(kind, path) requests drawn from what the database holds."""
    from sqlalchemy import create_engine, text

    rng = random.Random(seed)
    engine = create_engine(url)
    with engine.connect() as conn:
        stories = list(
            conn.execute(text("SELECT id FROM stories ORDER BY id LIMIT 2000")).scalars()
        )
        persons = list(
            conn.execute(
                text(
                    "SELECT DISTINCT entity_id FROM event_entities WHERE role = 'actor' "
                    "AND entity_id LIKE 'person:%' ORDER BY entity_id LIMIT 200"
                )
            ).scalars()
        )
    engine.dispose()
    common, rare = CODES[:5], CODES[-10:]
    types = ["REQUEST", "AID", "ASSAULT", "THREATEN", "CONSULT", "SANCTION"]
    words = ["missile", "Russia", "sanctions", "Su-30MK2", "drone", "ceasefire", "NATO"]
    mix: list[tuple[str, str]] = []
    for n in range(4000):
        day = date(2017, 1, 1) + timedelta(days=rng.randrange(3000))
        choice = n % 13
        if choice == 0:
            path = f"/api/events?offset={rng.choice((0, 50, 200, 1000))}"
            kind = "events:page"
        elif choice == 1:
            path = f"/api/events?type={rng.choice(types)}"
            kind = "events:type"
        elif choice == 2:
            path = f"/api/events?actor=country:{rng.choice(common + rare)}"
            kind = "events:actor"
        elif choice == 3:
            path = f"/api/events?actor={rng.choice(persons)}" if persons else "/api/events"
            kind = "events:actor"
        elif choice == 4:
            path = f"/api/events?country={rng.choice(common + rare)}"
            kind = "events:country"
        elif choice == 5:
            path = f"/api/events?status={rng.choice(['requested', 'agreed', 'delivered', 'cancelled'])}"
            kind = "events:status"
        elif choice == 6:
            path = f"/api/events?factuality={rng.choice(['reported', 'denied', 'hypothetical'])}"
            kind = "events:factuality"
        elif choice == 7:
            path = f"/api/events?since={day}&until={day + timedelta(days=rng.choice((1, 7, 30)))}"
            kind = "events:dates"
        elif choice == 8:
            q = rng.choice([*words, f"zq{rng.randrange(100000):07d}"])
            path = f"/api/events?q={q}"
            kind = "events:q"
        elif choice == 9:
            path = (
                f"/api/events?type={rng.choice(types)}&country={rng.choice(common)}"
                f"&since={day}&offset={rng.choice((0, 50))}"
            )
            kind = "events:combined"
        elif choice == 10:
            path = f"/api/stories/{rng.choice(stories)}" if stories else "/api/stories"
            kind = "stories:one"
        elif choice == 11:
            path = f"/api/stories?offset={rng.choice((0, 50, 500))}"
            kind = "stories:list"
        else:
            path = f"/api/stories?country={rng.choice(common)}&type={rng.choice(types)}"
            kind = "stories:list"
        mix.append((kind, path))
    return mix


def drive(base: str, mix: list[tuple[str, str]], seconds: float, concurrency: int) -> dict:
    """Run the mix from ``concurrency`` threads for ``seconds``; latencies per query kind."""
    import httpx

    results: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(w: int) -> None:
        local: list[tuple[str, float, bool]] = []
        with httpx.Client(base_url=base, timeout=30) as client:
            n = w
            while time.perf_counter() < stop:
                kind, path = mix[n % len(mix)]
                n += concurrency
                t0 = time.perf_counter()
                try:
                    ok = client.get(path).is_success
                except httpx.HTTPError:
                    ok = False
                local.append((kind, time.perf_counter() - t0, ok))
        with lock:
            for kind, dt, ok in local:
                results.setdefault(kind, []).append(dt)
                errors[kind] = errors.get(kind, 0) + (not ok)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(w,)) for w in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    out = {}
    everything = [dt for v in results.values() for dt in v]
    for kind, times in [*sorted(results.items()), ("all", everything)]:
        out[kind] = _percentiles(times, wall)
        out[kind]["errors"] = errors.get(kind, 0) if kind != "all" else sum(errors.values())
    return out


def _percentiles(times: list[float], wall: float) -> dict[str, Any]:
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    return {
        "requests": len(times),
        "rps": round(len(times) / wall, 1),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
    }


def _free_port() -> int:
    """A loopback port nobody listens on now (another server on a fixed port would answer
    the readiness probe and be measured instead)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_and_drive(url: str, args: argparse.Namespace) -> dict:
    import httpx

    port = _free_port()

    # this checkout's code, whichever environment runs it (an editable install may point elsewhere)
    env = {"NEWSTRACE_DB": url, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    command = [str(Path(sys.executable).parent / "newstrace"), "serve", "--port", str(port)]
    if args.workers > 1:
        command += ["--workers", str(args.workers)]
    server = subprocess.Popen(
        [*command, "--db", url],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 300
        while True:
            try:
                if httpx.get(base + "/api/events?limit=1", timeout=5).is_success:
                    break
            except httpx.HTTPError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit(f"bench_api: the server on {url} did not start")
            time.sleep(0.5)
        if server.poll() is not None:  # it exited: what answered is not ours
            raise SystemExit(f"bench_api: the server on {url} exited (port {port} taken?)")
        mix = query_mix(url, args.seed)
        drive(base, mix[:200], 3, args.concurrency)  # warm-up, not counted
        return drive(base, mix, args.seconds, args.concurrency)
    finally:
        server.terminate()
        server.wait(timeout=30)


Q_WORDS = ["missile", "Russia", "sanctions", "Su-30MK2", "drone", "ceasefire", "NATO", "zq0012345"]


def compare_q(url: str, rounds: int) -> dict[str, Any]:
    """Each ``q`` of the mix through ``list_events`` in this process, ``rounds`` times,
    alternating the words index (``WORDS = True``) with the way before it (text index, then
    the walk): median and max ms of each."""
    from newstrace.serve import queries
    from newstrace.store.engine import make_engine
    from newstrace.store.repository import Store

    store = Store(make_engine(url))
    times: dict[tuple[str, bool], list[float]] = {}
    try:
        for _ in range(rounds):
            for word in Q_WORDS:
                for words in (True, False):
                    queries.WORDS = words
                    t0 = time.perf_counter()
                    queries.list_events(store, queries.EventFilter(q=word), limit=50, offset=0)
                    times.setdefault((word, words), []).append(1000 * (time.perf_counter() - t0))
    finally:
        queries.WORDS = True
        store.close()
    out = {}
    for word in Q_WORDS:
        a, b = times[(word, True)], times[(word, False)]
        out[word] = {
            "words_median_ms": round(statistics.median(a), 1),
            "words_max_ms": round(max(a), 1),
            "before_median_ms": round(statistics.median(b), 1),
            "before_max_ms": round(max(b), 1),
        }
        print(f"  q={word:<12} {json.dumps(out[word])}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--story-reports", type=int, default=5000)
    parser.add_argument("--no-indexes", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    parser.add_argument(
        "--compare-q",
        type=int,
        default=0,
        metavar="ROUNDS",
        help="instead of the load: time each q with and without the words index, in-process",
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--data", type=Path, default=Path("/tmp/newstrace-bench"))
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--pg-db", default=PG_DB, help="PostgreSQL database name prefix")
    args = parser.parse_args()
    base = samples(args.data / "samples.json")
    out: dict[str, Any] = {"events": args.events, "indexes": not args.no_indexes, "dbs": {}}
    for kind in args.db:
        url = db_url(kind, args.data, args.events, not args.no_indexes, args.pg_db)
        loaded = load(kind, url, base, args)
        print(f"{kind}: {json.dumps(loaded)}", flush=True)
        if args.compare_q:
            out["dbs"][kind] = {"load": loaded, "compare_q": compare_q(url, args.compare_q)}
            continue
        measured = serve_and_drive(url, args)
        out["dbs"][kind] = {"load": loaded, "load_test": measured}
        for q, row in measured.items():
            print(
                f"  {q:<18} {row['requests']:>6} req {row['rps']:>7.1f} rps  p50 {row['p50_ms']:>6.1f}"
                f"  p95 {row['p95_ms']:>6.1f}  p99 {row['p99_ms']:>6.1f} ms  errors {row['errors']}",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
