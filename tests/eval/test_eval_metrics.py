"""Precision, recall, F1 and accuracy per field (newstrace/eval/metrics.py).

Each row is a tiny hand-built article: gold events, predicted events, and the figures a
careful reader computes by hand.
"""

from __future__ import annotations

from typing import Any

import pytest

from newstrace.eval.gold import GoldEvent
from newstrace.eval.match import Predicted, align
from newstrace.eval.metrics import (
    Accuracy,
    Counts,
    Scores,
    fold_chain,
    fold_term,
    score_article,
)
from newstrace.model import (
    Article,
    Attribution,
    Entity,
    Event,
    Hop,
    Item,
    Money,
    Place,
    Quantity,
    Report,
    When,
)


def gold(**data: Any) -> GoldEvent:
    data.setdefault("type", "AID")
    data.setdefault("actors", ["USA"])
    data.setdefault("recipients", ["TWN"])
    return GoldEvent.model_validate(data)


def pred(**fields: Any) -> Predicted:
    actors = frozenset(fields.pop("codes", {"USA"}))
    recipients = frozenset(fields.pop("to", {"TWN"}))
    fields.setdefault("type", "AID")
    return Predicted(Event("e", **fields), actors, recipients)


REPORT = Report(
    Article("text"),
    entities=[
        Entity("place:taipei", "place", "Taipei", "TWN"),
        Entity("country:TWN", "country", "Taiwan", "TWN"),
    ],
)


def score(golds: list[GoldEvent], preds: list[Predicted]) -> Scores:
    return score_article(golds, preds, align(golds, preds), REPORT)


def prf(counts: Counts) -> tuple[float | None, float | None, float | None]:
    def r(v: float | None) -> float | None:
        return None if v is None else round(v, 4)

    return r(counts.precision), r(counts.recall), r(counts.f1)


# --- counts and accuracy -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (Counts(2, 4, 2, 2), (0.5, 1.0, 0.6667)),
        (Counts(0, 3, 0, 2), (0.0, 0.0, 0.0)),
        (Counts(0, 0, 0, 2), (None, 0.0, None)),  # nothing predicted: no precision
        (Counts(1, 1, 2, 4), (1.0, 0.5, 0.6667)),  # places: hits differ by side
    ],
)
def test_counts(counts: Counts, expected: tuple[float | None, ...]) -> None:
    assert prf(counts) == expected


def test_counts_and_accuracies_add_up_as_micro_averages() -> None:
    total, a, b = Scores(), Scores(), Scores()
    a.fields["type_actors"] = Counts.of_hits(1, 1, 1)
    b.fields["type_actors"] = Counts.of_hits(0, 3, 1)
    a.fields["status"] = Accuracy(1, 1)
    b.fields["status"] = Accuracy(0, 3)
    total.add(a)
    total.add(b)
    assert prf(total.counts("type_actors")) == (0.25, 0.5, 0.3333)  # not the mean of 1.0 and 0
    assert total.accuracy("status").accuracy == 0.25


# --- type + actors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("golds", "preds", "expected"),
    [
        ([gold()], [pred()], (1.0, 1.0, 1.0)),
        ([gold()], [pred(type="SUPPORT")], (0.0, 0.0, 0.0)),  # wrong type
        ([gold()], [pred(codes={"USA", "GBR"})], (0.0, 0.0, 0.0)),  # an extra actor
        ([gold(actors=["USA", "GBR"])], [pred(codes={"GBR", "USA"})], (1.0, 1.0, 1.0)),  # order
        ([gold()], [pred(to={"JPN"})], (1.0, 1.0, 1.0)),  # recipients do not count here
        ([gold()], [pred(), pred()], (0.5, 1.0, 0.6667)),  # a duplicate is a false positive
        ([gold(), gold()], [pred()], (1.0, 0.5, 0.6667)),
        ([gold(), gold()], [pred(), pred()], (1.0, 1.0, 1.0)),  # each gold event found once
        (
            [gold(), gold(type="ACCUSE", actors=["CHN"])],
            [pred(), pred(type="THREATEN")],
            (0.5, 0.5, 0.5),
        ),
        ([gold()], [], (None, 0.0, None)),
    ],
)
def test_type_actors(
    golds: list[GoldEvent], preds: list[Predicted], expected: tuple[float | None, ...]
) -> None:
    assert prf(score(golds, preds).counts("type_actors")) == expected


def test_per_type_counts() -> None:
    s = score([gold(), gold(type="ACCUSE", actors=["CHN"])], [pred(), pred(type="THREATEN")])
    assert {t: prf(c) for t, c in s.per_type.items()} == {
        "AID": (1.0, 1.0, 1.0),
        "ACCUSE": (None, 0.0, None),
        "THREATEN": (0.0, None, None),
    }
    assert s.failures["missed event"] == 1 and s.failures["spurious event"] == 1


