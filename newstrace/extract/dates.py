"""Dates in text, resolved against the publication date into ranges with a precision.

"mid-October" -> 11..20 October (part-of-month); "earlier this year" -> 1 January .. the day
before publication (year; "earlier this month" and "earlier this week" likewise); "last week"
-> that Monday..Sunday (week); "on Friday" -> the last Friday (day), the coming one after a
future cue ("is expected to meet on Friday"); "October 24" / "24 Oct 2025" -> that day; "in
2019" -> the year. Durations ("three years") are not dates. Without a publication date,
relative expressions keep their text and stay unresolved. A month without a year may take the
year of the past narrative it is told in (``year`` of :func:`find_dates`); a dateline's date
(:func:`is_dateline`) is the filing day, no event's date.

An event whose own sentence names no date takes a calendar date named before it in its
paragraph (``dates.paragraph``, chosen in ``analyze``); failing that, the **story day**
(:func:`story_day`): the first day the article names that lies within :data:`STORY_DAYS` before
publication ("on Friday", "on 30 October"), else the publication day itself. Such a range has
no ``text`` (the event's sentence gives none) and its evidence rule says where it came from:
``dates.story_day`` or ``dates.publication``, on the event's trigger.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newstrace.model import When
from newstrace.model.event import Precision

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_PART = r"(?i:early|mid|late|the (?:beginning|start|middle|end) of)"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Lead words ignore case ("In May", "Last Friday" open sentences); month names do not, so
    # that the verb "may" ("late may", "in may") is never a month.
    ("part_of_month", re.compile(rf"\b(?P<part>{_PART})[- ]{_MONTH}(?:,? {_YEAR})?")),
    ("part_of_year", re.compile(rf"\b(?P<part>{_PART})[- ]{_YEAR}\b")),
    ("month_day", re.compile(rf"\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,? {_YEAR})?\b")),
    ("day_month", re.compile(rf"\b(?P<day>\d{{1,2}}) {_MONTH}(?: {_YEAR})?\b")),
    ("month_year", re.compile(rf"\b(?i:in |since |by |until )?{_MONTH},? {_YEAR}\b")),
    (
        "in_month",
        re.compile(rf"\b(?P<pre>(?i:in|since|during|by|until|last|this|next)) {_MONTH}\b(?! \d)"),
    ),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mon>\d{2})-(?P<day>\d{2})\b")),
    (
        "rel_year",
        re.compile(
            r"\b(?P<rel>earlier this year|later this year|this year|last year|next year|"
            r"earlier in the year|late last year|early this year|earlier last year)\b",
            re.I,
        ),
    ),
    (
        "rel_month",
        re.compile(
            r"\b(?P<rel>last month|this month|next month|earlier this month|later this month)\b",
            re.I,
        ),
    ),
    (
        "rel_week",
        re.compile(
            r"\b(?P<rel>last week|this week|next week|earlier this week|later this week)\b", re.I
        ),
    ),
    ("rel_day", re.compile(r"\b(?P<rel>yesterday|today|tomorrow)\b", re.I)),
    (
        "weekday",
        re.compile(
            r"\b(?P<pre>(?i:on |last |this |next ))?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
    ),
    ("year", re.compile(rf"\b(?P<pre>(?i:in|since|by|until|during|of|from)) {_YEAR}\b")),
]


#: How far before publication a named day may lie to be the story's day.
STORY_DAYS = 14


#: Words before a weekday that make it the coming one: "is expected to discuss it on Friday",
#: "will be freed by Monday" (but not "said on Monday it would": the cue must come first, and
#: no speech verb may stand between it and the day).
_FUTURE = re.compile(
    r"\b(?:will|would|shall|(?:is|are|was|were) (?:expected|due|scheduled|set) to|"
    r"(?:planned|scheduled) for)\b(?:(?!\b(?:said|says|told|announced)\b)[^.;])*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    when: When
    rule: str
    relative: bool


def find_dates(
    text: str, published: date | None, offset: int = 0, year: int | None = None
) -> list[DateMention]:
    """Every date expression in ``text`` (non-overlapping, earliest first).

    ``year``: the year a narrative of past events is in ("In late 2023 Mr Maduro ... On
    December 1st the court ordered"): a month or day named without a year (nor "last", "this",
    "next") that comes after the publication month is in it rather than in the year before
    publication, when it is before the publication year.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for rule, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            resolved = _resolve(rule, m, published, year)
            if resolved is None:
                continue
            when, relative = resolved
            taken.append((m.start(), m.end()))
            found.append(
                DateMention(offset + m.start(), offset + m.end(), when, f"dates.{rule}", relative)
            )
    return sorted(found, key=lambda d: d.start)


