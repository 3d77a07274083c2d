"""Money: amounts with currency and scale ($330 million, €1.2bn, 5 billion rubles) and financing
instruments with their term and the party they go through ("a financing plan of three years
through Rostec"), amount unknown where the text gives none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrace.extract.quantities import number_value
from newstrace.model import Money

SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₽": "RUB", "₹": "INR"}
CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "rub": "RUB",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "rupee": "INR",
    "rupees": "INR",
    "bolivar": "VES",
    "bolivars": "VES",
    "shekel": "ILS",
    "shekels": "ILS",
    "won": "KRW",
    "riyal": "SAR",
    "riyals": "SAR",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "lira": "TRY",
}
SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:thousand|million|billion|trillion|lakh|crore|mln|mn|bn|tn|[mbk])\b"
AMOUNT = re.compile(
    rf"(?P<sym>US\$|\$|€|£|¥|₽|₹)\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?"
    rf"|(?P<num2>{_NUM})(?:\s?(?P<scale2>{_SCALE}))?\s(?:U\.?S\.?\s)?(?P<cur>dollars|euros|pounds|rubles|roubles|"
    rf"yuan|yen|rupees|bolivars|shekels|won|riyals|hryvnias|lira)\b"
    rf"|(?P<code>USD|EUR|GBP|RUB|CNY|JPY|INR)\s?(?P<num3>{_NUM})(?:\s?(?P<scale3>{_SCALE}))?",
    re.I,
)
INSTRUMENT = re.compile(
    r"(?P<text>(?:(?:an?|the)\s)?(?:(?:medium|long|short)-term\s|(?P<term_adj>\w+)-year\s|"
    r"(?:concessional|soft|state|export)\s)*"
    r"(?P<kind>financing plan|financing|funding|credit line|line of credit|loan|credit|grant|"
    r"aid package|military aid|assistance package|investment|payment|debt relief|debt)"
    r"(?P<plural>s?)"
    r"(?P<of>\s(?:worth|of|totaling|totalling|valued at)\s(?:\d[\d,.]*|one|two|three|four|five|"
    r"six|seven|eight|nine|ten|fifteen|twenty)[- ](?:years?|months?))?)"
    r"(?=[\s,.;:\"”’)]|$)",
    re.I,
)
TERM = re.compile(
    r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)[- ]"
    r"(?P<unit>years?|months?)\b",
    re.I,
)
VIA = re.compile(r"\b(?:through|via|from|by|with)\s+(?:the\s+)?", re.I)


@dataclass(frozen=True, slots=True)
class MoneyMention:
    start: int
    end: int
    text: str
    amount: float | None
    currency: str | None
    term: str | None
    rule: str


def find_money(text: str, offset: int = 0) -> list[MoneyMention]:
    """Money amounts and financing instruments in one sentence."""
    out: list[MoneyMention] = []
    taken: list[tuple[int, int]] = []
    for m in AMOUNT.finditer(text):
        g = m.groupdict()
        num = g["num"] or g["num2"] or g["num3"]
        scale = (g["scale"] or g["scale2"] or g["scale3"] or "").lower()
        value = number_value(num)
        if value is None:
            continue
        currency = (
            SYMBOLS.get(g["sym"] or "")
            or CURRENCY_WORDS.get((g["cur"] or "").lower())
            or (g["code"] or "").upper()
            or None
        )
        amount = value * SCALE.get(scale, 1.0)
        # An instrument just before the amount ("a loan of $1 billion") joins it.
        start, end = m.start(), m.end()
        out.append(
            MoneyMention(
                offset + start,
                offset + end,
                text[start:end],
                amount,
                currency,
                _term(text[start:end] + _before_next_amount(text[end : end + 50])),
                "money.amount",
            )
        )
        taken.append((start, end))
    for m in INSTRUMENT.finditer(text):
        kind = m.group("kind").lower()
        joined = _join_amount(text, m, out, offset)
        if joined is not None:
            out = joined
            continue
        if kind in {
            "military aid",
            "aid package",
            "assistance package",
            "credit",
            "payment",
            "debt",
            "investment",
        }:
            continue  # without a sum these are events or vague words, not money
        tail = text[m.end() : m.end() + 60]
        term = _term(m.group("text")) or _term(tail.split(",")[0])
        if m.group("term_adj"):
            term = term or _term(m.group("term_adj") + " years")
        out.append(
            MoneyMention(
                offset + m.start("text"),
                offset + m.end("text"),
                m.group("text"),
                None,
                None,
                term,
                "money.instrument",
            )
        )
    return sorted(out, key=lambda x: x.start)


_TERM_BEFORE = re.compile(
    r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)-year,?\s+$",
    re.I,
)
_LINK = re.compile(r"^\s+(?:of|worth|totaling|totalling|valued at|amounting to)\s+$", re.I)


def _join_amount(
    text: str, m: re.Match[str], amounts: list[MoneyMention], offset: int
) -> list[MoneyMention] | None:
    """ "a loan of $1 billion" / "a $1 billion loan": one mention, the instrument's words kept."""
    for k, a in enumerate(amounts):
        a_start, a_end = a.start - offset, a.end - offset
        between_after = text[m.end("plural") : a_start]
        between_before = text[a_end : m.start("kind")]
        if (0 <= a_start - m.end("plural") <= 16 and _LINK.match(between_after)) or (
            (0 <= m.start("kind") - a_end <= 12 and not between_before.strip(" -"))
            or between_before.strip().lower() in {"in", "worth of"}
        ):
            start, end = min(m.start("text"), a_start), max(m.end("plural"), a_end)
            term = (
                _term(m.group("text"))
                or a.term
                or (_term(m.group("term_adj") + " years") if m.group("term_adj") else None)
            )
            lead = _TERM_BEFORE.search(text, 0, start)  # "a three-year $1 billion loan"
            if lead and term is None:
                start, term = lead.start(), _term(lead.group("n") + " years")
            merged = MoneyMention(
                offset + start,
                offset + end,
                text[start:end],
                a.amount,
                a.currency,
                term,
                "money.amount+instrument",
            )
            return [*amounts[:k], merged, *amounts[k + 1 :]]
    return None


def _before_next_amount(tail: str) -> str:
    """The words after an amount up to the next amount's currency sign: its term is there."""
    sign = re.search(r"[$€£¥]", tail)
    return tail[: sign.start()] if sign else tail


DECADES = re.compile(r"\b(?P<n>a|one|two|three)\s+decades?\b", re.I)


def _term(text: str) -> str | None:
    m = TERM.search(text)
    if not m:
        decade = DECADES.search(text)  # "to be repaid over a decade"
        if decade is None:
            return None
        word = decade.group("n").lower()
        return f"{10 * (1 if word in {'a', 'one'} else int(number_value(word) or 1))} years"
    n = number_value(m.group("n"))
    if n is None:
        return None
    unit = m.group("unit").lower().rstrip("s")
    count = int(n)
    return f"{count} {unit}{'s' if count != 1 else ''}"


def via_after(text: str, end: int) -> int | None:
    """Offset (within ``text``) of the name after "through/via" that follows position ``end``."""
    tail = text[end : end + 80]
    m = VIA.search(tail)
    if m and m.start() <= 30 and tail[: m.start()].count(",") <= 1:
        return end + m.end()
    return None


def bare(money: Money) -> bool:
    """ "financing", "the funding": money named with no amount, currency or term."""
    return money.amount is None and money.currency is None and money.term is None
