"""``newstrace serve``: ``--get`` answers one request in-process; the server binds loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.cli_serve import is_loopback
from newstrace.pipeline import Engine
from newstrace.settings import get_settings
from tests.serve.conftest import Stored

runner = CliRunner()


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    """Settings read again from the (monkeypatched) environment, and forgotten afterwards."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_get_prints_the_json_body_and_exits_0(filled_url: str, stored: Stored) -> None:
    result = runner.invoke(app, ["serve", "--db", filled_url, "--get", "/api/stories?limit=500"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert sorted(s["id"] for s in body["items"]) == [s["id"] for s in stored.stories]


def test_get_of_an_export_prints_json_lines(filled_url: str, stored: Stored) -> None:
    result = runner.invoke(app, ["serve", "--db", filled_url, "--get", "/api/export/reports.jsonl"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(stored.reports)


def test_get_of_an_error_prints_it_and_exits_1(filled_url: str) -> None:
    result = runner.invoke(app, ["serve", "--db", filled_url, "--get", "/api/events?limit=-1"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "api.invalid"


def test_get_needs_a_path(filled_url: str) -> None:
    result = runner.invoke(app, ["serve", "--db", filled_url, "--get", "api/stories"])
    assert result.exit_code == 2
    assert "starting with '/'" in result.stderr


def test_get_of_a_store_that_cannot_be_opened_exits_1() -> None:
    result = runner.invoke(app, ["serve", "--db", "nonsense", "--get", "/api/stories"])
    assert result.exit_code == 1
    assert "not a database URL" in result.stderr


def test_serve_binds_loopback_by_default(
    monkeypatch: pytest.MonkeyPatch, fresh_settings: None, engine: Engine, db_url: str
) -> None:
    served: list[Any] = []
    monkeypatch.delenv("NEWSTRACE_HOST", raising=False)
    monkeypatch.setenv("NEWSTRACE_API_TOKEN", "secret")
    monkeypatch.setattr("newstrace.pipeline.Engine", lambda settings: engine)
    monkeypatch.setattr("newstrace.cli_serve._run", lambda api, settings: served.append(settings))
    result = runner.invoke(app, ["serve", "--db", db_url, "--port", "8123"])
    assert result.exit_code == 0, result.output
    [settings] = served
    assert (settings.host, settings.port) == ("127.0.0.1", 8123)


def test_auth_off_is_refused_beyond_loopback(
    monkeypatch: pytest.MonkeyPatch, fresh_settings: None
) -> None:
    monkeypatch.setenv("NEWSTRACE_API_AUTH", "off")
    monkeypatch.setattr("newstrace.cli_serve._run", lambda api, settings: None)
    result = runner.invoke(app, ["serve", "--db", "sqlite://", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "NEWSTRACE_API_AUTH=off" in result.stderr


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
