"""Small hand-made ``newstrace.report/1`` dicts for unit tests."""

from __future__ import annotations

import hashlib
from typing import Any

#: Article id -> the text its id is the hash of (to store a report made here).
TEXTS: dict[str, str] = {}

OUTLET_IDS = {
    "Reuters": "reuters",
    "Associated Press": "associated-press",
    "Newsweek": "newsweek",
    "Infobae": "infobae",
    "The Moscow Times": "the-moscow-times",
    "The Washington Post": "the-washington-post",
}


def deal_report(
    outlet: str,
    published: str,
    *,
    type_: str = "REQUEST",
    status: str | None = "requested",
    actors: tuple[str, ...] = ("VEN",),
    recipients: tuple[str, ...] = ("RUS",),
    items: list[tuple[str, str, str | None]] | None = None,
    money: list[float] | None = None,
    when: tuple[str, str] | None = None,
    cites: tuple[str, ...] = (),
    factuality: str = "reported",
    salt: str = "",
) -> dict[str, Any]:
    """A one-event report; ``items`` are (text, category, system), the text's number exact."""
    text = f"{outlet}|{published}|{type_}|{status}|{salt}|{items}|{cites}"
    article = hashlib.sha256(text.encode()).hexdigest()
    TEXTS[article] = text
    entities = [
        {"id": f"country:{c}", "kind": "country", "name": c, "country": c, "roles": [],
         "wikidata": None, "mentions": []}
        for c in sorted({*actors, *recipients})
    ]  # fmt: skip
    hops = [
        {"name": name, "entity": f"outlet:{OUTLET_IDS.get(name, name.lower())}", "kind": "outlet"}
        for name in cites
    ]
    event_items = []
    for text, category, system in items or []:
        number = next((float(w) for w in text.split() if w.isdigit()), None)
        event_items.append(
            {"text": text, "category": category, "system": system, "origin": None,
             "quantity": {"value": number, "low": None, "high": None,
                          "kind": "exact" if number is not None else "unspecified", "word": None},
             "action": "supply", "evidence": []}
        )  # fmt: skip
    event = {
        "id": f"ev-{article[:8]}", "type": type_, "mode": None, "contexts": [], "status": status,
        "actors": [f"country:{c}" for c in actors],
        "recipients": [f"country:{c}" for c in recipients], "intermediaries": [],
        "when": {"text": when[0] if when else None, "start": when[0] if when else None,
                 "end": when[1] if when else None, "precision": "day" if when else "unknown"},
        "where": [], "items": event_items,
        "money": [{"text": f"${m:g}", "amount": m, "currency": "USD", "term": None, "via": None,
                   "evidence": []} for m in money or []],
        "factuality": factuality, "negated": False,
        "attribution": [{"hops": hops}] if hops else [], "salience": "core",
        "evidence": [], "confidence": 0.8, "summary": None,
    }  # fmt: skip
    return {
        "schema": "newstrace.report/1",
        "article": {"id": article, "url": None,
                    "outlet": {"id": OUTLET_IDS.get(outlet), "name": outlet}, "title": None,
                    "published": published, "published_basis": "metadata", "language": "en",
                    "chars": 100},
        "entities": entities, "events": [event], "filler": [], "warnings": [],
    }  # fmt: skip
