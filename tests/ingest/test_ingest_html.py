"""HTML detection and extraction (trafilatura): text, lines, metadata, pages without text."""

from __future__ import annotations

from datetime import date

import pytest

from newstrace.errors import NoArticleText
from newstrace.ingest.html import extract_html, looks_like_html

BODY = """
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>
<h1>Maduro asks Putin for military aid</h1>
<p>Venezuelan President Nicolás Maduro has reportedly requested military assistance from
Russian President Vladimir Putin, according to internal U.S. government documents obtained by
The Washington Post.</p>
<h2>Key military requests</h2>
<ul>
<li>14 missile units</li>
<li>Restoration of several Su-30MK2 fighter jets</li>
<li>Overhauls of eight engines and five radars</li>
</ul>
<p>Venezuelan Transportation Minister Ramón Celestino Velásquez delivered the written appeal
during a mid-October visit to Moscow, where he met his Russian counterpart.</p>
</article>
<footer><p>© 2025 Example Media. All rights reserved. Subscribe to our newsletter.</p></footer>
"""

HEAD = """
<meta charset="utf-8">
<title>Maduro asks Putin for military aid | The Moscow Times</title>
<meta property="og:title" content="Maduro asks Putin for military aid">
<meta property="og:site_name" content="The Moscow Times">
<meta property="og:url" content="https://www.themoscowtimes.com/2025/11/01/maduro-asks-putin-a1">
<meta property="article:published_time" content="2025-11-01T09:30:00+03:00">
"""

PAGE = f"<!DOCTYPE html>\n<html lang='en'><head>{HEAD}</head><body>{BODY}</body></html>"
BARE_PAGE = f"<!DOCTYPE html>\n<html><head><title>x</title></head><body>{BODY}</body></html>"


def test_metadata_is_extracted() -> None:
    page = extract_html(PAGE, source="p.html")
    assert page.title == "Maduro asks Putin for military aid"
    assert page.published == date(2025, 11, 1)
    assert page.outlet == "The Moscow Times"
    assert page.url == "https://www.themoscowtimes.com/2025/11/01/maduro-asks-putin-a1"


def test_headings_and_list_items_stay_on_lines_of_their_own() -> None:
    lines = extract_html(PAGE).text.split("\n")
    assert "Key military requests" in lines
    assert "- 14 missile units" in lines
    assert "- Restoration of several Su-30MK2 fighter jets" in lines
    assert "- Overhauls of eight engines and five radars" in lines
    assert any(line.startswith("Venezuelan President Nicolás Maduro has") for line in lines)


def test_boilerplate_is_dropped() -> None:
    text = extract_html(PAGE).text
    assert "Subscribe" not in text
    assert "Home" not in text.split("\n")


def test_text_is_normalised() -> None:
    text = extract_html(PAGE.replace("</p>", "&nbsp;&nbsp;</p>")).text
    assert "\u00a0" not in text
    assert all(line == line.rstrip() for line in text.split("\n"))


def test_a_page_without_metadata_has_none() -> None:
    page = extract_html(BARE_PAGE)
    assert (page.published, page.outlet, page.url) == (None, None, None)
    assert "14 missile units" in page.text


def test_the_date_is_never_guessed_from_the_running_text() -> None:
    page = extract_html(
        BARE_PAGE.replace("</article>", "<p>Updated on 3 March 2024.</p></article>")
    )
    assert page.published is None


def test_json_ld_date_and_canonical_link() -> None:
    head = (
        '<link rel="canonical" href="https://example.org/news/maduro">'
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "Maduro asks Putin for aid", '
        '"datePublished": "2025-10-31T18:00:00Z", '
        '"publisher": {"@type": "Organization", "name": "Example News"}}</script>'
    )
    page = extract_html(f"<html><head>{head}</head><body>{BODY}</body></html>")
    assert page.published == date(2025, 10, 31)
    assert page.url == "https://example.org/news/maduro"
    assert page.outlet == "Example News"


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Empty</title></head><body></body></html>",
        "<!doctype html><html><body><script>var a = 1;</script><style>p {}</style></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
    ],
    ids=["empty-body", "script-only", "nav-only"],
)
def test_pages_without_article_text_are_refused(html: str) -> None:
    with pytest.raises(NoArticleText) as caught:
        extract_html(html, source="page.html", min_chars=40)
    message = str(caught.value)
    assert message.startswith("page.html: no article text found in the HTML")
    assert "\n" not in message
    assert caught.value.code == "input.no_text"


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        ("a.html", "Plain words", True),
        ("a.HTM", "", True),
        ("a.xhtml", "", True),
        ("a.txt", "<!DOCTYPE html><html><body>x</body></html>", True),
        ("<stdin>", "\ufeff\n  <html lang='en'>", True),
        ("a.txt", "<article><p>text</p></article>", True),
        ("a.txt", "<meta charset='utf-8'>\n<title>t</title><body>", True),
        ("a.txt", "The <html> tag starts a page, the article explains.", False),
        ("a.txt", "<< Back to all news\nMaduro asks Putin for aid.", False),
        ("a.jsonl", '{"html": "<html></html>"}', False),
    ],
)
def test_html_is_recognised_by_name_or_start(source: str, text: str, expected: bool) -> None:
    assert looks_like_html(source, text) is expected