# --- actors and recipients over aligned events --------------------------------------------------


@pytest.mark.parametrize(
    ("g", "p", "field", "expected"),
    [
        (gold(actors=["USA", "GBR"]), pred(codes={"USA"}), "actors", (1.0, 0.5, 0.6667)),
        (gold(), pred(codes={"USA", "org:nato"}), "actors", (0.5, 1.0, 0.6667)),
        (gold(recipients=["TWN", "JPN"]), pred(to={"TWN", "KOR"}), "recipients", (0.5, 0.5, 0.5)),
        (gold(recipients=[]), pred(to=set()), "recipients", (None, None, None)),
    ],
)
def test_actor_and_recipient_sets(
    g: GoldEvent, p: Predicted, field: str, expected: tuple[float | None, ...]
) -> None:
    assert prf(score([g], [p]).counts(field)) == expected


def test_unaligned_events_do_not_count_for_the_value_fields() -> None:
    s = score([gold(status="agreed")], [pred(type="ASSAULT", codes={"RUS"}, to={"UKR"})])
    assert s.counts("actors").gold == 0 and s.accuracy("status").total == 0


# --- status, factuality, dates, attribution: accuracy over aligned gold events -------------------


@pytest.mark.parametrize(
    ("g", "p", "field", "correct", "total"),
    [
        (gold(status="agreed"), pred(status="agreed"), "status", 1, 1),
        (gold(status="agreed"), pred(status="requested"), "status", 0, 1),
        (gold(status="agreed"), pred(), "status", 0, 1),
        (gold(), pred(status="agreed"), "status", 0, 0),  # gold has no status: not counted
        (gold(factuality="reported"), pred(factuality="reported"), "factuality", 1, 1),
        (gold(factuality="reported"), pred(), "factuality", 0, 1),  # predicted "asserted"
        (
            gold(when={"start": "2025-10-11", "end": "2025-10-20"}),
            pred(when=When("mid-October", "2025-10-11", "2025-10-20", "part-of-month")),
            "dates",
            1,
            1,
        ),
        (
            gold(when={"start": "2025-10-01", "end": "2025-10-31"}),
            pred(when=When("mid-October", "2025-10-11", "2025-10-20", "part-of-month")),
            "dates",
            1,
            1,
        ),  # inside the gold range
        (
            gold(when={"start": "2025-10-11", "end": "2025-10-20"}),
            pred(when=When("October", "2025-10-01", "2025-10-31", "month")),
            "dates",
            0,
            1,
        ),  # wider than the gold range
        (
            gold(when={"start": "2025-10-11", "end": "2025-10-20"}),
            pred(when=When("mid-October", None, None, "unknown")),
            "dates",
            0,
            1,
        ),
        (
            gold(when={"start": "2025-10-11", "end": "2025-10-20"}),
            pred(when=When("then", "2025-10-12", "2025-10-13", "unknown")),
            "dates",
            0,
            1,
        ),  # dates the extractor itself calls unknown do not count
        (
            gold(when={"start": "2025-01-01"}),
            pred(when=When("in March", "2025-03-01", "2025-03-31", "month")),
            "dates",
            1,
            1,
        ),
        (gold(when=None), pred(when=When("x", "2025-03-01", "2025-03-31", "month")), "dates", 0, 0),
        (
            gold(attribution=["The Moscow Times", "the Washington Post"]),
            pred(
                attribution=[
                    Attribution(
                        [
                            Hop("Moscow Times", None, "outlet"),
                            Hop("The Washington Post", None, "outlet"),
                        ]
                    )
                ]
            ),
            "attribution",
            1,
            1,
        ),
        (
            gold(attribution=["The Moscow Times", "The Washington Post"]),
            pred(attribution=[Attribution([Hop("The Moscow Times", None, "outlet")])]),
            "attribution",
            0,
            1,
        ),  # a hop short
        (gold(attribution=[]), pred(), "attribution", 1, 1),  # asserted by the article itself
        (
            gold(attribution=[]),
            pred(attribution=[Attribution([Hop("Reuters", None, "outlet")])]),
            "attribution",
            0,
            1,
        ),
        (
            gold(),
            pred(attribution=[Attribution([Hop("Reuters", None, "outlet")])]),
            "attribution",
            0,
            0,
        ),  # gold says nothing: not counted
        (
            gold(attribution=["Reuters"]),
            pred(
                attribution=[
                    Attribution([Hop("AP", None, "outlet")]),
                    Attribution([Hop("Reuters", None, "outlet")]),
                ]
            ),
            "attribution",
            0,
            1,
        ),  # the first chain is the one compared
    ],
)
def test_accuracy_fields(g: GoldEvent, p: Predicted, field: str, correct: int, total: int) -> None:
    acc = score([g], [p]).accuracy(field)
    assert (acc.correct, acc.total) == (correct, total)


