"""How well reports were merged: pairwise precision/recall/F1 of "same story", and B-cubed.

A report can take part in several stories (its headline event in one, a background event in
another); for scoring, each report counts in its **main story** (:func:`main_stories`): the
story that holds most of its weight: events of the title and lead (the headline) weigh more
than those of the body, core events more than context ones, events with materiel or money more
than bare ones, earlier events in the report more than later ones, and stories told by more
reports more than single-report ones.

Gold labels map article ids to story labels (the samples' ``S0``…``S7``, the development
corpus' ``story:`` slugs); articles without a gold label are left out of the scores.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

from newstrace.model.story import Story

#: The longest lead paragraph read (a text with no line breaks).
LEAD_CHARS = 600
#: How many times more an event of the title or lead weighs than one of the body.
LEAD_WEIGHT = 2.0
#: The weight of a background event (:func:`background`) against a core one: a context event's.
BACKGROUND_WEIGHT = 0.3
#: A temporal subordinator opening a background clause ("two days after U.S. forces blew up a
#: boat", "hours after Hamas freed the hostages", "since Russia invaded"): its subject (one to
#: :data:`BACKGROUND_WORDS` words, no possessive: "after Maduro's plea" is a phrase, not a clause;
#: no "that": "after X announced that it was sending" has the announcement in it), then the trigger.
_BACKGROUND = re.compile(
    r"\b(?:after|since|following|prior to)((?:\s+(?!(?:that|which|who)\b)[^\s,;:!?()—–]+)+)\s*$",
    re.I,
)
BACKGROUND_WORDS = 4
#: Where a sentence ends (not after an initial: "U.S. Navy").
_SENTENCE = re.compile(r"\n|(?<!\b[A-Z])[.!?]\s+(?=[A-Z\"'“])")
#: Where a sentence or clause ends: what no background clause reaches over.
_BREAK = re.compile(r"[,;:!?()—–\n]|(?<!\b[A-Z])\.\s+(?=[A-Z\"'“])")


def main_stories(
    stories: Iterable[Story],
    reports: Iterable[Mapping[str, Any]],
    texts: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Article id -> the id of its main story (articles in no story are left out).

    Each event of a report weighs (:func:`_weight`) for its story; the story of most weight is
    the main one. With the report's text (``texts``: article id -> text), the events its title
    or lead paragraph states (evidence starting there, :func:`lead_end`) weigh
    :data:`LEAD_WEIGHT` times more: the headline tells what the report is about.
    """
    story_of: dict[tuple[str, str], Story] = {}
    for story in stories:
        for member in story.events:
            story_of[(member["article"], member["event"])] = story
    out: dict[str, str] = {}
    for report in reports:
        article = report["article"]["id"]
        lead = lead_end(report, (texts or {}).get(article))
        weights: dict[str, float] = defaultdict(float)
        text = (texts or {}).get(article)
        events = report.get("events", [])
        for position, event in enumerate(events):
            found = story_of.get((article, event["id"]))
            if found is None:
                continue
            weight = _weight(event, position, found)
            if text and background(event, text, events):
                weight *= BACKGROUND_WEIGHT if event.get("salience", "core") == "core" else 1.0
            elif _first(event) < lead:
                weight *= LEAD_WEIGHT
            weights[found.id] += weight
        if weights:
            out[article] = max(sorted(weights), key=lambda s: weights[s])
    return out


