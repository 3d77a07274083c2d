"""``newstrace stories`` and ``newstrace story ID``: stories across outlets (docs/stories.md).

Registered on the main app by one import at the end of :mod:`newstrace.cli`. Before listing,
``stories`` merges the reports stored since the last run into the stories they belong to (only
those stories are read and rewritten).
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.tree import Tree

from newstrace.cli import (
    DbOption,
    _fail,
    _settings,
    _store_or_fail,
    app,
    err_console,
    out_console,
)
from newstrace.errors import NewstraceError, UsageError

#: The report-level fields shown for each source in ``newstrace story``.
_ROLE_STYLE = {"origin": "bold", "independent": "", "echo": "dim", "unattributed": "dim italic"}


class StoryFormat(StrEnum):
    json = "json"
    text = "text"


ReliabilityOption = Annotated[
    Path | None,
    typer.Option(
        "--reliability",
        help="YAML table 'outlet id or name: grade' (A-F) overriding outlets.yaml; "
        "rebuilds every story with it.",
    ),
]


@app.command()
def stories(
    actor: Annotated[
        str | None, typer.Option(help="Only stories with this actor code (VEN, org:eu).")
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="Only stories with this country as actor or recipient.")
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="Only stories of this PLOVER type (REQUEST).")
    ] = None,
    status: Annotated[
        str | None, typer.Option(help="Only stories whose deal status is this (delivered).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Only stories reported on or after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only stories first reported on or before YYYY-MM-DD.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many stories.")] = 50,
    fmt: Annotated[
        StoryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = StoryFormat.text,
    reliability: ReliabilityOption = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Merge every stored report again from scratch.")
    ] = False,
    db: DbOption = None,
) -> None:
    """List stories (merging new reports into them first)."""
    settings = _settings(db)
    first, last = _day("--since", since), _day("--until", until)
    store = _store_or_fail(settings.db)
    try:
        table = _reliability(reliability)
        done = sync_stories(store, reliability=table, rebuild=rebuild or table is not None)
        rows = store.list_stories(
            actor=actor,
            country=country,
            type=type_,
            status=status,
            since=first,
            until=last,
            limit=limit,
        )
    except NewstraceError as err:
        _fail(err)
    finally:
        store.close()
    if fmt is StoryFormat.json:
        for row in rows:
            out_console.print_json(json.dumps(row, ensure_ascii=False), indent=None)
        return
    _print_list(rows)
    err_console.print(
        f"stories: {len(rows)} shown; merged {done['reports']} new report(s) into "
        f"{done['written']} story(ies), {done['removed']} removed"
    )


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="A story id (or a unique prefix of one).")],
    fmt: Annotated[
        StoryFormat, typer.Option("--format", "-f", help="Output format.")
    ] = StoryFormat.text,
    db: DbOption = None,
) -> None:
    """Show one story: timeline, sources as a tree, discrepancies."""
    settings = _settings(db)
    store = _store_or_fail(settings.db)
    try:
        found = store.get_story(story_id) or store.get_story(f"story:{story_id}")
    except NewstraceError as err:
        _fail(err)
    finally:
        store.close()
    if found is None:
        _fail(UsageError(f"no story {story_id!r} in the store (see 'newstrace stories')"))
    if fmt is StoryFormat.json:
        out_console.print_json(json.dumps(found, ensure_ascii=False))
        return
    render_story(found)


def sync_stories(
    store: Any, *, reliability: dict[str, str] | None = None, rebuild: bool = False
) -> dict[str, int]:
    """Merge the stored reports not yet in stories; returns counts of what was done."""
    from newstrace.resolve import keys_for, update

    if rebuild:
        store.clear_stories()
    pending = store.unresolved_articles()
    if not pending:
        return {"reports": 0, "written": 0, "removed": 0}
    new_reports = store.get_reports(pending)
    texts = store.get_texts(pending)
    keys = keys_for(new_reports.values(), texts)
    candidate_ids = store.story_ids_for_keys(keys) | store.story_ids_for_articles(pending)
    candidates = store.get_stories(candidate_ids)
    members = {e["article"] for s in candidates for e in s.get("events", [])} - set(pending)
    member_reports = store.get_reports(members)
    texts.update(store.get_texts(members))
    result = update(
        [new_reports[a] for a in sorted(new_reports)],
        candidates,
        member_reports,
        texts=texts,
        reliability=reliability,
    )
    store.replace_stories(
        [s.to_dict() for s in result.stories], removed=result.removed, resolved=pending
    )
    return {
        "reports": len(pending),
        "written": len(result.stories),
        "removed": len(result.removed),
    }


def _day(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(UsageError(f"{option} {value!r}: expected YYYY-MM-DD"), code=2)


def _reliability(path: Path | None) -> dict[str, str] | None:
    if path is None:
        return None
    from newstrace.resolve.credibility import parse_reliability

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--reliability {path}: cannot read ({exc.strerror})") from None
    return parse_reliability(text, name=str(path))


def _print_list(rows: list[dict[str, Any]]) -> None:
    table = Table(show_edge=False, pad_edge=False)
    for column in ("story", "first", "type", "status", "title", "reports", "indep.", "rating"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["id"].removeprefix("story:"),
            row["first_reported"] or "",
            row["type"],
            row["status"] or "",
            row["title"],
            str(row["reports"]),
            str(row["independent_sources"]),
            row["rating"] or "",
        )
    out_console.print(table)


def render_story(s: dict[str, Any]) -> None:
    """The story in the terminal: summary, merged fields, timeline, sources, discrepancies."""
    cred = s.get("credibility") or {}
    out_console.print(f"[bold]{s['title']}[/bold]  ({s['id']})")
    first = s.get("first_reported") or {}
    out_console.print(
        f"first reported {first.get('date')} by {first.get('outlet')}; "
        f"{s['spread']['reports']} reports over {s['spread']['days']} day(s); "
        f"{s['independent_sources']} independent source(s); "
        f"rating {cred.get('rating')} ({cred.get('meaning')})"
    )
    origin = s.get("origin")
    if origin:
        beyond = f", citing {', '.join(origin['sources'])}" if origin.get("sources") else ""
        where = "in the corpus" if origin.get("in_corpus") else "not in the corpus"
        out_console.print(f"origin: {origin.get('name')} ({where}){beyond}")
    fields = s.get("fields") or {}
    for name in ("actors", "recipients", "when", "money"):
        values = fields.get(name) or []
        if values:
            shown = "; ".join(f"{_value(v['value'])} [{len(v['reports'])}]" for v in values)
            out_console.print(f"{name}: {shown}", markup=False)
    for item in fields.get("items", []):
        parts = [item["category"]]
        if item["designations"]:
            parts.append("/".join(str(d["value"]) for d in item["designations"]))
        if item["quantities"]:
            parts.append(
                "qty "
                + ", ".join(f"{q['value']} [{len(q['reports'])}]" for q in item["quantities"])
            )
        out_console.print("item: " + " — ".join(parts), markup=False)
    if s.get("timeline"):
        out_console.print("[bold]timeline[/bold]")
        for step in s["timeline"]:
            claims = ", ".join(f"{c['value']} {len(c['reports'])}" for c in step["claims"])
            out_console.print(
                f"  {step['date'] or '?'}  {step['status']:<10} {len(step['reports'])} report(s)"
                f" ({claims}){' by ' + ', '.join(step['by']) if step['by'] else ''}",
                markup=False,
            )
    out_console.print(_source_tree(s))
    if s.get("discrepancies"):
        out_console.print("[bold]discrepancies[/bold]")
        for d in s["discrepancies"]:
            values = " vs ".join(f"{_value(v['value'])} [{len(v['reports'])}]" for v in d["values"])
            out_console.print(f"  {d['field']} ({d['kind']}): {values} — {d['note']}", markup=False)


def _source_tree(s: dict[str, Any]) -> Tree:
    tree = Tree("[bold]sources[/bold]")
    reports = {r["article"]: r for r in s["reports"]}
    nodes: dict[str, Tree] = {}

    def label(r: dict[str, Any]) -> str:
        name = r["outlet"]["name"] or "?"
        return f"{name} {r['published'] or ''} [{r['reliability']}] {r['role']}"

    external = {r["echo_of"] for r in s["reports"] if r["echo_of"] and r["echo_of"] not in reports}
    origin = s.get("origin") or {}
    for ext in sorted(external):
        name = origin.get("name") if origin.get("outlet") == ext.removeprefix("outlet:") else ext
        nodes[ext] = tree.add(f"{name} (not in the corpus)")
    pending = [r for r in s["reports"]]
    for _ in range(len(pending) + 1):
        rest = []
        for r in pending:
            parent = r["echo_of"]
            if parent is None:
                nodes[r["article"]] = tree.add(label(r), style=_ROLE_STYLE.get(r["role"], ""))
            elif parent in nodes:
                nodes[r["article"]] = nodes[parent].add(
                    label(r) + f" ({r['via']})", style=_ROLE_STYLE.get(r["role"], "")
                )
            else:
                rest.append(r)
        if not rest:
            break
        pending = rest
    return tree


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values() if v is not None)
    return str(value)


__all__ = ["render_story", "stories", "story", "sync_stories"]
