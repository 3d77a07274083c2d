"""The words index of ``q``: ``text_terms`` (the articles holding a word, newest first) and
``text_words`` (the suffixes of every indexed word), filled from the articles and events
already stored (:mod:`newstrace.store.terms`). Data is kept. See docs/store.md.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

from newstrace.store import indexes
from newstrace.store.terms import suffixes, term_rows

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Articles read (with their events' summaries and dates) per step of the fill.
BATCH = 2000


def upgrade() -> None:
    conn = op.get_bind()
    op.create_table(
        "text_terms",
        sa.Column("term", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("newest", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_text_terms_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("term", "article_id", name="pk_text_terms"),
    )
    op.create_table(
        "text_words",
        sa.Column("suffix", sa.String(), nullable=False),
        sa.Column("term", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("suffix", "term", name="pk_text_words"),
    )
    _fill(conn)
    indexes.create_terms(conn)
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("ANALYZE text_terms"))
        conn.execute(sa.text("ANALYZE text_words"))


def _fill(conn: sa.Connection) -> None:
    """Rows for every stored article, a batch at a time, in article-id order."""
    seen: set[str] = set()
    after = ""
    while True:
        articles = conn.execute(
            sa.text("SELECT id, text FROM articles WHERE id > :after ORDER BY id LIMIT :n"),
            {"after": after, "n": BATCH},
        ).all()
        if not articles:
            return
        ids = [a.id for a in articles]
        events: dict[str, list[Any]] = {}
        for e in conn.execute(
            sa.text(
                "SELECT article_id, summary, when_start FROM events "
                "WHERE article_id >= :first AND article_id <= :last"
            ),
            {"first": ids[0], "last": ids[-1]},
        ):
            events.setdefault(e.article_id, []).append(e)
        terms: list[dict[str, Any]] = []
        for article in articles:
            mine = events.get(article.id, [])
            dated = [_day(e.when_start) for e in mine if e.when_start is not None]
            terms += term_rows(
                article.id, article.text, (e.summary for e in mine), max(dated) if dated else None
            )
        new = {t["term"] for t in terms} - seen
        seen |= new
        words = sorted({(s, t) for t in new for s in suffixes(t)})
        _write(conn, "text_terms", ("term", "article_id", "newest"), terms)
        _write(conn, "text_words", ("suffix", "term"), [{"suffix": s, "term": t} for s, t in words])
        after = ids[-1]


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _write(conn: sa.Connection, table: str, columns: tuple[str, ...], rows: list[dict]) -> None:
    if not rows:
        return
    if conn.dialect.name == "postgresql":  # COPY: millions of rows at a million events
        raw: Any = conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
            for row in rows:
                cp.write_row([row[c] for c in columns])
        return
    names = ", ".join(columns)
    marks = ", ".join(f":{c}" for c in columns)
    conn.execute(sa.text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), rows)


def downgrade() -> None:
    op.drop_table("text_words")
    op.drop_table("text_terms")
