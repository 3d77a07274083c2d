"""Query indexes: newest-first orderings per filter, time-range end, text search.

The single-column indexes on ``events.type``, ``status``, ``factuality`` and ``when_start`` are
replaced by composites that also hold the API's order (a prefix of each serves the old uses);
``pg_trgm`` GIN indexes (PostgreSQL) or FTS5 trigram tables (SQLite) serve ``q``. Data is
untouched: the indexes are built from the rows already there. See
:mod:`newstrace.store.indexes` and docs/store.md.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from newstrace.store import indexes

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REPLACED = (
    ("ix_events_type", "type"),
    ("ix_events_status", "status"),
    ("ix_events_factuality", "factuality"),
    ("ix_events_when_start", "when_start"),
)


def upgrade() -> None:
    for name, _ in _REPLACED:
        op.drop_index(name, table_name="events")
    indexes.create(op.get_bind())


def downgrade() -> None:
    indexes.drop(op.get_bind())
    for name, column in _REPLACED:
        op.create_index(name, "events", [column])
