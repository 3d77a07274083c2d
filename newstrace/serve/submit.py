"""A submitted request body, read as the ingest stage reads a file.

``text/plain`` is one article as text, ``text/html`` one page, ``application/json`` one object
(or an array of objects) with ``text`` or ``html`` and metadata, ``application/x-ndjson`` one
object per line. Nothing here opens a connection: a ``url`` is metadata, kept and never fetched.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

from newstrace.errors import BadRecord, InputError, UnsupportedMediaType
from newstrace.ingest import Defaults, RawInput, read_input
from newstrace.model import Article
from newstrace.settings import Settings

#: Content types the API reads, and the name the input gets (its suffix tells ingest the format).
SOURCES = {
    "text/plain": "request.txt",
    "text/markdown": "request.txt",
    "text/html": "request.html",
    "application/xhtml+xml": "request.html",
    "application/json": "request.jsonl",
    "application/x-ndjson": "request.jsonl",
    "application/jsonl": "request.jsonl",
    "application/jsonlines": "request.jsonl",
}


def read_body(
    body: bytes,
    content_type: str | None,
    *,
    settings: Settings,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Iterator[Article | InputError]:
    """The articles of a request body (or the input errors in their place), in order.

    ``published``, ``outlet`` and ``url`` fill what the body does not say, as the options of
    ``newstrace analyze`` do.
    """
    media = (content_type or "text/plain").split(";", 1)[0].strip().lower()
    source = SOURCES.get(media)
    if source is None:
        raise UnsupportedMediaType(
            f"cannot read a body of type {media!r}; send one of: " + ", ".join(sorted(SOURCES))
        )
    if media == "application/json":
        body = _json_as_lines(body)
    raw = RawInput(source=source, data=body)
    yield from read_input(raw, defaults=Defaults(published, outlet, url), settings=settings)


def _json_as_lines(body: bytes) -> bytes:
    """A JSON object (or array of objects) as JSON Lines, for the ingest stage's record reader."""
    try:
        value = json.loads(body)
    except ValueError as err:
        raise BadRecord(f"not JSON ({err})", source="request") from None
    records = value if isinstance(value, list) else [value]
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")
