"""The store's tables: one row per article, plus the parts of each report worth querying.

The whole report is kept as JSON on the article row (it is the contract, ``newstrace.report/1``);
the other tables copy out the fields analysts filter and join on, so that "every REQUEST for
materiel from Russia since October" is an indexed query, not a scan of JSON.

Every child row carries ``article_id`` and goes away with its article (``ON DELETE CASCADE``).
``event_entities.entity_id`` is deliberately not a foreign key to ``entities``: the store keeps
whatever report it is given, and a dangling reference there is the extractor's bug to fix.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Deterministic constraint names, so that migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: JSON everywhere; JSONB on PostgreSQL (indexable, compact, no duplicate keys).
JSONType = JSON().with_variant(JSONB(), "postgresql")

#: Roles an entity can play in an event (the event's ``actors``, ``recipients``, ``intermediaries``).
EVENT_ROLES: tuple[str, ...] = ("actor", "recipient", "intermediary")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ArticleRow(Base):
    """One analysed article: its metadata, its text (for evidence offsets) and its report."""

    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the text
    url: Mapped[str | None] = mapped_column(Text)
    outlet_id: Mapped[str | None] = mapped_column(String)
    outlet_name: Mapped[str | None] = mapped_column(String)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    published_basis: Mapped[str] = mapped_column(String)
    language: Mapped[str | None] = mapped_column(String)
    chars: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)
    bytes_sha256: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    report: Mapped[dict[str, Any]] = mapped_column(JSONType)
    analysed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_articles_published", "published"),
        Index("ix_articles_outlet_id", "outlet_id"),
    )


class EntityRow(Base):
    """An entity as one report names it (ids are stable across reports; rows are per article)."""

    __tablename__ = "entities"

    article_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String)
    wikidata: Mapped[str | None] = mapped_column(String)

    __table_args__ = (
        Index("ix_entities_entity_id", "entity_id"),
        Index("ix_entities_kind", "kind"),
        Index("ix_entities_name", "name"),
        Index("ix_entities_country", "country"),
        Index("ix_entities_wikidata", "wikidata"),
    )


class EventRow(Base):
    """One event of one report (``where``, ``money`` and ``attribution`` stay in the JSON)."""

    __tablename__ = "events"

    article_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[str] = mapped_column(String, primary_key=True)
    type: Mapped[str] = mapped_column(String)
    mode: Mapped[str | None] = mapped_column(String)
    status: Mapped[str | None] = mapped_column(String)
    factuality: Mapped[str] = mapped_column(String)
    negated: Mapped[bool] = mapped_column(Boolean)
    salience: Mapped[str] = mapped_column(String)
    confidence: Mapped[float] = mapped_column(Float)
    when_start: Mapped[date | None] = mapped_column(Date)
    when_end: Mapped[date | None] = mapped_column(Date)
    when_precision: Mapped[str] = mapped_column(String)
    summary: Mapped[str | None] = mapped_column(Text)

    # Indexed in newest-first order per filter (type, mode, status, factuality), by the end of
    # its time range and by text: migration 0003, DDL per dialect in newstrace/store/indexes.py.


class EventEntityRow(Base):
    """Who plays which part in an event: ``role`` is one of :data:`EVENT_ROLES`.

    ``when_start`` is the event's own (a copy, migration 0004), so that the events of one actor
    can be read newest first from one index and the read stops after a page.
    """

    __tablename__ = "event_entities"

    article_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String, primary_key=True)
    entity_id: Mapped[str] = mapped_column(String, primary_key=True)
    role: Mapped[str] = mapped_column(String, primary_key=True)
    when_start: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        ForeignKeyConstraint(
            ["article_id", "event_id"],
            ["events.article_id", "events.event_id"],
            ondelete="CASCADE",
        ),
        Index("ix_event_entities_entity_id_role", "entity_id", "role"),
        # and newest first per entity and role: migration 0004, newstrace/store/indexes.py
    )


class EventCountryRow(Base):
    """A country an event's participants belong to (the ``country`` of their entity rows),
    once per event, with the event's ``when_start`` (a copy) for the newest-first index
    (migration 0004)."""

    __tablename__ = "event_countries"

    article_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String, primary_key=True)
    country: Mapped[str] = mapped_column(String, primary_key=True)
    when_start: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        ForeignKeyConstraint(
            ["article_id", "event_id"],
            ["events.article_id", "events.event_id"],
            ondelete="CASCADE",
        ),
        # newest first per country: migration 0004, newstrace/store/indexes.py
    )


class ItemRow(Base):
    """One item of materiel or service in an event, in report order (``idx``)."""

    __tablename__ = "items"

    article_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String, primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String)
    system: Mapped[str | None] = mapped_column(String)
    origin: Mapped[str | None] = mapped_column(String)
    quantity_value: Mapped[float | None] = mapped_column(Float)
    quantity_kind: Mapped[str] = mapped_column(String)
    action: Mapped[str] = mapped_column(String)

    __table_args__ = (
        ForeignKeyConstraint(
            ["article_id", "event_id"],
            ["events.article_id", "events.event_id"],
            ondelete="CASCADE",
        ),
        Index("ix_items_category", "category"),
        Index("ix_items_system", "system"),
    )


class TextTermRow(Base):
    """A word of an article's text or of its events' summaries (``newstrace.store.terms``),
    with the ``when_start`` of the article's newest event (migration 0005)."""

    __tablename__ = "text_terms"

    term: Mapped[str] = mapped_column(String, primary_key=True)
    article_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    newest: Mapped[date | None] = mapped_column(Date)

    # newest first per word: migration 0005, newstrace/store/indexes.py


