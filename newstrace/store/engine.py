"""Database URLs and engines: which driver, which pool, which SQLite pragmas.

Any SQLAlchemy URL is accepted. Two rewrites make the common spellings work:
``postgresql://`` and ``postgres://`` use the psycopg 3 driver (``postgresql+psycopg://``), the
one newstrace installs. SQLite files run in WAL mode with foreign keys on and a busy timeout, so
that readers never block the writer and concurrent writers wait instead of failing; writing
transactions start with ``BEGIN IMMEDIATE`` (see :func:`write_options`), so that two writers
never deadlock upgrading a read lock. ``sqlite://`` is one in-memory database shared by every
connection of the engine (``StaticPool``).
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from newstrace.errors import StoreError

#: Seconds a SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT_S = 30.0

_POSTGRES_ALIASES = {"postgres", "postgresql", "postgresql+psycopg2", "postgres+psycopg"}
_SQLITE_BEGIN = "newstrace_sqlite_begin"


def parse_url(url: str | URL) -> URL:
    """``url`` as a SQLAlchemy :class:`URL`, with PostgreSQL pointed at psycopg 3.

    Raises :class:`StoreError` for a string that is not a database URL.
    """
    if isinstance(url, URL):
        parsed = url
    else:
        try:
            parsed = make_url(url.strip())
        except ArgumentError:
            raise StoreError(
                f"cannot open database {url!r}: not a database URL "
                "(expected e.g. sqlite:///newstrace.db or postgresql://user@host/db)"
            ) from None
    if parsed.drivername in _POSTGRES_ALIASES:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def safe_url(url: str | URL) -> str:
    """The URL as it may be shown to a user: password replaced by ``***``."""
    try:
        return parse_url(url).render_as_string(hide_password=True)
    except StoreError:
        return "<not a database URL>"


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def is_sqlite_memory(url: URL) -> bool:
    return is_sqlite(url) and url.database in (None, "", ":memory:")


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for ``url`` with newstrace's pool and pragma choices (does not connect)."""
    parsed = parse_url(url)
    options: dict[str, Any] = {"future": True}
    if is_sqlite(parsed):
        connect_args: dict[str, Any] = {"timeout": SQLITE_BUSY_TIMEOUT_S}
        if is_sqlite_memory(parsed):
            connect_args["check_same_thread"] = False
            options["poolclass"] = StaticPool
        options["connect_args"] = connect_args
    else:
        options["pool_pre_ping"] = True
        if "options" not in parsed.query:
            # psycopg prepares a statement run often; PostgreSQL would then switch to a generic
            # plan, blind to the values (a rare actor, the page size): plan each query afresh.
            options["connect_args"] = {"options": "-c plan_cache_mode=force_custom_plan"}
    options.update(kwargs)
    try:
        engine = create_engine(parsed, **options)
    except NoSuchModuleError:
        raise StoreError(
            f"cannot open database {safe_url(parsed)}: no driver for {parsed.drivername!r} "
            "(newstrace supports sqlite and postgresql)"
        ) from None
    except Exception as exc:  # unknown dialect, driver not installed, bad argument
        raise StoreError(f"cannot open database {safe_url(parsed)}: {first_line(exc)}") from exc
    if is_sqlite(parsed):
        _install_sqlite_hooks(engine, memory=is_sqlite_memory(parsed))
    return engine


def write_options() -> dict[str, Any]:
    """Execution options for a connection that will write: ``BEGIN IMMEDIATE`` on SQLite.

    A deferred SQLite transaction that reads and then writes fails at once with "database is
    locked" when another writer committed in between; an immediate one waits its turn.
    """
    return {_SQLITE_BEGIN: "BEGIN IMMEDIATE"}


def _install_sqlite_hooks(engine: Engine, *, memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN, rather than the sqlite3 module,
        # which would defer it and never use IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            if not memory:
                _set_wal(cursor)
                cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        statement = connection.get_execution_options().get(_SQLITE_BEGIN, "BEGIN")
        connection.exec_driver_sql(statement)


def _set_wal(cursor: Any) -> None:
    """Switch a SQLite file to WAL (persistent: once done, every later connection finds it so).

    The switch needs the database to itself and SQLite does not always wait for that (no busy
    handler), so when several connections open a new file at once, it is retried here.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def first_line(exc: BaseException) -> str:
    """The first meaningful line of a (driver) error, without SQLAlchemy's background links."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line
    return type(exc).__name__
