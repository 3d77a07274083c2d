"""The floors CI enforces: ``{figure: floor}`` in tests/eval/floors.yaml.

A figure is one headline number of the evaluation (:func:`headline`): the F1 of a
precision/recall field, the accuracy of an accuracy field, the merging figures (pairwise
precision and F1, B-cubed F1; on the corpus' story slugs, on its event labels and on the samples'
labels), and the
PLOVER figures. Floors only move up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import yaml

from newstrace.errors import GoldError
from newstrace.eval.metrics import FIELDS, Counts
from newstrace.eval.plover import PloverResult
from newstrace.eval.runner import CorpusResult

PLOVER_FIGURES = ("plover_type", "plover_actor_countries")
#: Merging ("same story") figures: ``merge_*`` on the corpus' topic slugs, ``merge_events_*`` on
#: its event labels, ``merge_samples_*`` on the samples.
MERGE_FIGURES = (
    "merge_pairwise_f1",
    "merge_pairwise_precision",
    "merge_bcubed_f1",
    "merge_events_pairwise_f1",
    "merge_events_pairwise_precision",
    "merge_events_bcubed_f1",
    "merge_samples_pairwise_f1",
    "merge_samples_pairwise_precision",
    "merge_samples_bcubed_f1",
)
FIGURES = (*FIELDS, *MERGE_FIGURES, *PLOVER_FIGURES)


@dataclass(frozen=True, slots=True)
class Shortfall:
    figure: str
    value: float | None  # None: the run had no data for it
    floor: float

    def __str__(self) -> str:
        got = "no data" if self.value is None else f"{self.value:.4f}"
        return f"{self.figure}: {got} is below its floor {self.floor:.2f}"


def headline(corpus: CorpusResult | None, plover: PloverResult | None) -> dict[str, float | None]:
    """Each gated figure's value (F1 or accuracy); figures of a part not run are absent."""
    out: dict[str, float | None] = {}
    if corpus is not None:
        for name in FIELDS:
            figure = corpus.total.fields[name]
            out[name] = figure.f1 if isinstance(figure, Counts) else figure.accuracy
        for prefix, merged in (
            ("merge", corpus.merge),
            ("merge_events", corpus.events_merge),
            ("merge_samples", corpus.samples_merge),
        ):
            if merged is not None:
                out[f"{prefix}_pairwise_f1"] = merged.pairwise["f1"]
                out[f"{prefix}_pairwise_precision"] = merged.pairwise["precision"]
                out[f"{prefix}_bcubed_f1"] = merged.bcubed["f1"]
    if plover is not None:
        out["plover_type"] = plover.type_accuracy.accuracy
        out["plover_actor_countries"] = plover.countries.f1
    return out


def load_floors(path: Path | str) -> dict[str, float]:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as err:
        raise GoldError(f"cannot read floors: {err.strerror}", source=str(path)) from err
    except yaml.YAMLError as err:
        raise GoldError(f"not valid YAML: {err}", source=path.name) from err
    if not isinstance(data, dict):
        raise GoldError("expected a mapping {figure: floor}", source=path.name)
    floors: dict[str, float] = {}
    for key, value in data.items():
        if key not in FIGURES:
            raise GoldError(
                f"{key}: no such figure (one of {', '.join(FIGURES)})", source=path.name
            )
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise GoldError(
                f"{key}: a floor is a number from 0 to 1 (got {value!r})", source=path.name
            )
        floors[str(key)] = float(value)
    return floors


def check(figures: dict[str, float | None], floors: dict[str, float]) -> list[Shortfall]:
    """Every figure below its floor. Figures of a part that was not run are not checked."""
    out = []
    for name, floor in floors.items():
        if name not in figures:
            continue
        value = figures[name]
        if value is None or round(value, 4) < floor:
            out.append(Shortfall(name, value, floor))
    return out


def unchecked(figures: dict[str, float | None], floors: dict[str, float]) -> list[str]:
    """Floors whose figure was not computed in this run (e.g. the PLOVER file is absent)."""
    return [name for name in floors if name not in figures]


def suggest(figures: dict[str, float | None], margin: float = 0.02) -> dict[str, float]:
    """Floors for ``figures``: each value minus ``margin``, rounded down to 2 decimals."""
    return {
        name: max(0.0, math.floor((value - margin) * 100 + 1e-9) / 100)
        for name, value in figures.items()
        if value is not None
    }


def render_floors(floors: dict[str, float]) -> str:
    """``floors`` as the lines of a floors file, in the order of :data:`FIGURES`."""
    return "".join(f"{name}: {floors[name]:.2f}\n" for name in FIGURES if name in floors)


if __name__ == "__main__":  # pragma: no cover - python -m newstrace.eval.floors eval.json
    import json
    import sys

    if len(sys.argv) != 2:
        sys.exit("usage: python -m newstrace.eval.floors EVAL_JSON  (from newstrace eval -f json)")
    measured = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))["figures"]
    sys.stdout.write(render_floors(suggest(measured)))
