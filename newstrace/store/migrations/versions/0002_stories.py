"""Stories: stories, story_events, story_reports, story_actors, story_keys, resolved_articles.

Revision ID: 0002
Revises: 0001
Create Date: 2025-11-10
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _story_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["story_id"], ["stories.id"], name=f"fk_{table}_story_id_stories", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("first_reported", sa.Date(), nullable=True),
        sa.Column("last_reported", sa.Date(), nullable=True),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
        sa.Column("rating", sa.String(), nullable=True),
        sa.Column("story", JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )
    op.create_index("ix_stories_type", "stories", ["type"])
    op.create_index("ix_stories_status", "stories", ["status"])
    op.create_index("ix_stories_first_reported", "stories", ["first_reported"])

    op.create_table(
        "story_events",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("story_id", sa.String(), nullable=False),
        _story_fk("story_events"),
        sa.PrimaryKeyConstraint("article_id", "event_id", name="pk_story_events"),
    )
    op.create_index("ix_story_events_story_id", "story_events", ["story_id"])

    op.create_table(
        "story_reports",
        sa.Column("story_id", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        _story_fk("story_reports"),
        sa.PrimaryKeyConstraint("story_id", "article_id", name="pk_story_reports"),
    )
    op.create_index("ix_story_reports_article_id", "story_reports", ["article_id"])

    op.create_table(
        "story_actors",
        sa.Column("story_id", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        _story_fk("story_actors"),
        sa.PrimaryKeyConstraint("story_id", "code", "role", name="pk_story_actors"),
    )
    op.create_index("ix_story_actors_code_role", "story_actors", ["code", "role"])

    op.create_table(
        "story_keys",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("story_id", sa.String(), nullable=False),
        _story_fk("story_keys"),
        sa.PrimaryKeyConstraint("key", "story_id", name="pk_story_keys"),
    )
    op.create_index("ix_story_keys_story_id", "story_keys", ["story_id"])

    op.create_table(
        "resolved_articles",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("analysed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_resolved_articles_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name="pk_resolved_articles"),
    )


def downgrade() -> None:
    op.drop_table("resolved_articles")
    op.drop_table("story_keys")
    op.drop_table("story_actors")
    op.drop_table("story_reports")
    op.drop_table("story_events")
    op.drop_table("stories")
