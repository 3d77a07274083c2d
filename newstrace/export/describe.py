"""Plain-language phrases for the values of a ``newstrace.report/1`` dict.

Shared by the briefing renderers (terminal text and Markdown) so that both say the same thing
in the same words; each renderer only adds its own layout. Everything here takes the report
*dict* (as produced by ``Report.to_dict()`` or read back from JSON), never the model objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newstrace.model.entity import ENTITY_KINDS

Json = Mapping[str, Any]

NONE = "—"
ARROW = "→"
DOT = " · "
EXCERPT_LIMIT = 160

KIND_HEADINGS: dict[str, str] = {
    "country": "Countries",
    "person": "People",
    "organization": "Organizations",
    "outlet": "Outlets",
    "weapon_system": "Weapon systems",
    "place": "Places",
    "document": "Documents",
    "group": "Groups",
}


class Names:
    """Resolves entity ids and country codes of one report to display names."""

    def __init__(self, report: Json) -> None:
        entities = report.get("entities") or []
        self._by_id: dict[str, Json] = {e["id"]: e for e in entities}
        self._countries: dict[str, str] = {}
        for entity in entities:
            code = entity.get("country")
            if entity.get("kind") == "country" and code:
                self._countries.setdefault(code, entity["name"])

    def entity(self, entity_id: str) -> Json | None:
        return self._by_id.get(entity_id)

    def name(self, entity_id: str | None) -> str:
        """The entity's name; the id itself when the report does not list it."""
        if not entity_id:
            return NONE
        entity = self._by_id.get(entity_id)
        return str(entity["name"]) if entity else entity_id

    def country(self, code: str | None) -> str:
        """A country's name when the report has the country as an entity, else the code."""
        if not code:
            return NONE
        return self._countries.get(code, code)

    def party(self, entity_id: str) -> str:
        """``Nicolás Maduro (Venezuela)``: the name, with the country for non-countries."""
        entity = self._by_id.get(entity_id)
        if entity is None:
            return entity_id
        code = entity.get("country")
        if code and entity.get("kind") != "country":
            return f"{entity['name']} ({self.country(code)})"
        return str(entity["name"])


def short_id(article_id: str | None, length: int = 12) -> str:
    return (article_id or "")[:length] or NONE


def published(article: Json) -> str:
    """``2025-11-01 (metadata)`` or ``unknown``."""
    date = article.get("published")
    basis = article.get("published_basis") or "unknown"
    return f"{date} ({basis})" if date else "unknown"


def header_facts(article: Json) -> str:
    """``Outlet · published 2025-11-01 (metadata) · article 3f2a9c1d0b7e``."""
    outlet = (article.get("outlet") or {}).get("name") or "unknown outlet"
    return DOT.join(
        [outlet, f"published {published(article)}", f"article {short_id(article.get('id'))}"]
    )


def split_events(events: Iterable[Json]) -> tuple[list[Json], list[Json]]:
    """(core, context), each in report order."""
    core: list[Json] = []
    context: list[Json] = []
    for event in events:
        (context if event.get("salience") == "context" else core).append(event)
    return core, context


def event_heading(event: Json) -> str:
    """``REQUEST (assist, military)``: the PLOVER type with its mode and contexts."""
    qualifiers = [q for q in [event.get("mode"), *(event.get("contexts") or [])] if q]
    return f"{event['type']} ({', '.join(qualifiers)})" if qualifiers else str(event["type"])


def parties(event: Json, names: Names) -> str:
    """``A (Venezuela) → B (Russia) via C``."""
    actors = ", ".join(names.party(a) for a in event.get("actors") or []) or "unknown actor"
    text = actors
    recipients = event.get("recipients") or []
    if recipients:
        text += f" {ARROW} " + ", ".join(names.party(r) for r in recipients)
    intermediaries = event.get("intermediaries") or []
    if intermediaries:
        text += " via " + ", ".join(names.party(i) for i in intermediaries)
    return text


def when_text(when: Json | None) -> str:
    """``mid-October (2025-10-11 to 2025-10-20, part-of-month)`` or ``unknown``."""
    when = when or {}
    text, start, end = when.get("text"), when.get("start"), when.get("end")
    precision = when.get("precision") or "unknown"
    span = f"{start} to {end}" if start and end and start != end else start or end or ""
    if span:
        span = f"{span}, {precision}"
    if text and span:
        return f"{text} ({span})"
    return text or span or "unknown"


def place_text(place: Json, names: Names) -> str:
    label = names.name(place["entity"]) if place.get("entity") else place.get("text") or NONE
    if place.get("country") and place.get("entity") is None:
        label += f" ({names.country(place['country'])})"
    return label


def event_sentence(event: Json, names: Names) -> str:
    """The event in one line: what, who to whom, status, factuality, when, where."""
    return f"{event_heading(event)} — {event_details(event, names)}"


def event_details(event: Json, names: Names) -> str:
    """``A (Venezuela) → B (Russia): requested · reported · when: unknown``."""
    facts: list[str] = []
    if event.get("status"):
        facts.append(str(event["status"]))
    facts.append(str(event.get("factuality") or "asserted"))
    if event.get("negated"):
        facts.append("NEGATED")
    facts.append(f"when: {when_text(event.get('when'))}")
    where = event.get("where") or []
    if where:
        facts.append("where: " + ", ".join(place_text(p, names) for p in where))
    return f"{parties(event, names)}: {DOT.join(facts)}"


