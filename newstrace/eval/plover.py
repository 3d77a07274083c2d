"""The external check: the PLOVER gold-standard records (``PLOVER_GSR_CAMEO.txt``).

Each record is one English sentence from the CAMEO manual with its event type and its source
and target actors. Each sentence is analysed as an article of its own, without a date, and:

* **type accuracy** — the share of records whose *first core event* (the core event whose
  evidence starts first; the first event of any salience when none is core) has the record's
  type. A sentence with no event counts as wrong;
* **any-type accuracy** — the share of records where *some* predicted event has the type
  (a looser figure, shown beside it, never gated);
* **actor countries** — precision and recall of the set of country codes of the record's
  source and target actors against the country codes of every predicted event's actors and
  recipients (``org:``/``group:`` codes and CAMEO's non-state codes IGO, NGO, IMG, ISM are left
  out on both sides; CAMEO's JAP, ITL, VTN are read as JPN, ITA, VNM).

The records use PLOVER 0.5b1 names, read as PLOVER 2.0: DEMAND → REQUEST, DISAPPROVE → ACCUSE,
INVESTIGATE → ACCUSE, FIGHT → ASSAULT.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstrace.errors import GoldError
from newstrace.eval.match import Predicted, predicted_events
from newstrace.eval.metrics import Accuracy, Counts
from newstrace.eval.runner import Analyzes
from newstrace.model import Article
from newstrace.model.article import normalise_text
from newstrace.model.event import PLOVER_TYPES

OLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
CAMEO_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class PloverRecord:
    id: str
    text: str
    type: str  # PLOVER 2.0
    countries: frozenset[str]  # ISO3 codes of the source and target actors


@dataclass(slots=True)
class PloverResult:
    records: int = 0
    type_accuracy: Accuracy = field(default_factory=Accuracy)
    any_type_accuracy: Accuracy = field(default_factory=Accuracy)
    no_event: int = 0
    countries: Counts = field(default_factory=Counts)
    per_type: dict[str, Accuracy] = field(default_factory=dict)
    confusions: dict[str, int] = field(default_factory=dict)  # "GOLD -> PREDICTED" -> count


def load_plover(path: Path | str, countries: set[str] | None = None) -> list[PloverRecord]:
    """The sentence records of the file (the DOCUMENT record is left out).

    ``countries`` is the set of valid ISO3 codes; codes outside it are left out.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise GoldError(f"cannot read: {err.strerror}", source=str(path)) from err
    except json.JSONDecodeError as err:
        raise GoldError(f"line {err.lineno}: not valid JSON: {err.msg}", source=path.name) from err
    if not isinstance(data, list):
        raise GoldError("expected a JSON array of records", source=path.name)
    out = []
    for n, raw in enumerate(data):
        if not isinstance(raw, dict):
            raise GoldError(f"record {n}: expected an object", source=path.name)
        event = raw.get("event")
        if event == "DOCUMENT":
            continue
        type_ = OLD_NAMES.get(str(event), str(event))
        if type_ not in PLOVER_TYPES or not isinstance(raw.get("text"), str):
            raise GoldError(
                f"record {raw.get('id', n)}: event: {event!r} is not a PLOVER type",
                source=path.name,
            )
        codes = {_country(a) for a in (*_actors(raw.get("source")), *_actors(raw.get("target")))}
        out.append(
            PloverRecord(
                id=str(raw.get("id", n)),
                text=raw["text"],
                type=type_,
                countries=frozenset(
                    c for c in codes if c and (countries is None or c in countries)
                ),
            )
        )
    return out


def evaluate_plover(records: list[PloverRecord], engine: Analyzes) -> PloverResult:
    """Analyse every record's sentence (one batch, no date) and score type and actors."""
    result = PloverResult()
    articles = (Article(text=normalise_text(r.text), source=r.id, language="en") for r in records)
    reports = engine.analyze(articles)
    for record, report in zip(records, reports, strict=True):
        predicted = predicted_events(report, engine.knowledge)
        first = first_core(predicted)
        got = first.type if first else None
        ok = got == record.type
        result.records += 1
        result.type_accuracy.count(ok)
        result.any_type_accuracy.count(any(p.type == record.type for p in predicted))
        result.per_type.setdefault(record.type, Accuracy()).count(ok)
        if first is None:
            result.no_event += 1
        if not ok:
            key = f"{record.type} -> {got or 'no event'}"
            result.confusions[key] = result.confusions.get(key, 0) + 1
        found = {c for p in predicted for c in (*p.actors, *p.recipients) if ISO3.match(c)}
        result.countries.add(Counts.of_sets(found, record.countries))
    return result


def first_core(predicted: list[Predicted]) -> Predicted | None:
    """The core event whose evidence starts first; else the first event; else None."""
    if not predicted:
        return None

    def start(p: Predicted) -> int:
        return min((e.start for e in p.event.evidence), default=1 << 30)

    core = [p for p in predicted if p.event.salience == "core"] or list(predicted)
    return min(core, key=start)


def _actors(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [a for a in value if isinstance(a, dict)]
    return []  # "" or a stray string ("diplomatic") in a few records


def _country(actor: dict[str, Any]) -> str | None:
    code = str(actor.get("code") or "")[:3].upper()
    code = CAMEO_COUNTRIES.get(code, code)
    return code if ISO3.match(code) else None
