"""Store: save and read back, idempotence, replacement, atomic failure, concurrency."""

from __future__ import annotations

import copy
import threading
from typing import Any

import pytest
from sqlalchemy import event, func, select, text

from newstrace.errors import StoreError
from newstrace.store import Store, open_store
from newstrace.store.tables import ArticleRow, Base, EventEntityRow, EventRow, ItemRow

from .reports import SEED_TEXT, make_report, variant_text

#: The tables of reports (the story tables of migration 0002 have their own tests).
REPORT_TABLES = {
    name: table
    for name, table in Base.metadata.tables.items()
    if name in ("articles", "entities", "events", "event_entities", "items")
}


def table_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in REPORT_TABLES.items()
        }


def rows_of(store: Store, article_id: str) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            name: conn.execute(
                select(func.count())
                .select_from(table)
                .where((table.c.id if name == "articles" else table.c.article_id) == article_id)
            ).scalar_one()
            for name, table in REPORT_TABLES.items()
        }


def test_save_then_get_report_round_trips(store: Store) -> None:
    report, text_ = make_report()
    assert store.save(report, text=text_, source="seeds/000.txt", bytes_sha256="ab" * 32) is True
    article_id = report["article"]["id"]
    assert store.get_report(article_id) == report
    assert store.get_text(article_id) == text_
    assert store.count() == {"articles": 1, "events": 2, "entities": 7}


def test_rows_copy_out_the_queryable_fields(store: Store) -> None:
    report, text_ = make_report()
    store.save(report, text=text_)
    article_id = report["article"]["id"]
    assert rows_of(store, article_id) == {
        "articles": 1, "entities": 7, "events": 2, "event_entities": 7, "items": 4,
    }  # fmt: skip
    with store.engine.connect() as conn:
        request = conn.execute(select(EventRow).where(EventRow.type == "REQUEST")).one()
        assert (request.status, request.factuality, request.negated) == (
            "requested", "reported", False,
        )  # fmt: skip
        assert request.when_start.isoformat() == "2025-10-11"
        assert request.when_end.isoformat() == "2025-10-20"
        items = conn.execute(
            select(ItemRow.idx, ItemRow.quantity_value, ItemRow.quantity_kind, ItemRow.action)
            .where(ItemRow.event_id == request.event_id)
            .order_by(ItemRow.idx)
        ).all()
        assert [tuple(i) for i in items] == [
            (0, 14.0, "exact", "supply"),
            (1, None, "vague", "restore"),
            (2, 8.0, "exact", "overhaul"),
            (3, 5.0, "exact", "overhaul"),
        ]
        # "country:RUS" is listed twice among the recipients: one row.
        roles = conn.execute(
            select(EventEntityRow.role, EventEntityRow.entity_id)
            .where(EventEntityRow.event_id == request.event_id)
            .order_by(EventEntityRow.role, EventEntityRow.entity_id)
        ).all()
        assert [tuple(r) for r in roles] == [
            ("actor", "country:VEN"),
            ("actor", "person:nicolas-maduro"),
            ("intermediary", "org:rostec"),
            ("recipient", "country:RUS"),
            ("recipient", "person:vladimir-putin"),
        ]


def test_saving_the_same_report_twice_changes_nothing(store: Store) -> None:
    report, text_ = make_report()
    assert store.save(report, text=text_) is True
    before = table_counts(store)
    with store.engine.connect() as conn:
        analysed_at = conn.execute(select(ArticleRow.analysed_at)).scalar_one()
    assert store.save(copy.deepcopy(report), text=text_) is False
    assert table_counts(store) == before
    with store.engine.connect() as conn:
        assert conn.execute(select(ArticleRow.analysed_at)).scalar_one() == analysed_at


def test_a_changed_report_replaces_the_stored_one(store: Store) -> None:
    old, text_ = make_report(status="requested", confidence=0.8)
    store.save(old, text=text_)
    new = copy.deepcopy(old)
    new["events"][0]["status"] = "agreed"
    new["events"][0]["items"] = new["events"][0]["items"][:1]
    del new["events"][1]
    assert store.save(new, text=text_) is True
    article_id = old["article"]["id"]
    assert store.get_report(article_id) == new
    assert rows_of(store, article_id) == {
        "articles": 1, "entities": 7, "events": 1, "event_entities": 5, "items": 1,
    }  # fmt: skip
    with store.engine.connect() as conn:
        assert conn.execute(select(EventRow.status)).scalars().all() == ["agreed"]


def test_a_failed_save_leaves_nothing_behind(store: Store) -> None:
    report, text_ = make_report()
    report["events"].append(copy.deepcopy(report["events"][0]))  # the event id repeats
    with pytest.raises(StoreError) as caught:
        store.save(report, text=text_)
    message = str(caught.value)
    assert message.startswith(f"cannot save article {report['article']['id']}: ")
    assert "\n" not in message
    assert table_counts(store) == dict.fromkeys(REPORT_TABLES, 0)


