"""find_dates: date expressions resolved against the publication date into ranges."""

from __future__ import annotations

from datetime import date

import pytest

from newstrace.extract.dates import (
    find_dates,
    is_dateline,
    narrative_year,
    publication_day,
    story_day,
)
from newstrace.model import When
from newstrace.model.event import Precision

WED = date(2025, 10, 29)  # a Wednesday
FRI = date(2025, 10, 24)  # a Friday


@pytest.mark.parametrize(
    ("text", "published", "found", "start", "end", "precision", "rule"),
    [
        # parts of months
        (
            "in mid-October",
            WED,
            "mid-October",
            "2025-10-11",
            "2025-10-20",
            "part-of-month",
            "part_of_month",
        ),
        (
            "Mid-October talks",
            WED,
            "Mid-October",
            "2025-10-11",
            "2025-10-20",
            "part-of-month",
            "part_of_month",
        ),
        (
            "in early September",
            WED,
            "early September",
            "2025-09-01",
            "2025-09-10",
            "part-of-month",
            "part_of_month",
        ),
        (
            "by late February",
            WED,
            "late February",
            "2025-02-21",
            "2025-02-28",
            "part-of-month",
            "part_of_month",
        ),
        (
            "by late February",
            date(2024, 3, 5),
            "late February",
            "2024-02-21",
            "2024-02-29",
            "part-of-month",
            "part_of_month",
        ),
        (
            "at the end of November",
            WED,
            "the end of November",
            "2024-11-21",
            "2024-11-30",
            "part-of-month",
            "part_of_month",
        ),
        (
            "the middle of March",
            WED,
            "the middle of March",
            "2025-03-11",
            "2025-03-20",
            "part-of-month",
            "part_of_month",
        ),
        (
            "the beginning of June",
            WED,
            "the beginning of June",
            "2025-06-01",
            "2025-06-10",
            "part-of-month",
            "part_of_month",
        ),
        (
            "early December, 2023",
            WED,
            "early December, 2023",
            "2023-12-01",
            "2023-12-10",
            "part-of-month",
            "part_of_month",
        ),
        # parts of years
        ("in early 2024", WED, "early 2024", "2024-01-01", "2024-04-30", "year", "part_of_year"),
        ("since mid-2022", WED, "mid-2022", "2022-05-01", "2022-08-31", "year", "part_of_year"),
        (
            "by the end of 2026",
            WED,
            "the end of 2026",
            "2026-09-01",
            "2026-12-31",
            "year",
            "part_of_year",
        ),
        # relative years, months, weeks, days
        (
            "earlier this year",
            WED,
            "earlier this year",
            "2025-01-01",
            "2025-10-28",  # earlier: before the publication day
            "year",
            "rel_year",
        ),
        (
            "Earlier this year",
            WED,
            "Earlier this year",
            "2025-01-01",
            "2025-10-28",  # earlier: before the publication day
            "year",
            "rel_year",
        ),
        ("later this year", WED, "later this year", "2025-10-29", "2025-12-31", "year", "rel_year"),
        ("last year", WED, "last year", "2024-01-01", "2024-12-31", "year", "rel_year"),
        ("late last year", WED, "late last year", "2024-09-01", "2024-12-31", "year", "rel_year"),
        ("next year", WED, "next year", "2026-01-01", "2026-12-31", "year", "rel_year"),
        ("early this year", WED, "early this year", "2025-01-01", "2025-04-30", "year", "rel_year"),
        ("last month", WED, "last month", "2025-09-01", "2025-09-30", "month", "rel_month"),
        (
            "last month",
            date(2025, 1, 15),
            "last month",
            "2024-12-01",
            "2024-12-31",
            "month",
            "rel_month",
        ),
        (
            "next month",
            date(2025, 12, 31),
            "next month",
            "2026-01-01",
            "2026-01-31",
            "month",
            "rel_month",
        ),
        (
            "earlier this month",
            WED,
            "earlier this month",
            "2025-10-01",
            "2025-10-28",  # earlier: before the publication day
            "month",
            "rel_month",
        ),
        ("last week", WED, "last week", "2025-10-20", "2025-10-26", "week", "rel_week"),
        (
            "last week",
            date(2025, 10, 27),
            "last week",
            "2025-10-20",
            "2025-10-26",
            "week",
            "rel_week",
        ),
        (
            "last week",
            date(2025, 11, 2),
            "last week",
            "2025-10-20",
            "2025-10-26",
            "week",
            "rel_week",
        ),
        ("this week", WED, "this week", "2025-10-27", "2025-11-02", "week", "rel_week"),
        (
            "earlier this week",
            WED,
            "earlier this week",
            "2025-10-27",
            "2025-10-28",  # earlier: before the publication day
            "week",
            "rel_week",
        ),
        ("next week", WED, "next week", "2025-11-03", "2025-11-09", "week", "rel_week"),
        ("yesterday", WED, "yesterday", "2025-10-28", "2025-10-28", "day", "rel_day"),
        ("Yesterday", date(2025, 1, 1), "Yesterday", "2024-12-31", "2024-12-31", "day", "rel_day"),
        ("today", WED, "today", "2025-10-29", "2025-10-29", "day", "rel_day"),
        ("tomorrow", WED, "tomorrow", "2025-10-30", "2025-10-30", "day", "rel_day"),
        # weekdays: the last one on or before publication
        ("on Friday", WED, "on Friday", "2025-10-24", "2025-10-24", "day", "weekday"),
        ("On Friday", WED, "On Friday", "2025-10-24", "2025-10-24", "day", "weekday"),
        ("on Wednesday", WED, "on Wednesday", "2025-10-29", "2025-10-29", "day", "weekday"),
        ("on Friday", FRI, "on Friday", "2025-10-24", "2025-10-24", "day", "weekday"),
        ("last Friday", FRI, "last Friday", "2025-10-17", "2025-10-17", "day", "weekday"),
        ("Last Friday", FRI, "Last Friday", "2025-10-17", "2025-10-17", "day", "weekday"),
        ("on Thursday", WED, "on Thursday", "2025-10-23", "2025-10-23", "day", "weekday"),
        ("next Monday", WED, "next Monday", "2025-11-03", "2025-11-03", "day", "weekday"),
        ("next Wednesday", WED, "next Wednesday", "2025-11-05", "2025-11-05", "day", "weekday"),
        # absolute days
        ("on October 24", WED, "October 24", "2025-10-24", "2025-10-24", "day", "month_day"),
        ("on Oct. 24", WED, "Oct. 24", "2025-10-24", "2025-10-24", "day", "month_day"),
        ("on Sept. 3", WED, "Sept. 3", "2025-09-03", "2025-09-03", "day", "month_day"),
        ("March 3rd", WED, "March 3rd", "2025-03-03", "2025-03-03", "day", "month_day"),
        (
            "September 11, 2001",
            WED,
            "September 11, 2001",
            "2001-09-11",
            "2001-09-11",
            "day",
            "month_day",
        ),
        ("on 24 Oct 2025", WED, "24 Oct 2025", "2025-10-24", "2025-10-24", "day", "day_month"),
        ("on 24 October", WED, "24 October", "2025-10-24", "2025-10-24", "day", "day_month"),
        ("on 2025-10-24", WED, "2025-10-24", "2025-10-24", "2025-10-24", "day", "iso"),
        ("on 2025-10-24", None, "2025-10-24", "2025-10-24", "2025-10-24", "day", "iso"),
        (
            "on 29 February 2024",
            WED,
            "29 February 2024",
            "2024-02-29",
            "2024-02-29",
            "day",
            "day_month",
        ),
        # month names after the publication month are last year's
        ("on December 5", WED, "December 5", "2024-12-05", "2024-12-05", "day", "month_day"),
        ("in December", WED, "in December", "2024-12-01", "2024-12-31", "month", "in_month"),
        ("In December", WED, "In December", "2024-12-01", "2024-12-31", "month", "in_month"),
        ("in May", WED, "in May", "2025-05-01", "2025-05-31", "month", "in_month"),
        ("in May", date(2026, 2, 1), "in May", "2025-05-01", "2025-05-31", "month", "in_month"),
        ("in October", WED, "in October", "2025-10-01", "2025-10-31", "month", "in_month"),
        ("next March", WED, "next March", "2026-03-01", "2026-03-31", "month", "in_month"),
        ("next November", WED, "next November", "2025-11-01", "2025-11-30", "month", "in_month"),
        ("last October", WED, "last October", "2024-10-01", "2024-10-31", "month", "in_month"),
        ("last June", WED, "last June", "2025-06-01", "2025-06-30", "month", "in_month"),
        ("this December", WED, "this December", "2025-12-01", "2025-12-31", "month", "in_month"),
        (
            "since May 2024",
            WED,
            "since May 2024",
            "2024-05-01",
            "2024-05-31",
            "month",
            "month_year",
        ),
        (
            "In February 2022",
            WED,
            "In February 2022",
            "2022-02-01",
            "2022-02-28",
            "month",
            "month_year",
        ),
        # years
        ("in 2019", WED, "in 2019", "2019-01-01", "2019-12-31", "year", "year"),
        ("In 2019, the deal", WED, "In 2019", "2019-01-01", "2019-12-31", "year", "year"),
        ("by 2030", None, "by 2030", "2030-01-01", "2030-12-31", "year", "year"),
    ],
)
def test_one_date(
    text: str,
    published: date | None,
    found: str,
    start: str,
    end: str,
    precision: Precision,
    rule: str,
) -> None:
    (mention,) = find_dates(text, published)
    assert text[mention.start : mention.end] == found
    assert mention.when == When(found, start, end, precision)
    assert mention.rule == f"dates.{rule}"


