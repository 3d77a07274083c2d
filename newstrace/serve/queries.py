"""The API's read queries over the store's tables (events, entities, stories), in SQL.

The whole report stays on the article row; the filters here run on the columns the store
copies out (``events``, ``event_entities``, ``entities``), each with its index (docs/store.md).
Pages are fetched one row longer than asked, so the caller knows whether there is a next one
without counting.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    exists,
    func,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import aliased

from newstrace.errors import StoreError
from newstrace.store import Store
from newstrace.store.engine import first_line
from newstrace.store.indexes import has_text_index
from newstrace.store.tables import (
    EVENT_ROLES,
    ArticleRow,
    EntityRow,
    EventCountryRow,
    EventEntityRow,
    EventRow,
    StoryEventRow,
    StoryRow,
    TextTermRow,
    TextWordRow,
)
from newstrace.store.terms import TOP, query_word

#: Stories read per query by :func:`iter_stories`.
STORY_PAGE = 100

#: Up to this many articles found through the text index for ``q``, the query reads only those
#: articles' events; beyond it, the newest-first walk finds a page sooner.
TEXT_BOUND = 1000

#: Whether ``q`` goes through the words index (``text_terms``, migration 0005) first; tests
#: turn it off to compare with the text-index and walked answers.
WORDS = True

#: A word of ``q`` held in more words than this (``ing``) is not looked up in the words index.
MAX_TERMS = 16

#: Articles read from the words index in the first step (doubled at each next one), and the most
#: events of one step's articles taken (all of them, in practice).
WORDS_CHUNK = 32
EVENTS_PER_CHUNK = 1_000_000

_TEXT_INDEX: WeakKeyDictionary[Engine, bool] = WeakKeyDictionary()

#: The report's key for the entities of each role of :data:`EVENT_ROLES`.
_PLURAL = dict(zip(EVENT_ROLES, ("actors", "recipients", "intermediaries"), strict=True))


@dataclass(frozen=True, slots=True)
class EventFilter:
    """The filters of ``GET /api/events``; ``None`` filters nothing."""

    type: str | None = None
    mode: str | None = None
    actor: str | None = None
    entity: str | None = None
    country: str | None = None
    status: str | None = None
    factuality: str | None = None
    since: date | None = None
    until: date | None = None
    q: str | None = None


_EVENT_COLUMNS = (
    EventRow.article_id,
    EventRow.event_id,
    EventRow.type,
    EventRow.mode,
    EventRow.status,
    EventRow.factuality,
    EventRow.negated,
    EventRow.salience,
    EventRow.confidence,
    EventRow.when_start,
    EventRow.when_end,
    EventRow.when_precision,
    EventRow.summary,
    ArticleRow.title.label("article_title"),
    ArticleRow.outlet_name,
    ArticleRow.published,
)


@contextmanager
def reading(store: Store) -> Iterator[Connection]:
    """A connection for reading; driver errors become :class:`StoreError` (no password shown)."""
    try:
        with store.engine.connect() as conn:
            yield conn
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read database {store.url}: {first_line(exc)}") from exc


#: The driving tables of :func:`list_events`: an actor filter walks ``event_entities`` in its
#: (entity, role, newest) order, an entity filter in its (entity, newest) order, a country filter
#: ``event_countries`` in its (country, newest) order; with none of them, ``events`` is walked in
#: the order of the most selective other filter's index (the database chooses).
_ACTOR = aliased(EventEntityRow, name="driver_actor")
_ENTITY = aliased(EventEntityRow, name="driver_entity")
_COUNTRY = aliased(EventCountryRow, name="driver_country")

Driver = Any  # EventRow or one of the aliases above: each has article_id, event_id, when_start


def _driver(f: EventFilter) -> tuple[Driver, list[ColumnElement[bool]]]:
    """The table whose newest-first index the query walks, and the filter it applies."""
    if f.actor:
        return _ACTOR, [_ACTOR.entity_id == f.actor, _ACTOR.role == "actor"]
    if f.entity:
        return _ENTITY, [_ENTITY.entity_id == f.entity]
    if f.country:
        return _COUNTRY, [_COUNTRY.country == f.country]
    return EventRow, []


def _linked(d: Driver, link: Any, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """A row of ``link`` for the event of ``d`` meets ``conditions``."""
    return exists().where(link.article_id == d.article_id, link.event_id == d.event_id, *conditions)


def _event_conditions(f: EventFilter, d: Driver) -> tuple[list[ColumnElement[bool]], bool]:
    """The conditions of ``f`` not applied by the driver ``d``, and whether they need the
    ``events`` row (``articles`` too for ``q``)."""
    on_event: list[ColumnElement[bool]] = []
    for column, value in (
        (EventRow.type, f.type),
        (EventRow.mode, f.mode),
        (EventRow.status, f.status),
        (EventRow.factuality, f.factuality),
    ):
        if value:
            on_event.append(column == value)
    if f.since:  # the event's time overlaps [since, until]
        on_event.append(func.coalesce(EventRow.when_end, EventRow.when_start) >= f.since)
    if f.q:
        on_event.append(
            or_(
                EventRow.summary.icontains(f.q, autoescape=True),
                ArticleRow.text.icontains(f.q, autoescape=True),
            )
        )
    on_driver: list[ColumnElement[bool]] = []
    if f.until:
        on_driver.append(d.when_start <= f.until)
    if f.actor and d is not _ACTOR:
        on_driver.append(
            _linked(
                d,
                EventEntityRow,
                EventEntityRow.entity_id == f.actor,
                EventEntityRow.role == "actor",
            )
        )
    if f.entity and d is not _ENTITY:
        on_driver.append(_linked(d, EventEntityRow, EventEntityRow.entity_id == f.entity))
    if f.country and d is not _COUNTRY:
        on_driver.append(_linked(d, EventCountryRow, EventCountryRow.country == f.country))
    return on_driver + on_event, bool(on_event)


def event_keys(
    f: EventFilter, *, limit: int, offset: int, articles: list[str] | None = None
) -> Any:
    """The keys (``article_id``, ``event_id``, ``when_start``) of one page of events matching
    ``f``, newest first: a walk of the driver's index that stops after ``offset + limit`` rows
    (``articles``, when given, is a superset of the articles that can match)."""
    d, where = _driver(f)
    more, needs_event = _event_conditions(f, d)
    keys = select(d.article_id, d.event_id, d.when_start).where(*where, *more)
    if needs_event and d is not EventRow:
        keys = keys.join(
            EventRow, and_(EventRow.article_id == d.article_id, EventRow.event_id == d.event_id)
        )
    if f.q:
        keys = keys.join(ArticleRow, ArticleRow.id == d.article_id)
    if articles is not None:
        keys = keys.where(d.article_id.in_(articles))
        if f.q:  # said of the joined articles too: PostgreSQL does not carry an IN list over =
            keys = keys.where(ArticleRow.id.in_(articles))
    if d is _ENTITY:  # an entity may take part in one event in several roles
        keys = keys.distinct()
    return (
        keys.order_by(d.when_start.desc().nulls_last(), d.article_id, d.event_id)
        .limit(limit)
        .offset(offset)
    )


#: The participants of the page's events, read with them (one row per participant).
_PART = aliased(EventEntityRow, name="part")


def list_events(store: Store, f: EventFilter, *, limit: int, offset: int) -> list[dict[str, Any]]:
    """Events matching ``f``, newest first (undated last), ``limit + 1`` at most.

    One statement: the page's keys are found first (:func:`event_keys`, from indexes alone where
    the filters allow), then only those events are read, with their article's title and their
    participants (one round trip: under load, each one waits its turn for the CPU).
    """
    with reading(store) as conn:
        keys = _page_keys(conn, store.engine, f, limit=limit + 1, offset=offset).subquery("page")
        query = (
            select(*_EVENT_COLUMNS, _PART.entity_id.label("part_id"), _PART.role.label("part_role"))
            .select_from(keys)
            .join(
                EventRow,
                and_(
                    EventRow.article_id == keys.c.article_id, EventRow.event_id == keys.c.event_id
                ),
            )
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .outerjoin(
                _PART,
                and_(_PART.article_id == keys.c.article_id, _PART.event_id == keys.c.event_id),
            )
            .order_by(
                EventRow.when_start.desc().nulls_last(),
                EventRow.article_id,
                EventRow.event_id,
                _PART.entity_id,
            )
        )
        rows: list[dict[str, Any]] = []
        for found_row in conn.execute(query):
            row = found_row._mapping
            if not rows or (rows[-1]["article_id"], rows[-1]["event_id"]) != (
                row["article_id"],
                row["event_id"],
            ):
                rows.append({c.key: row[c.key] for c in _EVENT_COLUMNS})
                rows[-1].update({key: [] for key in _PLURAL.values()})
            if row["part_role"] in _PLURAL:
                rows[-1][_PLURAL[row["part_role"]]].append(row["part_id"])
    return rows


def _page_keys(conn: Connection, engine: Engine, f: EventFilter, *, limit: int, offset: int) -> Any:
    """The query of one page's keys: :func:`event_keys`; for ``q``, over the articles the words
    index finds (:func:`_by_words`), else those of the text index (:func:`_text_candidates`),
    else the plain newest-first walk."""
    if not f.q:
        return event_keys(f, limit=limit, offset=offset)
    if WORDS:
        page = _by_words(conn, f, limit=limit, offset=offset)
        if page is not None:
            if not page:
                return event_keys(f, limit=limit, offset=offset, articles=[])
            return select(EventRow.article_id, EventRow.event_id, EventRow.when_start).where(
                EventRow.article_id.in_(sorted({a for a, _, _ in page})),
                tuple_(EventRow.article_id, EventRow.event_id).in_([(a, e) for a, e, _ in page]),
            )
    found = _text_candidates(conn, engine, f.q)
    return event_keys(f, limit=limit, offset=offset, articles=found)


def _by_words(conn: Connection, f: EventFilter, *, limit: int, offset: int) -> list[Any] | None:
    """The keys of the page of events matching ``f`` (``q`` set), found through the words index
    (``text_terms``, docs/store.md); ``None`` when ``q`` has no word to look up or its word is
    part of more than :data:`MAX_TERMS` words.

    The articles holding a word that holds ``q``'s longest word are read newest first (by their
    newest event) in growing chunks; the events of each chunk that meet every filter, ``q``
    itself included, are collected. An article read later has no event newer than the last one
    read, so once ``offset + limit`` collected events are newer than that, the page is known.
    """
    assert f.q
    word = query_word(f.q)
    if word is None:
        return None
    terms = list(
        conn.execute(
            select(TextWordRow.term)
            .where(TextWordRow.suffix >= word, TextWordRow.suffix < word + TOP)
            .distinct()
            .limit(MAX_TERMS + 1)
        ).scalars()
    )
    if len(terms) > MAX_TERMS:
        return None
    need = offset + limit
    found: list[Any] = []
    seen: set[str] = set()
    read = dict.fromkeys(terms, 0)  # postings read per word (each walks its own index)
    last: dict[str, Any] = {}
    size = WORDS_CHUNK
    while read:
        chunk: set[str] = set()
        for term in list(read):
            postings = conn.execute(
                select(TextTermRow.article_id, TextTermRow.newest)
                .where(TextTermRow.term == term)
                .order_by(TextTermRow.newest.desc().nulls_last(), TextTermRow.article_id)
                .limit(size)
                .offset(read[term])
            ).all()
            chunk.update(p.article_id for p in postings)
            if len(postings) < size:
                del read[term]  # every article holding this word has been read
                last.pop(term, None)
            else:
                read[term] += size
                last[term] = postings[-1].newest
        ids = sorted(chunk - seen)
        seen.update(ids)
        if ids:
            found += conn.execute(event_keys(f, limit=EVENTS_PER_CHUNK, offset=0, articles=ids))
            found.sort(key=_newest_first)
        # An article not read yet has no event newer than the newest of the words' last
        # reads, or only undated events (a word whose last read is undated): dated events
        # newer than that are all found already, and come before every unread one.
        dated = [d for d in last.values() if d is not None]
        newer = [k for k in found if k[2] is not None and (not dated or k[2] > max(dated))]
        if read and len(newer) >= need:
            break
        size *= 2
    return [tuple(k) for k in found[offset:need]]


def _newest_first(key: Any) -> tuple[Any, ...]:
    """The API's order of event keys (``article_id``, ``event_id``, ``when_start``)."""
    undated = key[2] is None
    return (undated, -(key[2].toordinal()) if not undated else 0, key[0], key[1])


