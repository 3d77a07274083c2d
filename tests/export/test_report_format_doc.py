"""docs/report-format.md explains every field of the schema and every output format."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newstrace.export import FORMATS
from newstrace.schemas import load_report_schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "report-format.md"
GOLDEN = Path(__file__).parent / "golden"


def _field_names(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        yield from node.get("properties", {})
        for value in node.values():
            yield from _field_names(value)
    elif isinstance(node, list):
        for value in node:
            yield from _field_names(value)


FIELDS = sorted(set(_field_names(load_report_schema())))


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_is_documented(doc: str, field: str) -> None:
    assert f"`{field}`" in doc


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_documented(doc: str, fmt: str) -> None:
    assert f"### `{fmt}`" in doc


def test_golden_update_switch_is_documented(doc: str) -> None:
    assert "NEWSTRACE_UPDATE_GOLDEN=1" in doc
    for golden in GOLDEN.iterdir():
        assert golden.name in doc


def test_text_example_is_taken_from_the_golden_briefing(doc: str) -> None:
    briefing = (GOLDEN / "briefing.txt").read_text(encoding="utf-8")
    example = doc.split("### `text`", 1)[1].split("```", 2)[1].strip("\n")
    for line in example.splitlines():
        assert line in briefing
