"""Incremental merging: a new report touches only its stories; the same report twice, nothing."""

from __future__ import annotations

import random
from typing import Any

import pytest

from newstrace.resolve import build_stories, keys_for, update

from .conftest import Corpus


def _apply(
    stored: dict[str, dict[str, Any]], reports: dict[str, dict[str, Any]], new: list[dict[str, Any]]
) -> Any:
    """One incremental step against an in-memory "store" of stories."""
    keys = keys_for(new)
    candidates = [s for s in stored.values() if set(s["keys"]) & keys]
    result = update(new, candidates, reports)
    for story_id in result.removed:
        del stored[story_id]
    for story in result.stories:
        stored[story.id] = story.to_dict()
    for report in new:
        reports[report["article"]["id"]] = report
    return result


def test_same_report_twice_changes_nothing(samples: Corpus) -> None:
    stored: dict[str, dict[str, Any]] = {}
    reports: dict[str, dict[str, Any]] = {}
    _apply(stored, reports, samples.reports)
    before = dict(stored)
    again = _apply(stored, reports, [samples.reports[0]])
    assert again.stories == [] and again.removed == []
    assert stored == before


def _partition(stories: dict[str, dict[str, Any]]) -> set[frozenset[tuple[str, str]]]:
    return {frozenset((e["article"], e["event"]) for e in s["events"]) for s in stories.values()}


@pytest.mark.parametrize("order", ["published", "shuffled", "reversed"])
def test_order_of_arrival_changes_no_story(samples: Corpus, order: str) -> None:
    """One report at a time, in any order, or all at once in any order: the same stories."""
    reports = sorted(samples.reports, key=lambda r: (r["article"]["published"], r["article"]["id"]))
    if order == "shuffled":
        random.Random(3).shuffle(reports)
    elif order == "reversed":
        reports.reverse()
    stored: dict[str, dict[str, Any]] = {}
    members: dict[str, dict[str, Any]] = {}
    for report in reports:
        _apply(stored, members, [report])
    at_once = {s.id: s.to_dict() for s in build_stories(samples.reports)}
    in_order = {s.id: s.to_dict() for s in build_stories(reports)}
    assert _partition(stored) == _partition(at_once) == _partition(in_order)
    assert set(stored) == set(at_once) == set(in_order)  # ids too


def test_one_at_a_time_gives_the_stories_of_all_at_once(samples: Corpus) -> None:
    stored: dict[str, dict[str, Any]] = {}
    reports: dict[str, dict[str, Any]] = {}
    ordered = sorted(samples.reports, key=lambda r: (r["article"]["published"], r["article"]["id"]))
    for report in ordered:
        _apply(stored, reports, [report])
    at_once = {s.id: s.to_dict() for s in build_stories(samples.reports)}
    assert _partition(stored) == _partition(at_once)
    wapo = next(
        r for r in samples.reports if r["article"]["outlet"]["name"] == "The Washington Post"
    )
    seed_once = max(
        (
            s
            for s in at_once.values()
            if wapo["article"]["id"] in {r["article"] for r in s["reports"]}
        ),
        key=lambda s: len(s["reports"]),
    )
    seed_step = max(
        (
            s
            for s in stored.values()
            if wapo["article"]["id"] in {r["article"] for r in s["reports"]}
        ),
        key=lambda s: len(s["reports"]),
    )
    assert {r["article"] for r in seed_step["reports"]} == {
        r["article"] for r in seed_once["reports"]
    }


def test_a_new_report_touches_only_its_stories(samples: Corpus) -> None:
    stored: dict[str, dict[str, Any]] = {}
    reports: dict[str, dict[str, Any]] = {}
    euronews = next(r for r in samples.reports if r["article"]["outlet"]["name"] == "Euronews")
    rest = [r for r in samples.reports if r is not euronews]
    _apply(stored, reports, rest)
    before = dict(stored)
    result = _apply(stored, reports, [euronews])
    assert result.stories, "the follow-up joins the seed story"
    untouched = {k for k, v in before.items() if stored.get(k) == v}
    assert len(untouched) >= len(before) - len(result.stories) - len(result.removed)
    assert euronews["article"]["id"] in {
        r["article"] for s in result.stories for r in s.to_dict()["reports"]
    }