def number(value: float | int | None) -> str:
    if value is None:
        return NONE
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def quantity_text(quantity: Json | None) -> str:
    """``14``, ``~300``, ``10–20``, ``several``, ``unspecified``."""
    quantity = quantity or {}
    kind = quantity.get("kind") or "unspecified"
    value, low, high = quantity.get("value"), quantity.get("low"), quantity.get("high")
    word = quantity.get("word")
    if low is not None and high is not None:
        bounds = f"{number(low)}–{number(high)}"
    elif low is not None:
        bounds = f"≥{number(low)}"
    elif high is not None:
        bounds = f"≤{number(high)}"
    else:
        bounds = ""
    if kind == "exact" and value is not None:
        return number(value)
    if kind == "approx" and value is not None:
        return f"~{number(value)}"
    if kind == "vague" or word:
        label = word or "vague"
        return f"{label} ({bounds})" if bounds else label
    if value is not None:
        return number(value)
    return bounds or kind


ITEM_COLUMNS: tuple[str, ...] = ("Quantity", "Item", "System", "Origin", "Action")


def item_row(item: Json, names: Names) -> tuple[str, str, str, str, str]:
    return (
        quantity_text(item.get("quantity")),
        str(item.get("text") or NONE),
        names.name(item.get("system")),
        names.country(item.get("origin")),
        str(item.get("action") or NONE),
    )


def money_text(money: Json, names: Names) -> str:
    """``financing plan, term 3 years, amount unknown, via Rostec``."""
    parts = [str(money.get("text") or "money")]
    if money.get("term"):
        parts.append(f"term {money['term']}")
    amount = money.get("amount")
    if amount is None:
        parts.append("amount unknown")
    else:
        currency = money.get("currency")
        parts.append(f"amount {number(amount)}" + (f" {currency}" if currency else ""))
    if money.get("via"):
        parts.append(f"via {names.name(money['via'])}")
    return ", ".join(parts)


def chain_text(attribution: Json) -> str:
    """``The Moscow Times → The Washington Post → internal U.S. ... documents (document)``.

    Hops run from the reporting article outward; a hop's kind is shown unless it is an outlet.
    """
    hops = []
    for hop in attribution.get("hops") or []:
        kind = hop.get("kind")
        hops.append(hop["name"] if kind == "outlet" else f"{hop['name']} ({kind})")
    return f" {ARROW} ".join(hops)


def offsets(start: int, end: int) -> str:
    return f"chars {start}–{end}"


def excerpt(text: str | None, start: int, end: int, limit: int | None = None) -> str | None:
    """The article text between the offsets, on one line; None if it cannot be cut."""
    if text is None or not 0 <= start <= end <= len(text):
        return None
    cut = " ".join(text[start:end].split())
    if limit is not None and len(cut) > limit:
        cut = cut[: limit - 1].rstrip() + "…"
    return cut


def evidence_text(evidence: Json, text: str | None) -> str:
    """``“quoted text” (chars 0–118, rule request.verb)`` or without the quote."""
    where = f"{offsets(evidence['start'], evidence['end'])}, rule {evidence['rule']}"
    quote = excerpt(text, evidence["start"], evidence["end"], EXCERPT_LIMIT)
    return f"“{quote}” ({where})" if quote else where


def confidence_text(event: Json) -> str:
    return f"factuality {event.get('factuality')}{DOT}confidence {event.get('confidence'):.2f}"


def role_text(role: Json, names: Names) -> str:
    text = str(role["title"])
    if role.get("of"):
        of = role["of"]
        entity = names.entity(of)
        text += f" of {entity['name'] if entity else names.country(of)}"
    start, end = role.get("from"), role.get("to")
    if start or end:
        text += f" ({start or '?'} to {end or 'now'})"
    return text


def entity_facts(entity: Json, names: Names) -> list[str]:
    """The facts shown after an entity's name: country, roles, Wikidata id, mentions."""
    facts: list[str] = []
    if entity.get("country") and entity.get("kind") != "country":
        facts.append(names.country(entity["country"]))
    elif entity.get("country"):
        facts.append(str(entity["country"]))
    facts.extend(role_text(r, names) for r in entity.get("roles") or [])
    if entity.get("wikidata"):
        facts.append(str(entity["wikidata"]))
    count = len(entity.get("mentions") or [])
    facts.append(f"{count} mention" + ("" if count == 1 else "s"))
    return facts


def group_entities(entities: Sequence[Json]) -> list[tuple[str, list[Json]]]:
    """Entities by kind, kinds in the model's order, unknown kinds last; report order within."""
    order = {kind: i for i, kind in enumerate(ENTITY_KINDS)}
    groups: dict[str, list[Json]] = {}
    for entity in entities:
        groups.setdefault(str(entity.get("kind")), []).append(entity)
    kinds = sorted(groups, key=lambda k: (order.get(k, len(order)), k))
    return [(KIND_HEADINGS.get(kind, kind), groups[kind]) for kind in kinds]
