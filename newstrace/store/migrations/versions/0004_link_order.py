"""Link tables in the API's order: actor, entity and country filters read newest first.

``event_entities`` gets a copy of its event's ``when_start``, and the new ``event_countries``
holds, once per event, each country of its participants' entity rows (the ``country``
filter), with the same copy. Newest-first indexes on both (:data:`newstrace.store.indexes.
ORDERED_LINKS`) let a filter walk one index and stop after a page instead of testing every
event. Data is kept: both are filled from the rows already there. See docs/store.md.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from newstrace.store import indexes

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FILL_WHEN = {
    "postgresql": (
        "UPDATE event_entities AS ee SET when_start = e.when_start FROM events AS e "
        "WHERE e.article_id = ee.article_id AND e.event_id = ee.event_id "
        "AND e.when_start IS NOT NULL"
    ),
    "sqlite": (
        "UPDATE event_entities SET when_start = (SELECT e.when_start FROM events AS e "
        "WHERE e.article_id = event_entities.article_id "
        "AND e.event_id = event_entities.event_id)"
    ),
}

_FILL_COUNTRIES = (
    "INSERT INTO event_countries (article_id, event_id, country, when_start) "
    "SELECT DISTINCT ee.article_id, ee.event_id, en.country, ee.when_start "
    "FROM event_entities AS ee JOIN entities AS en "
    "ON en.article_id = ee.article_id AND en.entity_id = ee.entity_id "
    "WHERE en.country IS NOT NULL"
)


def upgrade() -> None:
    conn = op.get_bind()
    op.add_column("event_entities", sa.Column("when_start", sa.Date(), nullable=True))
    op.create_table(
        "event_countries",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("when_start", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id", "event_id"],
            ["events.article_id", "events.event_id"],
            name="fk_event_countries_article_id_event_id_events",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "event_id", "country", name="pk_event_countries"),
    )
    conn.execute(sa.text(_FILL_WHEN.get(conn.dialect.name, _FILL_WHEN["sqlite"])))
    conn.execute(sa.text(_FILL_COUNTRIES))
    indexes.create_links(conn)
    _analyse(conn)


def _analyse(conn: sa.Connection) -> None:
    """Statistics for the planner on the filled tables (on SQLite only where it keeps them)."""
    if conn.dialect.name == "sqlite":
        kept = conn.execute(
            sa.text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        ).scalar_one()
        if not kept:
            return
    for table in ("event_entities", "event_countries"):
        conn.execute(sa.text(f"ANALYZE {table}"))


def downgrade() -> None:
    indexes.drop_links(op.get_bind())
    op.drop_table("event_countries")
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+ and PostgreSQL), not a table copy.
    op.execute("ALTER TABLE event_entities DROP COLUMN when_start")