def _text_candidates(conn: Connection, engine: Engine, q: str) -> list[str] | None:
    """Ids of the articles whose text or an event summary may hold ``q``, from the text index
    (docs/store.md); ``None`` when it cannot narrow the search: no index, ``q`` under three
    characters (trigrams), or more than :data:`TEXT_BOUND` articles."""
    if len(q) < 3:
        return None
    if engine not in _TEXT_INDEX:
        _TEXT_INDEX[engine] = has_text_index(conn)
    if not _TEXT_INDEX[engine]:
        return None
    if conn.dialect.name == "sqlite":
        phrase = '"' + q.replace('"', '""') + '"'
        queries = [
            "SELECT id FROM articles WHERE rowid IN (SELECT rowid FROM articles_fts "
            "WHERE articles_fts MATCH :q LIMIT :n)",
            "SELECT DISTINCT article_id FROM events WHERE rowid IN (SELECT rowid FROM events_fts "
            "WHERE events_fts MATCH :q LIMIT :n)",
        ]
        param = phrase
    else:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        queries = [
            "SELECT id FROM articles WHERE text ILIKE :q LIMIT :n",
            "SELECT DISTINCT article_id FROM (SELECT article_id FROM events "
            "WHERE summary ILIKE :q LIMIT :n) AS found",
        ]
        param = f"%{escaped}%"
    ids: set[str] = set()
    for sql in queries:
        found = list(conn.execute(text(sql), {"q": param, "n": TEXT_BOUND + 1}).scalars())
        if len(found) > TEXT_BOUND:
            return None
        ids.update(found)
    return sorted(ids)


