"""find_money: amounts with currency and scale, and financing instruments with their term."""

from __future__ import annotations

import pytest

from newstrace.extract.money import find_money, via_after


@pytest.mark.parametrize(
    ("text", "found", "amount", "currency", "term", "rule"),
    [
        # bare amounts
        ("The deal is worth $330 million.", "$330 million", 330e6, "USD", None, "amount"),
        (
            "It agreed to restructure $3.15 billion of debt, to be repaid over a decade.",
            "$3.15 billion",
            3.15e9,
            "USD",
            "10 years",
            "amount",
        ),
        ("a €1.2bn contract", "€1.2bn", 1.2e9, "EUR", None, "amount"),
        ("5 billion rubles", "5 billion rubles", 5e9, "RUB", None, "amount"),
        ("5 billion roubles", "5 billion roubles", 5e9, "RUB", None, "amount"),
        ("US$ 2 billion", "US$ 2 billion", 2e9, "USD", None, "amount"),
        ("US$2 billion", "US$2 billion", 2e9, "USD", None, "amount"),
        ("2 billion US dollars", "2 billion US dollars", 2e9, "USD", None, "amount"),
        ("5 billion U.S. dollars", "5 billion U.S. dollars", 5e9, "USD", None, "amount"),
        ("10 million dollars", "10 million dollars", 10e6, "USD", None, "amount"),
        ("3.5 billion euros", "3.5 billion euros", 3.5e9, "EUR", None, "amount"),
        ("1.5 trillion yen", "1.5 trillion yen", 1.5e12, "JPY", None, "amount"),
        ("USD 500 million", "USD 500 million", 500e6, "USD", None, "amount"),
        ("EUR 3 billion", "EUR 3 billion", 3e9, "EUR", None, "amount"),
        ("£40m in aid", "£40m", 40e6, "GBP", None, "amount"),
        ("$12 b", "$12 b", 12e9, "USD", None, "amount"),
        ("$1,200", "$1,200", 1200, "USD", None, "amount"),
        ("it cost $5.", "$5", 5, "USD", None, "amount"),
        ("₹500 crore", "₹500 crore", 5e9, "INR", None, "amount"),
        ("$2.2 billion, paid over 10 years", "$2.2 billion", 2.2e9, "USD", "10 years", "amount"),
        # an instrument joined to its amount
        ("a loan of $1 billion", "a loan of $1 billion", 1e9, "USD", None, "amount+instrument"),
        (
            "a $2.2 billion loan over 10 years",
            "$2.2 billion loan",
            2.2e9,
            "USD",
            "10 years",
            "amount+instrument",
        ),
        (
            "a credit line worth $200 million",
            "a credit line worth $200 million",
            200e6,
            "USD",
            None,
            "amount+instrument",
        ),
        (
            "a 15-year loan of $2 billion",
            "a 15-year loan of $2 billion",
            2e9,
            "USD",
            "15 years",
            "amount+instrument",
        ),
        (
            "a three-year $1 billion loan",
            "three-year $1 billion loan",
            1e9,
            "USD",
            "3 years",
            "amount+instrument",
        ),
        (
            "a $500 million aid package",
            "$500 million aid package",
            500e6,
            "USD",
            None,
            "amount+instrument",
        ),
        (
            "$3.5bn in military aid",
            "$3.5bn in military aid",
            3.5e9,
            "USD",
            None,
            "amount+instrument",
        ),
        ("$4 bn worth of loans", "$4 bn worth of loans", 4e9, "USD", None, "amount+instrument"),
        ("loans worth $4 billion", "loans worth $4 billion", 4e9, "USD", None, "amount+instrument"),
        (
            "200 million euros in loans",
            "200 million euros in loans",
            200e6,
            "EUR",
            None,
            "amount+instrument",
        ),
        # instruments without a sum
        (
            "a medium-term financing plan of three years",
            "a medium-term financing plan of three years",
            None,
            None,
            "3 years",
            "instrument",
        ),
        ("a five-year credit line", "a five-year credit line", None, None, "5 years", "instrument"),
        ("a seven-year loan", "a seven-year loan", None, None, "7 years", "instrument"),
        (
            "a financing of three months",
            "a financing of three months",
            None,
            None,
            "3 months",
            "instrument",
        ),
        ("a financing of one year", "a financing of one year", None, None, "1 year", "instrument"),
        (
            "The loan will be repaid over 12 years.",
            "The loan",
            None,
            None,
            "12 years",
            "instrument",
        ),
        ("a state loan", "a state loan", None, None, None, "instrument"),
        ("two grants", "grants", None, None, None, "instrument"),
        ("debt relief", "debt relief", None, None, None, "instrument"),
    ],
)
def test_one_money_mention(
    text: str, found: str, amount: float | None, currency: str | None, term: str | None, rule: str
) -> None:
    (m,) = find_money(text)
    assert m.text == found
    assert text[m.start : m.end] == found
    assert m.amount == pytest.approx(amount) if amount is not None else m.amount is None
    assert (m.currency, m.term, m.rule) == (currency, term, f"money.{rule}")


