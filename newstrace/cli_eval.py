"""``newstrace eval``: the evaluation gate (docs/eval.md).

Registered on the ``newstrace`` app by the last line of :mod:`newstrace.cli`. Tables (or the
JSON object) go to standard output; progress, warnings and floor failures to standard error.
"""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli import _fail, _load_settings, _quiet_libraries, app, err_console, out_console
from newstrace.errors import NewstraceError

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path("tests/eval/corpus")
DEFAULT_PLOVER = Path("../shared/datasets/plover/PLOVER_GSR_CAMEO.txt")


class EvalFormat(StrEnum):
    text = "text"
    json = "json"


def _in_repo(path: Path) -> Path:
    """A default path is relative to the repository; a given one to the working directory."""
    return path if path.is_absolute() else ROOT / path


@app.command("eval")
def eval_command(
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus",
            help="Directory of NNN_slug.txt articles and their .gold.yaml files "
            "[default: tests/eval/corpus in the repository].",
        ),
    ] = None,
    plover: Annotated[
        Path | None,
        typer.Option(
            "--plover",
            help="PLOVER gold-standard records (JSON array) for the external check "
            "[default: ../shared/datasets/plover/PLOVER_GSR_CAMEO.txt beside the repository; "
            "skipped with a message when absent].",
        ),
    ] = None,
    fmt: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="text: tables; json: one JSON object.")
    ] = EvalFormat.text,
    check: Annotated[
        Path | None,
        typer.Option(
            "--check",
            help="Floors file ({figure: floor}, e.g. tests/eval/floors.yaml): exit 1 and name "
            "every figure below its floor.",
        ),
    ] = None,
) -> None:
    """Score newstrace against the gold corpus and the PLOVER records; check the floors."""
    from newstrace.eval.floors import check as check_floors
    from newstrace.eval.floors import headline, load_floors, unchecked
    from newstrace.eval.gold import load_corpus
    from newstrace.eval.plover import evaluate_plover, load_plover
    from newstrace.eval.report import render, to_json
    from newstrace.eval.runner import evaluate_corpus
    from newstrace.pipeline import Engine

    started = time.perf_counter()
    corpus_path = corpus if corpus is not None else _in_repo(DEFAULT_CORPUS)
    plover_path = plover if plover is not None else _in_repo(DEFAULT_PLOVER)
    _quiet_libraries()
    try:
        floors = load_floors(check) if check is not None else {}
        gold = load_corpus(corpus_path)
        engine = Engine(_load_settings())
        with err_console.status(f"analysing {len(gold.articles)} gold articles"):
            engine.load()
            corpus_result = evaluate_corpus(gold, engine)
        plover_result, skipped = None, None
        if plover_path.is_file():
            records = load_plover(plover_path, set(engine.knowledge.country_names))
            with err_console.status(f"analysing {len(records)} PLOVER sentences"):
                plover_result = evaluate_plover(records, engine)
        else:
            skipped = f"{plover_path} not found"
    except NewstraceError as err:
        _fail(err)
    figures = headline(corpus_result, plover_result)
    shortfalls = check_floors(figures, floors)
    data = to_json(
        corpus_result,
        plover_result,
        corpus_path=corpus_path,
        plover_path=plover_path if plover_result is not None else None,
        plover_skipped=skipped,
        shortfalls=shortfalls,
        seconds=time.perf_counter() - started,
    )
    if fmt is EvalFormat.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        render(data, out_console)
    if skipped:
        err_console.print(f"newstrace: PLOVER check skipped: {skipped}", markup=False)
    for name in unchecked(figures, floors):
        err_console.print(f"newstrace: floor of {name} not checked (not computed)", markup=False)
    for shortfall in shortfalls:
        err_console.print(f"newstrace: below floor: {shortfall}", markup=False)
    if shortfalls:
        raise typer.Exit(1)
