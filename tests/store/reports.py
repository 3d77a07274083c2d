"""Realistic ``newstrace.report/1`` dicts for the store tests, built with the model classes."""

from __future__ import annotations

from datetime import date
from typing import Any

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
from newstrace.model.article import normalise_text

SEED_TEXT = normalise_text(
    """Venezuela's Maduro asked Putin for missiles and jet repairs, documents show

Venezuelan President Nicolás Maduro reportedly asked Russian President Vladimir Putin for
military aid in mid-October, The Moscow Times reported, citing The Washington Post, which saw
internal U.S. government documents. The request, delivered by Transportation Minister Ramón
Celestino Velásquez, listed 14 missile units, the restoration of several Su-30MK2 jets and
overhauls of eight engines and five radars, with a three-year financing plan through Rostec.
It remains unclear whether Moscow agreed.
These developments often involve sophisticated national security concerns."""
)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def make_report(
    text: str = SEED_TEXT,
    *,
    outlet: str = "cybernews",
    published: date | None = date(2025, 11, 1),
    confidence: float = 0.8,
    status: str = "requested",
) -> tuple[dict[str, Any], str]:
    """A report and the text it was made from; ``text`` and the options vary it."""
    article = Article(
        text=text,
        source="seeds/000.txt",
        url=f"https://{outlet}.example/maduro-putin",
        outlet=OutletRef(outlet, outlet.title()),
        title=text.split("\n", 1)[0],
        published=published,
        published_basis="metadata" if published else "unknown",
        language="en",
    )

    def ev(needle: str, rule: str) -> Evidence:
        start, end = _span(text, needle) if needle in text else (0, 1)
        return Evidence(start, end, rule)

    entities = [
        Entity("country:VEN", "country", "Venezuela", "VEN", wikidata="Q717"),
        Entity("country:RUS", "country", "Russia", "RUS", wikidata="Q159"),
        Entity(
            "person:nicolas-maduro",
            "person",
            "Nicolás Maduro",
            "VEN",
            roles=[Role("President", "VEN", "2013-04-19", None)],
            wikidata="Q57413",
        ),
        Entity(
            "person:vladimir-putin",
            "person",
            "Vladimir Putin",
            "RUS",
            roles=[Role("President", "RUS", "2012-05-07", None)],
            wikidata="Q7747",
        ),
        Entity("org:rostec", "organization", "Rostec", "RUS", wikidata="Q4390993"),
        Entity("weapon:su-30mk2", "weapon_system", "Su-30MK2", "RUS"),
        Entity("outlet:the-moscow-times", "outlet", "The Moscow Times", "NLD"),
    ]
    for entity in entities:
        needle = entity.name.split()[-1]
        if needle in text:
            entity.add_mention(*_span(text, needle))

    request = Event(
        id=f"ev:{article.id[:12]}:request",
        type="REQUEST",
        mode="military",
        contexts=["military", "arms_trade"],
        status=status,
        actors=["country:VEN", "person:nicolas-maduro"],
        recipients=["country:RUS", "person:vladimir-putin", "country:RUS"],
        intermediaries=["org:rostec"],
        when=When("mid-October", "2025-10-11", "2025-10-20", "part-of-month"),
        where=[Place("country:RUS", "Moscow", 55.75, 37.62, "RUS")],
        items=[
            Item(
                "14 missile units",
                "missile",
                None,
                "RUS",
                Quantity(14, kind="exact", word="14"),
                "supply",
                [ev("14 missile units", "items.quantity")],
            ),
            Item(
                "several Su-30MK2 jets",
                "aircraft",
                "weapon:su-30mk2",
                "RUS",
                Quantity(None, 3, 9, "vague", "several"),
                "restore",
                [ev("several Su-30MK2 jets", "items.system")],
            ),
            Item(
                "eight engines",
                "engine",
                None,
                None,
                Quantity(8, kind="exact", word="eight"),
                "overhaul",
                [ev("eight engines", "items.quantity")],
            ),
            Item(
                "five radars",
                "radar",
                None,
                None,
                Quantity(5, kind="exact", word="five"),
                "overhaul",
                [ev("five radars", "items.quantity")],
            ),
        ],
        money=[
            Money(
                "a three-year financing plan",
                None,
                None,
                "3y",
                "org:rostec",
                [ev("three-year financing plan", "money.term")],
            )
        ],
        factuality="reported",
        attribution=[
            Attribution(
                [
                    Hop("The Moscow Times", "outlet:the-moscow-times", "outlet"),
                    Hop("The Washington Post", None, "outlet"),
                    Hop("internal U.S. government documents", None, "document"),
                ]
            )
        ],
        evidence=[ev("asked Russian President Vladimir Putin", "trigger.request")],
        confidence=confidence,
        summary="Venezuela asked Russia for missiles and repairs of jets, engines and radars.",
    )
    agree = Event(
        id=f"ev:{article.id[:12]}:agree",
        type="AGREE",
        status=None,
        actors=["country:RUS"],
        recipients=["country:VEN"],
        when=When(None, None, None),
        factuality="unconfirmed",
        negated=False,
        salience="context",
        evidence=[ev("It remains unclear whether Moscow agreed", "factuality.unclear")],
        confidence=0.4,
    )
    filler_start, filler_end = _span(text, text.rsplit("\n", 1)[-1])
    report = Report(
        article=article,
        entities=entities,
        events=[request, agree],
        filler=[Span(filler_start, filler_end)],
        warnings=[] if published else ["no publication date: relative dates left unresolved"],
    )
    return report.to_dict(), text


def variant_text(n: int) -> str:
    """A different article (different id) for each ``n``."""
    return SEED_TEXT + f"\nUpdate {n}: the report was republished."


def save_at_revision(engine: Any, report: dict[str, Any], text: str) -> None:
    """Write ``report`` into a database left at an older revision, as that schema holds it:
    the rows :func:`~newstrace.store.rows.report_rows` makes, cut to the tables and columns the
    database has (the current ``Store.save`` writes columns an old schema lacks)."""
    from datetime import UTC, datetime

    from sqlalchemy import MetaData, insert

    from newstrace.store.rows import canonical, report_rows

    rows = report_rows(
        canonical(report), text=text, source=None, bytes_sha256=None, analysed_at=datetime.now(UTC)
    )
    meta = MetaData()
    meta.reflect(engine)
    parts = [
        ("articles", [rows.article]),
        ("entities", rows.entities),
        ("events", rows.events),
        ("event_entities", rows.event_entities),
        ("event_countries", rows.event_countries),
        ("items", rows.items),
    ]
    with engine.begin() as conn:
        for name, found in parts:
            table = meta.tables.get(name)
            if table is None or not found:
                continue
            columns = set(table.c.keys())
            conn.execute(
                insert(table), [{k: v for k, v in r.items() if k in columns} for r in found]
            )


def downgrade(engine: Any, revision: str) -> None:
    """Migrate the database behind ``engine`` down to ``revision`` with the project's Alembic
    set-up (the migration tests' way back to an older schema)."""
    from alembic import command

    from newstrace.store.migrate import alembic_config

    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
