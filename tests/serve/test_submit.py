"""``POST /api/articles``: text, HTML and JSON bodies analysed and stored; the token; the size
limit; and no fetching of a URL the client gives (it is metadata, never opened).

Successful writes run on both backends (the empty store of ``db_url``); refusals run on an
in-memory store with an analyser that fails the test if it is ever called.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newstrace.model import Article, Report
from newstrace.pipeline import Engine
from newstrace.serve import create_app
from newstrace.settings import Settings
from tests.serve.conftest import SAMPLES, TOKEN

TEXT = SAMPLES / "text" / "2025-10-31_reuters_maduro-sought-russian-aid.txt"
HTML = SAMPLES / "html" / "2025-10-31_moscowtimes_maduro-putin-aid-wapo.html"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


class NoAnalyser:
    """An analyser for requests that must be refused before any analysis."""

    def analyze_one(self, article: Article) -> Report:
        raise AssertionError("a refused request reached the analyser")


@pytest.fixture
def writer(db_url: str, engine: Engine) -> Iterator[TestClient]:
    """A client of an API that analyses with the real engine into an empty store."""
    app = create_app(Settings(db=db_url, api_token=TOKEN), analyser=engine)
    with TestClient(app) as client:
        yield client


def refusing(**settings: Any) -> TestClient:
    values: dict[str, Any] = {"db": "sqlite://", "api_token": TOKEN, **settings}
    return TestClient(create_app(Settings(**values), analyser=NoAnalyser()))


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record (and refuse) every attempt to open a network connection or resolve a name."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("the test forbids network access")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


# -- writes that work ----------------------------------------------------------------------------


def test_plain_text_is_analysed_stored_and_readable(writer: TestClient) -> None:
    response = writer.post(
        "/api/articles?published=2025-10-31&outlet=Reuters",
        content=TEXT.read_bytes(),
        headers={**AUTH, "Content-Type": "text/plain; charset=utf-8"},
    )
    assert response.status_code == 201, response.text
    [done] = response.json()["articles"]
    assert done["stored"] is True and done["events"] > 0
    assert (done["published"], done["outlet"]) == ("2025-10-31", "Reuters")
    article = writer.get(done["href"]).json()
    assert len(article["report"]["events"]) == done["events"]
    assert writer.get("/api/events?limit=1000").json()["items"]
    again = writer.post(
        "/api/articles?published=2025-10-31&outlet=Reuters",
        content=TEXT.read_bytes(),
        headers={**AUTH, "Content-Type": "text/plain"},
    )
    assert again.status_code == 201 and again.json()["articles"][0]["stored"] is False


def test_json_with_a_url_stores_it_as_metadata_and_fetches_nothing(
    writer: TestClient, no_network: list[Any]
) -> None:
    url = "http://fetch-me.example.invalid/maduro.html"
    body = {
        "url": url,
        "outlet": "Reuters",
        "title": "Maduro sought Russian aid",
        "published": "2025-10-31",
        "text": TEXT.read_text(encoding="utf-8"),
    }
    response = writer.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    [done] = response.json()["articles"]
    assert done["url"] == url and done["title"] == body["title"]
    assert writer.get(done["href"]).json()["article"]["url"] == url
    assert no_network == []


def test_html_is_read_as_a_page_and_its_links_are_not_followed(
    writer: TestClient, no_network: list[Any]
) -> None:
    page = HTML.read_text(encoding="utf-8").replace(
        "</head>",
        '<link rel="canonical" href="http://page.example.invalid/a">'
        '<img src="http://img.example.invalid/x.png"></head>',
    )
    response = writer.post(
        "/api/articles?url=http://given.example.invalid/b",
        content=page.encode("utf-8"),
        headers={**AUTH, "Content-Type": "text/html"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["articles"][0]["events"] > 0
    assert no_network == []


def test_json_lines_report_the_bad_line_and_store_the_good_one(writer: TestClient) -> None:
    good = {"outlet": "Reuters", "published": "2025-10-31", "text": TEXT.read_text("utf-8")}
    body = json.dumps(good) + "\n" + json.dumps({"title": "no text"}) + "\n"
    response = writer.post(
        "/api/articles", content=body, headers={**AUTH, "Content-Type": "application/x-ndjson"}
    )
    assert response.status_code == 201, response.text
    result = response.json()
    assert len(result["articles"]) == 1
    assert [e["code"] for e in result["errors"]] == ["input.bad_record"]


def test_auth_off_lets_writes_through_without_a_token(db_url: str, engine: Engine) -> None:
    app = create_app(Settings(db=db_url, api_auth=False), analyser=engine)
    with TestClient(app) as client:
        response = client.post("/api/articles", content=TEXT.read_bytes())
    assert response.status_code == 201, response.text


# -- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
    ],
    ids=["none", "wrong", "basic", "bare"],
)
def test_writes_without_the_token_are_401(headers: dict[str, str]) -> None:
    response = refusing().post("/api/articles", content=b"some text", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "api.unauthorized"


def test_a_server_without_a_token_refuses_every_write() -> None:
    response = refusing(api_token=None).post("/api/articles", content=b"text", headers=AUTH)
    assert response.status_code == 401
    assert "NEWSTRACE_API_TOKEN" in response.json()["error"]["message"]


def test_reads_need_no_token() -> None:
    assert refusing().get("/api/articles").status_code == 200


def test_a_body_over_the_limit_is_413_unread() -> None:
    client = refusing(max_request_bytes=1000)
    response = client.post("/api/articles", content=b"x" * 1001, headers=AUTH)
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "api.too_large" and "1,001 bytes" in error["message"]


def test_a_chunked_body_over_the_limit_is_413() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"y" * 100

    response = refusing(max_request_bytes=1000).post(
        "/api/articles", content=chunks(), headers=AUTH
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "api.too_large"


def test_the_limit_is_checked_before_the_token() -> None:
    response = refusing(max_request_bytes=10).post("/api/articles", content=b"z" * 11)
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b"{not json", "application/json", 422, "input.bad_record"),
        (b'{"title": "no text"}', "application/json", 422, "input.bad_record"),
        (b"[]", "application/json", 422, "input.empty"),
        (
            Path(__file__).parents[1].joinpath("fixtures/articles/non_english.txt").read_bytes(),
            "text/plain",
            422,
            "input.language",
        ),
        (b"", "text/plain", 422, "input.empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png", 415, "api.media_type"),
    ],
    ids=["bad-json", "no-text", "empty-array", "not-english", "empty", "png"],
)
def test_bodies_that_are_not_articles_are_refused(
    body: bytes, content_type: str, status: int, code: str
) -> None:
    response = refusing().post(
        "/api/articles", content=body, headers={**AUTH, "Content-Type": content_type}
    )
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code


def test_a_bad_published_date_is_422() -> None:
    response = refusing().post("/api/articles?published=31/10/2025", content=b"x", headers=AUTH)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "api.invalid"


def test_a_server_without_an_analyser_only_reads() -> None:
    client = TestClient(create_app(Settings(db="sqlite://", api_auth=False)))
    response = client.post("/api/articles", content=TEXT.read_bytes())
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "api.unavailable"
