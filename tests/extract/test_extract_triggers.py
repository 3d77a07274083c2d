"""Trigger matching (newstrace/extract/triggers.py): phrases, parts of speech, roles."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from newstrace.model.article import Article, normalise_text

PUBLISHED = date(2025, 11, 7)


def _events(engine: Any, sentence: str) -> list[dict[str, Any]]:
    article = Article(text=normalise_text(sentence), published=PUBLISHED, published_basis="option")
    events: list[dict[str, Any]] = engine.analyze_one(article).to_dict()["events"]
    return events


@pytest.mark.parametrize(
    ("sentence", "etype", "actor"),
    [
        # a verb and its particle: the phrase is a verb although the particle is not
        (
            "Ukraine said it shot down a Russian Kinzhal missile over Kyiv.",
            "ASSAULT",
            "country:UKR",
        ),
        ("The European Union called for calm and restraint.", "REQUEST", "org:eu"),
        ("Marco Rubio flew to Georgetown on Wednesday.", "CONSULT", "country:USA"),
        # a noun phrase headed by its first word
        ("Blinken reaffirmed unwavering support for Guyana.", "SUPPORT", "country:USA"),
    ],
)
def test_phrase_heads(engine: Any, sentence: str, etype: str, actor: str) -> None:
    events = [e for e in _events(engine, sentence) if e["type"] == etype]
    assert events, [e["type"] for e in _events(engine, sentence)]
    assert actor in events[0]["actors"]


def test_the_accused_acts_in_the_gerund(engine: Any) -> None:
    # "accused Hamas of attacking": Hamas is the one said to attack, not Israel
    events = _events(engine, "Israel accused Hamas of attacking its troops in Rafah.")
    assault = [e for e in events if e["type"] == "ASSAULT"]
    assert assault and "org:hamas" in assault[0]["actors"]
    assert "country:ISR" not in assault[0]["actors"]


@pytest.mark.parametrize(
    ("sentence", "etype", "actor"),
    [
        ("Rubio spoke with President Ali by phone on Wednesday.", "CONSULT", "country:USA"),
        ("Pakistan reserved the right to respond in self-defence.", "THREATEN", "country:PAK"),
        ("Tehran called the move illegal and unacceptable.", "ACCUSE", "country:IRN"),
        ("Ukraine will sever diplomatic relations with Iran.", "SANCTION", "country:UKR"),
        (
            "Maduro ordered 5,000 troops, backed by aircraft, to the border.",
            "MOBILIZE",
            "country:VEN",
        ),
    ],
)
def test_third_pass_entries(engine: Any, sentence: str, etype: str, actor: str) -> None:
    events = _events(engine, sentence)
    found = [e for e in events if e["type"] == etype]
    assert found, [e["type"] for e in events]
    assert actor in found[0]["actors"]


def test_speaking_to_reporters_is_no_consultation(engine: Any) -> None:
    events = _events(engine, "Rubio spoke to reporters in Washington on Wednesday.")
    assert not [e for e in events if e["type"] == "CONSULT"]


def test_the_longest_form_of_a_phrase_wins(engine: Any) -> None:
    # "does not recognise" and "not recognise" are forms of one trigger: the longer one is the
    # evidence, in every process (the forms once came in a set's order, see test_determinism)
    sentence = "Russia does not recognise the jurisdiction of the court."
    (reject,) = [e for e in _events(engine, sentence) if e["type"] == "REJECT"]
    starts = [ev["start"] for ev in reject["evidence"] if ev["rule"].startswith("trigger:")]
    assert starts == [sentence.index("does")]
