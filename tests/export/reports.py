"""A realistic report, built with the model classes, modelled on the reference article
(shared/seeds/000_de89d05e413b82ac.txt): Maduro's request to Putin for military aid, as told by
a rewrite of The Moscow Times, citing The Washington Post, citing U.S. government documents.

Every offset is found in :data:`TEXT`, so the evidence really points at what it claims.
"""

from __future__ import annotations

from datetime import date

from newstrace.model import (
    Article,
    Attribution,
    Entity,
    Event,
    Evidence,
    Hop,
    Item,
    Money,
    OutletRef,
    Place,
    Quantity,
    Report,
    Role,
    Span,
    When,
)

TEXT = (
    "Venezuelan President Nicolás Maduro has reportedly requested military assistance from "
    "Russian President Vladimir Putin, The Moscow Times reported, citing internal U.S. "
    "government documents obtained by The Washington Post.\n"
    "Specific items sought include 14 missile units and the restoration of several "
    "Russian-made Sukhoi Su-30MK2 fighter jets. Further requests involve the overhauls of "
    "eight engines and five radars, alongside unspecified logistical support.\n"
    "Venezuela also sought a “medium-term financing plan of three years” through the Russian "
    "state defense conglomerate Rostec, though the exact amount was not specified.\n"
    "Venezuelan Transportation Minister Ramón Celestino Velásquez delivered the written appeal "
    "during a mid-October visit to Moscow, where he met with his Russian counterpart.\n"
    "These developments often involve sophisticated national security concerns, frequently "
    "involving nation-state actors. Such alliances can be crucial for nations involved in "
    "long-term strategic operations."
)


