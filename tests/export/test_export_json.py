"""JSON Lines output: one compact object per line that reads back to the same dict."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from newstrace.export import render
from newstrace.export.json import render_json
from newstrace.schemas import validate_report


def test_one_report_is_one_line_that_round_trips(report_dict: dict[str, Any]) -> None:
    out = render([report_dict], "json")
    assert out.endswith("\n")
    lines = out.splitlines()
    assert len(lines) == 1
    loaded = json.loads(lines[0])
    assert loaded == report_dict
    validate_report(loaded)


def test_several_reports_are_json_lines(report_dict: dict[str, Any]) -> None:
    other = json.loads(json.dumps(report_dict))
    other["warnings"] = []
    lines = render([report_dict, other], "json").splitlines()
    assert [json.loads(line) for line in lines] == [report_dict, other]


def test_output_is_compact_utf8_in_model_key_order(report_dict: dict[str, Any]) -> None:
    line = render_json(report_dict)
    assert "Nicolás Maduro" in line
    assert "\\u" not in line
    assert ": " not in line.replace("\\", "")[:200]
    assert line.startswith('{"schema":"newstrace.report/1","article":{"id":')
    loaded = json.loads(line)
    assert list(loaded) == list(report_dict)
    assert list(loaded["events"][0]) == list(report_dict["events"][0])


def test_no_reports_give_no_output() -> None:
    assert render([], "json") == ""


def test_nan_is_refused(report_dict: dict[str, Any]) -> None:
    report_dict["events"][0]["confidence"] = math.nan
    with pytest.raises(ValueError):
        render_json(report_dict)
