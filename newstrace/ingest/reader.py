"""The ingest stage's entry point: paths (files, directories, ``-``) to :class:`Article` records.

:func:`read_articles` never raises an :class:`InputError`: it yields it in place of the article,
so the caller reports one line and goes on with the other inputs (and with the other lines of a
JSON Lines file). Metadata found in the input wins over the options given by the caller; the
options fill what the input does not say (see docs/ingest.md, "Metadata precedence").
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from newstrace.errors import BadRecord, EmptyInput, InputError, UnsupportedLanguage
from newstrace.ingest.decode import Decoded, decode_bytes
from newstrace.ingest.html import extract_html, looks_like_html
from newstrace.ingest.jsonl import Record, is_jsonl_name, iter_records, looks_like_jsonl
from newstrace.ingest.language import guess_language
from newstrace.ingest.sources import RawInput, iter_inputs
from newstrace.model.article import Article, OutletRef, PublishedBasis, normalise_text
from newstrace.settings import Settings, get_settings

log = logging.getLogger(__name__)

MAX_TITLE_CHARS = 150
"""A plain-text first line this long or longer is a paragraph, not a title."""

_HEADING_MARK = re.compile(r"^#{1,6}\s+")


@dataclass(frozen=True, slots=True)
class Defaults:
    """What the caller says about inputs that do not say it themselves."""

    published: date | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class _Found:
    """What one input says about itself."""

    text: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None


def read_articles(
    paths: Sequence[str],
    *,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    stdin: BinaryIO | None = None,
    settings: Settings | None = None,
) -> Iterator[Article | InputError]:
    """Yield an :class:`Article` per article in ``paths``, or the :class:`InputError` instead.

    ``published``, ``outlet`` and ``url`` apply to every input that does not carry its own.
    ``-`` in ``paths`` reads ``stdin`` (default: the process's standard input).
    """
    settings = settings or get_settings()
    defaults = Defaults(published, outlet, url)
    for raw in iter_inputs(paths, stdin=stdin, settings=settings):
        yield from read_input(raw, defaults=defaults, settings=settings)


def read_input(
    raw: RawInput, *, defaults: Defaults | None = None, settings: Settings | None = None
) -> Iterator[Article | InputError]:
    """Articles (or errors) from one raw input: a text or HTML file, or a JSON Lines file."""
    settings = settings or get_settings()
    defaults = defaults or Defaults()
    if raw.error is not None:
        yield raw.error
        return
    try:
        decoded = decode_bytes(raw.data, source=raw.source)
    except InputError as err:
        yield err
        return
    if is_jsonl_name(raw.source) or (
        not looks_like_html(raw.source, decoded.text) and looks_like_jsonl(decoded.text)
    ):
        for record in iter_records(decoded.text, source=raw.source):
            if isinstance(record, BadRecord):
                yield record
                continue
            try:
                yield _from_record(record, decoded, defaults, settings)
            except InputError as err:
                yield err
        return
    try:
        yield _from_document(raw.source, decoded, defaults, settings)
    except InputError as err:
        yield err


def plain_title(text: str) -> str | None:
    """The first line of a plain text as its title, when it reads like one.

    A title is short (< 150 characters), does not end like a sentence or a clause
    (``.``, ``,``, ``;``, ``:``) and is followed by more text that does not continue it
    (a blank line, or a line that does not start in lower case). It stays in the text.
    """
    lines = text.split("\n")
    first = _HEADING_MARK.sub("", lines[0].strip())
    rest = [line.strip() for line in lines[1:]]
    if not first or len(first) >= MAX_TITLE_CHARS or first[-1] in ".,;:":
        return None
    if not any(rest):
        return None
    if rest[0] and rest[0][0].islower():
        return None  # a hard-wrapped paragraph, not a title
    return first


def _from_document(
    source: str, decoded: Decoded, defaults: Defaults, settings: Settings
) -> Article:
    if looks_like_html(source, decoded.text):
        page = extract_html(
            decoded.text, source=source, url=defaults.url, min_chars=settings.min_chars
        )
        found = _Found(page.text, page.title, page.published, page.outlet, page.url)
    else:
        text = normalise_text(decoded.text)
        found = _Found(text, title=plain_title(text))
    return _article(found, source, defaults, settings, decoded.sha256, decoded.encoding)


def _from_record(
    record: Record, decoded: Decoded, defaults: Defaults, settings: Settings
) -> Article:
    if record.text is not None:
        text = normalise_text(record.text)
        found = _Found(text, record.title, record.published, record.outlet, record.url)
    else:
        page = extract_html(
            record.html or "",
            source=record.source,
            url=record.url or defaults.url,
            min_chars=settings.min_chars,
        )
        found = _Found(
            page.text,
            title=record.title or page.title,
            published=record.published or page.published,
            outlet=record.outlet or page.outlet,
            url=record.url or page.url,
        )
    digest = hashlib.sha256(record.line.encode("utf-8")).hexdigest()
    return _article(found, record.source, defaults, settings, digest, decoded.encoding)


def _article(
    found: _Found,
    source: str,
    defaults: Defaults,
    settings: Settings,
    sha256: str,
    encoding: str,
) -> Article:
    if len(found.text) < settings.min_chars:
        raise EmptyInput(f"no article text (only {len(found.text)} characters)", source=source)
    language = guess_language(found.text)
    if language.code != "en":
        raise UnsupportedLanguage(
            f"article is in {language.name} ({language.code}); only English is analysed",
            source=source,
        )
    basis: PublishedBasis = "unknown"
    published = found.published or defaults.published
    if found.published is not None:
        basis = "metadata"
    elif defaults.published is not None:
        basis = "option"
    return Article(
        text=found.text,
        source=source,
        url=found.url or defaults.url,
        outlet=OutletRef(id=None, name=found.outlet or defaults.outlet),
        title=found.title,
        published=published,
        published_basis=basis,
        language="en",
        bytes_sha256=sha256,
        encoding=encoding,
    )
