"""Aligning predicted and gold events (newstrace/eval/match.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newstrace.eval.gold import GoldEvent
from newstrace.eval.match import Predicted, align, jaccard, pair_score, predicted_events
from newstrace.model import Article, Entity, Event, Evidence, Report
from newstrace.nlp.knowledge import load_knowledge


def gold(
    type_: str, actors: list[str], recipients: list[str] | None = None, quote: str | None = None
) -> GoldEvent:
    data: dict[str, Any] = {"type": type_, "actors": actors, "recipients": recipients or []}
    if quote:
        data["quote"] = quote
    return GoldEvent.model_validate(data)


def pred(
    type_: str,
    actors: set[str],
    recipients: set[str] | None = None,
    sentences: tuple[str, ...] = (),
) -> Predicted:
    return Predicted(
        Event("e", type_), frozenset(actors), frozenset(recipients or set()), sentences
    )


@pytest.mark.parametrize(
    ("g", "p", "score"),
    [
        (gold("AID", ["USA"], ["TWN"]), pred("AID", {"USA"}, {"TWN"}), 6.0),
        (gold("AID", ["USA"], ["TWN"]), pred("AID", {"USA"}, set()), 5.0),
        (gold("AID", ["USA", "GBR"], ["TWN"]), pred("AID", {"USA"}, {"TWN"}), 5.5),
        (gold("AID", ["USA"], ["TWN"]), pred("AID", {"CHN"}, {"TWN"}), 5.0),
        # same type but nothing shared: not the same event
        (gold("AID", ["USA"], ["TWN"]), pred("AID", {"CHN"}, {"JPN"}), None),
        # another type: only through the quote
        (gold("AID", ["USA"], ["TWN"]), pred("SUPPORT", {"USA"}, {"TWN"}), None),
        (
            gold("AID", ["USA"], ["TWN"], quote="Approved the sale"),
            pred("SUPPORT", {"USA"}, {"TWN"}, ("washington approved the sale on friday.",)),
            4.0,
        ),
        (
            gold("AID", ["USA"], ["TWN"], quote="approved  the sale"),
            pred("AID", {"USA"}, {"TWN"}, ("washington approved the sale on friday.",)),
            8.0,
        ),
        (
            gold("AID", ["USA"], quote="approved the sale"),
            pred("AID", {"CHN"}, set(), ("china protested.",)),
            None,
        ),
    ],
)
def test_pair_score(g: GoldEvent, p: Predicted, score: float | None) -> None:
    assert pair_score(g, p) == score


@pytest.mark.parametrize(
    ("a", "b", "value"),
    [(set(), set(), 1.0), ({"A"}, set(), 0.0), ({"A", "B"}, {"B", "C"}, 1 / 3)],
)
def test_jaccard(a: set[str], b: set[str], value: float) -> None:
    assert jaccard(frozenset(a), frozenset(b)) == pytest.approx(value)


@pytest.mark.parametrize(
    ("golds", "preds", "pairs"),
    [
        # each side used once: the better pair wins, the duplicate stays unmatched
        (
            [gold("AID", ["USA"], ["TWN"])],
            [pred("AID", {"USA"}, set()), pred("AID", {"USA"}, {"TWN"})],
            [(0, 1)],
        ),
        # best first, not first come: gold 0 would take pred 0 greedily by order
        (
            [gold("AID", ["USA"], ["TWN"]), gold("AID", ["USA"], ["JPN"])],
            [pred("AID", {"USA"}, {"JPN"}), pred("AID", {"USA"}, {"TWN"})],
            [(0, 1), (1, 0)],
        ),
        # same type wins over another type with the same actors
        (
            [gold("ACCUSE", ["CHN"], ["USA"])],
            [
                pred("PROTEST", {"CHN"}, {"USA"}, ("china accused the us.",)),
                pred("ACCUSE", {"CHN"}, {"USA"}),
            ],
            [(0, 1)],
        ),
        # nothing in common: no pair
        ([gold("ASSAULT", ["RUS"], ["UKR"])], [pred("AGREE", {"USA"}, {"JPN"})], []),
        ([], [pred("AGREE", {"USA"})], []),
        # ties go to the earlier gold event, then the earlier prediction
        (
            [gold("AID", ["USA"]), gold("AID", ["USA"])],
            [pred("AID", {"USA"}), pred("AID", {"USA"})],
            [(0, 0), (1, 1)],
        ),
    ],
)
def test_align(
    golds: list[GoldEvent], preds: list[Predicted], pairs: list[tuple[int, int]]
) -> None:
    assert [(p.gold, p.predicted) for p in align(golds, preds)] == pairs


def test_predicted_events_map_codes_and_find_evidence_sentences() -> None:
    text = "Venezuela asked Russia for help. Maduro wrote to Putin. Nothing else happened."
    report = Report(
        Article(text, published=date(2025, 10, 31)),
        entities=[
            Entity("country:VEN", "country", "Venezuela", "VEN"),
            Entity("country:RUS", "country", "Russia", "RUS"),
            Entity("person:m", "person", "Maduro", "VEN"),
        ],
        events=[
            Event(
                "e1",
                "REQUEST",
                actors=["person:m", "country:VEN"],
                recipients=["country:RUS"],
                evidence=[Evidence(10, 15, "trigger"), Evidence(40, 45, "trigger")],
            )
        ],
    )
    (p,) = predicted_events(report, load_knowledge())
    assert p.actors == {"VEN"} and p.recipients == {"RUS"}
    assert p.sentences == ("venezuela asked russia for help.", "maduro wrote to putin.")
