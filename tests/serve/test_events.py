"""``GET /api/events``: every filter, checked against the reports themselves; one event."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newstrace.store.rows import parse_date
from tests.serve.conftest import Stored, pages

Pair = tuple[dict[str, Any], dict[str, Any]]


def _key(report: dict[str, Any], event: dict[str, Any]) -> tuple[str, str]:
    return report["article"]["id"], event["id"]


def _country_of(report: dict[str, Any]) -> dict[str, str | None]:
    return {e["id"]: e.get("country") for e in report["entities"]}


def _participants(event: dict[str, Any]) -> set[str]:
    return {*event["actors"], *event["recipients"], *event.get("intermediaries", [])}


def _when(event: dict[str, Any]) -> tuple[date | None, date | None]:
    when = event.get("when") or {}
    start = parse_date(when.get("start"), "start")
    end = parse_date(when.get("end"), "end", last=True)
    return start, end


def _overlaps(event: dict[str, Any], since: date, until: date) -> bool:
    start, end = _when(event)
    if start is None:
        return False
    return (end or start) >= since and start <= until


#: (query, what an event must be to match it), each computed from the reports.
FILTERS: list[tuple[str, Callable[[Pair], bool]]] = [
    ("type=REQUEST", lambda p: p[1]["type"] == "REQUEST"),
    (
        "type=AID&status=delivered",
        lambda p: p[1]["type"] == "AID" and p[1]["status"] == "delivered",
    ),
    ("mode=assist", lambda p: p[1].get("mode") == "assist"),
    ("status=requested", lambda p: p[1].get("status") == "requested"),
    ("factuality=reported", lambda p: p[1]["factuality"] == "reported"),
    ("actor=country:VEN", lambda p: "country:VEN" in p[1]["actors"]),
    ("entity=country:RUS", lambda p: "country:RUS" in _participants(p[1])),
    (
        "country=VEN",
        lambda p: any(_country_of(p[0]).get(e) == "VEN" for e in _participants(p[1])),
    ),
    (
        "country=ven&type=REQUEST",
        lambda p: (
            p[1]["type"] == "REQUEST"
            and any(_country_of(p[0]).get(e) == "VEN" for e in _participants(p[1]))
        ),
    ),
    (  # each participant filter drives the walk; the others are checked on the way
        "actor=country:VEN&type=REQUEST",
        lambda p: "country:VEN" in p[1]["actors"] and p[1]["type"] == "REQUEST",
    ),
    (
        "actor=country:VEN&country=RUS",
        lambda p: (
            "country:VEN" in p[1]["actors"]
            and any(_country_of(p[0]).get(e) == "RUS" for e in _participants(p[1]))
        ),
    ),
    (
        "entity=country:RUS&until=2025-10-31",
        lambda p: (
            "country:RUS" in _participants(p[1]) and _overlaps(p[1], date.min, date(2025, 10, 31))
        ),
    ),
    (
        "country=USA&since=2023-01-01&factuality=asserted",
        lambda p: (
            any(_country_of(p[0]).get(e) == "USA" for e in _participants(p[1]))
            and _overlaps(p[1], date(2023, 1, 1), date.max)
            and p[1]["factuality"] == "asserted"
        ),
    ),
    (
        "since=2025-10-01&until=2025-10-31",
        lambda p: _overlaps(p[1], date(2025, 10, 1), date(2025, 10, 31)),
    ),
    ("since=2025-11-01", lambda p: _overlaps(p[1], date(2025, 11, 1), date.max)),
    ("until=2023-12-31", lambda p: _overlaps(p[1], date.min, date(2023, 12, 31))),
]


@pytest.mark.parametrize(("query", "matches"), FILTERS, ids=[q for q, _ in FILTERS])
def test_filters_match_the_reports(
    client: TestClient, stored: Stored, query: str, matches: Callable[[Pair], bool]
) -> None:
    items = pages(client, f"/api/events?{query}&limit=7")
    keys = [(e["article_id"], e["event_id"]) for e in items]
    expected = {_key(r, e) for r, e in stored.events() if matches((r, e))}
    assert expected, f"the samples hold no event for {query}: pick another filter"
    assert set(keys) == expected
    assert len(keys) == len(expected)  # each once, over the pages
    starts = [e["when"]["start"] for e in items if e["when"]["start"]]
    assert starts == sorted(starts, reverse=True)  # newest first, undated last
    assert all(e["when"]["start"] is None for e in items[len(starts) :])


@pytest.mark.parametrize("word", ["Rostec", "su-30MK2", "ABRAMS"])
def test_text_search_finds_the_summary_or_the_article_text(
    client: TestClient, stored: Stored, word: str
) -> None:
    got = {(e["article_id"], e["event_id"]) for e in pages(client, f"/api/events?q={word}")}
    expected = {
        _key(r, e)
        for r, e in stored.events()
        if word.lower() in stored.texts[r["article"]["id"]].lower()
        or word.lower() in (e.get("summary") or "").lower()
    }
    assert expected and got == expected


def test_text_search_takes_percent_and_underscore_literally(client: TestClient) -> None:
    assert client.get("/api/events?q=%25%25%25").json()["items"] == []
    assert client.get("/api/events?q=___").json()["items"] == []


@pytest.mark.parametrize("q", ["zz", "a", ""])
def test_text_search_under_three_characters_is_refused(client: TestClient, q: str) -> None:
    response = client.get(f"/api/events?q={q}")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "api.invalid"
    assert any("q" in d and "3 characters" in d for d in error["details"]), error


def test_paging_covers_every_event_once_newest_first(client: TestClient, stored: Stored) -> None:
    items = pages(client, "/api/events?limit=5")
    keys = [(e["article_id"], e["event_id"]) for e in items]
    assert len(keys) == len(set(keys)) == len(stored.events())
    starts = [e["when"]["start"] for e in items if e["when"]["start"]]
    assert starts == sorted(starts, reverse=True)
    assert all(e["when"]["start"] is None for e in items[len(starts) :])


def test_an_event_summary_carries_its_participants_and_article(
    client: TestClient, stored: Stored
) -> None:
    report, event = next(
        p for p in stored.events() if p[1]["type"] == "REQUEST" and p[1]["recipients"]
    )
    row = next(
        e
        for e in pages(client, "/api/events?type=REQUEST")
        if (e["article_id"], e["event_id"]) == _key(report, event)
    )
    assert row["actors"] == sorted(set(event["actors"]))
    assert row["recipients"] == sorted(set(event["recipients"]))
    assert row["article"]["id"] == report["article"]["id"]
    assert row["article"]["title"] == report["article"]["title"]
    assert row["href"] == f"/api/events/{report['article']['id']}/{event['id']}"


def test_one_event_with_its_evidence_text_entities_and_story(
    client: TestClient, stored: Stored
) -> None:
    report, event = next(p for p in stored.events() if p[1]["type"] == "REQUEST" and p[1]["items"])
    article_id = report["article"]["id"]
    body = client.get(f"/api/events/{article_id}/{event['id']}").json()
    assert body["event"] == event
    text = stored.texts[article_id]
    assert body["evidence"] and all(
        ev["text"] == text[ev["start"] : ev["end"]] for ev in body["evidence"]
    )
    assert set(event["actors"]) <= {e["id"] for e in body["entities"]}
    stories = [
        s["id"]
        for s in stored.stories
        if any((m["article"], m["event"]) == (article_id, event["id"]) for m in s["events"])
    ]
    assert [body["story"]] == stories


def test_an_unknown_event_is_404(client: TestClient, stored: Stored) -> None:
    article_id = next(iter(stored.reports))
    for path in (f"/api/events/{article_id}/ev-nope", "/api/events/nope/ev-nope"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "api.not_found"
