"""Renderers of ``newstrace.report/1`` dicts, one module per format, registered here.

>>> from newstrace.export import render
>>> render([report.to_dict()], "markdown", texts={article.id: article.text})  # doctest: +SKIP

Every renderer takes the report dicts and, optionally, the article texts keyed by article id
(used to quote evidence and filler; the JSON renderer ignores them), and returns one string.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from newstrace.errors import UsageError
from newstrace.export import json, markdown, text

Renderer = Callable[[Sequence[Mapping[str, Any]], Mapping[str, str] | None], str]

RENDERERS: dict[str, Renderer] = {
    "json": json.render_reports,
    "text": text.render_reports,
    "markdown": markdown.render_reports,
}
FORMATS: tuple[str, ...] = tuple(RENDERERS)


def render(
    report_dicts: Sequence[Mapping[str, Any]],
    fmt: str,
    texts: Mapping[str, str] | None = None,
) -> str:
    """Render reports in format ``fmt`` (one of :data:`FORMATS`).

    ``texts`` maps article ids to article texts; a report whose text is missing is rendered
    with offsets instead of quotes. Raises :class:`~newstrace.errors.UsageError` for an
    unknown format.
    """
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise UsageError(
            f"unknown output format {fmt!r}; choose one of: {', '.join(FORMATS)}"
        ) from None
    return renderer(list(report_dicts), texts)


__all__ = ["FORMATS", "RENDERERS", "Renderer", "render"]
