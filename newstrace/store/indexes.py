"""Query indexes that need each dialect's own DDL: newest-first orderings and text search.

The API lists events newest first (``when_start DESC NULLS LAST, article_id, event_id``) with
filters, and stories newest first. An index in that order lets the database walk it and stop
after one page instead of sorting every match; PostgreSQL needs ``DESC NULLS LAST`` spelled in
the index, which SQLite refuses in ``CREATE INDEX`` (its ``DESC`` already puts NULLs last), so
these indexes are written here as SQL per dialect rather than as table-model ``Index`` objects.

Text search (``q``) is a substring search. On PostgreSQL, ``pg_trgm`` GIN indexes on
``articles.text`` and ``events.summary`` serve ``ILIKE '%...%'``; when the extension cannot be
created (a user without the right), the indexes are left out and ``q`` still works, by scanning.
On SQLite, two FTS5 tables with the ``trigram`` tokenizer (``articles_fts``, ``events_fts``,
external content, kept in step by triggers) find the candidate rows.

Migration ``0003`` calls :func:`create` (and :func:`drop` on downgrade), ``0004``
:func:`create_links` (and :func:`drop_links`), ``0005`` :func:`create_terms`; the Alembic comparison with the table models
skips these objects (:func:`is_dialect_object`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

#: Events newest first, then by key: the API's order for ``GET /api/events``.
NEWEST = "when_start DESC{nulls}, article_id, event_id"

#: (name, table, columns) of the ordered indexes; ``{nulls}`` is `` NULLS LAST`` on PostgreSQL.
ORDERED: tuple[tuple[str, str, str], ...] = (
    ("ix_events_newest", "events", NEWEST),
    ("ix_events_type_newest", "events", "type, " + NEWEST),
    ("ix_events_mode_newest", "events", "mode, " + NEWEST),
    ("ix_events_status_newest", "events", "status, " + NEWEST),
    ("ix_events_factuality_newest", "events", "factuality, " + NEWEST),
    ("ix_events_time_end", "events", "coalesce(when_end, when_start)"),
    ("ix_stories_newest", "stories", "first_reported DESC{nulls}, reports DESC, id"),
)

#: Migration 0004: the same order over the copies of ``when_start`` in the link tables, so that
#: an actor, entity or country filter walks its own index newest first and stops after a page.
LINK_NEWEST = "when_start DESC{nulls}, article_id, event_id"
ORDERED_LINKS: tuple[tuple[str, str, str], ...] = (
    ("ix_event_entities_role_newest", "event_entities", "entity_id, role, " + LINK_NEWEST),
    ("ix_event_entities_newest", "event_entities", "entity_id, " + LINK_NEWEST),
    ("ix_event_countries_newest", "event_countries", "country, " + LINK_NEWEST),
)

#: Migration 0005: the articles holding a word, newest first (``newstrace.store.terms``).
ORDERED_TERMS: tuple[tuple[str, str, str], ...] = (
    ("ix_text_terms_newest", "text_terms", "term, newest DESC{nulls}, article_id"),
)

#: pg_trgm GIN indexes: (name, table, column).
TRIGRAM: tuple[tuple[str, str, str], ...] = (
    ("ix_articles_text_trgm", "articles", "text"),
    ("ix_events_summary_trgm", "events", "summary"),
)

#: SQLite FTS5 tables over a text column: (fts table, content table, column).
FTS: tuple[tuple[str, str, str], ...] = (
    ("articles_fts", "articles", "text"),
    ("events_fts", "events", "summary"),
)

_FTS_SHADOWS = ("_data", "_idx", "_docsize", "_config", "_content")


def is_dialect_object(name: str | None) -> bool:
    """Whether ``name`` is one of the objects made here (or an FTS5 shadow table)."""
    if name is None:
        return False
    names = {n for n, _, _ in (*ORDERED, *ORDERED_LINKS, *ORDERED_TERMS, *TRIGRAM)}
    fts = {f for f, _, _ in FTS}
    return name in names or name in fts or any(name == f + s for f in fts for s in _FTS_SHADOWS)


def create(conn: Connection) -> list[str]:
    """Create every index for ``conn``'s dialect; returns the names of those left out (why)."""
    dialect = conn.dialect.name
    _create_ordered(conn, ORDERED)
    if dialect == "postgresql":
        return _create_trigram(conn)
    if dialect == "sqlite":
        return _create_fts(conn)
    return [f for f, _, _ in FTS]


