"""Alembic environment for the newstrace store.

Run from code (:func:`newstrace.store.migrate.upgrade`), it is handed an open connection in
``config.attributes["connection"]`` and migrates inside that connection's transaction. Run from
the Alembic command line (``alembic -c newstrace/store/alembic.ini ...``) it opens the database
named by ``-x url=...``, else ``$NEWSTRACE_DB``, else ``sqlalchemy.url`` in the ini file.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy.engine import Connection

from newstrace.store.engine import make_engine, parse_url
from newstrace.store.indexes import is_dialect_object
from newstrace.store.tables import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE via copy on SQLite
        compare_type=True,
        include_name=include_name,
    )


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave the per-dialect query indexes and FTS tables out of model comparisons."""
    return not is_dialect_object(name)


def _url() -> str:
    url = (
        context.get_x_argument(as_dictionary=True).get("url")
        or os.environ.get("NEWSTRACE_DB")
        or config.get_main_option("sqlalchemy.url")
    )
    if not url:
        raise RuntimeError("no database: pass -x url=... or set NEWSTRACE_DB")
    return url


def run_offline() -> None:
    """Print the SQL instead of running it (``alembic upgrade head --sql``)."""
    context.configure(
        url=parse_url(_url()),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(_url())
    try:
        with engine.connect() as connection:
            _configure(connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
