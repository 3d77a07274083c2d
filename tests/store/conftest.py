"""Fixtures: every store test runs on a SQLite file and on PostgreSQL (never skipped).

The ``db_url``, ``pg_url`` and ``sqlite_url`` fixtures live in ``tests/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newstrace.store import Store, open_store


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened
