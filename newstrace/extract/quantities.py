"""Quantities: "14", "eight", "several", "up to 20", "more than 1,000", "a dozen", "unspecified"."""

from __future__ import annotations

import re

from newstrace.model import Quantity

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
VAGUE = {
    "several",
    "some",
    "many",
    "numerous",
    "dozens",
    "hundreds",
    "thousands",
    "few",
    "a few",
    "multiple",
    "various",
    "a number of",
    "scores",
    "a handful of",
}  # "more", "additional" alone give no number: "asked for more Patriot systems" is unspecified
UNSPECIFIED = {
    "unspecified",
    "undisclosed",
    "unknown",
    "an unspecified number of",
    "an undisclosed number of",
    "unnamed",
}
APPROX_BEFORE = {
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "approximately",
    "some",
    "an estimated",
    "estimated",
    "close to",
    "up to",
    "more than",
    "over",
    "at least",
    "fewer than",
    "less than",
    "under",
    "as many as",
    "upwards of",
}
QUANTITY_WORDS = (
    set(UNITS)
    | set(SCALES)
    | VAGUE
    | UNSPECIFIED
    | APPROX_BEFORE
    | {"a", "an", "dozen", "and", "to", "between", "-", "–"}
)
# The one-word quantity words ("several", "eight", "about"), and the phrases of more than one word
# as token tuples, longest first ("as many as", "an unspecified number of").
QUANTITY_TOKENS = frozenset(
    w for w in QUANTITY_WORDS if " " not in w and w not in {"and", "to", "-", "–"}
)
QUANTITY_PHRASES = tuple(
    sorted(
        (tuple(p.split()) for p in VAGUE | UNSPECIFIED | APPROX_BEFORE if " " in p),
        key=len,
        reverse=True,
    )
)
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def number_value(word: str) -> float | None:
    """The value of one token: digits ("1,200", "2.5") or a number word ("eight")."""
    w = word.lower().strip()
    if _NUMBER.match(w):
        return float(w.replace(",", ""))
    if w in UNITS:
        return float(UNITS[w])
    if w == "dozen":
        return 12.0
    if "-" in w:  # twenty-five
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in UNITS and parts[1] in UNITS:
            return float(UNITS[parts[0]] + UNITS[parts[1]])
    return None


def parse_number(words: list[str]) -> float | None:
    """Value of a run of number tokens: "two hundred", "1.5 million", "a dozen"."""
    if not words:
        return None
    total = 0.0
    current: float | None = None
    article = False  # "a" / "an": one of whatever follows ("a dozen", "a hundred")
    half = False
    for word in words:
        w = word.lower()
        if w in {"a", "an"} and (current is None or half) and not article:
            article = True  # "half a dozen": the article after "half" is skipped too
            continue
        if w == "and":
            continue
        if w == "half" and current is None:
            current, half = 0.5, True  # only as a multiplier's factor: "half a dozen"
            continue
        if w == "dozen":  # a multiplier, like "hundred": "two dozen" is 24
            current = (current if current is not None else 1.0) * 12
            half = False
            continue
        if w in SCALES:
            half = False
            current = (current if current is not None else 1.0) * SCALES[w]
            if SCALES[w] >= 1000:
                total += current
                current = None
            continue
        value = number_value(w)
        if value is None or half:
            return None
        current = value if current is None else current + value
    if half:
        return None
    if current is not None:
        total += current
    elif total == 0 and article:
        total = 1.0
    return total


def parse_quantity(words: list[str]) -> Quantity | None:
    """A quantity from the words in front of an item's noun, or None if there is none.

    ``words`` are the tokens between the start of the noun phrase and its modifiers, e.g.
    ["up", "to", "14"], ["several"], ["eight"], ["between", "10", "and", "12"].
    """
    if not words:
        return None
    text = " ".join(words)
    low = text.lower()
    if low in UNSPECIFIED or any(w.lower() in UNSPECIFIED for w in words):
        return Quantity(None, kind="unspecified", word=text)
    ranged = _range(low)
    if ranged is not None:
        return Quantity(None, low=ranged[0], high=ranged[1], kind="approx", word=text)
    for prefix in sorted(APPROX_BEFORE, key=len, reverse=True):
        if low.startswith(prefix + " "):
            rest = words[len(prefix.split()) :]
            ranged = _range(" ".join(rest).lower())
            if ranged is not None:  # "about 11,000 to 12,000"
                return Quantity(None, low=ranged[0], high=ranged[1], kind="approx", word=text)
            value = parse_number(rest)
            if value is None:
                vague_scale = len(rest) == 2 and rest[1].lower() in SCALES
                if vague_scale and rest[0].lower() in VAGUE:  # "up to several hundred"
                    return Quantity(None, kind="vague", word=text)
                break
            if prefix in {"up to", "as many as", "fewer than", "less than", "under"}:
                return Quantity(None, high=value, kind="approx", word=text)
            if prefix in {"more than", "over", "at least", "upwards of"}:
                return Quantity(None, low=value, kind="approx", word=text)
            return Quantity(value, kind="approx", word=text)
    if low in VAGUE or low.split()[0] in VAGUE:
        return Quantity(None, kind="vague", word=text)
    if low in {"a", "an"}:
        return Quantity(1, kind="exact", word=text)
    value = parse_number(words)
    if value is not None:
        return Quantity(value, kind="exact", word=text)
    return None


def _range(low: str) -> tuple[float, float] | None:
    """ "10 to 12", "between 10 and 12", "10-12" as (low, high), or None."""
    match = re.match(r"^(?:between\s+)?(\S+)\s*(?:-|–|to|and)\s*(\S+)$", low)
    if match:
        lo, hi = number_value(match.group(1)), number_value(match.group(2))
        if lo is not None and hi is not None and lo < hi:
            return lo, hi
    return None
