"""Merging quality: pairwise and B-cubed scores, and the floors they must not fall below."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import yaml

from newstrace.model.story import Story
from newstrace.resolve import bcubed, build_stories, evaluate, main_stories, pairwise
from newstrace.resolve.quality import background, lead_end

from .conftest import CORPUS, Corpus

#: Floors (only move up): the samples, and the development corpus when it has story labels.
FLOORS = {"pairwise_f1": 0.90, "bcubed_f1": 0.88, "pairwise_precision": 0.95}
CORPUS_FLOORS = {"pairwise_precision": 0.80, "bcubed_f1": 0.65}
#: Sample stories that are corpus stories too (the corpus slug wins).
SAME_AS = {
    "S0": "venezuela-russia-aid-2025",
    "S1": "us-boat-strikes-2025",
    "S2": "ford-caribbean-deployment-2025",
    "S3a": "taiwan-aircraft-parts-330m-2025",
}


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "1", "c": "2"}, (1.0, 1.0)),
        ({"a": "x", "b": "x", "c": "x"}, {"a": "1", "b": "1", "c": "2"}, (1 / 3, 1.0)),
        ({"a": "x", "b": "y", "c": "z"}, {"a": "1", "b": "1", "c": "1"}, (1.0, 0.0)),
    ],
)
def test_pairwise(
    predicted: dict[str, str], gold: dict[str, str], expected: tuple[float, float]
) -> None:
    scores = pairwise(predicted, gold)
    assert scores["precision"] == pytest.approx(expected[0], abs=1e-4)
    assert scores["recall"] == pytest.approx(expected[1], abs=1e-4)


def test_bcubed() -> None:
    scores = bcubed({"a": "x", "b": "x", "c": "x"}, {"a": "1", "b": "1", "c": "2"})
    # precision: a 2/3, b 2/3, c 1/3 ; recall: all 1
    assert scores["precision"] == pytest.approx(5 / 9, abs=1e-4)
    assert scores["recall"] == 1.0


TEXT = (
    "Venezuela suspends gas deal with Trinidad as US warship arrives\n\n"
    "Venezuela said on Monday it would suspend an energy agreement with Trinidad.\n\n"
    "The destroyer docked on Sunday. Since September, U.S. forces have struck boats."
)


def _story(story_id: str, events: list[tuple[str, str]], reports: int) -> Story:
    return Story(
        id=story_id, type="X", status=None, title="", first_reported={}, spread={},
        origin=None, fields={}, independent_sources=1,
        reports=[{"article": f"r{n}"} for n in range(reports)],
        events=[{"article": a, "event": e} for a, e in events],
    )  # fmt: skip


def test_the_headline_weighs_more_in_the_main_story() -> None:
    """An event of the title and lead outweighs a body event with more materiel."""
    at = TEXT.index("suspend an")
    report = {
        "article": {"id": "a", "title": TEXT.split("\n")[0]},
        "events": [
            {"id": "gas", "salience": "core", "evidence": [{"start": at, "end": at + 7}]},
            {"id": "strikes", "salience": "core", "items": [{}, {}],
             "evidence": [{"start": TEXT.index("struck"), "end": len(TEXT)}]},
        ],
    }  # fmt: skip
    stories = [_story("gas", [("a", "gas")], 1), _story("boats", [("a", "strikes")], 1)]
    assert lead_end(report, TEXT) == TEXT.index(".\n\nThe destroyer") + 1
    assert main_stories(stories, [report], {"a": TEXT}) == {"a": "gas"}
    assert main_stories(stories, [report]) == {"a": "boats"}  # no text: the weights decide


BACKGROUND_TEXT = (
    "Venezuelan jets buzz U.S. destroyer\n\nTwo Venezuelan F-16 jets flew near a U.S. Navy "
    "destroyer on Thursday, a move that came two days after U.S. forces blew up a boat.\n\n"
    "Moscow stays silent a week after Maduro's plea to Putin.\n"
)


def _event(event_id: str, text: str, word: str) -> dict[str, Any]:
    at = text.index(word)
    return {"id": event_id, "type": event_id, "salience": "core",
            "evidence": [{"start": 0, "end": 5, "rule": "dates.weekday"},
                         {"start": at, "end": at + len(word), "rule": f"trigger:X:{word}"}]}  # fmt: skip


def test_an_event_in_a_background_clause_of_the_lead_does_not_make_the_main_story() -> None:
    """ "a move that came two days after U.S. forces *blew up* a boat": the strike, though in
    the lead and in a story of many reports, is what the report's news (the flight) came after."""
    text = BACKGROUND_TEXT
    flight, strike = _event("flight", text, "flew"), _event("strike", text, "blew up")
    report = {"article": {"id": "a", "title": text.split("\n")[0]}, "events": [flight, strike]}
    stories = [_story("jets", [("a", "flight")], 1), _story("boats", [("a", "strike")], 5)]
    assert background(strike, text, [flight, strike])
    assert not background(flight, text, [flight, strike])
    assert main_stories(stories, [report], {"a": text}) == {"a": "jets"}
    # no event before "after" in its sentence: the clause is the news, not its background
    assert not background(strike, text, [strike])
    # a main clause of the same type: a sequel of one act, not its background
    assert not background(strike, text, [{**flight, "type": "strike"}, strike])
    # "after" + a noun phrase ("after Maduro's plea") is no clause
    plea = _event("plea", text, "plea")
    assert not background(plea, text, [_event("silent", text, "silent"), plea])