def narrative_year(dm: DateMention) -> int | None:
    """The year ``dm`` names itself ("in late 2023", "December 7, 2023"), or ``None``."""
    if dm.relative or dm.when.start is None:
        return None
    return int(dm.when.start[:4])


def story_day(text: str, published: date | None) -> DateMention | None:
    """The day the article's news happened: the first single day ``text`` names that lies from
    :data:`STORY_DAYS` days before ``published`` up to it; ``None`` when it names none.

    The mention's ``when`` has no text (it dates events whose own sentence names no date) and its
    rule is ``dates.story_day``.
    """
    if published is None:
        return None
    for dm in find_dates(text, published):
        if dm.when.precision != "day" or dm.when.start is None or is_dateline(text, dm):
            continue
        gap = (published - date.fromisoformat(dm.when.start)).days
        if 0 <= gap <= STORY_DAYS:
            when = When(None, dm.when.start, dm.when.end, "day")
            return DateMention(dm.start, dm.end, when, "dates.story_day", dm.relative)
    return None


#: "MOSCOW, February 19. /TASS/." "TBILISI, Dec 5 (Reuters) -": the place and day of filing.
_DATELINE_BEFORE = re.compile(r"[A-Z][\w .'-]{0,30},\s*")
_DATELINE_AFTER = re.compile(r"\.?\s*[(/]|\s+[-–—]")


def is_dateline(text: str, dm: DateMention) -> bool:
    """Whether ``dm`` (offsets into ``text``) is a dateline's date: the filing day, not the day
    of the news; it dates no event."""
    line = text.rfind("\n", 0, dm.start) + 1
    before = _DATELINE_BEFORE.fullmatch(text, line, dm.start)
    return bool(before and _DATELINE_AFTER.match(text, dm.end))


def publication_day(published: date) -> When:
    """The publication day as an event's date (rule ``dates.publication``): no text."""
    return When(None, published.isoformat(), published.isoformat(), "day")


