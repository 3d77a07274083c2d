"""``newstrace eval`` end to end on a one-article corpus (newstrace/cli_eval.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.eval.floors import MERGE_FIGURES

TEXT = (
    "Venezuela asks Russia for military aid\n\n"
    "Venezuela has asked Russia for military assistance, The Washington Post reported on "
    "Friday, citing internal U.S. government documents.\n"
)
GOLD = """\
id: "001"
story: venezuela-russia-aid-2025
event: venezuela-requests-russian-aid-2025-10
outlet: The Moscow Times
published: "2025-10-31"
events:
  - type: REQUEST
    actors: [VEN]
    recipients: [RUS]
    quote: "asked Russia for military assistance"
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "001_test.txt").write_text(TEXT, encoding="utf-8")
    (folder / "001_test.gold.yaml").write_text(GOLD, encoding="utf-8")
    return folder


def test_json_output_has_every_figure(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "--corpus",
            str(corpus),
            "--plover",
            str(tmp_path / "none.txt"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "newstrace.eval/1"
    assert data["corpus"]["articles"] == 1 and data["plover"] is None
    assert "not found" in data["plover_skipped"]
    assert set(data["figures"]) == set(data["corpus"]["fields"]) | set(MERGE_FIGURES)
    assert data["merge"]["corpus"]["reports"] == 1
    assert data["merge"]["corpus_events"]["reports"] == 1
    assert data["corpus"]["worst"][0]["id"] == "001"
    assert "PLOVER check skipped" in result.stderr


def test_check_exits_1_and_names_the_figures_below_floor(corpus: Path, tmp_path: Path) -> None:
    floors = tmp_path / "floors.yaml"
    floors.write_text("type_actors: 1.0\nplover_type: 0.1\nmoney: 0.5\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "--corpus",
            str(corpus),
            "--plover",
            str(tmp_path / "none.txt"),
            "--check",
            str(floors),
        ],
    )
    assert "below floor: money: no data" in result.stderr  # the gold has no money
    assert "floor of plover_type not checked" in result.stderr
    assert result.exit_code == 1
    assert "fields (micro-averaged)" in result.stdout


def test_a_bad_gold_file_is_one_line_and_status_1(corpus: Path) -> None:
    (corpus / "001_test.gold.yaml").write_text(GOLD.replace("REQUEST", "ASK"), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--corpus", str(corpus)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "newstrace: error: 001_test.gold.yaml: events.0.type: 'ASK' is not a PLOVER 2.0 "
        "event type (got 'ASK')"
    )
