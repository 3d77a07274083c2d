"""Stories from the bundled samples: the seed story, the Taiwan trap, the Abrams lifecycle."""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.resolve import build_stories
from newstrace.resolve.mention import all_mentions
from newstrace.resolve.merge import merge

from .conftest import Corpus, story_of, validate_story
from .reports import deal_report


def test_every_story_is_schema_valid(sample_stories: list[Any]) -> None:
    assert sample_stories
    for story in sample_stories:
        validate_story(story.to_dict())


def test_ids_are_deterministic(samples: Corpus, sample_stories: list[Any]) -> None:
    again = build_stories(list(reversed(samples.reports)), texts=samples.texts)
    assert [s.to_dict() for s in again] == [s.to_dict() for s in sample_stories]


def _seed_story(samples: Corpus, stories: list[Any]) -> Any:
    wapo = samples.by_outlet("The Washington Post", "2025-10-31")
    return story_of(stories, wapo["article"]["id"], "REQUEST")


def test_seed_story_merges_its_reports(samples: Corpus, sample_stories: list[Any]) -> None:
    story = _seed_story(samples, sample_stories)
    s0 = {a for a, label in samples.gold.items() if label == "S0"}
    assert s0 <= set(story.articles), "every S0 report is in the seed story"
    assert len(set(story.articles) - s0) <= 1
    outlets = {r["outlet"]["name"] for r in story.reports}
    assert {"The Washington Post", "The Moscow Times", "Stabroek News", "Latin Times"} <= outlets


def test_seed_story_echoes_one_origin(samples: Corpus, sample_stories: list[Any]) -> None:
    story = _seed_story(samples, sample_stories)
    roles = {r["outlet"]["name"]: r["role"] for r in story.reports}
    assert roles["The Washington Post"] == "origin"
    assert roles["The Moscow Times"] == "echo"
    assert roles["MercoPress"] == "unattributed"  # states the request as fact, names no source
    assert story.origin["name"] == "The Washington Post"
    assert story.origin["in_corpus"] is True
    s0 = [r for r in story.reports if samples.gold[r["article"]] == "S0"]
    assert sum(r["role"] in ("origin", "independent") for r in s0) == 1
    assert story.independent_sources <= 2
    assert story.credibility["credibility"] >= 2  # echoes do not corroborate


def test_seed_story_discrepancies(samples: Corpus, sample_stories: list[Any]) -> None:
    story = _seed_story(samples, sample_stories)
    by_field = {d["field"]: d for d in story.discrepancies}
    missiles = by_field["items.missile.quantity"]
    assert missiles["kind"] == "disagreement"
    assert {v["value"] for v in missiles["values"]} >= {14, 12}
    latin = samples.by_outlet("Latin Times", "2025-11-01")["article"]["id"]
    twelve = next(v for v in missiles["values"] if v["value"] == 12)
    assert latin in twelve["reports"]
    typo = by_field["items.fighter_aircraft.designation"]
    assert typo["kind"] == "probable_typo"
    assert [v["value"] for v in typo["values"]] == ["Su-30MK2", "Su-20MK2"]
    stabroek = samples.by_outlet("Stabroek News", "2025-11-03")["article"]["id"]
    assert typo["values"][1]["reports"] == [stabroek]


def test_seed_story_without_the_washington_post_names_it_as_origin(samples: Corpus) -> None:
    """The origin is named from the chains even when its own report is not in the corpus."""
    rest = [r for r in samples.reports if r["article"]["outlet"]["name"] != "The Washington Post"]
    stories = build_stories(rest, texts=samples.texts)
    moscow = samples.by_outlet("The Moscow Times", "2025-10-31")["article"]["id"]
    story = story_of(stories, moscow, "REQUEST")
    assert story.origin["name"] == "The Washington Post"
    assert story.origin["in_corpus"] is False
    assert story.origin["article"] is None


def test_taiwan_trap_stays_two_stories(samples: Corpus, sample_stories: list[Any]) -> None:
    sale_2025 = samples.by_outlet("Reuters", "2025-11-13")["article"]["id"]
    sale_2018 = samples.by_outlet("Associated Press", "2018-09-24")["article"]["id"]
    focus = samples.by_outlet("Focus Taiwan", "2018-09-25")["article"]["id"]
    for story in sample_stories:
        assert not (sale_2025 in story.articles and sale_2018 in story.articles), story.title
        assert not (sale_2025 in story.articles and focus in story.articles), story.title
    old = story_of(sample_stories, sale_2018)
    assert focus in old.articles


