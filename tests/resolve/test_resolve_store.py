"""Stories in the store (SQLite and PostgreSQL), migration 0002, and the two CLI commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import text
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.store import current_revision, head_revision, make_engine, open_store, upgrade

from .conftest import Corpus, validate_story
from .reports import TEXTS, deal_report


def test_save_and_get_story_round_trip(db_url: str, sample_stories: list[Any]) -> None:
    with open_store(db_url) as store:
        story = max(sample_stories, key=lambda s: len(s.reports)).to_dict()
        assert store.save_story(story) is True
        assert store.save_story(story) is False
        assert store.get_story(story["id"]) == story
        assert store.get_story(story["id"][:12]) == story  # a unique prefix
        assert store.count_stories() == 1
        codes = [v["value"] for v in story["fields"]["actors"]]
        assert [r["id"] for r in store.list_stories(actor=codes[0])] == [story["id"]]
        assert store.list_stories(type="SANCTION") == []
        assert store.story_ids_for_keys(story["keys"][:3]) == {story["id"]}


def test_list_filters(db_url: str, sample_stories: list[Any]) -> None:
    with open_store(db_url) as store:
        store.replace_stories([s.to_dict() for s in sample_stories])
        assert store.count_stories() == len(sample_stories)
        rows = store.list_stories(country="TWN", limit=500)
        assert rows and all("TWN" in r["title"] or r["type"] for r in rows)
        from datetime import date

        old = store.list_stories(until=date(2019, 1, 1), limit=500)
        assert old and all(r["first_reported"] <= "2019-01-01" for r in old)
        assert all(r["status"] == "agreed" for r in store.list_stories(status="agreed"))


def test_migrating_a_0001_database_keeps_its_data(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine, "0001")
        assert current_revision(engine) == "0001"
    finally:
        engine.dispose()
    report = deal_report("Reuters", "2025-10-31")
    with open_store(db_url) as store:  # opens at head
        assert current_revision(store.engine) == head_revision()
        store.save(report, text=TEXTS[report["article"]["id"]])
    with open_store(db_url) as store:  # reopening at head changes nothing
        assert store.get_report(report["article"]["id"]) == report


def test_data_written_at_0001_survives_the_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    try:
        upgrade(engine, "0001")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO articles (id, published_basis, chars, text, report, analysed_at)"
                    " VALUES (:id, 'unknown', 4, 'text', :report, '2025-01-01 00:00:00')"
                ),
                {"id": "a" * 64, "report": json.dumps({"schema": "newstrace.report/1"})},
            )
    finally:
        engine.dispose()
    with open_store(url) as store:
        assert store.get_text("a" * 64) == "text"
        assert store.count_stories() == 0
        assert list(store.unresolved_articles()) == ["a" * 64]


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_cli_stories_and_story(tmp_path: Path, samples: Corpus) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with open_store(url) as store:
        for report in samples.reports:
            store.save(report, text=samples.texts[report["article"]["id"]])
    result = _invoke("stories", "--db", url, "--format", "json", "--limit", "500")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert rows
    seed = max((r for r in rows if r["type"] == "REQUEST"), key=lambda r: r["reports"])
    shown = _invoke("story", seed["id"], "--db", url, "--format", "json")
    assert shown.exit_code == 0, shown.output
    story = json.loads(shown.stdout)
    validate_story(story)
    text_out = _invoke("story", seed["id"].removeprefix("story:")[:10], "--db", url)
    assert text_out.exit_code == 0, text_out.output
    assert "sources" in text_out.stdout and "timeline" in text_out.stdout
    assert "Su-20MK2" in text_out.stdout
    again = _invoke("stories", "--db", url, "--country", "VEN", "--type", "REQUEST")
    assert again.exit_code == 0 and "merged 0 new report" in again.output
    missing = _invoke("story", "nope", "--db", url)
    assert missing.exit_code == 1


def test_cli_reliability_override(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'rel.db'}"
    table = tmp_path / "grades.yaml"
    table.write_text("reuters: E\n", encoding="utf-8")
    with open_store(url) as store:
        report = deal_report("Reuters", "2025-10-31")
        store.save(report, text=TEXTS[report["article"]["id"]])
    result = _invoke("stories", "--db", url, "--format", "json", "--reliability", str(table))
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert row["rating"].startswith("E")
    bad = tmp_path / "bad.yaml"
    bad.write_text("reuters: Z\n", encoding="utf-8")
    assert _invoke("stories", "--db", url, "--reliability", str(bad)).exit_code == 1