def span(phrase: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th ``phrase`` in :data:`TEXT`."""
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(phrase, start + 1)
    return start, start + len(phrase)


def ev(phrase: str, rule: str, occurrence: int = 1) -> Evidence:
    return Evidence(*span(phrase, occurrence), rule=rule)


def sentence(first_words: str, last_words: str) -> Span:
    start = TEXT.index(first_words)
    return Span(start, TEXT.index(last_words, start) + len(last_words))


def build_report() -> Report:
    article = Article(
        text=TEXT,
        source="tests/export/reports.py",
        url="https://news.example.org/2025/11/maduro-asks-putin-for-military-aid",
        outlet=OutletRef("outlet:example-cyber-news", "Example Cyber News"),
        title="Maduro Seeks Russian Military Aid Amid U.S. Caribbean Buildup",
        published=date(2025, 11, 1),
        published_basis="metadata",
        language="en",
    )
    entities = [
        Entity(
            "country:VEN",
            "country",
            "Venezuela",
            "VEN",
            wikidata="Q717",
            mentions=[span("Venezuela", 2)],
        ),
        Entity("country:RUS", "country", "Russia", "RUS", wikidata="Q159"),
        Entity(
            "person:nicolas-maduro",
            "person",
            "Nicolás Maduro",
            "VEN",
            roles=[Role("President", "country:VEN", "2013-04-19", None)],
            wikidata="Q57413",
            mentions=[span("Nicolás Maduro")],
        ),
        Entity(
            "person:vladimir-putin",
            "person",
            "Vladimir Putin",
            "RUS",
            roles=[Role("President", "country:RUS", "2012-05-07", None)],
            wikidata="Q7747",
            mentions=[span("Vladimir Putin")],
        ),
        Entity(
            "person:ramon-celestino-velasquez",
            "person",
            "Ramón Celestino Velásquez",
            "VEN",
            roles=[Role("Minister of Transportation", "country:VEN")],
            mentions=[span("Ramón Celestino Velásquez")],
        ),
        Entity(
            "org:rostec",
            "organization",
            "Rostec",
            "RUS",
            wikidata="Q4390923",
            mentions=[span("Rostec")],
        ),
        Entity(
            "outlet:the-moscow-times",
            "outlet",
            "The Moscow Times",
            "RUS",
            mentions=[span("The Moscow Times")],
        ),
        Entity(
            "outlet:the-washington-post",
            "outlet",
            "The Washington Post",
            "USA",
            mentions=[span("The Washington Post")],
        ),
        Entity(
            "weapon:su-30mk2",
            "weapon_system",
            "Sukhoi Su-30MK2",
            "RUS",
            mentions=[span("Sukhoi Su-30MK2")],
        ),
        Entity(
            "place:moscow", "place", "Moscow", "RUS", wikidata="Q649", mentions=[span("Moscow", 2)]
        ),
        Entity(
            "document:us-government-documents",
            "document",
            "internal U.S. government documents",
            "USA",
            mentions=[span("internal U.S. government documents")],
        ),
    ]
    chain = Attribution(
        [
            Hop("The Moscow Times", "outlet:the-moscow-times", "outlet"),
            Hop("The Washington Post", "outlet:the-washington-post", "outlet"),
            Hop(
                "internal U.S. government documents", "document:us-government-documents", "document"
            ),
        ]
    )
    request = Event(
        id="ev:request:5d1c0a7e",
        type="REQUEST",
        mode="assist",
        contexts=["military"],
        status="requested",
        actors=["person:nicolas-maduro"],
        recipients=["person:vladimir-putin"],
        items=[
            Item(
                "missile units",
                "missile",
                quantity=Quantity(14, kind="exact", word="14"),
                action="supply",
                evidence=[ev("14 missile units", "item.list")],
            ),
            Item(
                "Su-30MK2 fighter jets",
                "combat_aircraft",
                system="weapon:su-30mk2",
                origin="RUS",
                quantity=Quantity(None, low=2, kind="vague", word="several"),
                action="restore",
                evidence=[
                    ev(
                        "restoration of several Russian-made Sukhoi Su-30MK2 fighter jets",
                        "item.action_of",
                    )
                ],
            ),
            Item(
                "engines",
                "engine",
                quantity=Quantity(8, kind="exact", word="eight"),
                action="overhaul",
                evidence=[ev("overhauls of eight engines", "item.action_of")],
            ),
            Item(
                "radars",
                "radar",
                quantity=Quantity(5, kind="exact", word="five"),
                action="overhaul",
                evidence=[ev("five radars", "item.coordination")],
            ),
            Item(
                "logistical support",
                "logistics",
                quantity=Quantity(None, kind="unspecified", word="unspecified"),
                action="other",
                evidence=[ev("unspecified logistical support", "item.list")],
            ),
        ],
        money=[
            Money(
                "medium-term financing plan",
                term="3 years",
                via="org:rostec",
                evidence=[ev("medium-term financing plan of three years", "money.plan")],
            ),
        ],
        factuality="reported",
        attribution=[chain],
        evidence=[
            ev("Nicolás Maduro has reportedly requested military assistance", "plover.request")
        ],
        confidence=0.82,
        summary="Venezuela asked Russia for air-defence materiel, jet restoration and financing.",
    )
    consult = Event(
        id="ev:consult:9b3e4f21",
        type="CONSULT",
        mode="visit",
        status=None,
        actors=["person:ramon-celestino-velasquez"],
        recipients=["country:RUS"],
        when=When("mid-October", "2025-10-11", "2025-10-20", "part-of-month"),
        where=[Place("place:moscow", "Moscow", 55.7558, 37.6173, "RUS")],
        factuality="reported",
        salience="context",
        evidence=[
            ev(
                "during a mid-October visit to Moscow, where he met with his Russian counterpart",
                "plover.consult",
            )
        ],
        confidence=0.7,
    )
    return Report(
        article=article,
        entities=entities,
        events=[request, consult],
        filler=[
            sentence("These developments", "nation-state actors."),
            sentence("Such alliances", "strategic operations."),
        ],
        warnings=["money amount not stated: “the exact amount was not specified”"],
    )
