"""Precision, recall, F1 and accuracy per field, micro-averaged over the corpus.

:func:`score_article` scores one article's predicted events against its gold events (already
aligned by :func:`~newstrace.eval.match.align`); :class:`Scores` adds articles up. What each
figure counts is in docs/eval.md; in short:

* ``type_actors`` — a predicted event is right when its type and its set of actor codes equal
  those of a gold event of the article (one to one, independent of the alignment);
* ``actors``, ``recipients``, ``items``, ``money``, ``places`` — precision and recall of the
  values of aligned events;
* ``status``, ``factuality``, ``dates``, ``attribution`` — accuracy over the aligned gold events
  that give the field.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from newstrace.eval.gold import GoldEvent, GoldItem, GoldMoney, GoldWhen
from newstrace.eval.match import Pair, Predicted
from newstrace.model import Hop, Item, Money, Place, Report, When

PRF_FIELDS = ("type_actors", "actors", "recipients", "items", "money", "places")
ACCURACY_FIELDS = ("status", "factuality", "dates", "attribution")
FIELDS = (
    "type_actors",
    "actors",
    "recipients",
    "status",
    "factuality",
    "items",
    "money",
    "dates",
    "places",
    "attribution",
)


@dataclass(slots=True)
class Counts:
    """Precision = ``hit_pred / pred``; recall = ``hit_gold / gold``.

    For sets the two hits are the size of the intersection; for places they differ (a
    predicted place is right when one of its names is a gold name, and the other way round).
    """

    hit_pred: int = 0
    pred: int = 0
    hit_gold: int = 0
    gold: int = 0

    @classmethod
    def of_sets(cls, predicted: Iterable[Any], gold: Iterable[Any]) -> Counts:
        p, g = set(predicted), set(gold)
        return cls(len(p & g), len(p), len(p & g), len(g))

    @classmethod
    def of_hits(cls, hits: int, predicted: int, gold: int) -> Counts:
        return cls(hits, predicted, hits, gold)

    def add(self, other: Counts) -> None:
        self.hit_pred += other.hit_pred
        self.pred += other.pred
        self.hit_gold += other.hit_gold
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.hit_pred / self.pred if self.pred else None

    @property
    def recall(self) -> float | None:
        return self.hit_gold / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def support(self) -> int:
        return self.gold

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "support": self.gold,
            "predicted": self.pred,
        }


@dataclass(slots=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    def count(self, ok: bool) -> None:
        self.total += 1
        self.correct += ok

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    @property
    def support(self) -> int:
        return self.total

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": _round(self.accuracy), "support": self.total}


Figure = Counts | Accuracy


def _empty_fields() -> dict[str, Figure]:
    return {name: Counts() if name in PRF_FIELDS else Accuracy() for name in FIELDS}


@dataclass(slots=True)
class Scores:
    """The figures of one article, or of many added up (micro-averages)."""

    fields: dict[str, Figure] = field(default_factory=_empty_fields)
    per_type: dict[str, Counts] = field(default_factory=dict)
    failures: Counter[str] = field(default_factory=Counter)  # failure kind -> count
    notes: list[str] = field(default_factory=list)  # what went wrong, one line each

    def add(self, other: Scores) -> None:
        for name, figure in other.fields.items():
            mine = self.fields[name]
            if isinstance(mine, Counts):
                assert isinstance(figure, Counts)
                mine.add(figure)
            else:
                assert isinstance(figure, Accuracy)
                mine.add(figure)
        for type_, counts in other.per_type.items():
            self.per_type.setdefault(type_, Counts()).add(counts)
        self.failures.update(other.failures)

    def counts(self, name: str) -> Counts:
        figure = self.fields[name]
        assert isinstance(figure, Counts)
        return figure

    def accuracy(self, name: str) -> Accuracy:
        figure = self.fields[name]
        assert isinstance(figure, Accuracy)
        return figure


def score_article(
    gold: Sequence[GoldEvent],
    predicted: Sequence[Predicted],
    pairs: Sequence[Pair],
    report: Report | None = None,
) -> Scores:
    """The figures of one article. ``report`` gives the names of the predicted places."""
    scores = Scores()
    _type_actors(gold, predicted, scores)
    for pair in pairs:
        g, p = gold[pair.gold], predicted[pair.predicted]
        label = f"{g.type} {_codes(g.actor_set)}"
        _field(scores, "actors", Counts.of_sets(p.actors, g.actor_set), label, "actors")
        _field(
            scores,
            "recipients",
            Counts.of_sets(p.recipients, g.recipient_set),
            label,
            "recipients",
        )
        if g.type != p.type:
            _fail(scores, "type", f"{label}: aligned with a {p.type} event")
        if g.status is not None:
            _check(scores, "status", p.event.status == g.status, label, g.status, p.event.status)
        if g.factuality is not None:
            ok = p.event.factuality == g.factuality
            _check(scores, "factuality", ok, label, g.factuality, p.event.factuality)
        items = _one_to_one(g.items, p.event.items, item_matches)
        _field(
            scores, "items", Counts.of_hits(items, len(p.event.items), len(g.items)), label, "items"
        )
        money = _one_to_one(g.money, p.event.money, money_matches)
        _field(
            scores, "money", Counts.of_hits(money, len(p.event.money), len(g.money)), label, "money"
        )
        if g.when is not None:
            ok = date_in_range(p.event.when, g.when)
            _check(scores, "dates", ok, label, _range(g.when), _when(p.event.when))
        _field(scores, "places", place_counts(g.where, p.event.where, report), label, "places")
        if g.attribution is not None:
            hops = p.event.attribution[0].hops if p.event.attribution else []
            chain = tuple(h.name for h in hops)
            ok = len(hops) == len(g.attribution) and all(
                fold_chain([want])[0] in fold_chain(hop_names(hop, report))
                for hop, want in zip(hops, g.attribution, strict=True)
            )
            _check(scores, "attribution", ok, label, list(g.attribution), list(chain))
    return scores


def _type_actors(gold: Sequence[GoldEvent], predicted: Sequence[Predicted], scores: Scores) -> None:
    """Multiset intersection of (type, actor codes): one gold event is found at most once."""
    gold_keys = Counter((g.type, g.actor_set) for g in gold)
    pred_keys = Counter((p.type, p.actors) for p in predicted)
    both = gold_keys & pred_keys
    hits = sum(both.values())
    scores.fields["type_actors"] = Counts.of_hits(hits, len(predicted), len(gold))
    for type_ in {t for t, _ in gold_keys} | {t for t, _ in pred_keys}:
        hit = sum(n for (t, _), n in both.items() if t == type_)
        n_pred = sum(n for (t, _), n in pred_keys.items() if t == type_)
        n_gold = sum(n for (t, _), n in gold_keys.items() if t == type_)
        scores.per_type[type_] = Counts.of_hits(hit, n_pred, n_gold)
    for key, n in (gold_keys - pred_keys).items():
        for _ in range(n):
            _fail(scores, "missed event", f"missed {key[0]} {_codes(key[1])}")
    for key, n in (pred_keys - gold_keys).items():
        for _ in range(n):
            _fail(scores, "spurious event", f"spurious {key[0]} {_codes(key[1])}")


T = TypeVar("T")
U = TypeVar("U")


def _one_to_one(gold: Sequence[T], predicted: Sequence[U], same: Callable[[T, U], bool]) -> int:
    """How many gold values find a predicted value, each predicted value used once."""
    used: set[int] = set()
    hits = 0
    for g in gold:
        for i, p in enumerate(predicted):
            if i not in used and same(g, p):
                used.add(i)
                hits += 1
                break
    return hits


def item_matches(gold: GoldItem, item: Item) -> bool:
    """Category, quantity value and kind, and action; a key the gold leaves out is not compared."""
    given = gold.model_fields_set
    if gold.category != item.category:
        return False
    if "quantity" in given and not _same_number(gold.quantity, item.quantity.value):
        return False
    if "kind" in given and gold.kind != item.quantity.kind:
        return False
    return not ("action" in given and gold.action != item.action)


def money_matches(gold: GoldMoney, money: Money) -> bool:
    """Amount, currency and term (normalised: "three-year" = "3 years"); left-out keys pass."""
    given = gold.model_fields_set
    if "amount" in given and not _same_number(gold.amount, money.amount):
        return False
    if "currency" in given and gold.currency != money.currency:
        return False
    return not ("term" in given and fold_term(gold.term) != fold_term(money.term))


def date_in_range(when: When, gold: GoldWhen) -> bool:
    """The predicted start and end are known and lie inside the gold range."""
    if when.precision == "unknown" or not when.start or not when.end:
        return False
    try:
        start, end = date.fromisoformat(when.start), date.fromisoformat(when.end)
    except ValueError:
        return False
    if gold.start is not None and start < gold.start:
        return False
    return not (gold.end is not None and end > gold.end)


def place_counts(gold: Sequence[str], places: Sequence[Place], report: Report | None) -> Counts:
    wanted = {fold_place(n) for n in gold}
    found: set[str] = set()
    right = 0
    for place in places:
        names = {fold_place(place.text)}
        entity = report.entity(place.entity) if report is not None and place.entity else None
        if entity is not None:
            names.add(fold_place(entity.name))
        if names & wanted:
            right += 1
            found |= names & wanted
    return Counts(right, len(places), len(found), len(wanted))


def hop_names(hop: Hop, report: Report | None) -> list[str]:
    """A hop's name and every way the article names its entity ("the Pentagon" for the
    Department of Defense): a gold chain written as the text gives it still matches."""
    names = [hop.name]
    if report is not None and hop.entity is not None:
        entity = report.entity(hop.entity)
        if entity is not None:
            names += [report.article.text[s:e] for s, e in entity.mentions]
    return names


def fold_place(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.split()).casefold())


def fold_chain(names: Iterable[str]) -> tuple[str, ...]:
    """Hop names compared case-folded, without "the" and with runs of white space as one."""
    return tuple(
        " ".join(w for w in name.translate(_APOSTROPHES).casefold().split() if w != "the")
        for name in names
    )


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
_NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    )
}
_UNITS = {"years": "year", "months": "month", "weeks": "week", "days": "day"}


def fold_term(term: str | None) -> str | None:
    if term is None:
        return None
    words = term.casefold().replace("-", " ").split()
    return " ".join(_UNITS.get(w, _NUMBER_WORDS.get(w, w)) for w in words)


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a))


def _field(scores: Scores, name: str, counts: Counts, label: str, what: str) -> None:
    scores.counts(name).add(counts)
    if counts.hit_pred < counts.pred or counts.hit_gold < counts.gold:
        _fail(
            scores,
            what,
            f"{label}: {what} {counts.hit_gold}/{counts.gold} found, "
            f"{counts.pred - counts.hit_pred} wrong",
        )


def _check(scores: Scores, name: str, ok: bool, label: str, gold: Any, got: Any) -> None:
    scores.accuracy(name).count(ok)
    if not ok:
        _fail(scores, name, f"{label}: {name} {got!r}, gold {gold!r}")


def _fail(scores: Scores, kind: str, note: str) -> None:
    scores.failures[kind] += 1
    scores.notes.append(note)


def _codes(codes: frozenset[str]) -> str:
    return "[" + ", ".join(sorted(codes)) + "]"


def _range(when: GoldWhen) -> str:
    return f"{when.start or '…'}..{when.end or '…'}"


def _when(when: When) -> str:
    return f"{when.start or '?'}..{when.end or '?'} ({when.precision})"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
