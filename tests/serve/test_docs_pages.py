"""The OpenAPI document, and Swagger UI and ReDoc served with their assets from the app itself."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

ROUTES = {
    ("/api/articles", "get"),
    ("/api/articles", "post"),
    ("/api/articles/{article_id}", "get"),
    ("/api/events", "get"),
    ("/api/events/{article_id}/{event_id}", "get"),
    ("/api/stories", "get"),
    ("/api/stories/{story_id}", "get"),
    ("/api/entities", "get"),
    ("/api/entities/{entity_id}", "get"),
    ("/api/export/reports.jsonl", "get"),
    ("/api/export/stories.jsonl", "get"),
    ("/api/network", "get"),
    ("/api/places", "get"),
}

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", re.I)


def test_openapi_lists_every_route(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    found = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    assert found == ROUTES
    post = spec["paths"]["/api/articles"]["post"]
    assert {"text/plain", "text/html", "application/json"} <= set(post["requestBody"]["content"])


@pytest.mark.parametrize("page", ["/api/docs", "/api/redoc"])
def test_doc_pages_load_every_asset_from_the_server(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200
    html = response.text
    assert not re.search(r"https?://", html), "the page names a remote address"
    assets = ASSET.findall(html)
    assert assets and all(a.startswith("/api/static/") for a in assets), assets
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200, asset
        assert len(served.content) > 100
    assert "/api/openapi.json" in html


def test_swagger_ui_asks_no_remote_validator(client: TestClient) -> None:
    assert '"validatorUrl": null' in client.get("/api/docs").text
