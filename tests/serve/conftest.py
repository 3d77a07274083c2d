"""Fixtures: the API over a filled store, once per backend (a SQLite file and PostgreSQL).

Reading tests share one store per backend for the whole package (``filled_url``), filled by
analysing four sample files with the session's ``engine`` and merging the reports into stories.
Writing tests take the empty store of the ``db_url`` fixture (``tests/conftest.py``) instead.
``reports`` gives every stored report and text, so tests can compute what the API should answer
from the reports themselves rather than from figures copied into the test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from newstrace.cli_stories import sync_stories
from newstrace.pipeline import Engine, run
from newstrace.serve import create_app
from newstrace.settings import Settings
from newstrace.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
FILES = [
    SAMPLES / "jsonl" / "2025-11_venezuela-russia-aid.jsonl",
    SAMPLES / "html" / "2025-10-31_moscowtimes_maduro-putin-aid-wapo.html",
    SAMPLES / "html" / "2023-01-25_ap_biden-abrams-tanks-ukraine.html",
    SAMPLES / "text" / "2018-09-24_ap_taiwan-aircraft-parts-sale.txt",
]
PG_URL = os.environ.get("NEWSTRACE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TOKEN = "test-token-0123456789"


def fill(url: str, engine: Engine) -> None:
    """Analyse :data:`FILES` into the store at ``url`` and merge the reports into stories."""
    with open_store(url) as store:
        outcomes = list(run([str(p) for p in FILES], engine=engine, store=store))
        assert outcomes and all(o.ok for o in outcomes), [str(o.error) for o in outcomes]
        sync_stories(store)


@pytest.fixture(
    scope="package", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def filled_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, engine: Engine
) -> Iterator[str]:
    """The URL of a store holding the sample reports and their stories, once per backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'store.db'}"
        fill(url, engine)
        yield url
        return
    schema = f"nt_serve_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        pytest.fail(f"PostgreSQL is needed for these tests ({PG_URL}): {exc}", pytrace=False)
    sep = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    try:
        fill(url, engine)
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="package")
def client(filled_url: str) -> Iterator[TestClient]:
    """A client of the read-only API over the filled store (writes refused: no analyser)."""
    app = create_app(Settings(db=filled_url, api_token=TOKEN))
    with TestClient(app) as opened:
        yield opened


@dataclass(frozen=True)
class Stored:
    reports: dict[str, dict[str, Any]]  # article id -> report
    texts: dict[str, str]
    stories: list[dict[str, Any]]

    def events(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """Every (report, event) pair."""
        return [(r, e) for r in self.reports.values() for e in r["events"]]


@pytest.fixture(scope="package")
def stored(filled_url: str) -> Stored:
    with open_store(filled_url) as store:
        reports = {r["article"]["id"]: r for r in store.iter_reports()}
        texts = store.get_texts(reports)
        stories = store.get_stories(s["id"] for s in store.list_stories(limit=10_000))
    return Stored(reports, texts, stories)


def pages(client: TestClient, path: str) -> list[dict[str, Any]]:
    """Every item of a paged list, following ``next`` to the end."""
    items: list[dict[str, Any]] = []
    url: str | None = path
    for _ in range(1000):
        if url is None:
            return items
        response = client.get(url)
        assert response.status_code == 200, response.text
        body = response.json()
        items.extend(body["items"])
        url = body["next"]
    raise AssertionError(f"{path}: paging does not end")
