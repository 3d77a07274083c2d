"""Ingest: files, HTML pages, JSON Lines, directories and standard input -> Article.

See docs/ingest.md. The stage's entry point is :func:`read_articles`, which yields an
:class:`~newstrace.model.Article` per article, or the :class:`~newstrace.errors.InputError`
that stopped one input, so a run reports it and goes on.
"""

from __future__ import annotations

from newstrace.ingest.reader import Defaults, read_articles, read_input
from newstrace.ingest.sources import RawInput, iter_inputs

__all__ = ["Defaults", "RawInput", "iter_inputs", "read_articles", "read_input"]
