"""parse_quantity / parse_number / number_value: the words in front of an item's noun."""

from __future__ import annotations

import pytest

from newstrace.extract.quantities import number_value, parse_number, parse_quantity
from newstrace.model import Quantity
from newstrace.model.event import QuantityKind


@pytest.mark.parametrize(
    ("words", "value", "low", "high", "kind"),
    [
        # exact numbers, digits and words
        ("14", 14, None, None, "exact"),
        ("eight", 8, None, None, "exact"),
        ("Eight", 8, None, None, "exact"),
        ("1,200", 1200, None, None, "exact"),
        ("2.5", 2.5, None, None, "exact"),
        ("twenty-five", 25, None, None, "exact"),
        ("two hundred", 200, None, None, "exact"),
        ("two hundred and fifty", 250, None, None, "exact"),
        ("a hundred", 100, None, None, "exact"),
        ("1.5 million", 1_500_000, None, None, "exact"),
        ("three thousand five hundred", 3500, None, None, "exact"),
        ("a", 1, None, None, "exact"),
        ("an", 1, None, None, "exact"),
        # dozens multiply
        ("a dozen", 12, None, None, "exact"),
        ("two dozen", 24, None, None, "exact"),
        ("three dozen", 36, None, None, "exact"),
        ("half a dozen", 6, None, None, "exact"),
        ("half a million", 500_000, None, None, "exact"),
        # bounds
        ("up to 20", None, None, 20, "approx"),
        ("as many as 40", None, None, 40, "approx"),
        ("fewer than ten", None, None, 10, "approx"),
        ("more than 1,000", None, 1000, None, "approx"),
        ("at least five", None, 5, None, "approx"),
        ("over a dozen", None, 12, None, "approx"),
        ("upwards of 300", None, 300, None, "approx"),
        # approximate points
        ("about 30", 30, None, None, "approx"),
        ("some 40", 40, None, None, "approx"),
        ("nearly two dozen", 24, None, None, "approx"),
        ("an estimated 2,000", 2000, None, None, "approx"),
        ("around a hundred", 100, None, None, "approx"),
        # ranges
        ("between 10 and 12", None, 10, 12, "approx"),
        ("10-12", None, 10, 12, "approx"),
        ("three to five", None, 3, 5, "approx"),
        ("10 – 15", None, 10, 15, "approx"),
        ("about 11,000 to 12,000", None, 11000, 12000, "approx"),
        # vague and unspecified
        ("several", None, None, None, "vague"),
        ("Several", None, None, None, "vague"),
        ("dozens", None, None, None, "vague"),
        ("hundreds of", None, None, None, "vague"),
        ("a few", None, None, None, "vague"),
        ("a number of", None, None, None, "vague"),
        ("some", None, None, None, "vague"),
        ("up to several hundred", None, None, None, "vague"),
        ("unspecified", None, None, None, "unspecified"),
        ("an undisclosed number of", None, None, None, "unspecified"),
        ("an unspecified number of", None, None, None, "unspecified"),
    ],
)
def test_parse_quantity(
    words: str, value: float | None, low: float | None, high: float | None, kind: QuantityKind
) -> None:
    q = parse_quantity(words.split())
    assert q == Quantity(value, low=low, high=high, kind=kind, word=words)


@pytest.mark.parametrize(
    "words",
    [
        "",  # nothing in front of the noun
        "the",
        "new",
        "half",  # "half" alone is no count
        "more",  # "more Patriot systems": no number (the gold codes it unspecified)
        "additional",
        "a half",
        "half two",
        "12 to 10",  # a falling range is not a range
        "up to many",
    ],
)
def test_parse_quantity_none(words: str) -> None:
    assert parse_quantity(words.split()) is None


def test_quantity_keeps_the_original_words() -> None:
    q = parse_quantity(["Up", "to", "20"])
    assert q is not None
    assert (q.word, q.high, q.kind) == ("Up to 20", 20, "approx")


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("0", 0.0),
        ("7", 7.0),
        ("1,000", 1000.0),
        ("12,345.5", 12345.5),
        ("3.75", 3.75),
        ("nineteen", 19.0),
        ("NINETY", 90.0),
        ("forty-two", 42.0),
        ("dozen", 12.0),
        ("1,00", None),  # a misplaced thousands separator
        ("12a", None),
        ("several", None),
        ("twenty-hundred", None),
        ("", None),
    ],
)
def test_number_value(word: str, value: float | None) -> None:
    assert number_value(word) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ([], None),
        (["one", "hundred", "twenty"], 120.0),
        (["2", "billion"], 2e9),
        (["a", "thousand"], 1000.0),
        (["five", "hundred", "thousand"], 500_000.0),
        (["one", "million", "two", "hundred", "thousand"], 1_200_000.0),
        (["a", "dozen"], 12.0),
        (["jets"], None),
    ],
)
def test_parse_number(words: list[str], value: float | None) -> None:
    assert parse_number(words) == value