@pytest.mark.parametrize(
    "text",
    [
        "a financing plan of three years",
        "a medium-term financing plan of three years through Rostec",
        "the loan runs over three years",
        "in three years",
        "for 10 years",
        "a five-year credit line",
        "the 2019 contract",  # a bare year with no preposition is a modifier, not a date
        "You may go.",
        "They may 5 times",
        "Those who arrive late may stay.",
        "the maybe",
        "on 31 November",  # no such day
        "2025-13-01",
        "2025-02-30",
        "in the 1990s",
        "March ahead",  # no day, no year, no preposition
    ],
)
def test_not_a_date(text: str) -> None:
    assert find_dates(text, WED) == []


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("mid-October", "part-of-month"),
        ("earlier this year", "year"),
        ("last week", "week"),
        ("on Friday", "day"),
        ("October 24", "day"),
        ("in December", "month"),
        ("yesterday", "day"),
        ("last month", "month"),
    ],
)
def test_relative_dates_without_publication_stay_unresolved(
    text: str, precision: Precision
) -> None:
    (mention,) = find_dates(text, None)
    assert mention.when == When(text, None, None, precision)
    assert mention.relative is True


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("in 2019", False),
        ("24 Oct 2025", False),
        ("2025-10-24", False),
        ("late October 2024", False),
        ("October 24", True),
        ("on Friday", True),
        ("last week", True),
        ("mid-October", True),
    ],
)
def test_relative_flag(text: str, relative: bool) -> None:
    (mention,) = find_dates(text, WED)
    assert mention.relative is relative