def _fail_on_insert_into(store: Store, table: str) -> None:
    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()} "):
            raise RuntimeError(f"disk on fire while writing {table}")

    event.listen(store.engine, "before_cursor_execute", before)


def test_an_error_on_the_last_insert_rolls_back_the_whole_save(store: Store) -> None:
    report, text_ = make_report()
    _fail_on_insert_into(store, "items")
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save(report, text=text_)
    assert store.get_report(report["article"]["id"]) is None
    assert table_counts(store) == dict.fromkeys(REPORT_TABLES, 0)


def test_a_failed_replacement_keeps_the_old_report(store: Store) -> None:
    old, text_ = make_report()
    store.save(old, text=text_)
    before = table_counts(store)
    new = copy.deepcopy(old)
    new["events"][0]["status"] = "delivered"
    _fail_on_insert_into(store, "items")
    with pytest.raises(RuntimeError):
        store.save(new, text=text_)
    assert store.get_report(old["article"]["id"]) == old
    assert table_counts(store) == before


def test_list_articles_newest_first_undated_last(store: Store) -> None:
    from datetime import date

    dates = [date(2025, 10, 1), None, date(2025, 11, 2), date(2025, 10, 15)]
    for n, published in enumerate(dates):
        report, text_ = make_report(variant_text(n), published=published, outlet=f"o{n}")
        store.save(report, text=text_, source=f"in/{n}.txt")
    rows = store.list_articles()
    assert [r["published"] for r in rows] == ["2025-11-02", "2025-10-15", "2025-10-01", None]
    assert rows[0]["outlet_id"] == "o2" and rows[0]["source"] == "in/2.txt"
    assert set(rows[0]) == {
        "id", "url", "outlet_id", "outlet_name", "title", "published", "published_basis",
        "language", "chars", "source", "bytes_sha256", "analysed_at",
    }  # fmt: skip
    assert [r["id"] for r in store.list_articles(limit=2, offset=1)] == [r["id"] for r in rows[1:3]]


def test_iter_reports_reads_every_report_across_pages(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newstrace.store.repository.PAGE_SIZE", 2)
    saved = {}
    for n in range(5):
        report, text_ = make_report(variant_text(n))
        store.save(report, text=text_)
        saved[report["article"]["id"]] = report
    reports = list(store.iter_reports())
    assert [r["article"]["id"] for r in reports] == sorted(saved)
    assert all(r == saved[r["article"]["id"]] for r in reports)


def test_unknown_article_reads_as_none(store: Store) -> None:
    assert store.get_report("0" * 64) is None
    assert store.get_text("0" * 64) is None
    assert list(store.iter_reports()) == []
    assert store.list_articles() == []


def test_text_must_be_the_text_the_report_was_made_from(store: Store) -> None:
    report, text_ = make_report()
    with pytest.raises(StoreError, match="not the text it was analysed from"):
        store.save(report, text=text_ + " ")
    assert store.count()["articles"] == 0


def test_two_threads_write_the_same_sqlite_file(tmp_path: Any) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(worker: int) -> None:
        try:
            with open_store(url) as store:
                barrier.wait()
                for n in range(15):
                    report, text_ = make_report(variant_text(worker * 100 + n))
                    assert store.save(report, text=text_) is True
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(url) as store:
        assert store.count() == {"articles": 30, "events": 60, "entities": 210}
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_one_store_shared_by_threads_saving_the_same_article(db_url: str) -> None:
    """Racing saves of one article: exactly one of them is new, none fails."""
    report, text_ = make_report()
    results: list[bool] = []
    errors: list[BaseException] = []
    with open_store(db_url) as store:
        barrier = threading.Barrier(4)

        def writer() -> None:
            try:
                barrier.wait()
                results.append(store.save(report, text=text_))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=writer) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert sorted(results) == [False, False, False, True]
        assert store.count()["articles"] == 1


def test_seed_text_is_normalised() -> None:
    from newstrace.model.article import normalise_text

    assert normalise_text(SEED_TEXT) == SEED_TEXT


def test_racing_replacements_leave_one_whole_report(db_url: str) -> None:
    """Writers replacing one article with different reports: the last one wins, whole."""
    first, text_ = make_report()
    variants = [make_report(confidence=c)[0] for c in (0.1, 0.2, 0.3, 0.4)]
    errors: list[BaseException] = []
    with open_store(db_url) as store:
        store.save(first, text=text_)
        barrier = threading.Barrier(len(variants))

        def writer(report: dict[str, Any]) -> None:
            try:
                barrier.wait()
                assert store.save(report, text=text_) is True
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(v,)) for v in variants]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert store.get_report(first["article"]["id"]) in variants
        assert table_counts(store) == {
            "articles": 1, "entities": 7, "events": 2, "event_entities": 7, "items": 4,
        }  # fmt: skip