def create_links(conn: Connection) -> None:
    """Create the newest-first indexes of the link tables (:data:`ORDERED_LINKS`, 0004)."""
    _create_ordered(conn, ORDERED_LINKS)


def create_terms(conn: Connection) -> None:
    """Create the newest-first index of ``text_terms`` (:data:`ORDERED_TERMS`, 0005)."""
    _create_ordered(conn, ORDERED_TERMS)


def drop_links(conn: Connection) -> None:
    """Drop what :func:`create_links` made (those that exist)."""
    for name, _, _ in ORDERED_LINKS:
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))


def _create_ordered(conn: Connection, ordered: Iterable[tuple[str, str, str]]) -> None:
    nulls = " NULLS LAST" if conn.dialect.name == "postgresql" else ""
    for name, table, columns in ordered:
        conn.execute(text(f"CREATE INDEX {name} ON {table} ({columns.format(nulls=nulls)})"))


def drop(conn: Connection) -> None:
    """Drop what :func:`create` made (those that exist)."""
    for name, _, _ in ORDERED:
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
    if conn.dialect.name == "postgresql":
        for name, _, _ in TRIGRAM:
            conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
    elif conn.dialect.name == "sqlite":
        for fts, _, _ in FTS:
            for event in ("insert", "delete", "update"):
                conn.execute(text(f"DROP TRIGGER IF EXISTS {fts}_{event}"))
            conn.execute(text(f"DROP TABLE IF EXISTS {fts}"))


def has_text_index(conn: Connection) -> bool:
    """Whether the text-search structures exist on this database."""
    if conn.dialect.name == "postgresql":
        query = "SELECT count(*) FROM pg_indexes WHERE indexname = :name"
        name = TRIGRAM[0][0]
    elif conn.dialect.name == "sqlite":
        query = "SELECT count(*) FROM sqlite_master WHERE name = :name"
        name = FTS[0][0]
    else:
        return False
    return bool(conn.execute(text(query), {"name": name}).scalar_one())


def _create_trigram(conn: Connection) -> list[str]:
    """pg_trgm indexes, if the extension is there or may be created (a savepoint otherwise).

    The extension goes to ``public`` when it can (a schema named in the URL's ``search_path``
    may be dropped with its extension), and its operator class is named with its schema, so
    the index works whatever the ``search_path``.
    """
    schema = _trgm_schema(conn)
    for clause in (" SCHEMA public", ""):
        if schema is not None:
            break
        try:
            with conn.begin_nested():
                conn.execute(text(f"CREATE EXTENSION IF NOT EXISTS pg_trgm{clause}"))
        except DBAPIError:
            continue
        schema = _trgm_schema(conn)
    if schema is None:
        return [f"{name} (pg_trgm cannot be created)" for name, _, _ in TRIGRAM]
    ops = f"{conn.dialect.identifier_preparer.quote(schema)}.gin_trgm_ops"
    for name, table, column in TRIGRAM:
        conn.execute(text(f"CREATE INDEX {name} ON {table} USING gin ({column} {ops})"))
    return []


def _trgm_schema(conn: Connection) -> str | None:
    query = (
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'pg_trgm'"
    )
    found = conn.execute(text(query)).scalar()
    return str(found) if found is not None else None


def _create_fts(conn: Connection) -> list[str]:
    """FTS5 trigram tables over ``articles.text`` and ``events.summary``, filled and kept in step."""
    try:
        with conn.begin_nested():
            conn.execute(
                text("CREATE VIRTUAL TABLE temp.fts_probe USING fts5(x, tokenize='trigram')")
            )
            conn.execute(text("DROP TABLE temp.fts_probe"))
    except DBAPIError:
        return [f"{fts} (no FTS5 trigram tokenizer in this SQLite)" for fts, _, _ in FTS]
    for fts, table, column in FTS:
        conn.execute(
            text(
                f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', "
                "content_rowid='rowid', tokenize='trigram')"
            )
        )
        conn.execute(
            text(f"INSERT INTO {fts} (rowid, {column}) SELECT rowid, {column} FROM {table}")
        )
        for sql in _fts_triggers(fts, table, column):
            conn.execute(text(sql))
    return []


def _fts_triggers(fts: str, table: str, column: str) -> Iterable[str]:
    new = f"INSERT INTO {fts} (rowid, {column}) VALUES (new.rowid, new.{column});"
    old = f"INSERT INTO {fts} ({fts}, rowid, {column}) VALUES ('delete', old.rowid, old.{column});"
    yield f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {new} END"
    yield f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {old} END"
    yield f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {column} ON {table} BEGIN {old} {new} END"
