"""``GET /api/entities`` (kind, name search, country) and ``GET /api/entities/{id}``."""

from __future__ import annotations

from collections import Counter

from fastapi.testclient import TestClient

from tests.serve.conftest import Stored, pages


def _named(stored: Stored) -> Counter[str]:
    return Counter(e["id"] for r in stored.reports.values() for e in r["entities"])


def test_list_gives_each_entity_once_most_often_named_first(
    client: TestClient, stored: Stored
) -> None:
    items = pages(client, "/api/entities?limit=25")
    named = _named(stored)
    assert {e["id"]: e["articles"] for e in items} == dict(named)
    counts = [e["articles"] for e in items]
    assert counts == sorted(counts, reverse=True)


def test_kind_and_country_filters(client: TestClient, stored: Stored) -> None:
    people = {e["id"] for e in pages(client, "/api/entities?kind=person")}
    expected = {
        e["id"] for r in stored.reports.values() for e in r["entities"] if e["kind"] == "person"
    }
    assert people == expected and "person:nicolas-maduro" in people
    venezuelan = {e["id"] for e in pages(client, "/api/entities?country=ven")}
    assert "person:nicolas-maduro" in venezuelan and "person:vladimir-putin" not in venezuelan


def test_name_search_is_case_insensitive(client: TestClient) -> None:
    found = [e["id"] for e in pages(client, "/api/entities?q=MADURO")]
    assert "person:nicolas-maduro" in found
    assert pages(client, "/api/entities?q=no-such-name-anywhere") == []


def test_one_entity_with_names_roles_articles_and_events(
    client: TestClient, stored: Stored
) -> None:
    entity_id = "person:nicolas-maduro"
    body = client.get(f"/api/entities/{entity_id}").json()
    assert body["entity"]["id"] == entity_id and body["entity"]["kind"] == "person"
    assert "Nicolás Maduro" in body["names"]
    naming = {
        a for a, r in stored.reports.items() if any(e["id"] == entity_id for e in r["entities"])
    }
    assert {a["id"] for a in body["articles"]} == naming
    taking_part = {
        (r["article"]["id"], e["id"])
        for r, e in stored.events()
        if entity_id in {*e["actors"], *e["recipients"], *e.get("intermediaries", [])}
    }
    assert {
        (e["event"]["article_id"], e["event"]["event_id"]) for e in body["events"]
    } == taking_part
    assert {e["role"] for e in body["events"]} <= {"actor", "recipient", "intermediary"}


def test_an_unknown_entity_is_404(client: TestClient) -> None:
    response = client.get("/api/entities/person:nobody-at-all")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "api.not_found"
