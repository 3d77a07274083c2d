"""Items of materiel in one sentence: category, quantity and action, as the gold convention
(tests/eval/README.md) codes them. A table of the ways news names them; each row holds alone."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newstrace.extract.items import holds_item, restated
from newstrace.model import Evidence, Item, Quantity
from newstrace.model.article import Article, normalise_text

PUBLISHED = date(2025, 11, 7)

# sentence, the items expected (category, value, kind, action; None: not compared), and
# categories that must not be found
CASES: list[tuple[str, list[tuple[str, float | None, str | None, str | None]], set[str]]] = [
    (
        "Two Venezuelan military F-16 fighter jets flew near a U.S. destroyer on Thursday.",
        [("fighter_aircraft", 2, "exact", "other")],
        set(),
    ),
    (
        "The carrier will join eight other US warships already deployed near Venezuela.",
        [("warship", 8, "exact", "other")],
        set(),
    ),
    (
        "The Pentagon is sending 10 F-35 stealth fighter jets to Puerto Rico.",
        [("fighter_aircraft", 10, "exact", None)],
        set(),
    ),
    (
        "North Korea has sent about 11,000 to 12,000 soldiers to Russia.",
        [("troops", None, "approx", None)],
        set(),
    ),
    (
        "Pyongyang had sent around 3,000 additional troops to Russia in January.",
        [("troops", 3000, "approx", None)],
        set(),
    ),
    (
        "North Korea has shipped more than 13,000 containers of artillery shells to Russia.",
        [("ammunition", None, "approx", None)],
        set(),
    ),
    (
        "Maduro asked Putin for 14 sets of missiles and unspecified logistical support.",
        [("missile", 14, "exact", "supply"), ("logistics", None, "unspecified", "other")],
        {"other"},
    ),
    (
        "Iran fired hundreds of ballistic missiles and drones at Israel.",
        [("ballistic_missile", None, "vague", "other"), ("drone", None, "vague", "other")],
        {"missile"},
    ),
    (
        "Iran had given Russia a limited number of drones, the minister said.",
        [("drone", None, "vague", None)],
        set(),
    ),
    (
        "Militants fired an anti-tank missile at soldiers in Rafah.",
        [("anti_tank_missile", 1, "exact", "other")],
        {"tank", "missile"},
    ),
    (
        "Pakistan attacked Indian targets with loitering munitions and fighter aircraft.",
        [("loitering_munition", None, None, None), ("fighter_aircraft", None, None, None)],
        {"ammunition", "transport_aircraft"},
    ),
    (
        "Venezuela asked Russia to help with overhauling aircraft engines and radars.",
        [("engine", None, "unspecified", "overhaul"), ("radar", None, "unspecified", "overhaul")],
        set(),
    ),
    (
        "Ukraine has asked its partners for more Patriot systems.",
        [("air_defense", None, "unspecified", None)],
        set(),
    ),
    (
        "The United States approved a sale of spare parts for F-16 fighter jets to Taiwan.",
        [("spare_parts", None, "unspecified", "sell")],
        {"fighter_aircraft"},
    ),
    (
        "China sanctioned Raytheon Missiles & Defense on Thursday.",
        [],
        {"missile"},
    ),
    (
        "The Houthis fired a missile at a cargo ship in the Gulf of Aden, setting fuel tanks ablaze.",
        [("missile", 1, "exact", "other")],
        {"warship", "tank"},
    ),
    (
        "Militants attacked Israeli troops in Rafah with an anti-tank missile.",
        [("anti_tank_missile", 1, "exact", "other")],
        {"troops"},
    ),
    (
        "Iran retaliated the next evening with a missile salvo at the Al Udeid air base.",
        [("missile", None, "unspecified", "other")],
        set(),
    ),
    (
        "Türkiye asked to buy 40 new F-16 fighter jets and 79 modernization kits.",
        [("fighter_aircraft", 40, "exact", None), ("equipment", 79, "exact", None)],
        set(),
    ),
    (
        "Washington approved a sale of spare parts for F-16 fighter jets and radar equipment.",
        [("spare_parts", None, None, "sell"), ("radar", None, None, "sell")],
        {"equipment", "fighter_aircraft"},
    ),
    (
        "Pakistan said it had used long-range weapons against Indian targets.",
        [],
        {"equipment"},
    ),
]


def _items(engine: Any, text: str) -> list[Item]:
    article = Article(text=normalise_text(text), published=PUBLISHED)
    report = engine.analyze_one(article)
    return [item for event in report.events for item in event.items]


@pytest.mark.parametrize(("text", "expected", "absent"), CASES, ids=[c[0][:40] for c in CASES])
def test_items(
    engine: Any,
    text: str,
    expected: list[tuple[str, float | None, str | None, str | None]],
    absent: set[str],
) -> None:
    items = _items(engine, text)
    found = [(i.category, i.quantity.value, i.quantity.kind, i.action) for i in items]
    for category, value, kind, action in expected:
        assert any(
            c == category
            and (value is None or v == value)
            and (kind is None or k == kind)
            and (action is None or a == action)
            for c, v, k, a in found
        ), f"{category} {value} {kind} {action} not in {found}"
    assert not {c for c, *_ in found} & absent, found


def test_range_bounds(engine: Any) -> None:
    (item,) = _items(engine, "North Korea has sent about 11,000 to 12,000 soldiers to Russia.")
    assert (item.quantity.low, item.quantity.high) == (11000, 12000)


def test_a_country_before_the_article_is_not_in_the_phrase(engine: Any) -> None:
    items = _items(engine, "The United States would send Ukraine a Patriot missile battery.")
    (battery,) = [i for i in items if i.category == "air_defense"]
    assert battery.text == "a Patriot missile battery"
    assert battery.system == "weapon:patriot"
    assert (battery.quantity.value, battery.quantity.kind) == (1, "exact")


def _item(category: str, quantity: Quantity, system: str | None = None, at: int = 0) -> Item:
    return Item(
        text=category,
        category=category,
        system=system,
        origin=None,
        quantity=quantity,
        action="supply",
        evidence=[Evidence(at, at + 5, "items.np")],
    )


def test_a_bare_mention_restates_the_specific_item() -> None:
    bare = _item("missile", Quantity(None, kind="unspecified"), at=0)
    specific = _item("anti_ship_missile", Quantity(60, kind="exact"), "weapon:harpoon", at=100)
    kept = restated(bare, specific)
    assert kept is specific
    assert [e.start for e in kept.evidence] == [100, 0]
    assert restated(specific, _item("missile", Quantity(None, kind="unspecified"))) is specific


def test_two_counted_items_stay_two() -> None:
    eight = _item("warship", Quantity(8, kind="exact"))
    ten = _item("warship", Quantity(10, kind="approx"))
    assert restated(eight, ten) is None
    assert restated(_item("drone", Quantity(None, kind="unspecified")), eight) is None


def test_which_events_hold_items() -> None:
    troops = _item("troops", Quantity(200, kind="approx"))
    assert holds_item("AID", troops) and holds_item("MOBILIZE", troops)
    assert not holds_item("ASSAULT", troops)
    missiles = _item("missile", Quantity(None, kind="unspecified"))
    assert holds_item("ASSAULT", missiles)
    assert not any(holds_item(t, missiles) for t in ("AGREE", "REJECT", "SANCTION"))