def background(
    event: Mapping[str, Any], text: str, others: Iterable[Mapping[str, Any]] = ()
) -> bool:
    """Whether ``event`` is first told in a temporal background clause of ``text``.

    Its first trigger (evidence of a ``trigger:`` rule; without one, its first evidence) is the
    verb of a clause opened by "after", "since", "following" or "prior to" (:data:`_BACKGROUND`),
    and another event of the report (``others``), of another type, is told earlier in the same
    sentence, before the subordinator: the main clause's. (One of the same type is a sequel of
    one act, "the EU adopted sanctions a day after Washington blacklisted Rosneft": the
    background is then what the report is about as much as its main clause.)
    "Venezuelan F-16s flew near a U.S. destroyer ..., a move that came two days after U.S.
    forces *blew up* a boat": the report is about the flight, the strike is what it came after.
    "Truce under strain after Israel *strikes* ..." has no event before "after": the strikes
    are its news.
    """
    at = int(_first(event, triggers=True)) if event.get("evidence") else len(text)
    if at >= len(text):
        return False
    breaks = list(_BREAK.finditer(text, max(0, at - 300), at))
    clause = breaks[-1].end() if breaks else max(0, at - 300)
    found = _BACKGROUND.search(text, clause, at)
    if found is None or found.group(1).rstrip().endswith(("'s", "’s")):
        return False
    if len(found.group(1).split()) > BACKGROUND_WORDS:
        return False
    ends = [m.end() for m in _SENTENCE.finditer(text, max(0, at - 600), at)]
    sentence = ends[-1] if ends else max(0, at - 600)
    return any(
        sentence <= _first(other, triggers=True) < found.start()
        for other in others
        if other.get("type") != event.get("type")
    )


def _first(event: Mapping[str, Any], *, triggers: bool = False) -> float:
    """Where ``event``'s first evidence (its first trigger's, with ``triggers``) starts."""
    evidence = event.get("evidence", [])
    if triggers:
        evidence = [e for e in evidence if str(e.get("rule", "")).startswith("trigger")] or evidence
    return min((int(e["start"]) for e in evidence), default=float("inf"))


def _weight(event: Mapping[str, Any], position: int, story: Story) -> float:
    """How much of its report an event is: core over context, materiel and money, early, told."""
    weight = 1.0 if event.get("salience", "core") == "core" else 0.3
    weight *= 1.0 + 0.25 * min(4, len(event.get("items", []))) + 0.5 * bool(event.get("money"))
    weight *= 1.0 / (1.0 + 0.15 * position)
    return weight * len(story.reports)


def lead_end(report: Mapping[str, Any], text: str | None) -> int:
    """Where the title and the lead (first paragraph) end in ``text``; 0 without a text.

    The title counts when the text begins with it (plain-text articles: the first line); the
    lead is the next line of text, at most :data:`LEAD_CHARS` characters.
    """
    if not text:
        return 0
    title = (report["article"].get("title") or "").strip()
    at = len(title) if title and text.startswith(title) else 0
    rest = text[at:]
    body = rest.lstrip()
    at += len(rest) - len(body)
    line = body.find("\n")
    return at + min(len(body) if line < 0 else line, LEAD_CHARS)


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """Precision, recall and F1 over pairs of items: "in the same story"."""
    items = sorted(set(predicted) & set(gold))
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same_pred = predicted[a] == predicted[b]
        same_gold = gold[a] == gold[b]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return _prf(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998)."""
    items = sorted(set(predicted) & set(gold))
    if not items:
        return _prf(1.0, 1.0)
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in items:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        pred_cluster, gold_cluster = by_pred[predicted[item]], by_gold[gold[item]]
        correct = len(pred_cluster & gold_cluster)
        precision += correct / len(pred_cluster)
        recall += correct / len(gold_cluster)
    return _prf(precision / len(items), recall / len(items))


def evaluate(
    stories: Iterable[Story],
    reports: Iterable[Mapping[str, Any]],
    gold: Mapping[str, str],
    texts: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Both scores for ``stories`` against ``gold`` (article id -> story label)."""
    stories = list(stories)
    reports = list(reports)
    predicted = main_stories(stories, reports, texts)
    # a gold report in no story at all is a story of its own
    for report in reports:
        article = report["article"]["id"]
        predicted.setdefault(article, f"alone:{article}")
    return {
        "reports": len(set(predicted) & set(gold)),
        "pairwise": pairwise(predicted, gold),
        "bcubed": bcubed(predicted, gold),
    }


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
