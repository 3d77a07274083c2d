"""``/api/entities``: the people, countries, organisations, weapon systems, ... the reports name."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from newstrace.errors import NotFound
from newstrace.model.entity import ENTITY_KINDS
from newstrace.serve.deps import PagingDep, StoreDep, next_page
from newstrace.serve.errors import ERROR_RESPONSES
from newstrace.serve.queries import (
    entity_articles,
    entity_names,
    events_of_entity,
    list_entities,
)
from newstrace.serve.routes.events import ISO3, event_summary
from newstrace.serve.schemas import EntityDetail, EntityPage, ErrorBody

router = APIRouter(prefix="/api/entities", tags=["entities"], responses=ERROR_RESPONSES)

EntityKind = StrEnum("EntityKind", {k: k for k in ENTITY_KINDS})  # type: ignore[misc]

#: Articles and events shown on an entity's page.
DETAIL_LIMIT = 50


@router.get("", response_model=EntityPage, summary="List entities, most often named first")
def entities(
    request: Request,
    store: StoreDep,
    page: PagingDep,
    kind: Annotated[EntityKind | None, Query(description="country, person, ...")] = None,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Text in the name or the id."),
    ] = None,
    country: Annotated[str | None, Query(pattern=ISO3, description="ISO alpha-3.")] = None,
) -> dict[str, Any]:
    rows = list_entities(
        store,
        kind=kind.value if kind else None,
        q=q,
        country=country.upper() if country else None,
        limit=page.limit,
        offset=page.offset,
    )
    return {
        "items": [{**r, "href": f"/api/entities/{r['id']}"} for r in rows[: page.limit]],
        "limit": page.limit,
        "offset": page.offset,
        "next": next_page(request, page, len(rows)),
    }


@router.get(
    "/{entity_id}",
    response_model=EntityDetail,
    summary="One entity: its names, roles, articles and events",
    responses={404: {"model": ErrorBody}},
)
def entity(entity_id: str, store: StoreDep) -> dict[str, Any]:
    articles = entity_articles(store, entity_id, limit=DETAIL_LIMIT)
    if not articles:
        raise NotFound(f"no entity {entity_id!r} in the store")
    report = store.get_report(articles[0]["id"]) or {}
    record: dict[str, Any] = next(
        (e for e in report.get("entities", []) if e.get("id") == entity_id), {}
    )
    events = events_of_entity(store, entity_id, limit=DETAIL_LIMIT)
    return {
        "entity": record,
        "names": entity_names(store, entity_id),
        "articles": [
            {
                "id": a["id"],
                "title": a["title"],
                "outlet": a["outlet_name"],
                "published": a["published"].isoformat() if a["published"] else None,
            }
            for a in articles
        ],
        "events": [{"role": e["role"], "event": event_summary(e)} for e in events],
    }
