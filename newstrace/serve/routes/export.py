"""``/api/export``: every stored report, or every story, as JSON Lines, streamed."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from newstrace.serve.deps import StoreDep
from newstrace.serve.errors import ERROR_RESPONSES
from newstrace.serve.queries import iter_stories

router = APIRouter(prefix="/api/export", tags=["export"], responses=ERROR_RESPONSES)

JSONL = "application/x-ndjson"
_STREAMED: dict[int | str, dict[str, Any]] = {
    200: {"description": "One JSON object per line.", "content": {JSONL: {}}}
}


@router.get(
    "/reports.jsonl",
    response_class=StreamingResponse,
    responses=_STREAMED,
    summary="Every stored report (newstrace.report/1), one per line",
)
def reports(store: StoreDep) -> StreamingResponse:
    return _stream(store.iter_reports(), "reports.jsonl")


@router.get(
    "/stories.jsonl",
    response_class=StreamingResponse,
    responses=_STREAMED,
    summary="Every story (newstrace.story/1), one per line",
)
def stories(store: StoreDep) -> StreamingResponse:
    return _stream(iter_stories(store), "stories.jsonl")


def _stream(records: Iterable[dict[str, Any]], filename: str) -> StreamingResponse:
    """Stream ``records``; the first is read here, so that a store that cannot be read is
    answered with an error rather than a cut-off 200."""
    it = iter(records)
    first = next(it, None)

    def lines() -> Iterator[str]:
        if first is None:
            return
        yield json.dumps(first, ensure_ascii=False) + "\n"
        for record in it:
            yield json.dumps(record, ensure_ascii=False) + "\n"

    return StreamingResponse(
        lines(),
        media_type=JSONL,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
