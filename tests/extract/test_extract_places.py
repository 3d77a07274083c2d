"""Places: gazetteer entries give ``where[]`` coordinates, also when the model finds the name."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newstrace.model import Entity, Report
from newstrace.model.article import Article, normalise_text

PUBLISHED = date(2025, 10, 20)


def _analyse(engine: Any, text: str) -> Report:
    article = Article(text=normalise_text(text), published=PUBLISHED, published_basis="option")
    report: Report = engine.analyze_one(article)
    return report


def _entity(report: Report, eid: str) -> Entity:
    return next(e for e in report.entities if e.id == eid)


@pytest.mark.parametrize(
    ("text", "eid", "name"),
    [
        ("Leaders met in Sharm el-Sheikh on Monday.", "place:sharm-el-sheikh", "Sharm el-Sheikh"),
        ("Airstrikes hit targets in Saada and Taiz overnight.", "place:taiz", "Taiz"),
        ("Ukraine struck an airfield in Berdiansk on Tuesday.", "place:berdiansk", "Berdiansk"),
    ],
)
def test_gazetteer_places_are_knowledge_entities(
    engine: Any, text: str, eid: str, name: str
) -> None:
    entity = _entity(_analyse(engine, text), eid)
    assert entity.name == name
    assert entity.source.startswith("knowledge:place:")


def test_a_place_the_model_finds_in_capitals_is_the_gazetteer_entry(engine: Any) -> None:
    """A dateline in capitals ("MOSCOW -") is the capital, with its coordinates, and later
    mentions join it rather than a coordinate-less model entity."""
    report = _analyse(
        engine,
        "MOSCOW - Russia said on Monday it would send troops. Putin met Kim in Moscow on Monday.",
    )
    moscow = _entity(report, "place:moscow")
    assert moscow.name == "Moscow"
    assert moscow.source == "knowledge:capital:RUS"
    places = [p for ev in report.events for p in ev.where if p.entity == "place:moscow"]
    assert places and all(p.lat is not None for p in places)


def test_an_attack_in_a_gazetteer_city_has_coordinates(engine: Any) -> None:
    report = _analyse(engine, "Houthi fighters attacked government troops in Taiz on Monday.")
    where = [p for ev in report.events for p in ev.where]
    assert any(p.entity == "place:taiz" and p.lat == pytest.approx(13.58, abs=0.01) for p in where)


@pytest.mark.parametrize(
    "text",
    [
        "Saudi-led aircraft struck targets in Mosul on Monday.",
        "U.S. forces struck a boat in the Caribbean on Monday.",
    ],
)
def test_where_an_attack_happens_is_its_place(engine: Any, text: str) -> None:
    """ "in" after an attack names where it happened, even though it can name a recipient."""
    report = _analyse(engine, text)
    (attack,) = [e for e in report.events if e.type == "ASSAULT"]
    assert attack.where and attack.where[0].lat is not None
