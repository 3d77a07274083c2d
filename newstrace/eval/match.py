"""Align the events newstrace predicts for one article with the gold events, one to one.

A pair can be made when the two events have the same type and share an actor or a recipient
code, or when the gold ``quote`` lies in a sentence that holds the predicted event's evidence.
Pairs are scored (same type 4, quote inside the evidence sentence 2, Jaccard overlap of the
actor codes and of the recipient codes 1 each) and taken greedily, best first, each event at
most once; ties go to the earlier gold event, then the earlier predicted event, so the
alignment is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.eval.codes import codes
from newstrace.eval.gold import GoldEvent, fold
from newstrace.model import Event, Report
from newstrace.nlp.knowledge import Knowledge
from newstrace.nlp.segment import segment

SAME_TYPE = 4.0
QUOTE = 2.0


@dataclass(frozen=True, slots=True)
class Predicted:
    """A predicted event with its actors as gold codes and the sentences of its evidence."""

    event: Event
    actors: frozenset[str]
    recipients: frozenset[str]
    sentences: tuple[str, ...] = ()  # folded (see gold.fold) texts of the evidence sentences

    @property
    def type(self) -> str:
        return self.event.type


@dataclass(frozen=True, slots=True)
class Pair:
    gold: int  # index into the gold events
    predicted: int  # index into the predicted events
    score: float


def predicted_events(report: Report, knowledge: Knowledge) -> list[Predicted]:
    """The report's events as :class:`Predicted`, in the report's order."""
    on = report.article.published
    sentences = [(s.start, s.end, fold(s.text)) for s in segment(report.article.text)]
    out = []
    for event in report.events:
        spans = [(e.start, e.end) for e in event.evidence]
        texts = tuple(
            dict.fromkeys(
                text for start, end, text in sentences for s, e in spans if s < end and start < e
            )
        )
        out.append(
            Predicted(
                event,
                codes(event.actors, report, knowledge, on),
                codes(event.recipients, report, knowledge, on),
                texts,
            )
        )
    return out


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def quote_hit(gold: GoldEvent, predicted: Predicted) -> bool:
    if not gold.quote:
        return False
    quote = fold(gold.quote)
    return any(quote in sentence for sentence in predicted.sentences)


def pair_score(gold: GoldEvent, predicted: Predicted) -> float | None:
    """The score of pairing ``gold`` with ``predicted``, or None when they cannot be paired."""
    same = gold.type == predicted.type
    quoted = quote_hit(gold, predicted)
    shares = bool(gold.actor_set & predicted.actors or gold.recipient_set & predicted.recipients)
    if not (quoted or (same and shares)):
        return None
    return (
        SAME_TYPE * same
        + QUOTE * quoted
        + jaccard(gold.actor_set, predicted.actors)
        + jaccard(gold.recipient_set, predicted.recipients)
    )


def align(gold: Sequence[GoldEvent], predicted: Sequence[Predicted]) -> list[Pair]:
    """One-to-one pairs of gold and predicted events, best first (see the module docstring)."""
    candidates = []
    for g, gold_event in enumerate(gold):
        for p, predicted_event in enumerate(predicted):
            score = pair_score(gold_event, predicted_event)
            if score is not None:
                candidates.append(Pair(g, p, score))
    candidates.sort(key=lambda pair: (-pair.score, pair.gold, pair.predicted))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for pair in candidates:
        if pair.gold in used_gold or pair.predicted in used_predicted:
            continue
        used_gold.add(pair.gold)
        used_predicted.add(pair.predicted)
        pairs.append(pair)
    return sorted(pairs, key=lambda pair: pair.gold)