def test_sentence_with_several_dates_in_order_with_offsets() -> None:
    text = (
        "Russia said on Friday that the Su-30MK2 jets, delivered in 2006 and grounded since "
        "mid-September, will be restored under a deal signed last week."
    )
    offset = 1000
    mentions = find_dates(text, WED, offset)
    assert [text[m.start - offset : m.end - offset] for m in mentions] == [
        "on Friday",
        "in 2006",
        "mid-September",
        "last week",
    ]
    assert [(m.when.start, m.when.end) for m in mentions] == [
        ("2025-10-24", "2025-10-24"),
        ("2006-01-01", "2006-12-31"),
        ("2025-09-11", "2025-09-20"),
        ("2025-10-20", "2025-10-26"),
    ]
    assert mentions[0].start == offset + text.index("on Friday")


def test_overlapping_expressions_are_reported_once() -> None:
    # "late October 2024" holds both a part of month and a month-year; only the longer wins.
    (mention,) = find_dates("It began in late October 2024.", WED)
    assert mention.when == When("late October 2024", "2024-10-21", "2024-10-31", "part-of-month")
    assert mention.rule == "dates.part_of_month"


def test_two_month_years_in_a_range() -> None:
    mentions = find_dates("from May 2019 to June 2020", WED)
    assert [(m.when.text, m.when.start, m.when.end) for m in mentions] == [
        ("May 2019", "2019-05-01", "2019-05-31"),
        ("June 2020", "2020-06-01", "2020-06-30"),
    ]


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        # the first day named within two weeks before publication
        (
            "Title\n\nVenezuela said on Monday it would act. In 2019 it had acted too.",
            WED,
            "2025-10-27",
        ),
        ("Officials met on 20 October. The talks ended on Friday.", WED, "2025-10-20"),
        # a dateline names the filing day, not the news: the lead's day wins
        (
            "Title\n\nMOSCOW, October 29. /TASS/. Russia agreed on Tuesday to talk.",
            WED,
            "2025-10-28",
        ),
        ("Title\nTBILISI, Oct 29 (Reuters) - Police detained him on Monday.", WED, "2025-10-27"),
        # too old, or a month rather than a day: no story day
        ("The deal was signed on 1 September.", WED, None),
        ("The deal was signed in mid-October.", WED, None),
        ("Nothing dated here.", WED, None),
        ("He left on Friday.", None, None),
    ],
)
def test_story_day(text: str, published: date | None, day: str | None) -> None:
    found = story_day(text, published)
    if day is None:
        assert found is None
        return
    assert found is not None
    assert found.when == When(None, day, day, "day")  # no text: not the event's own words
    assert found.rule == "dates.story_day"


