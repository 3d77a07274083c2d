"""``q`` through the text index (pg_trgm / FTS5 trigram): same answers as the plain scan."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newstrace.serve import queries
from newstrace.store import open_store
from tests.serve.conftest import Stored, pages


def _expected(stored: Stored, word: str) -> set[tuple[str, str]]:
    return {
        (r["article"]["id"], e["id"])
        for r, e in stored.events()
        if word.lower() in stored.texts[r["article"]["id"]].lower()
        or word.lower() in (e.get("summary") or "").lower()
    }


def _got(client: TestClient, word: str) -> set[tuple[str, str]]:
    items = pages(client, f"/api/events?q={word}&limit=5")
    return {(e["article_id"], e["event_id"]) for e in items}


def test_the_index_narrows_to_a_superset_of_the_matching_articles(
    filled_url: str, stored: Stored
) -> None:
    with open_store(filled_url) as store, store.engine.connect() as conn:
        found = queries._text_candidates(conn, store.engine, "Rostec")
        assert found is not None  # the index is there and narrows
        assert {a for a, _ in _expected(stored, "Rostec")} <= set(found)
        assert set(found) < set(stored.reports)  # not every article
        assert queries._text_candidates(conn, store.engine, "ro") is None  # under a trigram
        assert queries._text_candidates(conn, store.engine, "zzqqxx-not-there") == []


WORDS = ["Rostec", "Putin", 'missile "units', "100%25", "su_30", "ostec", "AIRCRAFT", "Su-30MK2"]


@pytest.mark.parametrize("word", [*WORDS, "zzqqxx-not-there", "ing", "a-b-c"])
def test_words_index_text_index_and_walk_agree(
    client: TestClient, stored: Stored, monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    """The words index (0005), the text index (0003) and the plain walk find the same events,
    the ones the reports hold, in the same order, page by page."""
    plain = word.replace("%25", "%")

    def keys() -> list[tuple[str, str]]:
        items = pages(client, f"/api/events?q={word}&limit=5")
        return [(e["article_id"], e["event_id"]) for e in items]

    by_words = keys()
    monkeypatch.setattr(queries, "WORDS", False)
    by_text_index = keys()
    monkeypatch.setattr(queries, "TEXT_BOUND", 0)  # every search walks the newest-first order
    walked = keys()
    assert by_words == by_text_index == walked
    assert set(by_words) == _expected(stored, plain)


@pytest.mark.parametrize("word", ["Rostec", "Putin", "su_30", "ostec", "Su-30MK2"])
def test_the_words_index_finds_a_page_in_small_steps(
    filled_url: str, stored: Stored, monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    """With one article read per step, the page is still the newest events holding ``q``."""
    monkeypatch.setattr(queries, "WORDS_CHUNK", 1)
    expected = _expected(stored, word)
    with open_store(filled_url) as store:
        for offset in (0, 1, 3):
            page = queries.list_events(store, queries.EventFilter(q=word), limit=2, offset=offset)
            with store.engine.connect() as conn:
                walked = conn.execute(
                    queries.event_keys(queries.EventFilter(q=word), limit=3, offset=offset)
                ).all()
            assert [(r["article_id"], r["event_id"]) for r in page] == [
                (a, e) for a, e, _ in walked
            ]
            assert {(r["article_id"], r["event_id"]) for r in page} <= expected


def _participant_expected(stored: Stored, query: str) -> set[tuple[str, str]]:
    """The events ``query`` (one participant filter, maybe with ``q``) should find, from the
    reports themselves."""
    params = dict(part.split("=", 1) for part in query.split("&"))
    found = set()
    for report, event in stored.events():
        countries = {
            e.get("country")
            for e in report["entities"]
            if e["id"] in {*event["actors"], *event["recipients"], *event["intermediaries"]}
        }
        if "actor" in params and params["actor"] not in event["actors"]:
            continue
        if "entity" in params and params["entity"] not in {
            *event["actors"],
            *event["recipients"],
            *event["intermediaries"],
        }:
            continue
        if "country" in params and params["country"] not in countries:
            continue
        key = (report["article"]["id"], event["id"])
        if "q" in params and key not in _expected(stored, params["q"]):
            continue
        found.add(key)
    return found


@pytest.mark.parametrize(
    "query",
    ["actor=country:VEN", "entity=country:RUS", "country=USA", "country=VEN&q=Putin"],
)
def test_link_index_walk_and_events_walk_agree(
    client: TestClient, stored: Stored, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    """An actor, entity or country filter walks its link table's newest-first index (0004);
    with that driver taken away, the same filter is an ``EXISTS`` test on a walk of
    ``events``. Both must give the events the reports hold, in the same order, page by page."""

    def keys() -> list[tuple[str, str]]:
        items = pages(client, f"/api/events?{query}&limit=4")
        return [(e["article_id"], e["event_id"]) for e in items]

    by_link = keys()
    used: list[object] = []
    real = queries._driver

    def events_only(f: queries.EventFilter) -> tuple[object, list[object]]:
        used.append(real(f)[0])
        return queries.EventRow, []

    monkeypatch.setattr(queries, "_driver", events_only)
    by_events = keys()
    assert used and all(d is not queries.EventRow for d in used)  # the link driver was in play
    assert len(by_link) > 4  # more than one page
    assert by_link == by_events  # same events, same newest-first order
    assert len(set(by_link)) == len(by_link)  # no event twice (an entity in several roles)
    assert set(by_link) == _participant_expected(stored, query)