@pytest.mark.parametrize(
    "text",
    [
        "an investment",  # vague words without a sum are not money
        "the payment",
        "military aid",
        "the debt",
        "credit for the idea",
        "He won the vote.",
        "The 2019 agreement covered 12 jets.",
        "5 billion",  # no currency
        "the loaner",
    ],
)
def test_no_money(text: str) -> None:
    assert find_money(text) == []


def test_offsets_are_shifted_by_the_sentence_offset() -> None:
    text = "Russia granted a $1 billion loan to Venezuela."
    (m,) = find_money(text, offset=500)
    assert (m.start, m.end) == (500 + text.index("$"), 500 + text.index(" to "))
    assert m.text == "$1 billion loan"


def test_a_range_of_amounts_gives_two_mentions_without_trailing_space() -> None:
    text = "priced between $330 and $400 each"
    assert [(m.text, m.amount) for m in find_money(text)] == [("$330", 330), ("$400", 400)]


def test_two_amounts_in_one_sentence() -> None:
    text = "The package includes $200 million in grants and a loan of €1.5bn over 20 years."
    mentions = find_money(text)
    assert [(m.text, m.amount, m.currency, m.term) for m in mentions] == [
        ("$200 million in grants", 200e6, "USD", None),
        ("a loan of €1.5bn", 1.5e9, "EUR", "20 years"),
    ]


@pytest.mark.parametrize(
    ("text", "after", "party"),
    [
        ("a medium-term financing plan of three years through Rostec", "three years", "Rostec"),
        ("a loan of $1 billion via the state bank VEB", "$1 billion", "state bank VEB"),
        (
            "a $2 billion credit line, channelled through Rosoboronexport",
            "credit line",
            "Rosoboronexport",
        ),
        ("the loan, to be repaid through VEB", "loan", "VEB"),
    ],
)
def test_via_after(text: str, after: str, party: str) -> None:
    pos = via_after(text, text.index(after) + len(after))
    assert pos is not None
    assert text[pos:].startswith(party)


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("a loan of $1 billion.", "$1 billion"),  # nothing follows
        ("a loan of $1 billion, agreed in Moscow, Caracas and Minsk, through VEB", "$1 billion"),
        (
            "a loan of $1 billion that the two governments negotiated for months before VEB",
            "$1 billion",
        ),
    ],
)
def test_via_after_none(text: str, after: str) -> None:
    assert via_after(text, text.index(after) + len(after)) is None


def test_bare_money_names_no_sum() -> None:
    from newstrace.extract.money import bare
    from newstrace.model import Money

    assert bare(Money(text="financing", amount=None, currency=None, term=None))
    assert not bare(Money(text="three-year plan", amount=None, currency=None, term="3 years"))
