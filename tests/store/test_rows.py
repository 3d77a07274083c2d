"""Reports to rows: dates and the fields the tables need."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from newstrace.errors import StoreError
from newstrace.store.rows import canonical, parse_date, report_rows

from .reports import make_report


@pytest.mark.parametrize(
    ("value", "last", "expected"),
    [
        (None, False, None),
        ("", False, None),
        ("2025-10-15", False, date(2025, 10, 15)),
        ("2025-10-15T08:30:00+00:00", False, date(2025, 10, 15)),
        ("2025-10", False, date(2025, 10, 1)),
        ("2025-02", True, date(2025, 2, 28)),
        ("2025", False, date(2025, 1, 1)),
        ("2025", True, date(2025, 12, 31)),
    ],
)
def test_parse_date(value: Any, last: bool, expected: date | None) -> None:
    assert parse_date(value, "x", last=last) == expected


@pytest.mark.parametrize("value", ["mid-October", "2025-13-01", 20251015, "25-10"])
def test_parse_date_refuses_what_is_not_an_iso_date(value: Any) -> None:
    with pytest.raises(StoreError, match=r"^cannot store report: events\[0\]\.when\.start "):
        parse_date(value, "events[0].when.start")


def _rows(report: dict[str, Any], text: str) -> Any:
    return report_rows(
        canonical(report), text=text, source=None, bytes_sha256=None, analysed_at=datetime.now(UTC)
    )


def test_report_rows_counts() -> None:
    report, text = make_report()
    rows = _rows(report, text)
    assert rows.article["published"] == date(2025, 11, 1)
    assert (len(rows.entities), len(rows.events), len(rows.event_entities), len(rows.items)) == (
        7, 2, 7, 4,
    )  # fmt: skip


def test_link_rows_carry_their_event_start_and_countries() -> None:
    report, text = make_report()
    rows = _rows(report, text)
    start = {e["event_id"]: e["when_start"] for e in rows.events}
    assert all(link["when_start"] == start[link["event_id"]] for link in rows.event_entities)
    country = {e["entity_id"]: e["country"] for e in rows.entities}
    expected = {
        (link["event_id"], country[link["entity_id"]])
        for link in rows.event_entities
        if country.get(link["entity_id"])
    }
    got = [(c["event_id"], c["country"]) for c in rows.event_countries]
    assert expected and sorted(got) == sorted(expected)  # once per event and country
    assert all(c["when_start"] == start[c["event_id"]] for c in rows.event_countries)


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda r: r.pop("article"), "report.article is missing"),
        (lambda r: r["article"].pop("id"), "article.id is missing"),
        (lambda r: r["events"][1].pop("type"), r"events\[1\].type is missing"),
        (lambda r: r["entities"][0].update(name=None), r"entities\[0\].name is missing"),
        (lambda r: r["article"].update(published="yesterday"), "article.published is not"),
    ],
)
def test_a_malformed_report_names_the_field(break_it: Any, message: str) -> None:
    report, text = make_report()
    break_it(report)
    with pytest.raises(StoreError, match=message):
        _rows(report, text)


def test_a_report_that_is_not_json_is_refused() -> None:
    report, _ = make_report()
    report["warnings"].append(object())
    with pytest.raises(StoreError, match="not JSON"):
        canonical(report)
