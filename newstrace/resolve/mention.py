"""Events as the resolver sees them: one :class:`Mention` per event of a report.

A mention is an event of one ``newstrace.report/1`` dict with what linking compares already
normalised: actors as codes (a person or a ministry acting for a state becomes the state's ISO
code, a capital or metonym is already a country in the report), items as category, system,
designation and exact quantity, money as (amount, currency), and a date range. Events without a
date take a *soft* range ending on the publication day (news reports what happened shortly
before), which links loosely and never decides a trap.

Mentions are compact, because a corpus of 100,000 reports has half a million of them: values
that repeat across events (actor codes, sets of codes, categories, dates, items) are shared
through a :class:`Pool`, empty sets are one shared object, and nothing is kept that linking
and merging do not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

_T = TypeVar("_T")

#: Types that a materiel, aid or deal story moves through (request → agreement → delivery).
DEAL_TYPES = frozenset({"REQUEST", "AID", "AGREE", "COOPERATE", "SUPPORT", "CONCEDE"})
#: How far back before publication an undated event is assumed to lie.
SOFT_DAYS = 30
#: A weapon designation as written: Su-30MK2, F-16, C-130, M1A1, S-300VM, Buk-M2E.
DESIGNATION = re.compile(r"\b(?:[A-Z][A-Za-z]{0,5}-?\d{1,4}[A-Za-z0-9]*(?:-[A-Z0-9]+)?)\b")
_NOT_DESIGNATION = re.compile(r"^(?:19|20)\d\d$|^[A-Z]\d$")
_EMPTY: frozenset[Any] = frozenset()


class Pool:
    """Equal immutable values as one object: ``pool(x)`` is the first value equal to ``x``.

    One pool serves one call (:func:`all_mentions`, one merge run); it is never global.
    """

    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[Any, Any] = {}

    def __call__(self, value: _T) -> _T:
        if value is None:
            return value
        found: _T = self._values.setdefault(value, value)
        return found

    def set(self, values: Iterable[_T]) -> frozenset[_T]:
        """A pooled frozenset of ``values`` (the one shared empty set when there are none)."""
        out = frozenset(values)
        return self(out) if out else _EMPTY


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """What the resolver keeps of a report besides its events."""

    article: str
    outlet_id: str | None
    outlet_name: str | None
    published: date | None
    title: str | None
    url: str | None
    outlets_named: frozenset[str]  # outlet entity ids the report names (besides its own)
    outlet_names: Mapping[str, str]  # outlet entity id -> name, as the report gives it


@dataclass(frozen=True, slots=True)
class ItemView:
    category: str
    system: str | None
    designation: str | None
    quantity: float | None  # exact quantities only
    text: str
    action: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One event of one report, normalised for linking."""

    event_id: str
    report: ReportInfo
    type: str
    status: str | None
    factuality: str
    negated: bool
    salience: str
    actors: frozenset[str]
    recipients: frozenset[str]
    items: tuple[ItemView, ...]
    money: frozenset[tuple[float, str | None]]
    places: frozenset[str]
    start: date | None
    end: date | None
    hard: bool  # the date range comes from the text, not from the publication day
    chains: tuple[tuple[dict[str, Any], ...], ...]
    # derived once, compared millions of times
    countries: frozenset[str]
    systems: frozenset[str]
    categories: frozenset[str]
    quantities: frozenset[tuple[str, float]]

    @property
    def key(self) -> str:
        """``<article id>/<event id>``: unique in a corpus."""
        return f"{self.report.article}/{self.event_id}"

    @property
    def article(self) -> str:
        return self.report.article

    @property
    def deal(self) -> bool:
        return self.type in DEAL_TYPES

    @property
    def sort_key(self) -> tuple[str, str, str]:
        day = (self.start or self.report.published or date.max).isoformat()
        published = (self.report.published or date.max).isoformat()
        return (min(day, published), self.report.article, self.event_id)


def storyable(event: Mapping[str, Any]) -> bool:
    """Whether an event can be (part of) a story: it happened, per the text, and names something."""
    if event.get("factuality") == "hypothetical":
        return False
    return bool(
        event.get("actors") or event.get("recipients") or event.get("items") or event.get("money")
    )


def report_info(report: Mapping[str, Any], pool: Pool | None = None) -> ReportInfo:
    pool = pool if pool is not None else Pool()
    article = report["article"]
    outlet = article.get("outlet") or {}
    own = f"outlet:{outlet['id']}" if outlet.get("id") else None
    names = {e["id"]: e["name"] for e in report.get("entities", []) if e.get("kind") == "outlet"}
    return ReportInfo(
        article=article["id"],
        outlet_id=pool(outlet.get("id")),
        outlet_name=pool(outlet.get("name")),
        published=pool(_date(article.get("published"))),
        title=article.get("title"),
        url=article.get("url"),
        outlets_named=pool.set(k for k in names if k != own),
        outlet_names=names,
    )