def test_abrams_lifecycle_is_one_story(samples: Corpus, sample_stories: list[Any]) -> None:
    pledged = samples.by_outlet("Associated Press", "2023-01-25")["article"]["id"]
    arrived = samples.by_outlet("The Kyiv Independent", "2023-09-25")["article"]["id"]
    story = _abrams(sample_stories, pledged)
    assert {pledged, arrived} <= set(story.articles)
    statuses = [step["status"] for step in story.timeline]
    assert "agreed" in statuses and "delivered" in statuses
    assert statuses.index("agreed") < statuses.index("delivered")
    dates = [step["date"] for step in story.timeline]
    assert dates == sorted(dates)
    assert "weapon:m1-abrams" in {v["value"] for i in story.fields["items"] for v in i["systems"]}
    leopard = {v["value"] for i in story.fields["items"] for v in i["systems"]}
    assert "weapon:leopard-2" not in leopard  # Germany's tanks are another deal


def test_abrams_switch_joins_the_lifecycle(samples: Corpus, sample_stories: list[Any]) -> None:
    pledged = samples.by_outlet("Associated Press", "2023-01-25")["article"]["id"]
    switched = samples.by_outlet("Reuters", "2023-03-21")["article"]["id"]
    assert switched in _abrams(sample_stories, pledged).articles


def _abrams(stories: list[Any], article: str) -> Any:
    def systems(story: Any) -> set[str]:
        return {v["value"] for i in story.fields["items"] for v in i["systems"]}

    return next(s for s in stories if article in s.articles and "weapon:m1-abrams" in systems(s))


def test_iran_drones_keep_the_denial_as_a_conflicting_claim(
    samples: Corpus, sample_stories: list[Any]
) -> None:
    first = samples.by_outlet("Reuters", "2022-07-11")["article"]["id"]
    story = story_of(sample_stories, first)
    assert any(step["status"] == "denied" for step in story.timeline)
    assert any(d["kind"] == "conflicting_claims" for d in story.discrepancies)
    assert "denied by a party" in story.credibility["basis"]
    assert story.credibility["credibility"] >= 3


# -- unit tables ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("14 missile units", "14 missile systems", None),  # wording, not a disagreement
        ("14 missile units", "12 missile units", "disagreement"),
    ],
)
def test_quantities_disagree_only_on_numbers(a: str, b: str, kind: str | None) -> None:
    one = deal_report("Reuters", "2025-10-31", items=[(a, "missile", None)])
    two = deal_report("Associated Press", "2025-10-31", items=[(b, "missile", None)])
    (story,) = build_stories([one, two])
    kinds = [d["kind"] for d in story.discrepancies]
    assert kinds == ([kind] if kind else [])


@pytest.mark.parametrize(
    ("designations", "typo"),
    [
        (("Su-30MK2", "Su-20MK2"), True),
        (("Su-30MK2", "Su-30"), False),  # a family, not a misprint
        (("F-16", "F-15"), False),  # too short to call a misprint
        (("S-300VM", "Buk-M2E"), False),
    ],
)
def test_designation_typos(designations: tuple[str, str], typo: bool) -> None:
    reports = [
        deal_report(
            outlet, "2025-11-01", items=[(f"14 {d} fighter jets", "fighter_aircraft", None)]
        )
        for outlet, d in zip(("Reuters", "Infobae"), designations, strict=True)
    ]
    (story,) = build_stories(reports)
    assert any(d["kind"] == "probable_typo" for d in story.discrepancies) is typo


def test_merge_lists_the_reports_behind_each_value() -> None:
    one = deal_report("Reuters", "2025-10-31", items=[("14 missile units", "missile", None)])
    two = deal_report("Newsweek", "2025-11-01", items=[("14 missile units", "missile", None)])
    story = merge(all_mentions([one, two]))
    (missile,) = story.fields["items"]
    assert missile["quantities"] == [
        {"value": 14, "reports": sorted([one["article"]["id"], two["article"]["id"]])}
    ]
    assert story.first_reported["outlet"] == "Reuters"
    assert story.spread["days"] == 1
