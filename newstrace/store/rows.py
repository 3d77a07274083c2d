"""A ``newstrace.report/1`` dict, flattened into the rows of the store's tables.

Pure functions, no database: :func:`report_rows` checks what the tables need and raises
:class:`StoreError` naming the field when a report does not have it.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from newstrace.errors import StoreError
from newstrace.store.tables import EVENT_ROLES
from newstrace.store.terms import term_rows, word_rows

Row = dict[str, Any]

#: The report's list of entity ids for each of :data:`EVENT_ROLES`.
_ROLE_KEYS = ("actors", "recipients", "intermediaries")


@dataclass(slots=True)
class ReportRows:
    """Everything one report writes: the article row and its children."""

    article: Row
    entities: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    event_entities: list[Row] = field(default_factory=list)
    event_countries: list[Row] = field(default_factory=list)
    items: list[Row] = field(default_factory=list)
    text_terms: list[Row] = field(default_factory=list)
    text_words: list[Row] = field(default_factory=list)


def canonical(report: dict[str, Any]) -> dict[str, Any]:
    """``report`` as it will read back from the database (JSON types only: lists, not tuples)."""
    try:
        loaded: dict[str, Any] = json.loads(json.dumps(report, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise StoreError(f"cannot store report: not JSON ({exc})") from None
    return loaded


def report_rows(
    report: dict[str, Any],
    *,
    text: str,
    source: str | None,
    bytes_sha256: str | None,
    analysed_at: datetime,
) -> ReportRows:
    """The rows ``report`` writes; ``report`` must already be :func:`canonical`."""
    article = _get(report, "article", dict)
    article_id = _get(article, "id", str, where="article")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != article_id:
        raise StoreError(
            f"cannot store article {article_id}: the text given is not the text it was "
            "analysed from (its sha256 differs), so evidence offsets would be wrong"
        )
    outlet = article.get("outlet") or {}
    rows = ReportRows(
        article={
            "id": article_id,
            "url": article.get("url"),
            "outlet_id": outlet.get("id"),
            "outlet_name": outlet.get("name"),
            "title": article.get("title"),
            "published": parse_date(article.get("published"), "article.published"),
            "published_basis": article.get("published_basis") or "unknown",
            "language": article.get("language"),
            "chars": article.get("chars", len(text)),
            "source": source,
            "bytes_sha256": bytes_sha256,
            "text": text,
            "report": report,
            "analysed_at": analysed_at,
        }
    )
    for n, entity in enumerate(report.get("entities") or []):
        where = f"entities[{n}]"
        rows.entities.append(
            {
                "article_id": article_id,
                "entity_id": _get(entity, "id", str, where=where),
                "kind": _get(entity, "kind", str, where=where),
                "name": _get(entity, "name", str, where=where),
                "country": entity.get("country"),
                "wikidata": entity.get("wikidata"),
            }
        )
    country_of = {e["entity_id"]: e["country"] for e in rows.entities}
    for n, event in enumerate(report.get("events") or []):
        where = f"events[{n}]"
        event_id = _get(event, "id", str, where=where)
        when = event.get("when") or {}
        when_start = parse_date(when.get("start"), f"{where}.when.start")
        rows.events.append(
            {
                "article_id": article_id,
                "event_id": event_id,
                "type": _get(event, "type", str, where=where),
                "mode": event.get("mode"),
                "status": event.get("status"),
                "factuality": event.get("factuality") or "asserted",
                "negated": bool(event.get("negated", False)),
                "salience": event.get("salience") or "core",
                "confidence": float(event.get("confidence", 0.0)),
                "when_start": when_start,
                "when_end": parse_date(when.get("end"), f"{where}.when.end", last=True),
                "when_precision": when.get("precision") or "unknown",
                "summary": event.get("summary"),
            }
        )
        seen: set[tuple[str, str]] = set()
        countries: set[str] = set()
        for role, key in zip(EVENT_ROLES, _ROLE_KEYS, strict=True):
            for entity_id in event.get(key) or []:
                if (entity_id, role) in seen:
                    continue
                seen.add((entity_id, role))
                rows.event_entities.append(
                    {
                        "article_id": article_id,
                        "event_id": event_id,
                        "entity_id": entity_id,
                        "role": role,
                        "when_start": when_start,
                    }
                )
                if country_of.get(entity_id):
                    countries.add(country_of[entity_id])
        rows.event_countries.extend(
            {"article_id": article_id, "event_id": event_id, "country": c, "when_start": when_start}
            for c in sorted(countries)
        )
        for idx, item in enumerate(event.get("items") or []):
            quantity = item.get("quantity") or {}
            value = quantity.get("value")
            rows.items.append(
                {
                    "article_id": article_id,
                    "event_id": event_id,
                    "idx": idx,
                    "text": _get(item, "text", str, where=f"{where}.items[{idx}]"),
                    "category": item.get("category") or "other",
                    "system": item.get("system"),
                    "origin": item.get("origin"),
                    "quantity_value": None if value is None else float(value),
                    "quantity_kind": quantity.get("kind") or "unspecified",
                    "action": item.get("action") or "other",
                }
            )
    dated = [e["when_start"] for e in rows.events if e["when_start"] is not None]
    rows.text_terms = term_rows(
        article_id, text, (e["summary"] for e in rows.events), max(dated) if dated else None
    )
    rows.text_words = word_rows(t["term"] for t in rows.text_terms)
    return rows


def parse_date(value: Any, where: str, *, last: bool = False) -> date | None:
    """An ISO date (``2025-10-15``; a datetime's date part; ``2025-10`` or ``2025`` as the
    first day of the period, or its last day with ``last=True``), or ``None``."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            if len(value) >= 10:
                return date.fromisoformat(value[:10])
            if len(value) == 7:  # YYYY-MM
                year, month = int(value[:4]), int(value[5:7])
                day = calendar.monthrange(year, month)[1] if last else 1
                return date(year, month, day)
            if len(value) == 4:  # YYYY
                year = int(value)
                return date(year, 12, 31) if last else date(year, 1, 1)
        except ValueError:
            pass
    raise StoreError(f"cannot store report: {where} is not an ISO date: {value!r}")


def _get(mapping: Any, key: str, kind: type, *, where: str = "report") -> Any:
    if not isinstance(mapping, dict):
        raise StoreError(f"cannot store report: {where} is not an object")
    value = mapping.get(key)
    if not isinstance(value, kind):
        raise StoreError(f"cannot store report: {where}.{key} is missing or not a {kind.__name__}")
    return value
