"""The dashboard's server side: ``/api/network`` and ``/api/places`` against the reports (on
both backends), the allow-list of ``/vendor``, the page shells, their Content-Security-Policy,
and the 503 page that names ``npm ci`` when ``node_modules`` is missing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newstrace.serve import create_app
from newstrace.serve.dashboard.assets import NODE_MODULES, VENDOR
from newstrace.serve.dashboard.pages import CSP, PAGES
from newstrace.settings import Settings
from tests.serve.conftest import Stored

EdgeKey = tuple[str, str, str]


def _node(entities: dict[str, dict[str, Any]], entity_id: str, by: str) -> str:
    entity = entities.get(entity_id, {})
    if by == "country" and entity.get("country") and entity.get("kind") != "country":
        return f"country:{entity['country']}"
    return entity_id


def expected_edges(stored: Stored, by: str, type: str | None = None) -> Counter[EdgeKey]:
    """(actor, recipient, type) → number of events, from the reports themselves."""
    edges: Counter[EdgeKey] = Counter()
    for report, event in stored.events():
        if type and event["type"] != type:
            continue
        entities = {e["id"]: e for e in report["entities"]}
        sources = dict.fromkeys(_node(entities, a, by) for a in event["actors"])
        targets = dict.fromkeys(_node(entities, r, by) for r in event["recipients"])
        for s in sources:
            for t in targets:
                if s != t:
                    edges[(s, t, event["type"])] += 1
    return edges


@pytest.mark.parametrize("by", ["entity", "country"])
def test_network_is_the_reports_actors_and_recipients(
    client: TestClient, stored: Stored, by: str
) -> None:
    response = client.get(f"/api/network?by={by}&limit=5000")
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"nodes", "edges"}
    got = Counter({(e["source"], e["target"], e["type"]): e["count"] for e in body["edges"]})
    want = expected_edges(stored, by)
    assert want, "the samples should give actor → recipient events"
    assert got == want
    ids = {n["id"] for n in body["nodes"]}
    assert {e["source"] for e in body["edges"]} | {e["target"] for e in body["edges"]} <= ids
    for node in body["nodes"]:
        assert set(node) == {"id", "name", "kind", "events"}
        assert node["name"] and node["events"] >= 1
    if by == "country":
        assert all(n["id"].startswith("country:") or n["kind"] != "person" for n in body["nodes"])
    counts = [e["count"] for e in body["edges"]]
    assert counts == sorted(counts, reverse=True)


def test_network_events_keep_their_evidence(client: TestClient, stored: Stored) -> None:
    body = client.get("/api/network?by=entity").json()
    for edge in body["edges"]:
        assert 1 <= len(edge["events"]) <= edge["count"]
        for ref in edge["events"]:
            report = stored.reports[ref["article_id"]]
            event = next(e for e in report["events"] if e["id"] == ref["event_id"])
            assert event["type"] == edge["type"] == ref["type"]
            assert edge["source"] in event["actors"] and edge["target"] in event["recipients"]
            first = event["evidence"][0]
            assert ref["evidence"] == {"start": first["start"], "end": first["end"]}
            text = stored.texts[ref["article_id"]]
            assert text[first["start"] : first["end"]].strip()


def test_network_filters(client: TestClient, stored: Stored) -> None:
    body = client.get("/api/network?type=AID&by=entity").json()
    got = Counter({(e["source"], e["target"], e["type"]): e["count"] for e in body["edges"]})
    assert got == expected_edges(stored, "entity", "AID")
    assert {e["type"] for e in body["edges"]} <= {"AID"}
    venezuela = client.get("/api/network?country=VEN&by=country").json()
    assert venezuela["edges"] and len(venezuela["edges"]) <= len(
        client.get("/api/network?by=country").json()["edges"]
    )


@pytest.mark.parametrize(
    "query",
    ["type=NOPE", "country=xx", "limit=0", "by=person", "since=2025-02-01&until=2025-01-01"],
)
def test_network_and_places_refuse_bad_parameters(client: TestClient, query: str) -> None:
    for route in ("/api/network", "/api/places"):
        if "by=" in query and route == "/api/places":
            continue
        response = client.get(f"{route}?{query}")
        assert response.status_code in (400, 422), (route, query, response.text)
        assert set(response.json()["error"]) >= {"code", "message"}


def test_places_are_the_events_places_with_coordinates(client: TestClient, stored: Stored) -> None:
    response = client.get("/api/places?limit=5000")
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    want: Counter[tuple[float, float]] = Counter()
    for _report, event in stored.events():
        for where in event.get("where", []):
            if where.get("lat") is not None and where.get("lon") is not None:
                want[(float(where["lat"]), float(where["lon"]))] += 1
    assert want, "the samples should give places with coordinates"
    assert Counter({(p["lat"], p["lon"]): len(p["events"]) for p in items}) == want
    sizes = [len(p["events"]) for p in items]
    assert sizes == sorted(sizes, reverse=True)
    for place in items:
        assert set(place) == {"entity", "name", "lat", "lon", "country", "events"}
        assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180 and place["name"]
        for ref in place["events"]:
            text = stored.texts[ref["article_id"]]
            span = ref["place"]["evidence"]
            if span is not None:
                report = stored.reports[ref["article_id"]]
                entity = next(e for e in report["entities"] if e["id"] == place["entity"])
                assert [span["start"], span["end"]] in [list(m) for m in entity["mentions"]]
                assert text[span["start"] : span["end"]].strip()


def test_places_filter_by_type(client: TestClient, stored: Stored) -> None:
    items = client.get("/api/places?type=MOBILIZE").json()["items"]
    types = {ref["type"] for p in items for ref in p["events"]}
    assert types <= {"MOBILIZE"}
    want = sum(
        1
        for _r, e in stored.events()
        if e["type"] == "MOBILIZE"
        for w in e.get("where", [])
        if w.get("lat") is not None and w.get("lon") is not None
    )
    assert sum(len(p["events"]) for p in items) == want


# -- files, pages, headers (no store content needed: one in-memory SQLite app) ---------------


@pytest.fixture(scope="module")
def bare() -> TestClient:
    return TestClient(create_app(Settings(db="sqlite://")))


@pytest.fixture(scope="module")
def uninstalled(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    empty = tmp_path_factory.mktemp("no-node-modules")
    return TestClient(create_app(Settings(db="sqlite://"), node_modules=Path(empty)))


def test_node_modules_are_installed() -> None:
    """``make test`` runs ``npm ci``; the other tests of this file need its files."""
    missing = [n for n, f in VENDOR.items() if not f.location(NODE_MODULES).is_file()]
    assert not missing, f"run `npm ci` (or `make test`): missing {missing}"


@pytest.mark.parametrize("name", sorted(VENDOR))
def test_vendor_serves_the_allow_listed_files(bare: TestClient, name: str) -> None:
    response = bare.get(f"/vendor/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(VENDOR[name].media_type)
    assert response.content == VENDOR[name].location().read_bytes()
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/vendor/d3.js",
        "/vendor/package.json",
        "/vendor/..%2Fpackage.json",
        "/vendor/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/vendor/d3%2Fdist%2Fd3.min.js",
        "/vendor/d3/dist/d3.min.js",
        "/vendor/world-atlas/countries-50m.json",
        "/vendor/",
        "/assets/..%2Fpages.py",
        "/assets/%2e%2e/assets.py",
        "/assets/nope.js",
    ],
)
def test_nothing_else_is_served(bare: TestClient, path: str) -> None:
    response = bare.get(path)
    assert response.status_code == 404, (path, response.text[:200])
    error = response.json()["error"]
    assert error["code"] == "api.not_found" and error["message"]


@pytest.mark.parametrize("page", sorted(PAGES))
def test_pages_are_shells_with_a_strict_csp(bare: TestClient, page: str) -> None:
    path = PAGES[page][1].replace("{key}", "some-id")
    response = bare.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert csp == CSP and "script-src 'self';" in csp and "unsafe" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    html = response.text
    assert f'data-page="{page}"' in html
    assert "<script>" not in html  # no inline script: every script has a src
    assert html.count("<script ") == 3
    assert "http://" not in html and "https://" not in html  # nothing from elsewhere


def test_assets_are_served_with_the_csp(bare: TestClient) -> None:
    for name in ("app.js", "lib.js", "style.css", "pages/story.js"):
        response = bare.get(f"/assets/{name}")
        assert response.status_code == 200, name
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["cache-control"] == "no-cache"


def test_the_page_key_is_escaped(bare: TestClient) -> None:
    response = bare.get('/entities/"><script>alert(1)</script>')
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text
    assert 'data-key="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in response.text


def test_without_node_modules_pages_say_to_run_npm_ci(uninstalled: TestClient) -> None:
    for path in ("/", "/events", "/stories/x", "/map"):
        response = uninstalled.get(path)
        assert response.status_code == 503, path
        assert "npm ci" in response.text
        assert "d3.min.js" in response.text and "countries-110m.json" in response.text
        assert response.headers["content-security-policy"] == CSP
    vendor = uninstalled.get("/vendor/d3.min.js")
    assert vendor.status_code == 404
    assert "npm ci" in vendor.json()["error"]["message"]
    # The API does not need the browser files.
    assert uninstalled.get("/api/stories").status_code == 200


def test_every_page_and_vendor_file_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "dashboard.md").read_text("utf-8")
    for page, (_title, path) in PAGES.items():
        assert f"`{path.replace('{key}', '{id}')}`" in doc, f"docs/dashboard.md lacks {page}"
    for name in VENDOR:
        assert f"`/vendor/{name}`" in doc, f"docs/dashboard.md lacks /vendor/{name}"
