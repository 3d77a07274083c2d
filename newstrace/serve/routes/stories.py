"""``/api/stories``: stories across outlets (docs/stories.md), as ``newstrace stories`` lists them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from newstrace.errors import InvalidRequest, NotFound
from newstrace.serve.deps import PagingDep, StoreDep, next_page
from newstrace.serve.errors import ERROR_RESPONSES
from newstrace.serve.routes.events import ISO3, EventType, Status
from newstrace.serve.schemas import ErrorBody, StoryPage

router = APIRouter(prefix="/api/stories", tags=["stories"], responses=ERROR_RESPONSES)


@router.get("", response_model=StoryPage, summary="List stories, newest first, with filters")
def stories(
    request: Request,
    store: StoreDep,
    page: PagingDep,
    actor: Annotated[
        str | None, Query(description="Actor code: ISO alpha-3 (VEN) or an organisation id.")
    ] = None,
    country: Annotated[
        str | None, Query(pattern=ISO3, description="Country as actor or recipient (VEN).")
    ] = None,
    type: Annotated[EventType | None, Query(description="PLOVER type (REQUEST, ...).")] = None,
    status: Annotated[Status | None, Query(description="Current deal status.")] = None,
    since: Annotated[
        date | None, Query(description="Stories reported on or after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        date | None, Query(description="Stories first reported on or before YYYY-MM-DD.")
    ] = None,
) -> dict[str, Any]:
    if since and until and since > until:
        raise InvalidRequest(f"since {since} is after until {until}")
    rows = store.list_stories(
        actor=actor,
        country=country,
        type=type.value if type else None,
        status=status.value if status else None,
        since=since,
        until=until,
        limit=page.limit + 1,
        offset=page.offset,
    )
    return {
        "items": [{**r, "href": f"/api/stories/{r['id']}"} for r in rows[: page.limit]],
        "limit": page.limit,
        "offset": page.offset,
        "next": next_page(request, page, len(rows)),
    }


@router.get(
    "/{story_id}",
    summary="One story (newstrace.story/1): fields, timeline, sources, discrepancies",
    responses={
        200: {"description": "The whole newstrace.story/1 object (docs/stories.md)."},
        404: {"model": ErrorBody},
    },
)
def story(story_id: str, store: StoreDep) -> dict[str, Any]:
    found = store.get_story(story_id)
    if found is None and not story_id.startswith("story:"):
        found = store.get_story(f"story:{story_id}")
    if found is None:
        raise NotFound(f"no story {story_id!r} in the store (or more than one with that prefix)")
    return found