def _resolve(
    rule: str, m: re.Match[str], pub: date | None, narrative: int | None = None
) -> tuple[When, bool] | None:
    text = m.group(0)
    g = m.groupdict()
    year = int(g["year"]) if g.get("year") else None
    if rule == "iso":
        try:
            d = date(int(g["year"]), int(g["mon"]), int(g["day"]))
        except ValueError:
            return None
        return _day(text, d), False
    if rule in {"part_of_month", "month_day", "day_month", "month_year", "in_month"}:
        month = MONTHS[g["month"].lower().rstrip(".")]
        relative = year is None
        if year is None:
            if pub is None:
                return When(text, None, None, _precision(rule, g)), True
            pre = (g.get("pre") or "").lower()
            if pre == "next":  # the next one after publication: "next March" in October
                year = pub.year if month > pub.month else pub.year + 1
            elif pre == "last":  # the last one before publication: "last October" in October
                year = pub.year if month < pub.month else pub.year - 1
            elif pre == "this" or month <= pub.month:  # a bare month up to publication: this year
                year = pub.year
            elif narrative is not None and narrative < pub.year:  # told in a past year's story
                year = narrative
            else:  # a bare month after the publication month is last year's
                year = pub.year - 1
        days = calendar.monthrange(year, month)[1]
        if rule in {"month_day", "day_month"}:
            day = int(g["day"])
            if not 1 <= day <= days:
                return None
            return _day(text, date(year, month, day)), relative
        if rule == "part_of_month":
            part = _part(g["part"] or "")
            lo, hi = (1, 10) if part == "early" else (11, 20) if part == "mid" else (21, days)
            return When(
                text,
                date(year, month, lo).isoformat(),
                date(year, month, hi).isoformat(),
                "part-of-month",
            ), relative
        return When(
            text, date(year, month, 1).isoformat(), date(year, month, days).isoformat(), "month"
        ), relative
    if rule == "part_of_year":
        y = int(g["year"])
        span = {"early": ("01-01", "04-30"), "mid": ("05-01", "08-31")}.get(
            _part(g["part"] or ""), ("09-01", "12-31")
        )
        return When(text, f"{y}-{span[0]}", f"{y}-{span[1]}", "year"), False
    if rule == "year":
        y = int(g["year"])
        return When(text, f"{y}-01-01", f"{y}-12-31", "year"), False
    rel = (g.get("rel") or "").lower()
    if pub is None:
        return When(text, None, None, _precision(rule, g)), True
    if rule == "rel_year":
        y = pub.year - 1 if "last year" in rel else pub.year + 1 if rel == "next year" else pub.year
        start, end = date(y, 1, 1), date(y, 12, 31)
        if rel in {"earlier this year", "earlier in the year"}:
            end = max(start, pub - timedelta(days=1))  # earlier: before the day of publication
        elif rel == "this year":
            end = pub
        elif rel == "early this year":
            end = min(pub, date(y, 4, 30))
        elif rel == "later this year":
            start = pub
        elif rel == "late last year":
            start = date(y, 9, 1)
        return When(text, start.isoformat(), end.isoformat(), "year"), True
    if rule == "rel_month":
        first = pub.replace(day=1)
        if rel == "last month":
            first = (first - timedelta(days=1)).replace(day=1)
        elif rel == "next month":
            first = (first + timedelta(days=32)).replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        if rel == "earlier this month":
            last = max(first, pub - timedelta(days=1))
        elif rel == "later this month":
            first = pub
        return When(text, first.isoformat(), last.isoformat(), "month"), True
    if rule == "rel_week":
        monday = pub - timedelta(days=pub.weekday())
        if rel == "last week":
            monday -= timedelta(days=7)
        elif rel == "next week":
            monday += timedelta(days=7)
        sunday = monday + timedelta(days=6)
        if rel == "earlier this week":
            sunday = max(monday, pub - timedelta(days=1))
        return When(text, monday.isoformat(), sunday.isoformat(), "week"), True
    if rule == "rel_day":
        d = pub + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[rel])
        return _day(text, d), True
    if rule == "weekday":
        wd = WEEKDAYS[g["wd"].lower()]
        pre = (g.get("pre") or "").strip().lower()
        if pre == "next":
            d = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
        elif pre != "last" and _FUTURE.search(m.string, max(0, m.start() - 80), m.start()):
            d = pub + timedelta(days=(wd - pub.weekday()) % 7)  # "expected to meet on Friday"
        else:
            back = (pub.weekday() - wd) % 7
            if pre == "last" and back == 0:
                back = 7
            d = pub - timedelta(days=back)
        return _day(text, d), True
    return None


def _part(words: str) -> str:
    """Early, mid or late: the part of a period a phrase names ("the start of" is early)."""
    w = words.lower()
    if w in {"early", "the beginning of", "the start of"}:
        return "early"
    return "mid" if w in {"mid", "the middle of"} else "late"


def _day(text: str, d: date) -> When:
    return When(text, d.isoformat(), d.isoformat(), "day")


def _precision(rule: str, g: dict[str, str | None]) -> Precision:
    precisions: dict[str, Precision] = {
        "part_of_month": "part-of-month",
        "part_of_year": "year",
        "month_day": "day",
        "day_month": "day",
        "month_year": "month",
        "in_month": "month",
        "rel_year": "year",
        "rel_month": "month",
        "rel_week": "week",
        "rel_day": "day",
        "weekday": "day",
    }
    return precisions.get(rule, "unknown")
