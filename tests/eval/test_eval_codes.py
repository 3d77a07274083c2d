"""Entity ids of a report as gold actor codes (newstrace/eval/codes.py)."""

from __future__ import annotations

from datetime import date

import pytest

from newstrace.eval.codes import codes, entity_code, held_on
from newstrace.model import Article, Entity, Report, Role
from newstrace.nlp.knowledge import load_knowledge

KB = load_knowledge()

ENTITIES = [
    Entity("country:VEN", "country", "Venezuela", "VEN"),
    Entity(
        "person:biden",
        "person",
        "Joe Biden",
        "USA",
        roles=[Role("President", "USA", "2021-01-20", "2025-01-20")],
    ),
    Entity(
        "person:double-hat",
        "person",
        "A Leader",
        "CHN",
        roles=[Role("General Secretary", "ccp", "2012"), Role("President", "CHN", "2013-03")],
    ),
    Entity(
        "person:spokeswoman",
        "person",
        "Maria Zakharova",
        "RUS",
        roles=[Role("Spokesperson", "russian-mfa", "2015-08-10")],
    ),
    Entity(
        "person:guerrero",
        "person",
        "Héctor Guerrero",
        "VEN",
        roles=[Role("Leader", "tren-de-aragua")],
    ),
    Entity("person:unknown", "person", "Someone"),
    Entity("org:rostec", "organization", "Rostec", "RUS"),
    Entity("org:nato", "organization", "NATO"),
    Entity("org:hamas", "organization", "Hamas", "PSE"),
    Entity("org:lockheed-martin", "organization", "Lockheed Martin", "USA"),
    Entity("org:us-dod", "organization", "Pentagon", "USA"),
    Entity("org:new-militia", "organization", "New Militia", "COL"),
    Entity("group:protesters", "group", "protesters"),
    Entity("place:caracas", "place", "Caracas", "VEN"),
    Entity("place:moscow", "place", "Moscow"),  # country from places.yaml
    Entity("outlet:reuters", "outlet", "Reuters", "GBR"),
]


def _report(published: date | None = date(2023, 6, 1)) -> Report:
    return Report(Article("text", published=published), entities=list(ENTITIES))


@pytest.mark.parametrize(
    ("entity_id", "published", "code"),
    [
        ("country:VEN", None, "VEN"),
        ("person:biden", date(2023, 6, 1), "USA"),
        ("person:biden", date(2026, 1, 1), "USA"),  # out of office: his country
        ("person:double-hat", date(2023, 6, 1), "CHN"),  # the state office wins over the party
        ("person:double-hat", date(2012, 12, 1), "org:ccp"),  # only the party post then
        ("person:spokeswoman", date(2023, 6, 1), "RUS"),  # role of a ministry: its state
        ("person:spokeswoman", None, "RUS"),  # no date: the person's country
        ("person:guerrero", date(2023, 6, 1), "org:tren-de-aragua"),  # leader of an armed group
        ("person:unknown", date(2023, 6, 1), "person:unknown"),  # nothing known: never matches
        ("org:rostec", None, "RUS"),  # state_company
        ("org:us-dod", None, "USA"),  # ministry
        ("org:nato", None, "org:nato"),  # intergovernmental
        ("org:hamas", None, "org:hamas"),  # armed_group keeps its id despite a country
        ("org:lockheed-martin", None, "org:lockheed-martin"),  # company
        ("org:new-militia", None, "org:new-militia"),  # not in the knowledge files
        ("group:protesters", None, "group:protesters"),
        ("place:caracas", None, "VEN"),  # a capital acting for its state
        ("place:moscow", None, "RUS"),
        ("outlet:reuters", None, "outlet:reuters"),  # not an actor code
    ],
)
def test_entity_code(entity_id: str, published: date | None, code: str) -> None:
    assert entity_code(entity_id, _report(published), KB, published) == code


def test_a_person_and_their_country_give_one_code() -> None:
    report = _report()
    assert codes(
        ["person:biden", "country:VEN", "place:caracas"], report, KB, date(2023, 6, 1)
    ) == {
        "USA",
        "VEN",
    }


@pytest.mark.parametrize(
    ("start", "end", "on", "held"),
    [
        (None, None, date(2020, 1, 1), True),
        ("2021-01-20", "2025-01-20", date(2025, 1, 20), True),
        ("2021-01-20", "2025-01-20", date(2025, 1, 21), False),
        ("2021-01-20", None, date(2021, 1, 19), False),
        ("2013", "2013", date(2013, 12, 31), True),  # a year is the whole year
        ("2013-03", "2013-02", date(2013, 2, 28), False),
        ("2013-02", "2013-02", date(2013, 2, 28), True),  # a month is the whole month
    ],
)
def test_held_on(start: str | None, end: str | None, on: date, held: bool) -> None:
    assert held_on(Role("x", "USA", start, end), on) is held
