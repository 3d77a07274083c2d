"""``/api/events``: events of every stored report, filtered in SQL; one event with its evidence."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from newstrace.errors import InvalidRequest, NotFound
from newstrace.model.event import FACTUALITY, PLOVER_TYPES, STATUSES
from newstrace.serve.deps import PagingDep, StoreDep, next_page
from newstrace.serve.errors import ERROR_RESPONSES
from newstrace.serve.queries import EventFilter, get_event, list_events
from newstrace.serve.schemas import ErrorBody, EventDetail, EventPage

router = APIRouter(prefix="/api/events", tags=["events"], responses=ERROR_RESPONSES)

EventType = StrEnum("EventType", {t: t for t in PLOVER_TYPES})  # type: ignore[misc]
Status = StrEnum("Status", {s: s for s in STATUSES})  # type: ignore[misc]
Factuality = StrEnum("Factuality", {f: f for f in FACTUALITY})  # type: ignore[misc]

ISO3 = r"^[A-Za-z]{3}$"


@router.get("", response_model=EventPage, summary="List events, newest first, with filters")
def events(
    request: Request,
    store: StoreDep,
    page: PagingDep,
    type: Annotated[EventType | None, Query(description="PLOVER type (REQUEST, AID, ...).")] = None,
    mode: Annotated[str | None, Query(description="PLOVER mode (assist, visit, ...).")] = None,
    actor: Annotated[
        str | None, Query(description="Entity id that acts (country:VEN, person:...).")
    ] = None,
    entity: Annotated[str | None, Query(description="Entity id in any role.")] = None,
    country: Annotated[
        str | None,
        Query(pattern=ISO3, description="ISO 3166 alpha-3 of any participant (VEN)."),
    ] = None,
    status: Annotated[Status | None, Query(description="Deal status (requested, ...).")] = None,
    factuality: Annotated[Factuality | None, Query(description="asserted, reported, ...")] = None,
    since: Annotated[
        date | None, Query(description="Events whose time ends on or after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        date | None, Query(description="Events whose time starts on or before YYYY-MM-DD.")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=3,
            max_length=200,
            description="Text in the summary or the article (3 characters at least: the text "
            "index is of trigrams).",
        ),
    ] = None,
) -> dict[str, Any]:
    if since and until and since > until:
        raise InvalidRequest(f"since {since} is after until {until}")
    found = EventFilter(
        type=type.value if type else None,
        mode=mode,
        actor=actor,
        entity=entity,
        country=country.upper() if country else None,
        status=status.value if status else None,
        factuality=factuality.value if factuality else None,
        since=since,
        until=until,
        q=q,
    )
    rows = list_events(store, found, limit=page.limit, offset=page.offset)
    return {
        "items": [event_summary(r) for r in rows[: page.limit]],
        "limit": page.limit,
        "offset": page.offset,
        "next": next_page(request, page, len(rows)),
    }


@router.get(
    "/{article_id}/{event_id}",
    response_model=EventDetail,
    summary="One event as its report has it, with the text of its evidence",
    responses={404: {"model": ErrorBody}},
)
def event(article_id: str, event_id: str, store: StoreDep) -> dict[str, Any]:
    row = get_event(store, article_id, event_id)
    report = store.get_report(article_id) if row is not None else None
    text = store.get_text(article_id) or ""
    found = next((e for e in (report or {}).get("events", []) if e.get("id") == event_id), None)
    if row is None or found is None:
        raise NotFound(f"no event {event_id!r} in article {article_id!r}")
    named = set(found.get("actors", [])) | set(found.get("recipients", []))
    named |= set(found.get("intermediaries", []))
    named |= {i.get("system") for i in found.get("items", []) if i.get("system")}
    named |= {w.get("entity") for w in found.get("where", []) if w.get("entity")}
    entities = [e for e in (report or {}).get("entities", []) if e.get("id") in named]
    evidence = [
        {"start": s, "end": e, "rule": ev.get("rule"), "text": text[s:e]}
        for ev in found.get("evidence", [])
        for s, e in [(int(ev.get("start", 0)), int(ev.get("end", 0)))]
    ]
    return {
        "event": found,
        "article": _article_ref(row),
        "entities": entities,
        "evidence": evidence,
        "story": row.get("story_id"),
    }


def event_summary(row: dict[str, Any]) -> dict[str, Any]:
    """An event row of :mod:`newstrace.serve.queries` as the API shows it."""
    return {
        "article_id": row["article_id"],
        "event_id": row["event_id"],
        "type": row["type"],
        "mode": row["mode"],
        "status": row["status"],
        "factuality": row["factuality"],
        "negated": row["negated"],
        "salience": row["salience"],
        "confidence": row["confidence"],
        "when": {
            "start": _iso(row["when_start"]),
            "end": _iso(row["when_end"]),
            "precision": row["when_precision"],
        },
        "summary": row["summary"],
        "actors": row["actors"],
        "recipients": row["recipients"],
        "intermediaries": row["intermediaries"],
        "article": _article_ref(row),
        "href": f"/api/events/{row['article_id']}/{row['event_id']}",
    }


def _article_ref(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["article_id"],
        "title": row["article_title"],
        "outlet": row["outlet_name"],
        "published": _iso(row["published"]),
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
