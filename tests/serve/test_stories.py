"""``GET /api/stories`` (the filters of ``newstrace stories``) and ``GET /api/stories/{id}``."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.serve.conftest import Stored, pages


def _codes(story: dict[str, Any], *roles: str) -> set[str]:
    return {v["value"] for role in roles for v in story["fields"].get(role, [])}


def test_list_pages_through_every_story(client: TestClient, stored: Stored) -> None:
    items = pages(client, "/api/stories?limit=4")
    assert sorted(s["id"] for s in items) == [s["id"] for s in stored.stories]
    firsts = [s["first_reported"] for s in items if s["first_reported"]]
    assert firsts == sorted(firsts, reverse=True)
    assert all(s["href"] == f"/api/stories/{s['id']}" for s in items)


@pytest.mark.parametrize(
    ("query", "matches"),
    [
        ("type=REQUEST", lambda s: s["type"] == "REQUEST"),
        ("status=agreed", lambda s: s["status"] == "agreed"),
        ("country=VEN", lambda s: "VEN" in _codes(s, "actors", "recipients")),
        ("actor=USA", lambda s: "USA" in _codes(s, "actors")),
        (
            "since=2025-01-01&until=2025-10-31",
            lambda s: (
                (s["spread"].get("first") or "") <= "2025-10-31"
                and (s["spread"].get("last") or s["spread"].get("first") or "") >= "2025-01-01"
            ),
        ),
    ],
)
def test_filters_match_the_stories(
    client: TestClient, stored: Stored, query: str, matches: Any
) -> None:
    got = {s["id"] for s in pages(client, f"/api/stories?{query}")}
    expected = {s["id"] for s in stored.stories if matches(s)}
    assert expected, f"the samples hold no story for {query}"
    assert got == expected


def test_one_story_has_its_timeline_sources_and_discrepancies(
    client: TestClient, stored: Stored
) -> None:
    story = max(stored.stories, key=lambda s: len(s["reports"]))
    assert len(story["reports"]) > 1, "the samples should give a story told by several outlets"
    body = client.get(f"/api/stories/{story['id']}").json()
    assert body == story
    for key in ("timeline", "reports", "discrepancies", "independent_sources", "credibility"):
        assert key in body


def test_a_story_is_found_by_a_prefix_with_or_without_story(
    client: TestClient, stored: Stored
) -> None:
    story_id = stored.stories[0]["id"]
    short = story_id.removeprefix("story:")[:10]
    for path in (short, f"story:{short}", story_id):
        assert client.get(f"/api/stories/{path}").json()["id"] == story_id


def test_an_unknown_story_is_404(client: TestClient) -> None:
    response = client.get("/api/stories/story:ffffffffffffffff")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "api.not_found"
