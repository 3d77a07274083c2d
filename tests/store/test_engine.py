"""URLs, drivers, in-memory SQLite and one-line errors."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from newstrace.errors import StoreError
from newstrace.store import open_store, parse_url, safe_url

from .reports import make_report


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://u:p@db.example/news", "postgresql+psycopg"),
        ("postgres://u@db.example/news", "postgresql+psycopg"),
        ("postgresql+psycopg2://u@db.example/news", "postgresql+psycopg"),
        ("postgresql+psycopg://u@db.example/news", "postgresql+psycopg"),
        ("sqlite:///newstrace.db", "sqlite"),
        ("sqlite://", "sqlite"),
    ],
)
def test_urls_get_the_installed_driver(url: str, driver: str) -> None:
    assert parse_url(url).drivername == driver


def test_safe_url_hides_the_password() -> None:
    assert safe_url("postgresql://news:s3cret@db.example:5432/news") == (
        "postgresql+psycopg://news:***@db.example:5432/news"
    )


def test_in_memory_sqlite_is_one_database_across_connections_and_threads() -> None:
    with open_store("sqlite://") as store:
        report, text_ = make_report()
        seen: list[object] = []
        thread = threading.Thread(target=lambda: seen.append(store.save(report, text=text_)))
        thread.start()
        thread.join()
        assert seen == [True]
        assert store.get_report(report["article"]["id"]) == report
        assert store.count()["articles"] == 1


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", "cannot open database 'not a url': not a database URL"),
        ("nosuchdb://x/y", "cannot open database nosuchdb://x/y: no driver for 'nosuchdb'"),
        (
            "postgresql://news:s3cret@127.0.0.1:1/news",
            "cannot open database postgresql+psycopg://news:***@127.0.0.1:1/news: ",
        ),
        ("sqlite:////no/such/dir/x.db", "cannot open database sqlite:////no/such/dir/x.db: "),
    ],
)
def test_a_bad_url_is_one_line_store_error(url: str, expected: str) -> None:
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert message.startswith(expected)
    assert "\n" not in message
    assert "s3cret" not in message
    assert caught.value.code == "store"


def test_sqlite_file_pragmas(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'p.db'}") as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() == 30000


@pytest.mark.postgres
def test_plain_postgresql_url_is_accepted(pg_url: str) -> None:
    assert pg_url.startswith("postgresql+psycopg://")
    with open_store(pg_url.replace("postgresql+psycopg://", "postgresql://", 1)) as store:
        assert store.engine.dialect.driver == "psycopg"
        assert store.url.startswith("postgresql+psycopg://")
        report, text_ = make_report()
        assert store.save(report, text=text_) is True
        with store.engine.connect() as conn:
            column_type = conn.execute(
                text(
                    "SELECT data_type FROM information_schema.columns WHERE "
                    "table_schema = current_schema() AND table_name = 'articles' "
                    "AND column_name = 'report'"
                )
            ).scalar_one()
        assert column_type == "jsonb"
