"""Migration 0004 (link tables in the API's order): a database at 0003 with data upgrades and
keeps it, the copies of ``when_start`` and the ``event_countries`` rows are what a save at
head writes, and a downgrade to 0003 keeps the data, on both backends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select, text

from newstrace.store import current_revision, head_revision, make_engine, open_store, upgrade
from newstrace.store.indexes import ORDERED_LINKS
from newstrace.store.tables import EventCountryRow, EventEntityRow

from .reports import downgrade, make_report, save_at_revision, variant_text

_LINKS = select(
    EventEntityRow.article_id,
    EventEntityRow.event_id,
    EventEntityRow.entity_id,
    EventEntityRow.role,
    EventEntityRow.when_start,
).order_by(EventEntityRow.article_id, EventEntityRow.event_id, EventEntityRow.entity_id)
_COUNTRIES = select(
    EventCountryRow.article_id,
    EventCountryRow.event_id,
    EventCountryRow.country,
    EventCountryRow.when_start,
).order_by(EventCountryRow.article_id, EventCountryRow.event_id, EventCountryRow.country)


def _rows(url: str, sql: Any) -> list[tuple[Any, ...]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sql)]
    finally:
        engine.dispose()


def _index_names(url: str) -> set[str]:
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


def _saved_at_head(url: str, reports: list[tuple[dict[str, Any], str]]) -> tuple[list, list]:
    with open_store(url) as store:
        for report, text_ in reports:
            store.save(report, text=text_)
    return _rows(url, _LINKS), _rows(url, _COUNTRIES)


def test_a_0003_database_upgrades_with_its_links_filled(db_url: str, tmp_path: Path) -> None:
    reports = [make_report(variant_text(n)) for n in range(3)]
    engine = make_engine(db_url)
    try:
        upgrade(engine, "0003")
        for report, text_ in reports:
            save_at_revision(engine, report, text_)
    finally:
        engine.dispose()
    assert not {n for n, _, _ in ORDERED_LINKS} & _index_names(db_url)

    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        for report, _ in reports:
            assert store.get_report(report["article"]["id"]) == report
        assert store.count() == {"articles": 3, "events": 6, "entities": 21}
    links, countries = _rows(db_url, _LINKS), _rows(db_url, _COUNTRIES)
    # the same rows as the store writes at head (a fresh SQLite file is the reference)
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    assert (links, countries) == _saved_at_head(reference, reports)
    assert countries and any(row[4] is not None for row in links)
    assert {n for n, _, _ in ORDERED_LINKS} <= _index_names(db_url)


def test_downgrade_to_0003_keeps_the_data(db_url: str) -> None:
    report, text_ = make_report()
    with open_store(db_url) as store:
        store.save(report, text=text_)
    engine = make_engine(db_url)
    try:
        downgrade(engine, "0003")
        assert current_revision(engine) == "0003"
        assert "event_countries" not in inspect(engine).get_table_names()
        columns = {c["name"] for c in inspect(engine).get_columns("event_entities")}
        assert "when_start" not in columns
    finally:
        engine.dispose()
    assert not {n for n, _, _ in ORDERED_LINKS} & _index_names(db_url)
    with open_store(db_url) as store:  # and up again, the links refilled
        assert store.get_report(report["article"]["id"]) == report
    assert _rows(db_url, _COUNTRIES)


def test_a_replaced_report_replaces_its_country_rows(db_url: str) -> None:
    report, text_ = make_report()
    with open_store(db_url) as store:
        store.save(report, text=text_)
        before = _rows(db_url, _COUNTRIES)
        changed = make_report(confidence=0.5)[0]
        assert store.save(changed, text=text_)
    assert _rows(db_url, _COUNTRIES) == before  # deleted with the old rows, written again
