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


@pytest.mark.parametrize("word", ["Rostec", "Putin", 'missile "units', "100%25", "su_30"])
def test_indexed_and_scanned_answers_agree(
    client: TestClient, stored: Stored, monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    plain = word.replace("%25", "%")
    indexed = _got(client, word)
    monkeypatch.setattr(queries, "TEXT_BOUND", 0)  # every search walks the newest-first order
    scanned = _got(client, word)
    assert indexed == scanned == _expected(stored, plain)


@pytest.mark.parametrize(
    "query",
    ["actor=country:VEN", "entity=country:RUS", "country=USA", "country=VEN&q=Putin"],
)
def test_narrowed_and_walked_answers_agree(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    def keys() -> list[tuple[str, str]]:
        items = pages(client, f"/api/events?{query}&limit=4")
        return [(e["article_id"], e["event_id"]) for e in items]

    narrowed = keys()
    monkeypatch.setattr(queries, "TEXT_BOUND", 0)
    walked = keys()
    assert narrowed and narrowed == walked  # same events, same newest-first order
