"""Stories in the store: save, replace, look up by blocking key, list with filters.

The whole story (``newstrace.story/1``) is kept as JSON on its row; ``story_events``,
``story_reports``, ``story_actors`` and ``story_keys`` copy out what is joined and filtered on.
:class:`StoryMethods` is mixed into :class:`~newstrace.store.repository.Store`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, insert, or_, select
from sqlalchemy.exc import SQLAlchemyError

from newstrace.errors import StoreError
from newstrace.store.engine import first_line, write_options
from newstrace.store.tables import (
    STORY_CHILD_TABLES,
    ArticleRow,
    ResolvedArticleRow,
    StoryActorRow,
    StoryEventRow,
    StoryKeyRow,
    StoryReportRow,
    StoryRow,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from newstrace.store.repository import _Reading

#: Values per ``IN (...)`` list (SQLite allows 32766 variables; stay far below).
CHUNK = 500

_SUMMARY_COLUMNS = (
    StoryRow.id,
    StoryRow.type,
    StoryRow.status,
    StoryRow.title,
    StoryRow.first_reported,
    StoryRow.last_reported,
    StoryRow.reports,
    StoryRow.independent_sources,
    StoryRow.rating,
)


class StoryMethods:
    engine: Engine

    def _reading(self) -> _Reading:  # pragma: no cover - provided by Store
        raise NotImplementedError

    # -- writing ---------------------------------------------------------------------------

    def save_story(self, story: Mapping[str, Any]) -> bool:
        """Store one story (``newstrace.story/1`` dict), replacing one with the same id.

        Returns ``False`` when the identical story is already stored.
        """
        stored = self.get_story(str(story["id"]), prefix=False)
        if stored == dict(story):
            return False
        self.replace_stories([story], removed=[])
        return True

    def replace_stories(
        self,
        stories: Sequence[Mapping[str, Any]],
        *,
        removed: Iterable[str] = (),
        resolved: Mapping[str, datetime] | None = None,
    ) -> None:
        """Write ``stories``, delete the ``removed`` ids, and mark ``resolved`` articles done.

        One transaction: a failure leaves the stories as they were.
        """
        now = datetime.now(UTC)
        gone = sorted(set(removed) | {str(s["id"]) for s in stories})
        try:
            with self.engine.connect().execution_options(**write_options()) as conn, conn.begin():
                for chunk in _chunks(gone):
                    for table in STORY_CHILD_TABLES:
                        conn.execute(delete(table).where(table.c.story_id.in_(chunk)))
                    conn.execute(delete(StoryRow).where(StoryRow.id.in_(chunk)))
                for story in stories:
                    _insert_story(conn, story, now)
                if resolved:
                    ids = sorted(resolved)
                    for chunk in _chunks(ids):
                        conn.execute(
                            delete(ResolvedArticleRow).where(
                                ResolvedArticleRow.article_id.in_(chunk)
                            )
                        )
                    conn.execute(
                        insert(ResolvedArticleRow),
                        [{"article_id": a, "analysed_at": resolved[a]} for a in ids],
                    )
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot save stories: {first_line(exc)}") from exc

    def clear_stories(self) -> None:
        """Delete every story and forget which articles were merged (for a full rebuild)."""
        try:
            with self.engine.connect().execution_options(**write_options()) as conn, conn.begin():
                for table in STORY_CHILD_TABLES:
                    conn.execute(delete(table))
                conn.execute(delete(StoryRow))
                conn.execute(delete(ResolvedArticleRow))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot delete stories: {first_line(exc)}") from exc

    # -- reading ---------------------------------------------------------------------------

    def get_story(self, story_id: str, *, prefix: bool = True) -> dict[str, Any] | None:
        """The story ``story_id`` (or the only one whose id starts with it), or ``None``."""
        with self._reading() as conn:
            row = conn.execute(select(StoryRow.story).where(StoryRow.id == story_id)).first()
            if row is None and prefix:
                rows = conn.execute(
                    select(StoryRow.story).where(StoryRow.id.startswith(story_id)).limit(2)
                ).all()
                row = rows[0] if len(rows) == 1 else None
        return dict(row.story) if row is not None else None

    def get_stories(self, story_ids: Iterable[str]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        with self._reading() as conn:
            for chunk in _chunks(sorted(set(story_ids))):
                rows = conn.execute(select(StoryRow.story).where(StoryRow.id.in_(chunk)))
                out.extend(dict(r.story) for r in rows)
        return sorted(out, key=lambda s: s["id"])

    def list_stories(
        self,
        *,
        actor: str | None = None,
        country: str | None = None,
        type: str | None = None,
        status: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Story summaries, newest first. ``actor`` matches an actor's code, ``country`` any
        actor's or recipient's; ``since``/``until`` bound the first report's date."""
        query = select(*_SUMMARY_COLUMNS)
        if actor:
            query = query.where(
                StoryRow.id.in_(
                    select(StoryActorRow.story_id).where(
                        StoryActorRow.code == actor, StoryActorRow.role == "actor"
                    )
                )
            )
        if country:
            query = query.where(
                StoryRow.id.in_(
                    select(StoryActorRow.story_id).where(StoryActorRow.code == country.upper())
                )
            )
        if type:
            query = query.where(StoryRow.type == type.upper())
        if status:
            query = query.where(StoryRow.status == status.lower())
        if since:
            query = query.where(
                or_(StoryRow.last_reported >= since, StoryRow.first_reported >= since)
            )
        if until:
            query = query.where(StoryRow.first_reported <= until)
        query = (
            query.order_by(
                StoryRow.first_reported.desc().nulls_last(), StoryRow.reports.desc(), StoryRow.id
            )
            .limit(limit)
            .offset(offset)
        )
        with self._reading() as conn:
            return [_summary(dict(row._mapping)) for row in conn.execute(query)]

    def count_stories(self) -> int:
        with self._reading() as conn:
            return int(conn.execute(select(func.count()).select_from(StoryRow)).scalar_one())

    def story_ids_for_keys(self, keys: Iterable[str]) -> set[str]:
        """Ids of the stories holding any of the blocking ``keys``."""
        out: set[str] = set()
        with self._reading() as conn:
            for chunk in _chunks(sorted(set(keys))):
                query = select(StoryKeyRow.story_id).where(StoryKeyRow.key.in_(chunk)).distinct()
                out.update(conn.execute(query).scalars())
        return out

    def story_ids_for_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Ids of the stories an event of any of these articles belongs to."""
        out: set[str] = set()
        with self._reading() as conn:
            for chunk in _chunks(sorted(set(article_ids))):
                query = (
                    select(StoryEventRow.story_id)
                    .where(StoryEventRow.article_id.in_(chunk))
                    .distinct()
                )
                out.update(conn.execute(query).scalars())
        return out

    def unresolved_articles(self) -> dict[str, datetime]:
        """Articles not yet merged into stories, or analysed again since: id -> analysed_at."""
        query = (
            select(ArticleRow.id, ArticleRow.analysed_at)
            .outerjoin(ResolvedArticleRow, ResolvedArticleRow.article_id == ArticleRow.id)
            .where(
                or_(
                    ResolvedArticleRow.article_id.is_(None),
                    ResolvedArticleRow.analysed_at != ArticleRow.analysed_at,
                )
            )
            .order_by(ArticleRow.id)
        )
        with self._reading() as conn:
            return {row.id: row.analysed_at for row in conn.execute(query)}

    def get_reports(self, article_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Reports of the given articles (missing ones left out)."""
        out: dict[str, dict[str, Any]] = {}
        with self._reading() as conn:
            for chunk in _chunks(sorted(set(article_ids))):
                query = select(ArticleRow.id, ArticleRow.report).where(ArticleRow.id.in_(chunk))
                out.update({row.id: row.report for row in conn.execute(query)})
        return out

    def get_texts(self, article_ids: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        with self._reading() as conn:
            for chunk in _chunks(sorted(set(article_ids))):
                query = select(ArticleRow.id, ArticleRow.text).where(ArticleRow.id.in_(chunk))
                out.update({row.id: row.text for row in conn.execute(query)})
        return out


def _insert_story(conn: Connection, story: Mapping[str, Any], now: datetime) -> None:
    sid = str(story["id"])
    spread = story.get("spread") or {}
    conn.execute(
        insert(StoryRow),
        {
            "id": sid,
            "type": story["type"],
            "status": story.get("status"),
            "title": story.get("title") or "",
            "first_reported": _date(spread.get("first")),
            "last_reported": _date(spread.get("last")),
            "reports": len(story.get("reports", [])),
            "independent_sources": int(story.get("independent_sources", 0)),
            "rating": (story.get("credibility") or {}).get("rating"),
            "story": dict(story),
            "updated_at": now,
        },
    )
    events = {(e["article"], e["event"]) for e in story.get("events", [])}
    if events:
        conn.execute(
            insert(StoryEventRow),
            [{"article_id": a, "event_id": e, "story_id": sid} for a, e in sorted(events)],
        )
    reports = story.get("reports", [])
    if reports:
        conn.execute(
            insert(StoryReportRow),
            [{"story_id": sid, "article_id": r["article"], "role": r["role"]} for r in reports],
        )
    fields = story.get("fields") or {}
    actors = {(v["value"], "actor") for v in fields.get("actors", [])}
    actors |= {(v["value"], "recipient") for v in fields.get("recipients", [])}
    if actors:
        conn.execute(
            insert(StoryActorRow),
            [{"story_id": sid, "code": c, "role": r} for c, r in sorted(actors)],
        )
    keys = sorted(set(story.get("keys", [])))
    if keys:
        conn.execute(insert(StoryKeyRow), [{"key": k, "story_id": sid} for k in keys])


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield list(values[start : start + CHUNK])


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    for key in ("first_reported", "last_reported"):
        if isinstance(row[key], date):
            row[key] = row[key].isoformat()
    return row
