"""An article whose text, title and outlet carry ``<script>``, ``<img onerror=...>`` and a
``javascript:`` link is shown as text on every page where it appears: no dialog opens, no such
element is made, no link goes to ``javascript:``, and the markup reads as the article wrote it.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.serve.browser.conftest import Page
from tests.serve.browser.test_pages import api, every

#: The only scripts a page may hold: the two npm files and the dashboard's own module.
SCRIPTS = ["/vendor/d3.min.js", "/vendor/topojson-client.min.js", "/assets/app.js"]
TITLE_MARKUP = "<script>alert('xss-script')</script>"
OUTLET = "<img src=x onerror=alert('xss-outlet')>"

#: Every element attribute named on..., every img/iframe/object/embed, every javascript: URL.
PROBE = """() => {
  const all = [...document.querySelectorAll("*")];
  return {
    scripts: [...document.scripts].map((s) => s.getAttribute("src")),
    elements: all.filter((e) => ["IMG", "IFRAME", "OBJECT", "EMBED"].includes(e.tagName)).length,
    handlers: all.flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith("on"))
      .map((a) => `${e.tagName}.${a.name}`)),
    javascript: all.flatMap((e) => [...e.attributes]
      .filter((a) => /^\\s*javascript:/i.test(a.value)).map((a) => `${e.tagName}.${a.name}`)),
    text: document.body.innerText,
  };
}"""


@pytest.fixture(scope="module")
def hostile(server: str) -> dict[str, Any]:
    """The hostile article (found by its outlet name) and where it appears."""
    articles = every(server, "/api/articles?limit=100")
    found = [a for a in articles if a["outlet_name"] == OUTLET]
    assert len(found) == 1, [a["outlet_name"] for a in articles]
    article = found[0]
    detail = api(server, f"/api/articles/{article['id']}")
    stories = every(server, "/api/stories?limit=100")
    story = next(
        s["id"]
        for s in stories
        if any(r["article"] == article["id"] for r in api(server, s["href"])["reports"])
    )
    entity = detail["report"]["entities"][0]["id"]
    return {"article": article, "text": detail["text"], "story": story, "entity": entity}


def _where(hostile: dict[str, Any]) -> dict[str, str]:
    return {
        "article": f"/articles/{hostile['article']['id']}",
        "story": f"/stories/{hostile['story']}",
        "events": "/events?q=S-400&limit=100",
        "events-all": "/events?limit=100",
        "entity": f"/entities/{hostile['entity']}",
        "stories": "/",
    }


#: Page → the hostile strings it shows (as text).
SHOWN = {
    "article": [TITLE_MARKUP, OUTLET, "<img src=x onerror=", 'href="javascript:alert('],
    "story": [TITLE_MARKUP, OUTLET],
    "events": [TITLE_MARKUP, OUTLET],
    "events-all": [TITLE_MARKUP, OUTLET],
    "entity": [TITLE_MARKUP, OUTLET],
    "stories": [],
}


@pytest.mark.parametrize("where", list(SHOWN))
def test_markup_is_shown_as_text(tab: Page, hostile: dict[str, Any], where: str) -> None:
    page = tab.open(_where(hostile)[where], shot=f"hostile-{where}")
    found = page.evaluate(PROBE)
    assert found["scripts"] == SCRIPTS
    assert found["elements"] == 0
    assert found["handlers"] == []
    assert found["javascript"] == []
    for text in SHOWN[where]:
        assert text in found["text"], (where, text)
    assert "xss" not in page.title()


def test_the_article_text_is_the_stored_text(tab: Page, hostile: dict[str, Any]) -> None:
    page = tab.open(f"/articles/{hostile['article']['id']}")
    assert page.locator("#article-text").text_content() == hostile["text"]
    assert page.locator("#article-title").text_content() == hostile["article"]["title"]
    assert TITLE_MARKUP in hostile["article"]["title"]
    # The text's markup made no element inside the article.
    assert page.locator("#article-text *").count() == 0


def test_a_highlight_inside_markup_stays_text(tab: Page, hostile: dict[str, Any]) -> None:
    text = hostile["text"]
    start = text.index("<img")
    end = text.index(">", start) + 1
    page = tab.open(f"/articles/{hostile['article']['id']}?start={start}&end={end}")
    assert page.locator("mark#highlight").text_content() == text[start:end]
    assert page.locator("#article-text img").count() == 0
    assert page.evaluate(PROBE)["handlers"] == []
