"""Every error answers ``{"error": {"code", "message"}}``; bad requests are never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from newstrace.errors import StoreError
from newstrace.serve import create_app
from newstrace.settings import Settings


@pytest.fixture(scope="module")
def empty() -> TestClient:
    return TestClient(create_app(Settings(db="sqlite://")), raise_server_exceptions=False)


def _error(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["message"]
    assert set(body["error"]) <= {"code", "message", "details"}
    return dict(body["error"])


BAD = [
    ("/api/articles?limit=-1", "limit"),
    ("/api/articles?limit=0", "limit"),
    ("/api/articles?limit=1001", "limit"),
    ("/api/articles?limit=ten", "limit"),
    ("/api/articles?offset=-5", "offset"),
    ("/api/events?limit=-1", "limit"),
    ("/api/events?since=2025-13-01", "since"),
    ("/api/events?until=yesterday", "until"),
    ("/api/events?since=2025-11-01&until=2025-10-01", "since"),
    ("/api/events?type=ATTACK", "type"),
    ("/api/events?type=request", "type"),
    ("/api/events?status=shipped", "status"),
    ("/api/events?factuality=rumour", "factuality"),
    ("/api/events?country=Venezuela", "country"),
    ("/api/events?q=a", "q"),
    ("/api/stories?type=ATTACK", "type"),
    ("/api/stories?since=31.10.2025", "since"),
    ("/api/stories?country=V", "country"),
    ("/api/stories?offset=-1", "offset"),
    ("/api/entities?kind=robot", "kind"),
    ("/api/entities?limit=-1", "limit"),
]


@pytest.mark.parametrize(("path", "param"), BAD, ids=[p for p, _ in BAD])
def test_bad_parameters_are_422_naming_the_parameter(
    empty: TestClient, path: str, param: str
) -> None:
    response = empty.get(path)
    assert response.status_code == 422, response.text
    error = _error(response)
    assert error["code"] == "api.invalid"
    assert param in error["message"]


def test_several_bad_parameters_are_each_named(empty: TestClient) -> None:
    error = _error(empty.get("/api/events?limit=-1&offset=-1&type=X"))
    assert error["message"] == "3 parameters do not validate"
    assert [d.split(":")[0] for d in error["details"]] == ["limit", "offset", "type"]


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/api/nothing-here", 404, "api.not_found"),
        ("GET", "/no/such/page", 404, "api.not_found"),
        ("GET", "/api/static/nothing.js", 404, "api.not_found"),
        ("DELETE", "/api/articles", 405, "api.method_not_allowed"),
        ("POST", "/api/events", 405, "api.method_not_allowed"),
        ("POST", "/api/articles", 401, "api.unauthorized"),
    ],
)
def test_http_errors_have_the_same_shape(
    empty: TestClient, method: str, path: str, status: int, code: str
) -> None:
    response = empty.request(method, path)
    assert response.status_code == status
    assert _error(response)["code"] == code


def test_a_bug_is_500_internal_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(Settings(db="sqlite://"))
    store = app.state.services.store

    def broken(**_: Any) -> Any:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(store, "list_articles", broken)
    response = TestClient(app, raise_server_exceptions=False).get("/api/articles")
    assert response.status_code == 500
    error = _error(response)
    assert error["code"] == "api.internal" and "secret detail" not in error["message"]


def test_a_store_failure_is_500_with_the_store_code(monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(Settings(db="sqlite://"))
    store = app.state.services.store

    def failing(*_: Any, **__: Any) -> Any:
        raise StoreError("cannot read database sqlite://: disk I/O error")

    monkeypatch.setattr(store, "iter_reports", failing)
    response = TestClient(app, raise_server_exceptions=False).get("/api/export/reports.jsonl")
    assert response.status_code == 500
    assert _error(response)["code"] == "store"
