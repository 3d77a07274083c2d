"""``GET /api/export/reports.jsonl`` and ``/api/export/stories.jsonl``: JSON Lines, streamed."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.serve.conftest import Stored


def test_reports_export_is_every_report_one_per_line(client: TestClient, stored: Stored) -> None:
    response = client.get("/api/export/reports.jsonl")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert "reports.jsonl" in response.headers["content-disposition"]
    lines = response.text.splitlines()
    reports = [json.loads(line) for line in lines]
    assert {r["article"]["id"]: r for r in reports} == stored.reports
    assert all(r["schema"] == "newstrace.report/1" for r in reports)


def test_stories_export_is_every_story_one_per_line(client: TestClient, stored: Stored) -> None:
    response = client.get("/api/export/stories.jsonl")
    assert response.status_code == 200
    stories = [json.loads(line) for line in response.text.splitlines()]
    assert sorted(stories, key=lambda s: s["id"]) == stored.stories