def test_publication_day_has_no_text() -> None:
    assert publication_day(WED) == When(None, "2025-10-29", "2025-10-29", "day")


def test_a_bare_month_after_the_publication_month_takes_the_narratives_year() -> None:
    may = date(2025, 5, 27)
    (dec,) = find_dates("On December 1st the court ordered Venezuela", may, year=2023)
    assert (dec.when.start, dec.relative) == ("2023-12-01", True)
    (dec,) = find_dates("On December 1st the court ordered Venezuela", may)
    assert dec.when.start == "2024-12-01"  # without a narrative: the last December
    (april,) = find_dates("In April the court ordered Venezuela", may, year=2023)
    assert april.when.start == "2025-04-01"  # up to the publication month: this year's
    (last,) = find_dates("last December", may, year=2023)
    assert last.when.start == "2024-12-01"


def test_narrative_year_is_the_year_a_date_names() -> None:
    late, dec = find_dates("In late 2023, and on December 7th", date(2025, 5, 27))
    assert narrative_year(late) == 2023
    assert narrative_year(dec) is None


def test_a_dateline_is_no_date_of_the_news() -> None:
    text = "Title\nWASHINGTON, Oct 26 (Reuters) - The U.S. approved the sale on Friday."
    dateline, friday = find_dates(text, date(2024, 10, 26))
    assert is_dateline(text, dateline) and not is_dateline(text, friday)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The council is expected to discuss it behind closed doors on Friday.", "2025-10-31"),
        ("The hostages will be freed by midday Monday.", "2025-11-03"),
        ("He said he would travel on Wednesday.", "2025-10-29"),  # the publication day
        ("Venezuela said on Friday it would suspend the deal.", "2025-10-24"),  # said: past
    ],
)
def test_a_weekday_after_a_future_cue_is_the_coming_one(text: str, day: str) -> None:
    (mention,) = find_dates(text, WED)
    assert mention.when.start == day
