"""Migrations: shipped in the package, run on open, idempotent, in step with the tables."""

from __future__ import annotations

import threading

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from newstrace.store import current_revision, head_revision, make_engine, open_store
from newstrace.store.indexes import is_dialect_object
from newstrace.store.migrate import MIGRATIONS_DIR
from newstrace.store.tables import Base

from .reports import make_report, variant_text

TABLES = {"articles", "entities", "events", "event_entities", "items", "alembic_version"}
TABLES |= {"stories", "story_events", "story_reports", "story_actors", "story_keys"}
TABLES |= {"resolved_articles", "event_countries", "text_terms", "text_words"}


def test_the_package_ships_its_migrations() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert (MIGRATIONS_DIR / "versions" / "0001_initial.py").is_file()
    assert (MIGRATIONS_DIR / "versions" / "0002_stories.py").is_file()
    assert (MIGRATIONS_DIR / "versions" / "0003_query_indexes.py").is_file()
    assert (MIGRATIONS_DIR / "versions" / "0004_link_order.py").is_file()
    assert (MIGRATIONS_DIR / "versions" / "0005_text_terms.py").is_file()
    assert head_revision() == "0005"


def test_open_creates_the_schema_at_head(db_url: str) -> None:
    with open_store(db_url) as store:
        names = set(inspect(store.engine).get_table_names())
        assert {n for n in names if not is_dialect_object(n)} == TABLES
        assert current_revision(store.engine) == head_revision()


def test_migrations_match_the_table_models(db_url: str) -> None:
    with open_store(db_url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_name": lambda name, _type, _parents: not is_dialect_object(name),
            },
        )
        assert compare_metadata(context, Base.metadata) == []


def test_reopening_an_existing_database_keeps_its_data(db_url: str) -> None:
    report, text_ = make_report()
    with open_store(db_url) as store:
        store.save(report, text=text_)
    with open_store(db_url) as store:
        assert store.get_report(report["article"]["id"]) == report
        assert store.count() == {"articles": 1, "events": 2, "entities": 7}
        assert store.save(report, text=text_) is False
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).all() == [
                ("0005",)
            ]


def test_concurrent_opens_of_a_new_database_migrate_once(db_url: str) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def opener(n: int) -> None:
        try:
            barrier.wait()
            with open_store(db_url) as store:
                report, text_ = make_report(variant_text(n))
                store.save(report, text=text_)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=opener, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM articles")).scalar_one() == 3
    finally:
        engine.dispose()
