"""Floors: loading, checking, suggesting (newstrace/eval/floors.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.eval.floors import (
    FIGURES,
    check,
    load_floors,
    render_floors,
    suggest,
    unchecked,
)
from newstrace.eval.gold import GoldError


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("type_actor: 0.3\n", "type_actor: no such figure"),
        ("actors: 1.5\n", "actors: a floor is a number from 0 to 1"),
        ("actors: high\n", "actors: a floor is a number from 0 to 1"),
        ("actors: true\n", "actors: a floor is a number from 0 to 1"),
        ("- actors\n", "expected a mapping"),
    ],
)
def test_bad_floors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "floors.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_floors(path)


def test_check_names_every_figure_below_its_floor() -> None:
    figures: dict[str, float | None] = {"actors": 0.50, "recipients": 0.4999, "status": None}
    floors = {"actors": 0.50, "recipients": 0.50, "status": 0.1, "plover_type": 0.3}
    found = check(figures, floors)
    assert [str(s) for s in found] == [
        "recipients: 0.4999 is below its floor 0.50",
        "status: no data is below its floor 0.10",
    ]
    assert unchecked(figures, floors) == ["plover_type"]  # not computed in this run


def test_suggest_is_the_figure_minus_two_points_rounded_down() -> None:
    assert suggest({"actors": 0.6, "dates": 0.3333, "money": 0.01, "status": None}) == {
        "actors": 0.58,
        "dates": 0.31,
        "money": 0.0,
    }
    assert render_floors({"dates": 0.31, "actors": 0.5}) == "actors: 0.50\ndates: 0.31\n"


def test_the_shipped_floors_name_every_figure() -> None:
    floors = load_floors(Path(__file__).with_name("floors.yaml"))
    assert sorted(floors) == sorted(FIGURES)
