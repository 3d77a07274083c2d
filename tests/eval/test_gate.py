"""The evaluation gate: extraction quality on the gold corpus never falls below its floors.

Runs the whole evaluation once (one engine for the session) and checks every figure against
tests/eval/floors.yaml, and that the corpus is as large and as varied as promised. When a figure
falls, fix the extraction (or the gold, if it is wrong); never lower a floor to let a change in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newstrace.eval.floors import PLOVER_FIGURES, check, headline, load_floors
from newstrace.eval.gold import load_corpus
from newstrace.eval.plover import PloverResult, evaluate_plover, load_plover
from newstrace.eval.runner import CorpusResult, check_references, evaluate_corpus
from newstrace.model.event import PLOVER_TYPES

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "eval" / "corpus"
FLOORS = ROOT / "tests" / "eval" / "floors.yaml"
PLOVER = ROOT.parent / "shared" / "datasets" / "plover" / "PLOVER_GSR_CAMEO.txt"

MIN_ARTICLES = 80
MIN_STORIES = 15


@pytest.fixture(scope="module")
def corpus_result(engine: Any) -> CorpusResult:
    return evaluate_corpus(load_corpus(CORPUS), engine)


@pytest.fixture(scope="module")
def plover_result(engine: Any) -> PloverResult:
    if not PLOVER.is_file():
        pytest.skip(f"{PLOVER} not found: the PLOVER floors are not checked")
    records = load_plover(PLOVER, set(engine.knowledge.country_names))
    return evaluate_plover(records, engine)


def test_corpus_figures_are_at_or_above_their_floors(corpus_result: CorpusResult) -> None:
    floors = {k: v for k, v in load_floors(FLOORS).items() if k not in PLOVER_FIGURES}
    below = check(headline(corpus_result, None), floors)
    assert not below, "below floor:\n" + "\n".join(str(s) for s in below)


def test_plover_figures_are_at_or_above_their_floors(plover_result: PloverResult) -> None:
    floors = {k: v for k, v in load_floors(FLOORS).items() if k in PLOVER_FIGURES}
    below = check(headline(None, plover_result), floors)
    assert not below, "below floor:\n" + "\n".join(str(s) for s in below)
    assert plover_result.records == 322


def test_corpus_is_large_enough() -> None:
    corpus = load_corpus(CORPUS)
    assert len(corpus.articles) >= MIN_ARTICLES, f"{len(corpus.articles)} gold articles"
    assert len(corpus.stories) >= MIN_STORIES, f"{len(corpus.stories)} stories"


def test_corpus_has_every_plover_type() -> None:
    missing = set(PLOVER_TYPES) - load_corpus(CORPUS).types
    assert not missing, f"no gold event of type {sorted(missing)}"


def test_every_text_has_its_gold() -> None:
    assert load_corpus(CORPUS).warnings == []


def test_every_gold_file_has_an_event_label() -> None:
    """The event-level merging figures (merge_events_*) score every article of the corpus."""
    corpus = load_corpus(CORPUS)
    missing = [a.path.name for a in corpus.articles if a.gold.event is None]
    assert not missing, f"no event: label in {missing}"
    assert len(corpus.events) >= MIN_STORIES, f"{len(corpus.events)} event labels"
    assert len(corpus.events) < len(corpus.articles), "no two articles share an event label"


def test_gold_names_only_what_the_knowledge_files_know(engine: Any) -> None:
    problems = check_references(load_corpus(CORPUS), engine.knowledge)
    assert not problems, "\n".join(problems)
