"""A report as a readable briefing for the terminal (Rich).

:func:`briefing` gives Rich renderables (the CLI prints them with its own console, in colour
when stdout is a terminal); :func:`render_text` gives the same briefing as plain text.
Article text, when given, is cut with the report's offsets to quote evidence and filler;
without it the offsets are shown. Values from the article are wrapped in :class:`Text`, never
parsed as Rich markup, so brackets in an article cannot restyle the output.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newstrace.export import describe as d

WIDTH = 100
INDENT = 3


def to_string(renderable: RenderableType, width: int = WIDTH) -> str:
    """Render to plain text (no colour, no terminal codes), lines stripped of trailing spaces."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=False,
        color_system=None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    console.print(renderable)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def render_text(report: Mapping[str, Any], text: str | None = None, *, width: int = WIDTH) -> str:
    """One report as a plain-text briefing."""
    return to_string(briefing(report, text), width=width)


def render_reports(
    reports: Sequence[Mapping[str, Any]], texts: Mapping[str, str] | None = None
) -> str:
    """Several briefings, one after the other; ``texts`` maps article ids to article texts."""
    texts = texts or {}
    return "\n".join(render_text(r, texts.get(r["article"]["id"])) for r in reports)


def briefing(report: Mapping[str, Any], text: str | None = None) -> Group:
    """The briefing as Rich renderables: header, events, context, entities, filler, warnings."""
    names = d.Names(report)
    parts: list[RenderableType] = _header(report["article"])
    core, context = d.split_events(report.get("events") or [])
    parts.extend(_section("Events"))
    if not core:
        parts.append(Text("No core events.", style="dim"))
    for number, event in enumerate(core, start=1):
        parts.extend(_event(number, event, names, text))
    if context:
        parts.extend(_section("Context"))
        for number, event in enumerate(context, start=len(core) + 1):
            parts.extend(_event(number, event, names, text))
    parts.extend(_section("Entities"))
    parts.extend(_entities(report.get("entities") or [], names))
    if report.get("filler"):
        parts.extend(_section("Filler"))
        parts.extend(_filler(report["filler"], text))
    if report.get("warnings"):
        parts.extend(_section("Warnings"))
        parts.extend(_hanging(Text("!", style="yellow"), Text(w)) for w in report["warnings"])
    return Group(*parts)


def _header(article: Mapping[str, Any]) -> list[RenderableType]:
    lines: list[RenderableType] = [
        Text(article.get("title") or "(untitled)", style="bold"),
        Text(d.header_facts(article), style="dim"),
    ]
    if article.get("url"):
        lines.append(Text(article["url"], style="dim underline"))
    return lines


def _indented(renderable: RenderableType, indent: int = INDENT) -> Padding:
    return Padding(renderable, (0, 0, 0, indent))


def _hanging(prefix: Text, body: Text) -> Table:
    """``prefix`` then ``body``, wrapped lines of the body aligned under its first line."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(prefix, body)
    return grid


def _section(title: str) -> list[RenderableType]:
    return [Text(""), Rule(title, style="bold")]


def _labelled(label: str, value: str, style: str = "") -> Text:
    line = Text(f"{label}: ", style="bold")
    line.append(value, style=style)
    return line


def _event(
    number: int, event: Mapping[str, Any], names: d.Names, text: str | None
) -> list[RenderableType]:
    sentence = Text(d.event_heading(event), style="bold cyan")
    sentence.append(" — " + d.event_details(event, names))
    heading = _hanging(Text(f"{number}.", style="bold"), sentence)
    body: list[RenderableType] = []
    if event.get("summary"):
        body.append(Text(event["summary"], style="italic"))
    if event.get("items"):
        body.append(_items_table(event["items"], names))
    body.extend(_labelled("Money", d.money_text(m, names)) for m in event.get("money") or [])
    for chain in event.get("attribution") or []:
        body.append(_labelled("Sources", d.chain_text(chain)))
    if not event.get("attribution"):
        body.append(_labelled("Sources", "the article itself", style="dim"))
    body.append(Text(f"{d.confidence_text(event)}{d.DOT}id {event['id']}", style="dim"))
    body.extend(
        _labelled("Evidence", d.evidence_text(e, text), style="dim")
        for e in event.get("evidence") or []
    )
    return [Text(""), heading, *(_indented(b) for b in body)]


def _items_table(items: Sequence[Mapping[str, Any]], names: d.Names) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    for column in d.ITEM_COLUMNS:
        table.add_column(column, justify="right" if column == "Quantity" else "left")
    for item in items:
        table.add_row(*(Text(cell) for cell in d.item_row(item, names)))
    return table


def _entities(entities: Sequence[Mapping[str, Any]], names: d.Names) -> list[RenderableType]:
    if not entities:
        return [Text("No entities.", style="dim")]
    parts: list[RenderableType] = []
    for heading, group in d.group_entities(entities):
        parts.append(Text(heading, style="bold"))
        for entity in group:
            line = Text(entity["name"], style="bold")
            line.append(" — " + d.DOT.join(d.entity_facts(entity, names)), style="dim")
            parts.append(_indented(_hanging(Text("•"), line), 2))
    return parts


def _filler(spans: Sequence[Mapping[str, Any]], text: str | None) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for span in spans:
        where = d.offsets(span["start"], span["end"])
        quote = d.excerpt(text, span["start"], span["end"])
        line = Text()
        if quote is not None:
            line.append(f"“{quote}”", style="italic")
            line.append(f" ({where})", style="dim")
        else:
            line.append(where, style="dim")
        parts.append(_indented(line, 2))
    return parts
