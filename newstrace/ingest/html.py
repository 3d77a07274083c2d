"""HTML pages: recognise them, and extract the main text and metadata with trafilatura.

trafilatura keeps block elements (paragraphs, headings, list items) on lines of their own and
prefixes list items with ``- ``; navigation, footers and comments are dropped
(``favor_precision``). The publication date is taken from the page's metadata only (meta tags,
JSON-LD, ``<time>``, the URL), never guessed from dates in the running text.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date
from typing import Any

import trafilatura

from newstrace.errors import NoArticleText
from newstrace.model.article import normalise_text

log = logging.getLogger(__name__)

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<article")
_SNIFF_CHARS = 1024


@dataclass(frozen=True, slots=True)
class Extracted:
    """What an HTML page yields: main text (normalised) and whatever metadata it carries."""

    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None


def looks_like_html(source: str, text: str) -> bool:
    """True for ``.html``/``.htm``/``.xhtml`` names, or text that starts like an HTML page."""
    if os.path.splitext(source)[1].lower() in HTML_SUFFIXES:
        return True
    head = text[:_SNIFF_CHARS].lstrip("\ufeff \t\r\n").lower()
    return head.startswith("<") and any(marker in head for marker in _MARKERS)


def extract_html(
    html: str, *, source: str | None = None, url: str | None = None, min_chars: int = 1
) -> Extracted:
    """Extract the article from ``html``; raise :class:`NoArticleText` when there is none.

    ``url`` (the page's address, if known) helps trafilatura resolve metadata; the URL
    returned is the page's own (canonical link or ``og:url``) when it declares one.
    """
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        favor_precision=True,
        include_images=False,
        include_links=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = normalise_text(_field(document, "text") or "")
    if not text.strip():
        raise NoArticleText("no article text found in the HTML", source=source)
    if len(text) < min_chars:
        raise NoArticleText(
            f"no article text found in the HTML (only {len(text)} characters)", source=source
        )
    return Extracted(
        text=text,
        title=_field(document, "title"),
        published=_parse_date(_field(document, "date"), source),
        outlet=_field(document, "sitename"),
        url=_field(document, "url"),
    )


def _field(document: Any, name: str) -> str | None:
    """A string field of trafilatura's result (a ``Document`` in 2.x, a dict before)."""
    if document is None:
        return None
    value = document.get(name) if isinstance(document, dict) else getattr(document, name, None)
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _parse_date(value: str | None, source: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        log.debug("%s: ignored unparsable page date %r", source, value)
        return None
