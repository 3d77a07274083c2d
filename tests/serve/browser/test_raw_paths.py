"""Paths sent to the real server byte for byte (no client normalises ``..`` away): a
traversal out of ``/vendor`` or ``/assets`` reaches no file and answers the JSON error."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import pytest

RAW = [
    "/vendor/../pyproject.toml",
    "/vendor/../../package.json",
    "/vendor/..%2f..%2fpackage.json",
    "/vendor/%2e%2e/%2e%2e/pyproject.toml",
    "/assets/../pages.py",
    "/assets/..%2fpages.py",
    "/assets/../../../../pyproject.toml",
]


@pytest.mark.parametrize("path", RAW)
def test_a_traversal_reaches_no_file(server: str, path: str) -> None:
    url = urlsplit(server)
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    assert response.status == 404, (path, body[:200])
    error = json.loads(body)["error"]
    assert error["code"] == "api.not_found"
    assert b"[build-system]" not in body and b"import" not in body