# --- items, money, places -------------------------------------------------------------------------


def item(category: str, value: float | None, kind: str, action: str = "supply") -> Item:
    return Item(
        category,
        category,
        quantity=Quantity(value, kind=kind),  # type: ignore[arg-type]
        action=action,
    )


@pytest.mark.parametrize(
    ("gold_items", "items", "expected"),
    [
        (
            [{"category": "missile", "quantity": 14, "kind": "exact", "action": "supply"}],
            [item("missile", 14, "exact")],
            (1.0, 1.0, 1.0),
        ),
        (
            [{"category": "missile", "quantity": 14, "kind": "exact", "action": "supply"}],
            [item("missile", 12, "exact")],
            (0.0, 0.0, 0.0),
        ),  # wrong number
        (
            [{"category": "missile", "quantity": 14, "kind": "exact", "action": "supply"}],
            [item("missile", 14, "exact", "sell")],
            (0.0, 0.0, 0.0),
        ),  # wrong action
        (
            [{"category": "engine", "quantity": None, "kind": "vague"}],
            [item("engine", None, "vague", "overhaul")],
            (1.0, 1.0, 1.0),
        ),  # action left out
        (
            [{"category": "engine", "quantity": None, "kind": "vague"}],
            [item("engine", 3, "vague")],
            (0.0, 0.0, 0.0),
        ),  # null quantity is compared
        (
            [
                {"category": "radar", "quantity": 5, "kind": "exact", "action": "overhaul"},
                {"category": "engine", "quantity": 8, "kind": "exact", "action": "overhaul"},
            ],
            [
                item("engine", 8, "exact", "overhaul"),
                item("tank", 2, "exact"),
                item("drone", 1, "exact"),
            ],
            (0.3333, 0.5, 0.4),
        ),
        (
            [{"category": "missile", "quantity": 2, "kind": "exact"}],
            [item("missile", 2, "exact"), item("missile", 2, "exact")],
            (0.5, 1.0, 0.6667),
        ),
    ],
)
def test_items(
    gold_items: list[dict[str, Any]], items: list[Item], expected: tuple[float | None, ...]
) -> None:
    s = score([gold(items=gold_items)], [pred(items=items)])
    assert prf(s.counts("items")) == expected


@pytest.mark.parametrize(
    ("gold_money", "money", "expected"),
    [
        (
            [{"amount": 1.1e9, "currency": "USD"}],
            [Money("$1.1 billion", 1.1e9, "USD")],
            (1.0, 1.0, 1.0),
        ),
        (
            [{"amount": 1.1e9, "currency": "USD"}],
            [Money("$1.1 million", 1.1e6, "USD")],
            (0.0, 0.0, 0.0),
        ),
        (
            [{"amount": None, "currency": None, "term": "3 years"}],
            [Money("three-year plan", None, None, "three-year")],
            (1.0, 1.0, 1.0),
        ),
        (
            [{"amount": None, "currency": None, "term": "3 years"}],
            [Money("plan", None, None, "5 years")],
            (0.0, 0.0, 0.0),
        ),
        ([{"amount": 5e6, "currency": "EUR"}], [Money("$5m", 5e6, "USD")], (0.0, 0.0, 0.0)),
    ],
)
def test_money(
    gold_money: list[dict[str, Any]], money: list[Money], expected: tuple[float | None, ...]
) -> None:
    s = score([gold(money=gold_money)], [pred(money=money)])
    assert prf(s.counts("money")) == expected


@pytest.mark.parametrize(
    ("where", "places", "expected"),
    [
        (["Taipei"], [Place("place:taipei", "the Taiwanese capital")], (1.0, 1.0, 1.0)),
        (["Taipei", "Taiwan"], [Place(None, "taipei")], (1.0, 0.5, 0.6667)),
        (["The Hague"], [Place(None, "the Hague"), Place(None, "Paris")], (0.5, 1.0, 0.6667)),
        (["Taiwan"], [Place("country:TWN", "the island")], (1.0, 1.0, 1.0)),
        ([], [Place(None, "Paris")], (0.0, None, None)),
    ],
)
def test_places(where: list[str], places: list[Place], expected: tuple[float | None, ...]) -> None:
    s = score([gold(where=where)], [pred(where=places)])
    assert prf(s.counts("places")) == expected


@pytest.mark.parametrize(
    ("term", "folded"),
    [("3 years", "3 year"), ("three-year", "3 year"), ("Six Months", "6 month"), (None, None)],
)
def test_fold_term(term: str | None, folded: str | None) -> None:
    assert fold_term(term) == folded


def test_fold_chain() -> None:
    assert fold_chain(["The Moscow Times", "internal U.S.  government documents"]) == (
        "moscow times",
        "internal u.s. government documents",
    )
