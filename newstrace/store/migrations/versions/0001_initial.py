"""Initial schema: articles, entities, events, event_entities, items.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet_id", sa.String(), nullable=True),
        sa.Column("outlet_name", sa.String(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_basis", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=True),
        sa.Column("chars", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("bytes_sha256", sa.String(64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("report", JSON, nullable=False),
        sa.Column("analysed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_outlet_id", "articles", ["outlet_id"])

    op.create_table(
        "entities",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("wikidata", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_entities_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "entity_id", name="pk_entities"),
    )
    op.create_index("ix_entities_entity_id", "entities", ["entity_id"])
    op.create_index("ix_entities_kind", "entities", ["kind"])
    op.create_index("ix_entities_name", "entities", ["name"])
    op.create_index("ix_entities_country", "entities", ["country"])
    op.create_index("ix_entities_wikidata", "entities", ["wikidata"])

    op.create_table(
        "events",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("mode", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=True),
        sa.Column("factuality", sa.String(), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("salience", sa.String(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("when_start", sa.Date(), nullable=True),
        sa.Column("when_end", sa.Date(), nullable=True),
        sa.Column("when_precision", sa.String(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_events_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "event_id", name="pk_events"),
    )
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_status", "events", ["status"])
    op.create_index("ix_events_factuality", "events", ["factuality"])
    op.create_index("ix_events_when_start", "events", ["when_start"])

    op.create_table(
        "event_entities",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "event_id"],
            ["events.article_id", "events.event_id"],
            name="fk_event_entities_article_id_event_id_events",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "article_id", "event_id", "entity_id", "role", name="pk_event_entities"
        ),
    )
    op.create_index("ix_event_entities_entity_id_role", "event_entities", ["entity_id", "role"])

    op.create_table(
        "items",
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("system", sa.String(), nullable=True),
        sa.Column("origin", sa.String(), nullable=True),
        sa.Column("quantity_value", sa.Float(), nullable=True),
        sa.Column("quantity_kind", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "event_id"],
            ["events.article_id", "events.event_id"],
            name="fk_items_article_id_event_id_events",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "event_id", "idx", name="pk_items"),
    )
    op.create_index("ix_items_category", "items", ["category"])
    op.create_index("ix_items_system", "items", ["system"])


def downgrade() -> None:
    op.drop_table("items")
    op.drop_table("event_entities")
    op.drop_table("events")
    op.drop_table("entities")
    op.drop_table("articles")
