"""``GET /api/articles`` and ``GET /api/articles/{id}`` over the filled store."""

from __future__ import annotations

import hashlib

from fastapi.testclient import TestClient

from tests.serve.conftest import Stored, pages


def test_list_pages_through_every_article_newest_first(client: TestClient, stored: Stored) -> None:
    items = pages(client, "/api/articles?limit=3")
    ids = [a["id"] for a in items]
    assert sorted(ids) == sorted(stored.reports)
    assert len(ids) == len(set(ids))
    dates = [a["published"] for a in items if a["published"]]
    assert dates == sorted(dates, reverse=True)


def test_a_page_says_where_the_next_one_is(client: TestClient, stored: Stored) -> None:
    first = client.get("/api/articles?limit=2").json()
    assert (first["limit"], first["offset"], len(first["items"])) == (2, 0, 2)
    assert first["next"] == "/api/articles?limit=2&offset=2"
    last = client.get(f"/api/articles?limit=2&offset={len(stored.reports) - 1}").json()
    assert len(last["items"]) == 1 and last["next"] is None
    assert client.get("/api/articles?offset=10000").json()["items"] == []


def test_one_article_has_its_report_and_the_text_of_its_offsets(
    client: TestClient, stored: Stored
) -> None:
    article_id = next(iter(stored.reports))
    body = client.get(f"/api/articles/{article_id}").json()
    assert body["article"]["id"] == article_id
    assert body["report"] == stored.reports[article_id]
    assert hashlib.sha256(body["text"].encode("utf-8")).hexdigest() == article_id
    assert body["article"]["chars"] == len(body["text"])


def test_an_unknown_article_is_404(client: TestClient) -> None:
    response = client.get("/api/articles/" + "0" * 64)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "api.not_found"
