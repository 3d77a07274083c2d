"""The words index of ``q`` (migration 0005): which articles hold a word, newest first.

A ``q`` is a literal substring of an event's summary or of its article's text, any case. The
tables here let the API find the newest articles that may hold it without testing texts one by
one (docs/store.md):

- ``text_terms`` holds, once per article, every word (a run of letters, digits or ``_``, lower
  case, :data:`MIN_TERM` characters or more) of its text and of its events' summaries, with the
  ``when_start`` of the article's newest event (``newest``), indexed by word newest first;
- ``text_words`` holds, for every word ever indexed, its suffixes (at most :data:`SUFFIX`
  characters of each): a substring of a word is a prefix of one of its suffixes, so the words
  holding the longest word of ``q`` are one range of its primary key.

Every article whose text or summaries hold ``q`` is found under one of those words (a superset:
the API then tests ``q`` itself on the articles it reads). Words no article holds any more stay
in ``text_words``; they find nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

#: Words shorter than this are not indexed: ``q`` is three characters or more, and its longest
#: word is looked up only when it has at least this many (else the API walks, as before).
MIN_TERM = 3

#: Suffix rows keep this many characters of each suffix; a longer word of ``q`` is looked up
#: by its first :data:`SUFFIX` characters (still a substring of every word that holds it).
SUFFIX = 40

_WORD = re.compile(r"\w+")

#: The largest code point: ``prefix + TOP`` bounds the range of strings starting with ``prefix``.
TOP = "\U0010ffff"


def words(text: str | None) -> set[str]:
    """The indexed words of ``text``: lower-case runs of word characters, :data:`MIN_TERM`+."""
    if not text:
        return set()
    return {w for w in _WORD.findall(text.lower()) if len(w) >= MIN_TERM}


def query_word(q: str) -> str | None:
    """The word of ``q`` to look up: its longest run of word characters (lower case, cut to
    :data:`SUFFIX`), or ``None`` when it has none of :data:`MIN_TERM` characters."""
    found = _WORD.findall(q.lower())
    if not found:
        return None
    longest = max(found, key=len)
    return longest[:SUFFIX] if len(longest) >= MIN_TERM else None


def suffixes(term: str) -> Iterable[str]:
    """The suffixes of ``term`` of :data:`MIN_TERM` characters or more, cut to :data:`SUFFIX`."""
    for start in range(len(term) - MIN_TERM + 1):
        yield term[start : start + SUFFIX]


def term_rows(
    article_id: str, text: str, summaries: Iterable[str | None], newest: date | None
) -> list[dict[str, Any]]:
    """The ``text_terms`` rows of one article."""
    found = words(text)
    for summary in summaries:
        found |= words(summary)
    return [{"term": t, "article_id": article_id, "newest": newest} for t in sorted(found)]


def word_rows(terms: Iterable[str]) -> list[dict[str, str]]:
    """The ``text_words`` rows of ``terms`` (one per distinct suffix and word)."""
    pairs = {(s, t) for t in terms for s in suffixes(t)}
    return [{"suffix": s, "term": t} for s, t in sorted(pairs)]
