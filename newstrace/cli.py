"""The ``newstrace`` command: thin commands over the library.

Errors from the library are translated here, in one place (:func:`_fail`): a one-line message
on standard error and exit status 1 (nothing analysed) or 2 (usage error). Reports go to
standard output; progress, messages and the closing summary go to standard error.
"""

from __future__ import annotations

import logging
import sys
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from newstrace import __version__
from newstrace.errors import NewstraceError, UsageError
from newstrace.settings import Settings, get_settings

if TYPE_CHECKING:
    from newstrace.store import Store

app = typer.Typer(
    name="newstrace",
    help="International-security news to a structured, source-attributed record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)


class Format(StrEnum):
    json = "json"
    text = "text"
    md = "md"


RENDERER_OF = {Format.json: "json", Format.text: "text", Format.md: "markdown"}

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLAlchemy URL of the store (default: NEWSTRACE_DB, "
        "sqlite:///newstrace.db). 'sqlite://' keeps it in memory.",
    ),
]


def _fail(err: NewstraceError, code: int = 1) -> NoReturn:
    err_console.print(f"newstrace: error: {err}", markup=False)
    raise typer.Exit(code)


def _settings(db: str | None) -> Settings:
    settings = _load_settings()
    if db:
        settings = settings.model_copy(update={"db": db})
    return settings


def _load_settings() -> Settings:
    """The settings, or a one-line usage error naming the bad variable."""
    from pydantic import ValidationError

    try:
        return get_settings()
    except ValidationError as err:
        first = err.errors()[0]
        name = "NEWSTRACE_" + str(first["loc"][0]).upper() if first["loc"] else "a setting"
        _fail(UsageError(f"{name}: {first['msg']} (got {first.get('input')!r})"), code=2)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        err_console.print(
            f"newstrace: error: --published {value!r}: expected YYYY-MM-DD", markup=False
        )
        raise typer.Exit(2) from None


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, directories (read recursively) or '-' for standard input."),
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD for inputs that do not carry one."),
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Outlet name for inputs that do not carry one.")
    ] = None,
    url: Annotated[str | None, typer.Option(help="URL for inputs that do not carry one.")] = None,
    db: DbOption = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not store the reports.")] = False,
) -> None:
    """Analyse articles: print one report per article and store it."""
    from newstrace.export import render
    from newstrace.pipeline import Engine, Summary, run

    settings = _settings(db)
    when = _parse_date(published)
    _quiet_libraries()
    try:
        engine = Engine(settings)
        engine.load()
        store = None if no_store else _open_store(settings.db)
    except NewstraceError as err:
        _fail(err)
    summary = Summary()
    many = len(paths) > 1 or any(_is_dir(p) for p in paths)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err_console,
        transient=True,
        disable=not many,
    )
    with progress:
        task = progress.add_task("analysing", total=None)
        for outcome in run(
            paths,
            engine=engine,
            store=store,
            published=when,
            outlet=outlet,
            url=url,
            stdin=sys.stdin.buffer,
        ):
            summary.add(outcome)
            progress.advance(task)
            if outcome.error is not None:
                progress.console.print(f"newstrace: {outcome.error}", markup=False)
                continue
            assert outcome.report is not None
            report = outcome.report.to_dict()
            texts = {outcome.report.article.id: outcome.report.article.text}
            rendered = render([report], RENDERER_OF[fmt], texts)
            if fmt is Format.json:
                sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
                sys.stdout.flush()
            else:
                progress.console.file.flush()
                sys.stdout.write(rendered + ("\n" if not rendered.endswith("\n") else ""))
                sys.stdout.flush()
    if store is not None:
        store.close()
    _print_summary(summary)
    raise typer.Exit(0 if summary.analysed else 1)


