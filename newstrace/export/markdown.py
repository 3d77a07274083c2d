"""A report as a Markdown briefing: the content of the terminal briefing, as headings, tables
and blockquotes, for notes, tickets and wikis.

Values from the article are escaped so that they cannot start Markdown constructs (links,
emphasis, tables) of their own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from newstrace.export import describe as d

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(value: str) -> str:
    """Backslash-escape the characters that Markdown (with GFM tables) treats as syntax."""
    return _SPECIAL.sub(r"\\\1", " ".join(value.split()))


def render_markdown(report: Mapping[str, Any], text: str | None = None) -> str:
    """One report as a Markdown document."""
    names = d.Names(report)
    article = report["article"]
    lines: list[str] = [f"# {escape(article.get('title') or '(untitled)')}", ""]
    outlet = (article.get("outlet") or {}).get("name") or "unknown outlet"
    lines.append(
        f"**Outlet:** {escape(outlet)}{d.DOT}**Published:** {escape(d.published(article))}"
        f"{d.DOT}**Article:** `{d.short_id(article.get('id'))}`"
    )
    if article.get("url"):
        lines += ["", f"<{article['url']}>"]
    core, context = d.split_events(report.get("events") or [])
    lines += ["", "## Events", ""]
    if not core:
        lines += ["No core events.", ""]
    for number, event in enumerate(core, start=1):
        lines += _event(number, event, names, text)
    if context:
        lines += ["## Context", ""]
        for number, event in enumerate(context, start=len(core) + 1):
            lines += _event(number, event, names, text)
    lines += ["## Entities", ""]
    lines += _entities(report.get("entities") or [], names)
    if report.get("filler"):
        lines += ["## Filler", ""]
        for span in report["filler"]:
            where = d.offsets(span["start"], span["end"])
            quote = d.excerpt(text, span["start"], span["end"])
            lines += [f"> {escape(quote)}" if quote is not None else f"> {where}", ">"]
            lines += [f"> — {where}" if quote is not None else "> (no article text)", ""]
    if report.get("warnings"):
        lines += ["## Warnings", ""]
        lines += [f"- {escape(w)}" for w in report["warnings"]]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_reports(
    reports: Sequence[Mapping[str, Any]], texts: Mapping[str, str] | None = None
) -> str:
    """Several reports, separated by horizontal rules; ``texts`` maps article ids to texts."""
    texts = texts or {}
    return "\n---\n\n".join(render_markdown(r, texts.get(r["article"]["id"])) for r in reports)


def _event(number: int, event: Mapping[str, Any], names: d.Names, text: str | None) -> list[str]:
    lines = [f"### {number}. {escape(d.event_heading(event))}", ""]
    lines += [escape(d.event_details(event, names)), ""]
    if event.get("summary"):
        lines += [f"*{escape(event['summary'])}*", ""]
    if event.get("items"):
        lines.append("| " + " | ".join(d.ITEM_COLUMNS) + " |")
        lines.append(
            "|" + "|".join("---:" if c == "Quantity" else "---" for c in d.ITEM_COLUMNS) + "|"
        )
        for item in event["items"]:
            lines.append("| " + " | ".join(escape(c) for c in d.item_row(item, names)) + " |")
        lines.append("")
    facts = [f"- **Money:** {escape(d.money_text(m, names))}" for m in event.get("money") or []]
    facts += [f"- **Sources:** {escape(d.chain_text(a))}" for a in event.get("attribution") or []]
    if not event.get("attribution"):
        facts.append("- **Sources:** the article itself")
    facts.append(
        f"- **Factuality:** {escape(str(event.get('factuality')))}"
        f"{d.DOT}**Confidence:** {event.get('confidence'):.2f}{d.DOT}**Id:** `{event['id']}`"
    )
    facts += [
        f"- **Evidence:** {escape(d.evidence_text(e, text))}" for e in event.get("evidence") or []
    ]
    return [*lines, *facts, ""]


def _entities(entities: Sequence[Mapping[str, Any]], names: d.Names) -> list[str]:
    if not entities:
        return ["No entities.", ""]
    lines: list[str] = []
    for heading, group in d.group_entities(entities):
        lines += [f"### {heading}", ""]
        for entity in group:
            facts = escape(d.DOT.join(d.entity_facts(entity, names)))
            lines.append(f"- **{escape(entity['name'])}** — {facts}")
        lines.append("")
    return lines
