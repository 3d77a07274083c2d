"""The evaluation's output: Rich tables for people, one JSON object for the gate and the docs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from newstrace.eval.floors import Shortfall, headline
from newstrace.eval.metrics import FIELDS
from newstrace.eval.plover import PloverResult
from newstrace.eval.runner import CorpusResult

SCHEMA = "newstrace.eval/1"
WORST = 10


def to_json(
    corpus: CorpusResult | None,
    plover: PloverResult | None,
    *,
    corpus_path: Path | str | None = None,
    plover_path: Path | str | None = None,
    plover_skipped: str | None = None,
    shortfalls: list[Shortfall] | None = None,
    seconds: float | None = None,
) -> dict[str, Any]:
    """Every figure of the run as one JSON-ready object (docs/eval.md describes it)."""
    return {
        "schema": SCHEMA,
        "figures": headline(corpus, plover),
        "corpus": _corpus(corpus, corpus_path) if corpus is not None else None,
        "merge": _merge(corpus) if corpus is not None else None,
        "plover": _plover(plover, plover_path) if plover is not None else None,
        "plover_skipped": plover_skipped,
        "below_floor": [
            {"figure": s.figure, "value": s.value, "floor": s.floor} for s in shortfalls or []
        ],
        "seconds": None if seconds is None else round(seconds, 1),
    }


def _corpus(result: CorpusResult, path: Path | str | None) -> dict[str, Any]:
    total = result.total
    return {
        "path": None if path is None else str(path),
        "articles": len(result.articles),
        "stories": result.stories,
        "gold_events": result.gold_events,
        "predicted_events": result.predicted_events,
        "fields": {name: total.fields[name].to_dict() for name in FIELDS},
        "per_type": {t: c.to_dict() for t, c in sorted(total.per_type.items())},
        "failures": dict(total.failures.most_common()),
        "worst": [
            {
                "id": r.id,
                "file": r.article.path.name,
                "story": r.article.gold.story,
                "type_actors_f1": r.scores.counts("type_actors").to_dict()["f1"],
                "gold_events": len(r.article.events),
                "predicted_events": len(r.report.events),
                "notes": r.scores.notes,
            }
            for r in result.worst(WORST)
        ],
        "warnings": result.warnings,
    }


def _merge(result: CorpusResult) -> dict[str, Any]:
    return {
        "unit": "report, in its main story",
        "corpus": result.merge.to_dict() if result.merge is not None else None,
        "corpus_events": (
            result.events_merge.to_dict() if result.events_merge is not None else None
        ),
        "samples": result.samples_merge.to_dict() if result.samples_merge is not None else None,
    }


def _plover(result: PloverResult, path: Path | str | None) -> dict[str, Any]:
    return {
        "path": None if path is None else str(path),
        "records": result.records,
        "type_accuracy": result.type_accuracy.to_dict()["accuracy"],
        "any_type_accuracy": result.any_type_accuracy.to_dict()["accuracy"],
        "no_event": result.no_event,
        "actor_countries": result.countries.to_dict(),
        "per_type": {t: a.to_dict() for t, a in sorted(result.per_type.items())},
        "confusions": dict(sorted(result.confusions.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def render(data: dict[str, Any], console: Console) -> None:
    """Print the object of :func:`to_json` as tables."""
    corpus = data["corpus"]
    if corpus is not None:
        console.print(
            f"corpus {corpus['path']}: {corpus['articles']} articles, {corpus['stories']} "
            f"stories, {corpus['gold_events']} gold events, {corpus['predicted_events']} "
            "predicted events"
        )
        table = Table("field", "P", "R", "F1", "support", title="fields (micro-averaged)")
        for name, figure in corpus["fields"].items():
            if "f1" in figure:
                row = [_f(figure["precision"]), _f(figure["recall"]), _f(figure["f1"])]
            else:
                row = ["", "", _f(figure["accuracy"]) + " acc"]
            table.add_row(name, *row, str(figure["support"]))
        console.print(table)
        per_type = Table(
            "type", "P", "R", "F1", "support", "predicted", title="type + actors, per PLOVER type"
        )
        for name, c in corpus["per_type"].items():
            per_type.add_row(
                name,
                _f(c["precision"]),
                _f(c["recall"]),
                _f(c["f1"]),
                str(c["support"]),
                str(c["predicted"]),
            )
        console.print(per_type)
        worst = Table(
            "id",
            "file",
            "F1",
            "gold",
            "pred",
            "first problems",
            title=f"the {len(corpus['worst'])} worst articles (type + actors F1)",
        )
        for w in corpus["worst"]:
            worst.add_row(
                w["id"],
                w["file"],
                _f(w["type_actors_f1"]),
                str(w["gold_events"]),
                str(w["predicted_events"]),
                "; ".join(w["notes"][:3]),
            )
        console.print(worst)
        if corpus["failures"]:
            console.print(
                "failure kinds: "
                + ", ".join(f"{kind} {n}" for kind, n in corpus["failures"].items())
            )
        for warning in corpus["warnings"]:
            console.print(f"warning: {warning}", markup=False)
    merge = data.get("merge")
    if merge is not None and (merge["corpus"] or merge.get("corpus_events") or merge["samples"]):
        table = Table(
            "labels",
            "reports",
            "gold stories",
            "main stories",
            "pairwise P / R / F1",
            "B-cubed P / R / F1",
            title="merging: same story (each report in its main story)",
        )
        rows = (
            ("corpus story: slugs (topics)", merge["corpus"]),
            ("samples (events)", merge["samples"]),
            ("corpus event: labels", merge.get("corpus_events")),
        )
        for name, m in rows:
            if m is None:
                continue
            table.add_row(
                name,
                str(m["reports"]),
                str(m["gold_stories"]),
                str(m["main_stories"]),
                " / ".join(_f(m["pairwise"][k]) for k in ("precision", "recall", "f1")),
                " / ".join(_f(m["bcubed"][k]) for k in ("precision", "recall", "f1")),
            )
        console.print(table)
        events = merge.get("corpus_events")
        if events is not None:
            for kind, key in (("missed", "missed_pairs"), ("wrongly merged", "wrong_pairs")):
                pairs = events.get(key) or []
                if pairs:
                    console.print(
                        f"event pairs {kind} ({len(pairs)}): "
                        + ", ".join(f"{a}+{b}" for a, b in pairs),
                        markup=False,
                    )
    plover = data["plover"]
    if plover is not None:
        countries = plover["actor_countries"]
        table = Table(
            "figure",
            "value",
            "support",
            title=f"PLOVER gold-standard records ({plover['records']} sentences)",
        )
        table.add_row(
            "type accuracy (first core event)", _f(plover["type_accuracy"]), str(plover["records"])
        )
        table.add_row(
            "type accuracy (any event)", _f(plover["any_type_accuracy"]), str(plover["records"])
        )
        table.add_row("sentences with no event", str(plover["no_event"]), "")
        table.add_row(
            "actor countries P / R / F1",
            " / ".join(_f(countries[k]) for k in ("precision", "recall", "f1")),
            str(countries["support"]),
        )
        console.print(table)
        top = list(plover["confusions"].items())[:8]
        if top:
            console.print("most frequent type errors: " + ", ".join(f"{k} ({n})" for k, n in top))
    elif data["plover_skipped"]:
        console.print(f"PLOVER check skipped: {data['plover_skipped']}", markup=False)
    for s in data["below_floor"]:
        console.print(
            f"[bold red]below floor[/]: {s['figure']}: "
            f"{'no data' if s['value'] is None else format(s['value'], '.4f')} "
            f"< {s['floor']:.2f}"
        )


def _f(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"
