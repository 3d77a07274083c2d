"""Migration 0005 (the words index of ``q``): a database at 0004 with data upgrades and keeps
it, its ``text_terms`` and ``text_words`` rows are what a save at head writes, a replaced report
replaces its words, and a downgrade to 0004 keeps the data, on both backends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select

from newstrace.store import current_revision, head_revision, make_engine, open_store, upgrade
from newstrace.store.tables import TextTermRow, TextWordRow
from newstrace.store.terms import query_word, suffixes, words

from .reports import downgrade, make_report, save_at_revision, variant_text

_TERMS = select(TextTermRow.term, TextTermRow.article_id, TextTermRow.newest).order_by(
    TextTermRow.term, TextTermRow.article_id
)
_WORDS = select(TextWordRow.suffix, TextWordRow.term).order_by(TextWordRow.suffix, TextWordRow.term)


def _rows(url: str, sql: Any) -> list[tuple[Any, ...]]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sql)]
    finally:
        engine.dispose()


def test_words_are_lower_case_runs_of_word_characters() -> None:
    assert words("Su-30MK2 jets; Russia's su_30 and ÉCLAIR, a 2 x") == {
        "30mk2",
        "russia",
        "su_30",
        "and",
        "éclair",
        "jets",
    }
    assert query_word('missile "units') == "missile"
    assert query_word("a-b-c") is None
    assert list(suffixes("drone")) == ["drone", "rone", "one"]


def test_a_0004_database_upgrades_with_its_words_filled(db_url: str, tmp_path: Path) -> None:
    reports = [make_report(variant_text(n)) for n in range(3)]
    engine = make_engine(db_url)
    try:
        upgrade(engine, "0004")
        for report, text_ in reports:
            save_at_revision(engine, report, text_)
    finally:
        engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        for report, _ in reports:
            assert store.get_report(report["article"]["id"]) == report
    terms, found_words = _rows(db_url, _TERMS), _rows(db_url, _WORDS)
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    with open_store(reference) as store:
        for report, text_ in reports:
            store.save(report, text=text_)
    assert (terms, found_words) == (_rows(reference, _TERMS), _rows(reference, _WORDS))
    assert terms and any(row[2] is not None for row in terms)
    assert {t for _, t in found_words} == {t for t, _, _ in terms}


def test_a_replaced_report_replaces_its_words(db_url: str) -> None:
    report, text_ = make_report()
    with open_store(db_url) as store:
        store.save(report, text=text_)
        before = _rows(db_url, _TERMS)
        changed = make_report(confidence=0.5)[0]
        assert store.save(changed, text=text_)
    assert _rows(db_url, _TERMS) == before  # deleted with the old rows, written again


def test_downgrade_to_0004_keeps_the_data(db_url: str) -> None:
    report, text_ = make_report()
    with open_store(db_url) as store:
        store.save(report, text=text_)
    engine = make_engine(db_url)
    try:
        downgrade(engine, "0004")
        assert current_revision(engine) == "0004"
        assert not {"text_terms", "text_words"} & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    with open_store(db_url) as store:  # and up again, the words refilled
        assert store.get_report(report["article"]["id"]) == report
    assert _rows(db_url, _TERMS)