def mentions(
    report: Mapping[str, Any], text: str | None = None, pool: Pool | None = None
) -> Iterator[Mention]:
    """The storyable events of ``report`` as mentions (``text`` helps read designations).

    ``pool`` shares equal values between the mentions of many reports (see :class:`Pool`).
    """
    pool = pool if pool is not None else Pool()
    info = report_info(report, pool)
    entities = {e["id"]: e for e in report.get("entities", [])}
    for event in report.get("events", []):
        if not storyable(event):
            continue
        yield _mention(event, info, entities, text, pool)


def all_mentions(
    reports: Iterable[Mapping[str, Any]], texts: Mapping[str, str] | None = None
) -> list[Mention]:
    out: list[Mention] = []
    pool = Pool()
    for report in reports:
        text = (texts or {}).get(report["article"]["id"])
        out.extend(mentions(report, text, pool))
    return out


def code(entity_id: str, entities: Mapping[str, Mapping[str, Any]]) -> str:
    """The actor code of an entity: ISO alpha-3 for states and those acting for them."""
    if entity_id.startswith("country:"):
        return entity_id.split(":", 1)[1]
    entity = entities.get(entity_id) or {}
    if entity.get("country") and entity.get("kind") in ("person", "organization", "place"):
        return str(entity["country"])
    for role in entity.get("roles") or []:
        of = role.get("of") or ""
        if of.startswith("country:"):
            return of.split(":", 1)[1]
    return entity_id


def _mention(
    event: Mapping[str, Any],
    info: ReportInfo,
    entities: Mapping[str, Mapping[str, Any]],
    text: str | None,
    pool: Pool,
) -> Mention:
    when = event.get("when") or {}
    start, end = _date(when.get("start")), _date(when.get("end"))
    # A range the text gives is hard; the story day or publication day the extractor gives an
    # event whose sentence names no date (no ``text``) is as soft as no date at all.
    hard = start is not None and when.get("text") is not None
    if not hard:
        start = end = None
    if start is None and info.published is not None:
        start, end = info.published - timedelta(days=SOFT_DAYS), info.published
    items = pool(tuple(pool(_item(i, entities, text, pool)) for i in event.get("items", [])))
    money = pool.set(
        (float(m["amount"]), pool(m.get("currency")))
        for m in event.get("money", [])
        if m.get("amount") is not None
    )
    places = pool.set(
        pool(p.get("entity") or (p.get("text") or "").lower()) for p in event.get("where", [])
    )
    actors = pool.set(pool(code(a, entities)) for a in event.get("actors", []))
    recipients = pool.set(pool(code(r, entities)) for r in event.get("recipients", []))
    return Mention(
        event_id=event["id"],
        report=info,
        type=pool(event["type"]),
        status=pool(event.get("status")),
        factuality=pool(event.get("factuality", "asserted")),
        negated=bool(event.get("negated")),
        salience=pool(event.get("salience", "core")),
        actors=actors,
        recipients=recipients,
        items=items,
        money=money,
        places=places,
        start=pool(start),
        end=pool(end or start),
        hard=hard,
        chains=tuple(tuple(c.get("hops", [])) for c in event.get("attribution", [])),
        countries=pool.set(actors | recipients),
        systems=pool.set(i.system for i in items if i.system),
        categories=pool.set(i.category for i in items),
        quantities=pool.set(
            (i.category, i.quantity) for i in items if i.quantity is not None and i.quantity > 1
        ),
    )


def _item(
    item: Mapping[str, Any],
    entities: Mapping[str, Mapping[str, Any]],
    text: str | None,
    pool: Pool,
) -> ItemView:
    quantity = item.get("quantity") or {}
    value = quantity.get("value") if quantity.get("kind") == "exact" else None
    system = item.get("system")
    designation = None
    if system and system in entities:
        designation = str(entities[system]["name"])
    if designation is None:
        designation = _designation(item.get("text") or "")
    if designation is None and text is not None:
        designation = _designation_before(item, text)
    return ItemView(
        category=pool(item.get("category") or "other"),
        system=pool(system),
        designation=pool(designation),
        quantity=float(value) if value is not None else None,
        text=item.get("text") or "",
        action=pool(item.get("action") or "other"),
    )


def _designation(text: str) -> str | None:
    for match in DESIGNATION.finditer(text):
        if not _NOT_DESIGNATION.match(match.group(0)) and re.search(r"\d", match.group(0)):
            return match.group(0)
    return None


def _designation_before(item: Mapping[str, Any], text: str) -> str | None:
    """A designation written just before the item ("Venezuela's Su-20MK2 fighter jets")."""
    for evidence in item.get("evidence", []):
        start = int(evidence.get("start", 0))
        window = text[max(0, start - 24) : start]
        window = re.split(r"[.;:\n]", window)[-1]
        words = window.split()[-2:]
        found = _designation(" ".join(words))
        if found:
            return found
    return None


def _date(value: Any) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
