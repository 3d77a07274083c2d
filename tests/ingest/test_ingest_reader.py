"""read_articles: the whole stage, on real files written to a temporary directory."""

from __future__ import annotations

import hashlib
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from newstrace.errors import (
    BadRecord,
    BinaryInput,
    EmptyInput,
    InputError,
    MissingInput,
    NoArticleText,
    TooLargeInput,
    UnsupportedLanguage,
)
from newstrace.ingest import read_articles
from newstrace.ingest.reader import plain_title
from newstrace.model import Article, OutletRef
from newstrace.model.article import normalise_text

STORY = (
    "Venezuelan President Nicolás Maduro has reportedly requested military assistance from "
    "Russian President Vladimir Putin. The appeal, detailed by The Moscow Times, cites internal "
    "U.S. government documents obtained by The Washington Post.\n\n"
    "Venezuelan Transportation Minister Ramón Celestino Velásquez delivered the written appeal "
    "during a mid-October visit to Moscow, where he met his Russian counterpart.\n"
)

SPANISH = (
    "El presidente venezolano Nicolás Maduro pidió ayuda militar a Rusia, según documentos del "
    "gobierno de Estados Unidos obtenidos por el diario. La solicitud fue entregada durante una "
    "visita a Moscú a mediados de octubre y no está claro si el Kremlin ha respondido.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Maduro asks Putin for military aid | The Moscow Times</title>
<meta property="og:title" content="Maduro asks Putin for military aid">
<meta property="og:site_name" content="The Moscow Times">
<meta property="og:url" content="https://www.themoscowtimes.com/2025/11/01/maduro-a1">
<meta property="article:published_time" content="2025-11-01T09:30:00+03:00">
</head><body><article>
<h1>Maduro asks Putin for military aid</h1>
<p>Venezuelan President Nicolás Maduro has reportedly requested military assistance from Russian
President Vladimir Putin, according to documents obtained by The Washington Post.</p>
<ul><li>14 missile units</li><li>Overhauls of eight engines and five radars</li></ul>
</article></body></html>
"""


def _write(directory: Path, name: str, data: bytes | str) -> str:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def _articles(results: list[Article | InputError]) -> list[Article]:
    return [result for result in results if isinstance(result, Article)]


def _errors(results: list[Article | InputError]) -> list[InputError]:
    return [result for result in results if isinstance(result, InputError)]


def test_plain_text_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "story.txt", "Maduro asks Putin for military aid\n\n" + STORY)
    (article,) = read_articles([path])
    assert isinstance(article, Article)
    assert article.source == path
    assert article.title == "Maduro asks Putin for military aid"
    assert article.text.startswith("Maduro asks Putin for military aid\n\nVenezuelan President")
    assert article.text == normalise_text(article.text)
    assert article.language == "en"
    assert article.encoding == "utf-8"
    assert article.bytes_sha256 == hashlib.sha256(Path(path).read_bytes()).hexdigest()
    assert (article.published, article.published_basis) == (None, "unknown")
    assert article.outlet == OutletRef(None, None)
    assert article.url is None


def test_options_fill_what_a_text_file_does_not_say(tmp_path: Path) -> None:
    path = _write(tmp_path, "story.txt", STORY)
    (article,) = read_articles(
        [path], published=date(2025, 11, 2), outlet="Cybernews", url="https://example.org/x"
    )
    assert isinstance(article, Article)
    assert (article.published, article.published_basis) == (date(2025, 11, 2), "option")
    assert article.outlet == OutletRef(id=None, name="Cybernews")
    assert article.url == "https://example.org/x"


def test_html_metadata_wins_over_options(tmp_path: Path) -> None:
    path = _write(tmp_path, "page.html", PAGE)
    (article,) = read_articles(
        [path], published=date(2030, 1, 1), outlet="Other", url="https://other.example/"
    )
    assert isinstance(article, Article)
    assert (article.published, article.published_basis) == (date(2025, 11, 1), "metadata")
    assert article.outlet == OutletRef(id=None, name="The Moscow Times")
    assert article.url == "https://www.themoscowtimes.com/2025/11/01/maduro-a1"
    assert article.title == "Maduro asks Putin for military aid"
    assert "- 14 missile units\n- Overhauls of eight engines and five radars" in article.text
    assert "<" not in article.text


def test_html_without_metadata_takes_the_options(tmp_path: Path) -> None:
    bare = PAGE.split("<body>")[1]
    path = _write(tmp_path, "page.htm", f"<html><body>{bare}")
    (article,) = read_articles([path], published=date(2025, 11, 2), outlet="Cybernews")
    assert isinstance(article, Article)
    assert (article.published, article.published_basis) == (date(2025, 11, 2), "option")
    assert article.outlet.name == "Cybernews"


def test_html_is_sniffed_in_a_text_file_and_on_stdin(tmp_path: Path) -> None:
    path = _write(tmp_path, "saved-page.txt", PAGE)
    results = list(read_articles([path, "-"], stdin=io.BytesIO(PAGE.encode())))
    assert [a.source for a in _articles(results)] == [path, "<stdin>"]
    assert all(a.outlet.name == "The Moscow Times" for a in _articles(results))


def test_html_without_text_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "empty.html", "<html><head><title>Home</title></head><body></body></html>"
    )
    (error,) = read_articles([path])
    assert isinstance(error, NoArticleText)
    assert str(error) == f"{path}: no article text found in the HTML"


def test_jsonl_bad_line_does_not_stop_the_others(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://a.example/1", "outlet": "The Moscow Times",
                    "title": "Maduro asks Putin for aid", "published": "2025-11-01", "text": STORY}),
        "{this is not json",
        "",
        json.dumps({"text": STORY, "published": "2025-10-31T22:00:00Z"}),
        json.dumps({"title": "no text here"}),
        json.dumps({"html": PAGE, "outlet": "Record Outlet"}),
        json.dumps({"text": SPANISH}),
        json.dumps({"text": "Too short."}),
    ]  # fmt: skip
    path = _write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    results = list(read_articles([path], published=date(2025, 12, 1), outlet="Option Outlet"))
    assert [r.source for r in results] == [f"{path}:{n}" for n in (1, 2, 4, 5, 6, 7, 8)]
    first, bad, second, missing, html, spanish, short = results
    assert isinstance(first, Article)
    assert (first.url, first.outlet.name, first.title) == (
        "https://a.example/1", "The Moscow Times", "Maduro asks Putin for aid",
    )  # fmt: skip
    assert (first.published, first.published_basis) == (date(2025, 11, 1), "metadata")
    assert first.bytes_sha256 == hashlib.sha256(lines[0].encode()).hexdigest()
    assert isinstance(bad, BadRecord) and "not JSON" in str(bad)
    assert isinstance(second, Article)
    assert (second.published, second.published_basis) == (date(2025, 10, 31), "metadata")
    assert second.outlet.name == "Option Outlet"
    assert isinstance(missing, BadRecord)
    assert str(missing) == f"{path}:5: no 'text' (or 'html') field"
    assert isinstance(html, Article)
    assert html.outlet.name == "Record Outlet"  # the record's own field beats the page's
    assert (html.published, html.title) == (date(2025, 11, 1), "Maduro asks Putin for military aid")
    assert "- 14 missile units" in html.text
    assert isinstance(spanish, UnsupportedLanguage)
    assert isinstance(short, EmptyInput)
    assert str(short) == f"{path}:8: no article text (only 10 characters)"


def test_jsonl_is_sniffed_on_stdin() -> None:
    data = (json.dumps({"text": STORY, "outlet": "Cybernews"}) + "\n").encode()
    (article,) = read_articles(["-"], stdin=io.BytesIO(data))
    assert isinstance(article, Article)
    assert article.source == "<stdin>:1"
    assert article.outlet.name == "Cybernews"


def test_stdin_plain_text() -> None:
    (article,) = read_articles(["-"], stdin=io.BytesIO(STORY.encode("cp1252")))
    assert isinstance(article, Article)
    assert article.source == "<stdin>"
    assert article.encoding == "cp1252"
    assert "Nicolás Maduro" in article.text and "Ramón Celestino Velásquez" in article.text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (STORY.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + STORY.encode("utf-8"), "utf-8-sig"),
        (STORY.encode("cp1252"), "cp1252"),
        (STORY.replace("\n", "\r\n").encode("utf-16"), "utf-16"),
    ],
    ids=["utf8", "bom", "cp1252", "utf16-crlf"],
)
def test_every_encoding_gives_the_same_text(tmp_path: Path, data: bytes, encoding: str) -> None:
    (article,) = read_articles([_write(tmp_path, "s.txt", data)])
    assert isinstance(article, Article)
    assert article.encoding == encoding
    assert article.text == normalise_text(STORY)


def test_directory_of_mixed_inputs_reports_each_bad_one_and_goes_on(tmp_path: Path) -> None:
    _write(tmp_path, "a-story.txt", STORY)
    _write(tmp_path, "b-empty.txt", b"")
    _write(tmp_path, "c-report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    _write(tmp_path, "d-spanish.txt", SPANISH)
    _write(tmp_path, "nested/deeper/e-page.html", PAGE)
    _write(tmp_path, "nested/f-short.txt", "Breaking news.\n")
    _write(tmp_path, ".DS_Store", b"\x00\x00\x00\x01Bud1")
    results = list(read_articles([str(tmp_path), str(tmp_path / "gone.txt")]))
    summary = [(os.path.relpath(r.source or "", tmp_path), type(r).__name__) for r in results]
    assert summary == [
        ("a-story.txt", "Article"),
        ("b-empty.txt", "EmptyInput"),
        ("c-report.pdf", "BinaryInput"),
        ("d-spanish.txt", "UnsupportedLanguage"),
        (os.path.join("nested", "f-short.txt"), "EmptyInput"),
        (os.path.join("nested", "deeper", "e-page.html"), "Article"),
        ("gone.txt", "MissingInput"),
    ]
    errors = _errors(results)
    assert [str(e).split(": ", 1)[1] for e in errors] == [
        "file is empty",
        "binary file (PDF), not text",
        "article is in Spanish (es); only English is analysed",
        "no article text (only 14 characters)",
        "no such file or directory",
    ]
    assert all("\n" not in str(e) and e.source for e in errors)
    assert isinstance(errors[1], BinaryInput) and isinstance(errors[-1], MissingInput)


def test_limits_come_from_settings(tmp_path: Path) -> None:
    from newstrace.settings import Settings

    path = _write(tmp_path, "s.txt", STORY)
    strict = Settings.model_validate({"max_bytes": 100, "min_chars": 40})
    (error,) = read_articles([path], settings=strict)
    assert isinstance(error, TooLargeInput)
    lenient = Settings.model_validate({"min_chars": 5})
    (article,) = read_articles([_write(tmp_path, "t.txt", "Breaking news.")], settings=lenient)
    assert isinstance(article, Article)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Maduro asks Putin for military aid\n\nVenezuela asked Russia for jets.",
            "Maduro asks Putin for military aid",
        ),
        (
            "Maduro asks Putin for military aid\nVenezuela asked Russia for jets.",
            "Maduro asks Putin for military aid",
        ),
        ("# Maduro asks Putin for aid\n\nVenezuela asked Russia.", "Maduro asks Putin for aid"),
        ("Did Russia answer Maduro?\n\nIt is unclear.", "Did Russia answer Maduro?"),
        ("Venezuela asked Russia for jets.\n\nMore text.", None),  # a sentence
        ("Venezuela asked Russia for jets\nand engines, reports said.", None),  # wrapped paragraph
        ("The request included:\n- 14 missile units", None),
        ("Maduro asks Putin for military aid", None),  # nothing follows
        ("Maduro asks Putin for military aid\n\n\n", None),
        ("x" * 150 + "\n\nMore.", None),  # too long for a title
    ],
)
def test_plain_text_title(text: str, title: str | None) -> None:
    assert plain_title(normalise_text(text)) == title


def test_jsonl_html_record_without_text_names_its_line(tmp_path: Path) -> None:
    line = json.dumps(
        {"html": "<html><body><nav>Home</nav></body></html>", "url": "https://x.example/"}
    )
    path = _write(tmp_path, "pages.ndjson", f"{json.dumps({'text': STORY})}\n{line}\n")
    article, error = read_articles([path])
    assert isinstance(article, Article) and article.source == f"{path}:1"
    assert isinstance(error, NoArticleText)
    assert error.source == f"{path}:2"
    assert str(error).startswith(f"{path}:2: no article text found in the HTML")


def test_reading_is_lazy_and_deterministic(tmp_path: Path) -> None:
    paths = [_write(tmp_path, f"{n}.txt", STORY + f"\nPart {n}.") for n in range(3)]
    stream = read_articles(paths)
    first = next(stream)
    assert isinstance(first, Article) and first.source == paths[0]
    again = [a.to_dict() for a in _articles(list(read_articles(paths)))]
    assert again == [a.to_dict() for a in _articles([first, *stream])]
    assert len({row["id"] for row in again}) == 3
