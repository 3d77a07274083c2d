"""JSON Lines inputs: one article per line, ``{"url", "outlet", "title", "published", "text"}``.

A line may carry ``html`` instead of ``text`` (the page is then extracted like an HTML file);
when both are present ``text`` wins. Blank lines are skipped; other keys are ignored. A line
that is not a JSON object, has neither ``text`` nor ``html``, or has a field of the wrong type
becomes a :class:`BadRecord` naming ``file:line``; the file's other lines still count.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from newstrace.errors import BadRecord

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

_STRING_FIELDS = ("url", "outlet", "title", "text", "html", "published")


@dataclass(frozen=True, slots=True)
class Record:
    """One valid JSON Lines record. ``source`` is ``file:line``; ``line`` its raw text."""

    source: str
    line: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None


def is_jsonl_name(source: str) -> bool:
    return os.path.splitext(source)[1].lower() in JSONL_SUFFIXES


def looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line of ``text`` is a JSON object (for unnamed inputs)."""
    for line in text.split("\n"):
        if line.strip():
            try:
                return isinstance(json.loads(line), dict)
            except ValueError:
                return False
    return False


def iter_records(text: str, *, source: str) -> Iterator[Record | BadRecord]:
    """Yield a :class:`Record` per non-blank line of ``text``, or the :class:`BadRecord`.

    Lines are split on ``\\n`` only: U+2028 and friends are legal inside JSON strings.
    """
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield _record(line, where)
        except BadRecord as err:
            yield err


def _record(line: str, where: str) -> Record:
    try:
        value = json.loads(line)
    except ValueError as err:
        reason = _json_error(err)
        raise BadRecord(f"not JSON ({reason})", source=where) from None
    if not isinstance(value, dict):
        raise BadRecord(f"not a JSON object but {_json_type(value)}", source=where)
    fields: dict[str, str | None] = {}
    for key in _STRING_FIELDS:
        field = value.get(key)
        if field is not None and not isinstance(field, str):
            raise BadRecord(f"{key!r} is {_json_type(field)}, not a string", source=where)
        fields[key] = field
    if fields["text"] is None and fields["html"] is None:
        raise BadRecord("no 'text' (or 'html') field", source=where)
    return Record(
        source=where,
        line=line,
        text=fields["text"],
        html=fields["html"] if fields["text"] is None else None,
        url=_clean(fields["url"]),
        outlet=_clean(fields["outlet"]),
        title=_clean(fields["title"]),
        published=_published(fields["published"], where),
    )


def _published(value: str | None, where: str) -> date | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value).date()
    except ValueError:
        raise BadRecord(
            f"'published' is not YYYY-MM-DD or an ISO datetime: {value[:40]!r}", source=where
        ) from None


def _json_error(err: ValueError) -> str:
    if not isinstance(err, json.JSONDecodeError):
        return str(err)
    joint = " " if err.msg.endswith(" at") else " at "  # "Unterminated string starting at"
    return f"{err.msg}{joint}column {err.colno}"


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, bool):
        return names[bool]
    if isinstance(value, int | float):
        return "a number"
    return names.get(type(value), type(value).__name__)