def get_event(store: Store, article_id: str, event_id: str) -> dict[str, Any] | None:
    """The event's row (as :func:`list_events` gives it) and its story id, or ``None``."""
    query = (
        select(*_EVENT_COLUMNS, StoryEventRow.story_id)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .outerjoin(
            StoryEventRow,
            and_(
                StoryEventRow.article_id == EventRow.article_id,
                StoryEventRow.event_id == EventRow.event_id,
            ),
        )
        .where(EventRow.article_id == article_id, EventRow.event_id == event_id)
    )
    with reading(store) as conn:
        row = conn.execute(query).first()
        if row is None:
            return None
        rows = [dict(row._mapping)]
        _add_participants(conn, rows)
    return rows[0]


def events_of_entity(store: Store, entity_id: str, *, limit: int) -> list[dict[str, Any]]:
    """The newest events ``entity_id`` takes part in, each with its ``role``."""
    query = (
        select(*_EVENT_COLUMNS, EventEntityRow.role)
        .join(
            EventRow,
            and_(
                EventRow.article_id == EventEntityRow.article_id,
                EventRow.event_id == EventEntityRow.event_id,
            ),
        )
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(EventEntityRow.entity_id == entity_id)
        .order_by(  # the order of ix_event_entities_newest (its copy of when_start)
            EventEntityRow.when_start.desc().nulls_last(),
            EventEntityRow.article_id,
            EventEntityRow.event_id,
            EventEntityRow.role,
        )
        .limit(limit)
    )
    with reading(store) as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
        _add_participants(conn, rows)
    return rows


