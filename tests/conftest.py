"""Fixtures shared by the whole suite.

* ``--update-golden`` rewrites golden files instead of comparing with them (review the diff).
* ``db_url`` gives an empty database once per backend: a SQLite file and PostgreSQL. PostgreSQL
  is the server at ``$NEWSTRACE_TEST_PG`` (default
  ``postgresql+psycopg://postgres@127.0.0.1:5432/test``); each test gets a fresh schema, named in
  the URL's ``options=-csearch_path=...``, dropped afterwards. The suite never skips it: a
  missing server fails the tests that need it.
* ``engine`` is the NLP pipeline and extractor, loaded once per session.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_de89d05e413b82ac.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
PG_URL = os.environ.get("NEWSTRACE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files with the current output instead of comparing",
    )


def _pg_schema_url(schema: str) -> str:
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose connections work in a new, empty schema."""
    schema = f"nt_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        pytest.fail(f"PostgreSQL is needed for these tests ({PG_URL}): {exc}", pytrace=False)
    try:
        yield _pg_schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A URL of an empty database, once per backend."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture(scope="session")
def engine():  # type: ignore[no-untyped-def]
    from newstrace.pipeline import Engine

    return Engine()
