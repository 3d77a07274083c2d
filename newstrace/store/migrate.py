"""Alembic, run from code: the migration scripts ship inside the package.

:func:`upgrade` brings a database to the newest revision the installed newstrace knows. It is
idempotent and safe to run from several processes at once: the migration runs in one
transaction that first takes a lock (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on
PostgreSQL), so a second process waits, then finds the database already at head.

Developers write a new revision with the Alembic command line and the ``alembic.ini`` next to
this module (see docs/store.md)::

    NEWSTRACE_DB=sqlite:///dev.db alembic -c newstrace/store/alembic.ini revision \\
        --autogenerate -m "what changed"
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from newstrace.errors import StoreError
from newstrace.store.engine import first_line, safe_url, write_options

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Key of the PostgreSQL advisory lock held while migrating ("newstrace" in ASCII, truncated).
_PG_LOCK_KEY = 0x6E657773747261


def alembic_config() -> Config:
    """An Alembic configuration built in code (no ``alembic.ini`` needed at run time)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest revision shipped with this version of newstrace."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read database {safe_url(engine.url)}: {first_line(exc)}") from exc


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind ``engine`` to ``revision``, in one locked transaction."""
    config = alembic_config()
    try:
        connection = engine.connect().execution_options(**write_options())
        with connection, connection.begin():
            if engine.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY}
                )
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except CommandError as exc:
        raise StoreError(
            f"cannot migrate database {safe_url(engine.url)}: {first_line(exc)} "
            "(was it written by a newer newstrace?)"
        ) from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open database {safe_url(engine.url)}: {first_line(exc)}") from exc
