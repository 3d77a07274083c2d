"""Two API routes the dashboard draws from: the actor network and the places of events.

Both take the newest ``limit`` events matching the filters of ``GET /api/events`` (type,
country, since, until) and read their reports, so each value keeps a span of the article it
came from (``evidence``: ``start``/``end`` offsets into the article's text).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from newstrace.errors import InvalidRequest
from newstrace.serve.deps import StoreDep
from newstrace.serve.errors import ERROR_RESPONSES
from newstrace.serve.queries import EventFilter, list_events
from newstrace.serve.routes.events import ISO3, EventType
from newstrace.store import Store

router = APIRouter(prefix="/api", tags=["dashboard"], responses=ERROR_RESPONSES)

#: Event references kept on one edge of the network.
EDGE_EVENTS = 20

LimitQuery = Annotated[int, Query(ge=1, le=5000, description="Newest events read (1–5000).")]
TypeQuery = Annotated[EventType | None, Query(description="PLOVER type (REQUEST, AID, ...).")]
CountryQuery = Annotated[
    str | None, Query(pattern=ISO3, description="ISO 3166 alpha-3 of any participant.")
]
DateQuery = Annotated[date | None, Query(description="YYYY-MM-DD (as for /api/events).")]


def _events(
    store: Store,
    type: Any,
    country: str | None,
    since: date | None,
    until: date | None,
    limit: int,
) -> list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """(row, report, event) of the newest ``limit`` events matching the filters."""
    if since and until and since > until:
        raise InvalidRequest(f"since {since} is after until {until}")
    found = EventFilter(
        type=type.value if type else None,
        country=country.upper() if country else None,
        since=since,
        until=until,
    )
    rows = list_events(store, found, limit=limit, offset=0)[:limit]
    reports: dict[str, dict[str, Any]] = {}
    out = []
    for row in rows:
        article = row["article_id"]
        if article not in reports:
            reports[article] = store.get_report(article) or {}
        report = reports[article]
        event = next((e for e in report.get("events", []) if e.get("id") == row["event_id"]), None)
        if event is not None:
            out.append((row, report, event))
    return out


def first_span(event: dict[str, Any]) -> dict[str, int] | None:
    """The event's first evidence span (its trigger), as ``{"start", "end"}``."""
    for ev in event.get("evidence", []):
        return {"start": int(ev.get("start", 0)), "end": int(ev.get("end", 0))}
    return None


def mention_near(entity: dict[str, Any] | None, near: int) -> dict[str, int] | None:
    """The mention of ``entity`` closest to the offset ``near``."""
    mentions = (entity or {}).get("mentions") or []
    if not mentions:
        return None
    start, end = min(mentions, key=lambda m: abs(int(m[0]) - near))
    return {"start": int(start), "end": int(end)}


def _ref(row: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    return {
        "article_id": row["article_id"],
        "event_id": row["event_id"],
        "type": event.get("type"),
        "summary": event.get("summary"),
        "published": row["published"].isoformat() if row["published"] else None,
        "outlet": row["outlet_name"],
        "evidence": first_span(event),
    }


def _node_of(entities: dict[Any, dict[str, Any]], entity_id: str, by: str) -> str:
    """The node of ``entity_id``: with ``by="country"``, a person's or an org's country."""
    entity = entities.get(entity_id, {})
    if by == "country" and entity.get("country") and entity.get("kind") != "country":
        return f"country:{entity['country']}"
    return entity_id


def _add_node(
    nodes: dict[str, dict[str, Any]], entities: dict[Any, dict[str, Any]], node_id: str
) -> None:
    if node_id not in nodes:
        entity = entities.get(node_id, {})
        nodes[node_id] = {
            "id": node_id,
            "name": entity.get("name") or node_id.split(":", 1)[-1],
            "kind": entity.get("kind") or node_id.split(":", 1)[0],
            "events": 0,
        }
    nodes[node_id]["events"] += 1


@router.get("/network", summary="Who acts on whom: actors → recipients, typed by event type")
def network(
    store: StoreDep,
    type: TypeQuery = None,
    country: CountryQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
    limit: LimitQuery = 1000,
    by: Annotated[
        Literal["country", "entity"],
        Query(description="'country': people and organisations count for their country."),
    ] = "country",
) -> dict[str, Any]:
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row, report, event in _events(store, type, country, since, until, limit):
        entities = {e.get("id"): e for e in report.get("entities", [])}

        sources = list(dict.fromkeys(_node_of(entities, a, by) for a in event.get("actors", [])))
        targets = list(
            dict.fromkeys(_node_of(entities, r, by) for r in event.get("recipients", []))
        )
        for node_id in dict.fromkeys([*sources, *targets]):
            _add_node(nodes, entities, node_id)
        for source in sources:
            for target in targets:
                if source == target:
                    continue
                key = (source, target, str(event.get("type")))
                edge = edges.setdefault(
                    key,
                    {"source": source, "target": target, "type": key[2], "count": 0, "events": []},
                )
                edge["count"] += 1
                if len(edge["events"]) < EDGE_EVENTS:
                    edge["events"].append(_ref(row, event))
    return {
        "nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])),
        "edges": sorted(edges.values(), key=lambda e: (-e["count"], e["source"], e["target"])),
    }


@router.get("/places", summary="Where events happen: one point per place with coordinates")
def places(
    store: StoreDep,
    type: TypeQuery = None,
    country: CountryQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
    limit: LimitQuery = 1000,
) -> dict[str, Any]:
    points: dict[tuple[float, float], dict[str, Any]] = {}
    by_place: defaultdict[tuple[float, float], list[dict[str, Any]]] = defaultdict(list)
    for row, report, event in _events(store, type, country, since, until, limit):
        entities = {e.get("id"): e for e in report.get("entities", [])}
        trigger = first_span(event)
        for where in event.get("where", []):
            lat, lon = where.get("lat"), where.get("lon")
            if lat is None or lon is None:
                continue
            key = (float(lat), float(lon))
            points.setdefault(
                key,
                {
                    "entity": where.get("entity"),
                    "name": (entities.get(where.get("entity")) or {}).get("name")
                    or where.get("text"),
                    "lat": key[0],
                    "lon": key[1],
                    "country": where.get("country"),
                },
            )
            ref = _ref(row, event)
            ref["place"] = {
                "text": where.get("text"),
                "evidence": mention_near(
                    entities.get(where.get("entity")), trigger["start"] if trigger else 0
                ),
            }
            by_place[key].append(ref)
    items = [{**points[k], "events": by_place[k]} for k in points]
    items.sort(key=lambda p: (-len(p["events"]), str(p["name"])))
    return {"items": items}