def _add_participants(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Fill ``actors``, ``recipients`` and ``intermediaries`` of each event row (one query)."""
    for row in rows:
        for key in _PLURAL.values():
            row[key] = []
    if not rows:
        return
    keys = {(r["article_id"], r["event_id"]) for r in rows}
    by_key = {(r["article_id"], r["event_id"]): r for r in rows}
    articles = sorted({a for a, _ in keys})
    query = (
        select(
            EventEntityRow.article_id,
            EventEntityRow.event_id,
            EventEntityRow.entity_id,
            EventEntityRow.role,
        )
        .where(
            EventEntityRow.article_id.in_(articles),
            EventEntityRow.event_id.in_(sorted({e for _, e in keys})),
        )
        .order_by(EventEntityRow.entity_id)
    )
    for part in conn.execute(query):
        owner = by_key.get((part.article_id, part.event_id))
        if owner is not None and part.role in _PLURAL:
            owner[_PLURAL[part.role]].append(part.entity_id)


# -- articles ----------------------------------------------------------------------------------

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


def article_summary(store: Store, article_id: str) -> dict[str, Any] | None:
    """The metadata of one article, as :meth:`Store.list_articles` gives it, or ``None``."""
    with reading(store) as conn:
        row = conn.execute(select(*_ARTICLE_COLUMNS).where(ArticleRow.id == article_id)).first()
    if row is None:
        return None
    out = dict(row._mapping)
    for key in ("published", "analysed_at"):
        if isinstance(out[key], date):
            out[key] = out[key].isoformat()
    return out


# -- entities ----------------------------------------------------------------------------------


def list_entities(
    store: Store,
    *,
    kind: str | None,
    q: str | None,
    country: str | None,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    """Distinct entities (one row per id, over every article), most often named first."""
    articles = func.count(EntityRow.article_id).label("articles")
    query = select(
        EntityRow.entity_id.label("id"),
        func.min(EntityRow.kind).label("kind"),
        func.min(EntityRow.name).label("name"),
        func.min(EntityRow.country).label("country"),
        func.min(EntityRow.wikidata).label("wikidata"),
        articles,
    )
    if kind:
        query = query.where(EntityRow.kind == kind)
    if country:
        query = query.where(EntityRow.country == country)
    if q:
        query = query.where(
            or_(
                EntityRow.name.icontains(q, autoescape=True),
                EntityRow.entity_id.icontains(q, autoescape=True),
            )
        )
    query = (
        query.group_by(EntityRow.entity_id)
        .order_by(articles.desc(), EntityRow.entity_id)
        .limit(limit + 1)
        .offset(offset)
    )
    with reading(store) as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def entity_articles(store: Store, entity_id: str, *, limit: int) -> list[dict[str, Any]]:
    """The articles naming ``entity_id``, newest first, with the name each gives it."""
    query = (
        select(
            ArticleRow.id,
            ArticleRow.title,
            ArticleRow.outlet_name,
            ArticleRow.published,
            EntityRow.name,
        )
        .join(EntityRow, EntityRow.article_id == ArticleRow.id)
        .where(EntityRow.entity_id == entity_id)
        .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id)
        .limit(limit)
    )
    with reading(store) as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def entity_names(store: Store, entity_id: str) -> list[str]:
    query = (
        select(EntityRow.name)
        .where(EntityRow.entity_id == entity_id)
        .distinct()
        .order_by(EntityRow.name)
    )
    with reading(store) as conn:
        return list(conn.execute(query).scalars())


# -- stories -----------------------------------------------------------------------------------


def iter_stories(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored story, in id order, a page at a time (no long reads)."""
    after = ""
    while True:
        query = (
            select(StoryRow.id, StoryRow.story)
            .where(StoryRow.id > after)
            .order_by(StoryRow.id)
            .limit(STORY_PAGE)
        )
        with reading(store) as conn:
            page: Sequence[Any] = conn.execute(query).all()
        for row in page:
            yield dict(row.story)
        if len(page) < STORY_PAGE:
            return
        after = page[-1].id