def _print_summary(summary: object) -> None:
    from newstrace.pipeline import Summary

    assert isinstance(summary, Summary)
    line = (
        f"analysed {summary.analysed} article(s) ({summary.unchanged} already stored "
        f"unchanged), {summary.events} event(s); skipped {summary.skipped}; "
        f"failed {summary.failed}"
    )
    if summary.codes:
        line += " (" + ", ".join(f"{code}: {n}" for code, n in sorted(summary.codes.items())) + ")"
    err_console.print(line, markup=False)


@app.command()
def briefing(
    db: DbOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    limit: Annotated[int, typer.Option(help="At most this many articles.")] = 50,
) -> None:
    """Print the stored reports, newest first."""
    from newstrace.export import render

    store = _store_or_fail(db)
    rows = store.list_articles(limit=limit)
    reports, texts = [], {}
    for row in rows:
        report = store.get_report(row["id"])
        text = store.get_text(row["id"])
        if report is None:
            continue
        reports.append(report)
        if text is not None:
            texts[row["id"]] = text
    store.close()
    if not reports:
        err_console.print("newstrace: the store holds no articles yet; run 'newstrace analyze'")
        raise typer.Exit(1)
    sys.stdout.write(render(reports, RENDERER_OF[fmt], texts) + "\n")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="An article id (or a unique prefix of one).")],
    db: DbOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
) -> None:
    """Print one stored report."""
    from newstrace.export import render

    store = _store_or_fail(db)
    matches = [
        r["id"] for r in store.list_articles(limit=100_000) if r["id"].startswith(article_id)
    ]
    if len(matches) != 1:
        store.close()
        _fail(
            UsageError(f"{len(matches)} stored articles match {article_id!r}; give more of the id")
        )
    report = store.get_report(matches[0])
    text = store.get_text(matches[0])
    store.close()
    assert report is not None
    sys.stdout.write(render([report], RENDERER_OF[fmt], {matches[0]: text or ""}) + "\n")


@app.command()
def knowledge() -> None:
    """Check the knowledge files and print how many entries each holds."""
    from newstrace.nlp.knowledge import load_knowledge

    try:
        kb = load_knowledge(_load_settings().knowledge_dir)
    except NewstraceError as err:
        _fail(err)
    table = Table("file", "entries", title="newstrace knowledge")
    for name, count in [
        ("countries.yaml", len(kb.countries)),
        ("places.yaml", len(kb.places)),
        ("officials.yaml", len(kb.people)),
        ("organizations.yaml", len(kb.organizations)),
        ("outlets.yaml", len(kb.outlets)),
        ("weapons.yaml", len(kb.weapons)),
        ("titles.yaml", len(kb.titles)),
        ("triggers.yaml", len(kb.triggers)),
        ("materiel.yaml", len(kb.materiel)),
        ("groups.yaml", len(kb.groups)),
    ]:
        table.add_row(name, str(count))
    out_console.print(table)


@app.command("settings")
def show_settings() -> None:
    """List every setting, its environment variable, value and meaning."""
    settings = _load_settings()
    table = Table("variable", "value", "description", title="newstrace settings")
    for name, info in Settings.model_fields.items():
        table.add_row(
            f"NEWSTRACE_{name.upper()}", str(getattr(settings, name)), info.description or ""
        )
    out_console.print(table)


@app.command()
def version() -> None:
    """Print the version."""
    out_console.print(f"newstrace {__version__}")


def _store_or_fail(db: str | None) -> Store:
    try:
        return _open_store(_settings(db).db)
    except NewstraceError as err:
        _fail(err)


def _open_store(url: str) -> Store:
    from newstrace.store import open_store

    return open_store(url)


def _is_dir(path: str) -> bool:
    import os

    return path != "-" and os.path.isdir(path)


def _quiet_libraries() -> None:
    for name in ("trafilatura", "htmldate", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


# Commands defined in their own modules register themselves on ``app`` when imported.
import newstrace.cli_eval  # noqa: E402
import newstrace.cli_serve  # noqa: E402
import newstrace.cli_stories  # noqa: E402, F401


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
