"""Migration 0003 (query indexes): a database at 0002 with data upgrades and keeps it, and the
indexes and text search it adds are there and kept in step with writes, on both backends."""

from __future__ import annotations

from sqlalchemy import text

from newstrace.store import current_revision, head_revision, make_engine, open_store, upgrade
from newstrace.store.indexes import FTS, ORDERED, TRIGRAM, has_text_index

from .reports import downgrade, make_report, save_at_revision, variant_text


def _index_names(url: str) -> set[str]:
    """Every index name in the database, from the catalogue (expression indexes included)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                query = "SELECT name FROM sqlite_master WHERE type = 'index'"
            else:
                query = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            return set(conn.execute(text(query)).scalars())
    finally:
        engine.dispose()


def test_a_0002_database_with_data_upgrades_and_keeps_it(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine, "0002")
        assert current_revision(engine) == "0002"
    finally:
        engine.dispose()
    with_old = [make_report(variant_text(n)) for n in range(3)]
    # written as the 0002 schema holds it (open_store would migrate, so by hand)
    engine = make_engine(db_url)
    for report, text_ in with_old:
        save_at_revision(engine, report, text_)
    engine.dispose()
    assert "ix_events_type" in _index_names(db_url)

    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        for report, _ in with_old:
            assert store.get_report(report["article"]["id"]) == report
        assert store.count() == {"articles": 3, "events": 6, "entities": 21}
        with store.engine.connect() as conn:
            assert has_text_index(conn)
            if conn.dialect.name == "sqlite":  # the FTS tables were filled from the old rows
                for fts, _, _ in FTS:
                    rows = conn.execute(text(f"SELECT count(*) FROM {fts}")).scalar_one()
                    assert rows == (3 if fts == "articles_fts" else 6)
    names = _index_names(db_url)
    assert {n for n, _, _ in ORDERED} <= names
    assert "ix_events_type" not in names
    if db_url.startswith("postgresql"):
        assert {n for n, _, _ in TRIGRAM} <= names


def test_downgrade_to_0002_restores_the_old_indexes(db_url: str) -> None:
    report, text_ = make_report()
    with open_store(db_url) as store:
        store.save(report, text=text_)
    engine = make_engine(db_url)
    try:
        downgrade(engine, "0002")
        assert current_revision(engine) == "0002"
        with engine.connect() as conn:
            assert not has_text_index(conn)
    finally:
        engine.dispose()
    names = _index_names(db_url)
    assert "ix_events_type" in names
    assert not {n for n, _, _ in ORDERED} & names
    with open_store(db_url) as store:  # and up again
        assert store.get_report(report["article"]["id"]) == report


def test_text_index_follows_saves_and_replacements(sqlite_url: str) -> None:
    report, text_ = make_report()
    with open_store(sqlite_url) as store:
        store.save(report, text=text_)
        changed = make_report(confidence=0.5)[0]
        assert store.save(changed, text=text_)  # replaced: rows deleted and inserted again
        with store.engine.connect() as conn:
            hits = conn.execute(
                text("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :q"),
                {"q": '"nicolás maduro"'},
            ).scalar_one()
            total = conn.execute(text("SELECT count(*) FROM events_fts")).scalar_one()
    assert hits == 1
    assert total == len(changed["events"])