class TextWordRow(Base):
    """A suffix of an indexed word, and the word (the words that hold a substring)."""

    __tablename__ = "text_words"

    suffix: Mapped[str] = mapped_column(String, primary_key=True)
    term: Mapped[str] = mapped_column(String, primary_key=True)


#: Children first: the order to delete an article's rows in (and the reverse to insert them).
CHILD_TABLES: tuple[Table, ...] = tuple(
    Base.metadata.tables[name]
    for name in ("text_terms", "items", "event_countries", "event_entities", "events", "entities")
)


# -- stories (migration 0002) ---------------------------------------------------------------


class StoryRow(Base):
    """One merged story (``newstrace.story/1``, kept whole as JSON) and the fields filtered on."""

    __tablename__ = "stories"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    type: Mapped[str] = mapped_column(String)
    status: Mapped[str | None] = mapped_column(String)
    title: Mapped[str] = mapped_column(Text)
    first_reported: Mapped[date | None] = mapped_column(Date)
    last_reported: Mapped[date | None] = mapped_column(Date)
    reports: Mapped[int] = mapped_column(Integer)
    independent_sources: Mapped[int] = mapped_column(Integer)
    rating: Mapped[str | None] = mapped_column(String)
    story: Mapped[dict[str, Any]] = mapped_column(JSONType)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_stories_type", "type"),
        Index("ix_stories_status", "status"),
        Index("ix_stories_first_reported", "first_reported"),
    )


class StoryEventRow(Base):
    """Which story an event of a report belongs to (an event is in one story at most)."""

    __tablename__ = "story_events"

    article_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String, primary_key=True)
    story_id: Mapped[str] = mapped_column(
        String, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False
    )

    __table_args__ = (Index("ix_story_events_story_id", "story_id"),)


class StoryReportRow(Base):
    """A report of a story, with its part in the citation graph (origin, echo, ...)."""

    __tablename__ = "story_reports"

    story_id: Mapped[str] = mapped_column(
        String, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String)

    __table_args__ = (Index("ix_story_reports_article_id", "article_id"),)


class StoryActorRow(Base):
    """Actor and recipient codes of a story (ISO alpha-3, or an organisation id)."""

    __tablename__ = "story_actors"

    story_id: Mapped[str] = mapped_column(
        String, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String, primary_key=True)
    role: Mapped[str] = mapped_column(String, primary_key=True)  # actor | recipient

    __table_args__ = (Index("ix_story_actors_code_role", "code", "role"),)


class StoryKeyRow(Base):
    """Blocking keys of a story: a new report looks up the stories it may belong to."""

    __tablename__ = "story_keys"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    story_id: Mapped[str] = mapped_column(
        String, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )

    __table_args__ = (Index("ix_story_keys_story_id", "story_id"),)


class ResolvedArticleRow(Base):
    """Articles whose report has been merged into stories, as of which analysis."""

    __tablename__ = "resolved_articles"

    article_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    analysed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


#: Rows that hang off a story, deleted with it (children first).
STORY_CHILD_TABLES: tuple[Table, ...] = tuple(
    Base.metadata.tables[name]
    for name in ("story_keys", "story_actors", "story_reports", "story_events")
)
