"""The dashboard in Debian's Chromium: every page draws without console errors, the filters
work, a story's provenance graph, the map and the network are drawn from the API's data, and a
value links to its sentence, highlighted in the article.

What a page should show is read from the API of the same server, never copied into the test.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.serve.browser.conftest import Page


def api(server: str, path: str) -> Any:
    response = httpx.get(server + path, timeout=30)
    assert response.status_code == 200, (path, response.text)
    return response.json()


def every(server: str, path: str) -> list[dict[str, Any]]:
    """Every item of a paged list of the API."""
    items: list[dict[str, Any]] = []
    url: str | None = path
    while url:
        page = api(server, url)
        items.extend(page["items"])
        url = page["next"]
    return items


@pytest.fixture(scope="module")
def stories(server: str) -> list[dict[str, Any]]:
    found = every(server, "/api/stories?limit=100")
    assert found, "the samples give no story"
    return found


@pytest.fixture(scope="module")
def big_story(server: str, stories: list[dict[str, Any]]) -> dict[str, Any]:
    """The story with the most reports (one with echoes, in the samples)."""
    best = max(stories, key=lambda s: (s["reports"], s["id"]))
    story: dict[str, Any] = api(server, f"/api/stories/{best['id']}")
    return story


@pytest.fixture(scope="module")
def first_event(server: str) -> dict[str, Any]:
    event: dict[str, Any] = api(server, "/api/events?limit=1")["items"][0]
    return event


def paths(big_story: dict[str, Any], first_event: dict[str, Any]) -> dict[str, str]:
    article = first_event["article_id"]
    return {
        "stories": "/",
        "story": f"/stories/{big_story['id']}",
        "events": "/events",
        "network": "/network",
        "map": "/map",
        "entity": f"/entities/{first_event['actors'][0]}",
        "article": f"/articles/{article}?event={first_event['event_id']}",
    }


@pytest.mark.parametrize(
    "page", ["stories", "story", "events", "network", "map", "entity", "article"]
)
def test_page_draws_without_errors(
    tab: Page, page: str, big_story: dict[str, Any], first_event: dict[str, Any]
) -> None:
    opened = tab.open(paths(big_story, first_event)[page], shot=f"page-{page}")
    assert opened.locator("main h1").count() == 1
    assert opened.locator("main .error").count() == 0
    assert opened.locator(f'nav a[data-nav="{page}"].current').count() == (
        1 if page in {"stories", "events", "network", "map"} else 0
    )


def test_stories_list_and_sort(tab: Page, stories: list[dict[str, Any]]) -> None:
    page = tab.open("/", shot="stories-recent")
    rows = page.locator("#stories tbody tr")
    assert rows.count() == len(stories)
    ids = rows.evaluate_all("rows => rows.map(r => r.dataset.id)")
    recent = sorted(stories, key=lambda s: s["last_reported"] or "", reverse=True)
    assert [s["last_reported"] for s in recent] == [
        next(s for s in stories if s["id"] == i)["last_reported"] for i in ids
    ]
    page.select_option("#f-sort", "corroborated")
    tab.shot("stories-corroborated")
    top = page.locator("#stories tbody tr").first.get_attribute("data-id")
    most = max(s["independent_sources"] for s in stories)
    assert next(s for s in stories if s["id"] == top)["independent_sources"] == most
    assert page.url.endswith("/?sort=corroborated")


def _rows(page: Any) -> set[tuple[str, str]]:
    pairs = page.locator("#events tbody tr").evaluate_all(
        "rows => rows.map(r => [r.dataset.article, r.dataset.event])"
    )
    return {(a, e) for a, e in pairs}


def _api_rows(server: str, query: str) -> set[tuple[str, str]]:
    return {(e["article_id"], e["event_id"]) for e in every(server, f"/api/events?{query}")}


def test_events_filters(tab: Page, server: str) -> None:
    page = tab.open("/events?limit=100", shot="events-all")
    everything = _rows(page)
    assert everything == _api_rows(server, "limit=100")

    page.select_option("#f-type", "REQUEST")
    with page.expect_navigation():
        page.click("#apply")
    page.wait_for_selector("body[data-ready]", state="attached")
    tab.shot("events-type-request")
    assert "type=REQUEST" in page.url
    requests = _rows(page)
    assert requests == _api_rows(server, "type=REQUEST&limit=100")
    assert requests and requests < everything
    types = page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.type)")
    assert set(types) == {"REQUEST"}

    page.select_option("#f-type", "")
    page.fill("#f-country", "VEN")
    page.select_option("#f-status", "requested")
    with page.expect_navigation():
        page.click("#apply")
    page.wait_for_selector("body[data-ready]", state="attached")
    tab.shot("events-country-status")
    assert page.input_value("#f-country") == "VEN"
    chosen = _rows(page)
    assert chosen == _api_rows(server, "country=VEN&status=requested&limit=100")
    assert chosen and chosen != requests


def test_events_paging(tab: Page, server: str) -> None:
    total = len(every(server, "/api/events?limit=100"))
    page = tab.open("/events?limit=25")
    assert page.locator("#events tbody tr").count() == min(25, total)
    if total > 25:
        with page.expect_navigation():
            page.click("#next")
        page.wait_for_selector("body[data-ready]", state="attached")
        assert page.locator("#events tbody tr").count() == min(25, total - 25)
        assert page.locator("#prev").count() == 1


def test_story_opens_and_its_provenance_graph_renders(tab: Page, big_story: dict[str, Any]) -> None:
    page = tab.open("/")
    with page.expect_navigation():
        page.click(f'#stories tr[data-id="{big_story["id"]}"] a')
    page.wait_for_selector("body[data-ready]", state="attached")
    tab.shot("story-opened")
    assert tab.page.evaluate("document.body.dataset.ready") == "true"
    assert page.locator("#story-title").text_content() == big_story["title"]

    reports = big_story["reports"]
    echoes = [r for r in reports if r["role"] == "echo"]
    assert echoes, "the biggest story of the samples should have echoes"
    graph = page.locator("#provenance")
    # One node per report, echoes in their own group, the others apart from them.
    assert graph.locator(".node-echo").count() == len(echoes)
    assert graph.locator(".node-source").count() == len(reports) - len(echoes)
    echo_group = graph.locator(".group-echo rect").bounding_box()
    assert echo_group is not None
    for node in graph.locator(".node").all():
        box = node.locator("circle").bounding_box()
        assert box is not None
        inside = echo_group["x"] <= box["x"] <= echo_group["x"] + echo_group["width"]
        assert inside == ("node-echo" in (node.get_attribute("class") or "")), box
    origin = big_story["origin"]
    if origin and origin.get("name") and not origin.get("in_corpus"):
        assert graph.locator(".node-origin").filter(has_text=origin["name"]).count() == 1
    # Every echo of a citation has an edge drawn toward what it repeats.
    cites = sum(1 for r in reports if r.get("cites") or r.get("chains"))
    assert graph.locator("path.link").count() >= cites > 0
    for r in reports:
        name = r["outlet"].get("name") or r["outlet"].get("id") or "unknown outlet"
        assert graph.locator(".node").filter(has_text=name).count() >= 1

    assert page.locator("#reports tbody tr").count() == len(reports)
    assert page.locator("#report-timeline circle").count() == sum(
        1 for r in reports if r["published"]
    )
    assert page.locator("#status-timeline tbody tr").count() == len(big_story["timeline"])
    assert page.locator("#discrepancies tbody tr").count() == len(big_story["discrepancies"])


def _article_text(server: str, article: str) -> str:
    text: str = api(server, f"/api/articles/{article}")["text"]
    return text


def _check_highlight(page: Any, server: str) -> tuple[str, int, int]:
    """The article, start and end of the page's URL; the highlight is that span, in its
    sentence."""
    url = urlsplit(page.url)
    assert url.path.startswith("/articles/")
    article = url.path.rsplit("/", 1)[1]
    query = parse_qs(url.query)
    start, end = int(query["start"][0]), int(query["end"][0])
    text = _article_text(server, article)
    assert page.locator("mark#highlight").count() == 1
    assert page.locator("mark#highlight").text_content() == text[start:end]
    sentence = page.locator("#sentence").text_content() or ""
    assert text[start:end] in sentence and sentence.strip() in text
    assert page.locator("#article-text").text_content() == text
    return article, start, end


def test_a_value_links_to_its_sentence(tab: Page, server: str, big_story: dict[str, Any]) -> None:
    page = tab.open(f"/stories/{big_story['id']}")
    links = page.locator("#fields a.evidence-link")
    assert links.count() > 0
    for locator in (links.first, page.locator("#discrepancies a.evidence-link").first):
        href = locator.get_attribute("href") or ""
        assert href.startswith("/articles/") and "start=" in href and "end=" in href, href
    with page.expect_navigation():
        links.first.click()
    page.wait_for_selector("body[data-ready]", state="attached")
    tab.shot("article-highlight")
    _check_highlight(page, server)


def test_an_event_links_to_its_trigger(tab: Page, server: str, first_event: dict[str, Any]) -> None:
    page = tab.open("/events")
    row = page.locator(
        f'#events tr[data-article="{first_event["article_id"]}"]'
        f'[data-event="{first_event["event_id"]}"]'
    )
    with page.expect_navigation():
        row.locator("td").nth(5).locator("a").click()
    page.wait_for_selector("body[data-ready]", state="attached")
    detail = api(server, f"/api/events/{first_event['article_id']}/{first_event['event_id']}")
    span = detail["event"]["evidence"][0]
    text = _article_text(server, first_event["article_id"])
    assert page.locator("mark#highlight").text_content() == text[span["start"] : span["end"]]


def test_map_draws_countries_and_event_places(tab: Page, server: str) -> None:
    places = api(server, "/api/places?limit=5000")["items"]
    assert places, "the samples should give places with coordinates"
    page = tab.open("/map", shot="map")
    assert page.locator("#map path.country").count() > 150  # world-atlas 110m: 177 countries
    assert page.locator("#map circle.place").count() == len(places)
    box = page.locator("#map").bounding_box()
    assert box is not None and box["width"] > 500 and box["height"] > 250
    for circle in page.locator("#map circle.place").all():
        point = circle.bounding_box()
        assert point is not None
        assert box["x"] <= point["x"] <= box["x"] + box["width"]
        assert box["y"] <= point["y"] <= box["y"] + box["height"]
    page.locator("#map circle.place").first.click()
    tab.shot("map-place")
    assert page.locator("#place-events tbody tr").count() == len(places[0]["events"])
    place_link = page.locator("#place-events a").first
    with page.expect_navigation():
        place_link.click()
    page.wait_for_selector("body[data-ready]", state="attached")
    _check_highlight(page, server)


def test_network_draws_nodes_and_typed_edges(tab: Page, server: str) -> None:
    data = api(server, "/api/network?by=country&limit=2000")
    assert data["edges"], "the samples should give actor → recipient links"
    page = tab.open("/network", shot="network")
    assert page.locator("#network .node").count() == len(data["nodes"])
    assert page.locator("#network path.edge").count() == len(data["edges"])
    drawn = page.locator("#network .node-label text").all_text_contents()
    assert sorted(drawn) == sorted(n["name"] for n in data["nodes"])
    page.locator("#edges tbody tr button").first.click()
    assert page.locator("#edge-events tbody tr").count() == len(data["edges"][0]["events"])

    page.select_option("#f-type", "AID")
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-ready]", state="attached")
    tab.shot("network-aid")
    aid = api(server, "/api/network?by=country&type=AID&limit=2000")
    types = page.locator("#network path.edge").evaluate_all("es => es.map(e => e.dataset.type)")
    assert len(types) == len(aid["edges"]) and set(types) <= {"AID"}


def test_entity_page(tab: Page, server: str, first_event: dict[str, Any]) -> None:
    entity_id = first_event["actors"][0]
    data = api(server, f"/api/entities/{entity_id}")
    page = tab.open(f"/entities/{entity_id}", shot="entity")
    assert page.locator("#entity-name").text_content() == data["entity"]["name"]
    assert page.locator("#entity-events tbody tr").count() == len(data["events"])
    assert "null" not in (page.locator("main").inner_text())


def test_a_weapon_systems_appearances(tab: Page, server: str) -> None:
    reports = [
        api(server, f"/api/articles/{a['id']}")["report"]
        for a in every(server, "/api/articles?limit=100")
    ]
    items = [
        (r["article"]["id"], i)
        for r in reports
        for e in r["events"]
        for i in e.get("items", [])
        if str(i.get("system") or "").startswith("weapon:")
    ]
    assert items, "the samples should name weapon systems in items"
    system = max(
        {i["system"] for _a, i in items}, key=lambda s: sum(i["system"] == s for _a, i in items)
    )
    page = tab.open(f"/entities/{system}", shot="entity-weapon")
    rows = page.locator("#entity-items tbody tr")
    assert rows.count() == sum(1 for _a, i in items if i["system"] == system)
    first = rows.first.locator("a.evidence-link")
    assert (first.get_attribute("href") or "").count("start=") == 1
    with page.expect_navigation():
        first.click()
    page.wait_for_selector("body[data-ready]", state="attached")
    _article, start, end = _check_highlight(page, server)
    assert end > start
