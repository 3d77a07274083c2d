"""The briefings (terminal text and Markdown): golden files and the phrases they are made of."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from newstrace.errors import UsageError
from newstrace.export import FORMATS, RENDERERS, render
from newstrace.export import describe as d
from newstrace.export.markdown import escape, render_markdown
from newstrace.export.text import briefing, render_text, to_string
from newstrace.model import Article, Report

from .reports import TEXT

Golden = Callable[[str, str], None]


def test_registry_lists_the_three_formats() -> None:
    assert FORMATS == ("json", "text", "markdown")
    assert set(RENDERERS) == set(FORMATS)


def test_unknown_format_is_a_usage_error(report_dict: dict[str, Any]) -> None:
    with pytest.raises(UsageError, match="choose one of: json, text, markdown"):
        render([report_dict], "yaml")


def test_text_briefing_golden(report_dict: dict[str, Any], golden: Golden) -> None:
    golden("briefing.txt", render_text(report_dict, TEXT))


def test_text_briefing_without_article_text_golden(
    report_dict: dict[str, Any], golden: Golden
) -> None:
    golden("briefing-no-text.txt", render_text(report_dict))


def test_markdown_briefing_golden(report_dict: dict[str, Any], golden: Golden) -> None:
    golden("briefing.md", render_markdown(report_dict, TEXT))


def test_text_briefing_content(report_dict: dict[str, Any]) -> None:
    out = render_text(report_dict, TEXT)
    assert (
        "REQUEST (assist, military) — Nicolás Maduro (Venezuela) → Vladimir Putin (Russia): "
        "requested ·" in out
    )
    assert (
        "Sources: The Moscow Times → The Washington Post → internal U.S. government documents "
        "(document)" in out
    )
    assert "Money: medium-term financing plan, term 3 years, amount unknown, via Rostec" in out
    assert out.index("─ Context ─") < out.index("2. CONSULT (visit)")
    assert out.index("1. REQUEST") < out.index("─ Context ─")
    assert "“Such alliances can be crucial" in out
    assert all(len(line) <= 100 for line in out.splitlines())


def test_without_text_filler_shows_offsets(report_dict: dict[str, Any]) -> None:
    start, end = report_dict["filler"][1]["start"], report_dict["filler"][1]["end"]
    for out in (render_text(report_dict), render_markdown(report_dict)):
        assert f"chars {start}–{end}" in out
        assert "Such alliances" not in out


def test_render_uses_texts_by_article_id(report_dict: dict[str, Any]) -> None:
    article_id = report_dict["article"]["id"]
    assert "Such alliances" in render([report_dict], "text", {article_id: TEXT})
    assert "Such alliances" in render([report_dict], "markdown", {article_id: TEXT})
    assert "Such alliances" not in render([report_dict], "text", {"other": TEXT})


def test_several_reports_in_one_document(report_dict: dict[str, Any]) -> None:
    md = render([report_dict, report_dict], "markdown")
    assert md.count("\n---\n") == 1
    assert md.count("# Maduro Seeks") == 2
    assert render([report_dict, report_dict], "text").count("─ Events ─") == 2


def test_unknown_entity_ids_are_shown_as_ids(report_dict: dict[str, Any]) -> None:
    report = copy.deepcopy(report_dict)
    report["events"][0]["actors"] = ["person:not-listed"]
    report["events"][0]["money"][0]["via"] = "org:not-listed"
    out = render_text(report)
    assert "— person:not-listed → Vladimir Putin (Russia):" in out
    assert "via org:not-listed" in out


def test_empty_report_renders() -> None:
    report = Report(Article("Nothing here.")).to_dict()
    out = render_text(report)
    assert "(untitled)" in out
    assert "No core events." in out
    assert "No entities." in out
    assert "No core events." in render_markdown(report)


def test_article_text_is_not_read_as_markup(report_dict: dict[str, Any]) -> None:
    report = copy.deepcopy(report_dict)
    report["article"]["title"] = "[bold red]Alert[/] | *not* [a link](http://x)"
    report["events"][0]["items"][0]["text"] = "missile | units"
    assert "[bold red]Alert[/]" in render_text(report)
    md = render_markdown(report)
    assert "# \\[bold red\\]Alert\\[/\\] \\| \\*not\\* \\[a link\\](http://x)" in md
    row = next(line for line in md.splitlines() if "missile" in line)
    assert row.count(" | ") == 4


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("U.S. government documents", "U.S. government documents"),
        ("a | b", "a \\| b"),
        ("*not* _emphasis_", "\\*not\\* \\_emphasis\\_"),
        ("[link](x) <b>", "\\[link\\](x) \\<b\\>"),
        ("# not a heading", "\\# not a heading"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_escape(raw: str, expected: str) -> None:
    assert escape(raw) == expected


def test_briefing_is_renderable_at_other_widths(report_dict: dict[str, Any]) -> None:
    out = to_string(briefing(report_dict, TEXT), width=60)
    assert all(len(line) <= 60 for line in out.splitlines())


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        ({"value": 14, "kind": "exact", "word": "14"}, "14"),
        ({"value": 8, "kind": "exact", "word": "eight"}, "8"),
        ({"value": 1200, "kind": "exact"}, "1,200"),
        ({"value": 300, "kind": "approx", "word": "about 300"}, "~300"),
        ({"value": None, "low": 2, "kind": "vague", "word": "several"}, "several (≥2)"),
        ({"value": None, "kind": "vague", "word": "dozens"}, "dozens"),
        ({"value": None, "low": 10, "high": 20, "kind": "approx"}, "10–20"),
        ({"value": None, "kind": "unspecified", "word": "unspecified"}, "unspecified"),
        ({"value": None, "kind": "unspecified"}, "unspecified"),
        (None, "unspecified"),
    ],
)
def test_quantity_text(quantity: dict[str, Any] | None, expected: str) -> None:
    assert d.quantity_text(quantity) == expected


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ({"text": None, "start": None, "end": None, "precision": "unknown"}, "unknown"),
        (
            {
                "text": "mid-October",
                "start": "2025-10-11",
                "end": "2025-10-20",
                "precision": "part-of-month",
            },
            "mid-October (2025-10-11 to 2025-10-20, part-of-month)",
        ),
        (
            {"text": None, "start": "2025-10-15", "end": "2025-10-15", "precision": "day"},
            "2025-10-15, day",
        ),
        (
            {"text": "earlier this year", "start": None, "end": None, "precision": "year"},
            "earlier this year",
        ),
    ],
)
def test_when_text(when: dict[str, Any], expected: str) -> None:
    assert d.when_text(when) == expected


@pytest.mark.parametrize(
    ("money", "expected"),
    [
        (
            {
                "text": "financing plan",
                "amount": None,
                "currency": None,
                "term": "3 years",
                "via": "org:rostec",
            },
            "financing plan, term 3 years, amount unknown, via Rostec",
        ),
        (
            {
                "text": "arms deal",
                "amount": 1500000000,
                "currency": "USD",
                "term": None,
                "via": None,
            },
            "arms deal, amount 1,500,000,000 USD",
        ),
    ],
)
def test_money_text(report_dict: dict[str, Any], money: dict[str, Any], expected: str) -> None:
    assert d.money_text(money, d.Names(report_dict)) == expected


def test_chain_text_names_non_outlet_kinds() -> None:
    chain = {
        "hops": [
            {"name": "Reuters", "entity": None, "kind": "outlet"},
            {"name": "two officials", "entity": None, "kind": "anonymous"},
        ]
    }
    assert d.chain_text(chain) == "Reuters → two officials (anonymous)"


def test_excerpt_refuses_offsets_outside_the_text() -> None:
    assert d.excerpt("abc", 0, 2) == "ab"
    assert d.excerpt("abc", 2, 9) is None
    assert d.excerpt(None, 0, 1) is None
    assert d.excerpt("x" * 50, 0, 50, limit=10) == "x" * 9 + "…"
