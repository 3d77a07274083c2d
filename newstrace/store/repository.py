"""The store: save reports, read them back. One transaction per save.

>>> store = open_store("sqlite://")
>>> store.count()
{'articles': 0, 'events': 0, 'entities': 0}
>>> store.close()
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from newstrace.errors import StoreError
from newstrace.store.engine import first_line, make_engine, safe_url, write_options
from newstrace.store.migrate import upgrade
from newstrace.store.rows import ReportRows, canonical, report_rows
from newstrace.store.stories import StoryMethods
from newstrace.store.tables import (
    CHILD_TABLES,
    ArticleRow,
    EntityRow,
    EventCountryRow,
    EventEntityRow,
    EventRow,
    ItemRow,
    TextTermRow,
    TextWordRow,
)

log = logging.getLogger(__name__)

#: Reports read per query by :meth:`Store.iter_reports`.
PAGE_SIZE = 200

_ARTICLE_COLUMNS = (
    ArticleRow.id,
    ArticleRow.url,
    ArticleRow.outlet_id,
    ArticleRow.outlet_name,
    ArticleRow.title,
    ArticleRow.published,
    ArticleRow.published_basis,
    ArticleRow.language,
    ArticleRow.chars,
    ArticleRow.source,
    ArticleRow.bytes_sha256,
    ArticleRow.analysed_at,
)


def open_store(url: str | URL) -> Store:
    """Open (and create or migrate to the newest schema) the store at ``url``.

    ``url`` is any SQLAlchemy URL: ``sqlite:///newstrace.db``, ``sqlite://`` (memory),
    ``postgresql://user@host/db``. Raises :class:`StoreError` with a one-line message when the
    database cannot be reached or migrated.
    """
    engine = make_engine(url)
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


class Store(StoryMethods):
    """Reports and article texts in a SQL database (see docs/store.md).

    Safe to share between threads; every method opens and returns its own connection.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return safe_url(self.engine.url)

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- writing ---------------------------------------------------------------------------

    def save(
        self,
        report: dict[str, Any],
        *,
        text: str,
        source: str | None = None,
        bytes_sha256: str | None = None,
    ) -> bool:
        """Store ``report`` (a ``newstrace.report/1`` dict) and the ``text`` it was made from.

        Returns ``False`` when the same article is already stored with an identical report
        (nothing is written), ``True`` otherwise: a new article, or one whose report changed
        (after a rules change, say), whose rows are then replaced. All in one transaction: a
        failure leaves the store as it was.
        """
        report = canonical(report)
        rows = report_rows(
            report,
            text=text,
            source=source,
            bytes_sha256=bytes_sha256,
            analysed_at=datetime.now(UTC),
        )
        article_id = rows.article["id"]
        try:
            return self._save(rows)
        except IntegrityError:
            # Another writer may have stored the same article between our read and our
            # insert; what it stored decides. A report that breaks a key fails again here.
            log.debug("retrying save of %s after an integrity error", article_id)
            try:
                return self._save(rows)
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot save article {article_id}: {first_line(exc)}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot save article {article_id}: {first_line(exc)}") from exc

    def _save(self, rows: ReportRows) -> bool:
        article_id = rows.article["id"]
        with self.engine.connect().execution_options(**write_options()) as conn, conn.begin():
            # FOR UPDATE: on PostgreSQL, a second writer of this article waits here for the
            # first to commit (SQLite's BEGIN IMMEDIATE already serialises writers).
            stored = conn.execute(
                select(ArticleRow.report).where(ArticleRow.id == article_id).with_for_update()
            ).first()
            if stored is not None and stored.report == rows.article["report"]:
                return False
            if stored is None:
                conn.execute(insert(ArticleRow), rows.article)
            else:
                log.info("replacing the stored report of article %s", article_id)
                for table in CHILD_TABLES:
                    conn.execute(delete(table).where(table.c.article_id == article_id))
                values = {k: v for k, v in rows.article.items() if k != "id"}
                conn.execute(update(ArticleRow).where(ArticleRow.id == article_id), values)
            _insert(conn, EntityRow, rows.entities)
            _insert(conn, EventRow, rows.events)
            _insert(conn, EventEntityRow, rows.event_entities)
            _insert(conn, EventCountryRow, rows.event_countries)
            _insert(conn, ItemRow, rows.items)
            _insert(conn, TextTermRow, rows.text_terms)
            insert_words(conn, rows.text_words)
        return True

    # -- reading ---------------------------------------------------------------------------

    def get_report(self, article_id: str) -> dict[str, Any] | None:
        """The stored report of ``article_id``, or ``None``."""
        report: dict[str, Any] | None = self._scalar(
            select(ArticleRow.report).where(ArticleRow.id == article_id)
        )
        return report

    def get_text(self, article_id: str) -> str | None:
        """The text ``article_id`` was analysed from (evidence offsets point into it)."""
        text: str | None = self._scalar(select(ArticleRow.text).where(ArticleRow.id == article_id))
        return text

    def list_articles(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Article metadata (no text, no report), newest publication first, undated last."""
        query = (
            select(*_ARTICLE_COLUMNS)
            .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id)
            .limit(limit)
            .offset(offset)
        )
        with self._reading() as conn:
            return [_metadata(dict(row._mapping)) for row in conn.execute(query)]

    def count(self) -> dict[str, int]:
        """How many articles, events and entities (entity rows, one per article) are stored."""
        with self._reading() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (
                    ("articles", ArticleRow.__table__),
                    ("events", EventRow.__table__),
                    ("entities", EntityRow.__table__),
                )
            }

    def iter_reports(self) -> Iterator[dict[str, Any]]:
        """Every stored report, in article id order, read a page at a time (no long reads)."""
        after = ""
        while True:
            query = (
                select(ArticleRow.id, ArticleRow.report)
                .where(ArticleRow.id > after)
                .order_by(ArticleRow.id)
                .limit(PAGE_SIZE)
            )
            with self._reading() as conn:
                page = conn.execute(query).all()
            for row in page:
                yield row.report
            if len(page) < PAGE_SIZE:
                return
            after = page[-1].id

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        """Close every pooled connection (an in-memory database is gone after this)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- helpers ---------------------------------------------------------------------------

    def _reading(self) -> _Reading:
        return _Reading(self)

    def _scalar(self, query: Any) -> Any:
        with self._reading() as conn:
            return conn.execute(query).scalar_one_or_none()


class _Reading:
    """A connection for reading; driver errors become :class:`StoreError`."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn: Connection | None = None

    def __enter__(self) -> Connection:
        try:
            self._conn = self._store.engine.connect()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read database {self._store.url}: {first_line(exc)}") from exc
        return self._conn

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._conn is not None
        self._conn.close()
        if isinstance(exc, SQLAlchemyError):
            raise StoreError(f"cannot read database {self._store.url}: {first_line(exc)}") from exc


def _insert(conn: Connection, table: type[Any], rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), rows)


def insert_words(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Add ``text_words`` rows, leaving those already there (another article's words)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(TextWordRow).on_conflict_do_nothing(), rows)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        conn.execute(sqlite_insert(TextWordRow).on_conflict_do_nothing(), rows)


def _metadata(row: dict[str, Any]) -> dict[str, Any]:
    for key in ("published", "analysed_at"):
        value = row[key]
        if isinstance(value, date):
            row[key] = value.isoformat()
    return row