def test_samples_merge_above_the_floors(samples: Corpus, sample_stories: list[Any]) -> None:
    scores = evaluate(sample_stories, samples.reports, samples.gold, samples.texts)
    assert scores["reports"] == len(samples.reports)
    assert scores["pairwise"]["f1"] >= FLOORS["pairwise_f1"], scores
    assert scores["pairwise"]["precision"] >= FLOORS["pairwise_precision"], scores
    assert scores["bcubed"]["f1"] >= FLOORS["bcubed_f1"], scores


def _corpus(engine: Any) -> tuple[list[dict[str, Any]], dict[str, str], dict[str, str]]:
    from newstrace.model import Article, OutletRef
    from newstrace.model.article import normalise_text

    reports, texts, gold = [], {}, {}
    for gold_path in sorted(CORPUS.glob("*.gold.yaml")):
        data = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        text_path = gold_path.with_name(gold_path.name.replace(".gold.yaml", ".txt"))
        if not data.get("story") or not text_path.exists():
            continue
        raw = normalise_text(text_path.read_text(encoding="utf-8"))
        title, _, body = raw.partition("\n")
        article = Article(
            text=raw,
            outlet=OutletRef(None, data.get("outlet")),
            title=title.strip() or None,
            published=date.fromisoformat(str(data["published"])),
            published_basis="option",
        )
        report = engine.analyze_one(engine.with_outlet(article)).to_dict()
        reports.append(report)
        texts[article.id] = raw
        gold[article.id] = str(data["story"])
        del body
    return reports, texts, gold


def test_samples_and_corpus_together(engine: Any, samples: Corpus) -> None:
    """With the development corpus (when its gold files carry ``story:``), the floors hold."""
    reports, texts, gold = _corpus(engine)
    if not gold:
        return
    reports += samples.reports
    texts.update(samples.texts)
    gold.update({a: SAME_AS.get(label, label) for a, label in samples.gold.items()})
    scores = evaluate(build_stories(reports, texts=texts), reports, gold, texts)
    # The corpus labels topics (a strike campaign, weeks of ceasefire coverage), the merger
    # events: precision is what it controls; recall is lower by design (docs/stories.md).
    assert scores["pairwise"]["precision"] >= CORPUS_FLOORS["pairwise_precision"], scores
    assert scores["bcubed"]["f1"] >= CORPUS_FLOORS["bcubed_f1"], scores
