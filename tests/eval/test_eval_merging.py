"""Merging quality in the evaluation (newstrace/eval/merging.py): "same story", scored."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from newstrace.errors import GoldError
from newstrace.eval.floors import MERGE_FIGURES, headline
from newstrace.eval.gold import load_corpus
from newstrace.eval.merging import (
    Merged,
    MergeResult,
    merge_reports,
    sample_labels,
    score_labels,
    score_merging,
)
from newstrace.eval.report import render, to_json
from newstrace.eval.runner import CorpusResult, evaluate_corpus


def _report(
    outlet: str,
    published: str,
    *,
    actor: str = "USA",
    recipient: str = "TWN",
    item: tuple[str, str, str | None] | None = ("60 Harpoon missiles", "missile", "harpoon"),
    when: str | None = None,
    type_: str = "AGREE",
    status: str | None = "agreed",
) -> dict[str, Any]:
    """A one-event ``newstrace.report/1`` dict (an item's first number is exact)."""
    article = hashlib.sha256(f"{outlet}|{published}|{item}|{actor}".encode()).hexdigest()
    items = []
    if item is not None:
        text, category, system = item
        number = next((float(w) for w in text.split() if w.isdigit()), None)
        items.append(
            {"text": text, "category": category, "system": system, "origin": None,
             "quantity": {"value": number, "low": None, "high": None,
                          "kind": "exact" if number is not None else "unspecified",
                          "word": None},
             "action": "sell", "evidence": []}
        )  # fmt: skip
    event = {
        "id": f"ev-{article[:8]}", "type": type_, "mode": None, "contexts": [], "status": status,
        "actors": [f"country:{actor}"], "recipients": [f"country:{recipient}"],
        "intermediaries": [],
        "when": {"text": None, "start": when, "end": when,
                 "precision": "day" if when else "unknown"},
        "where": [], "items": items, "money": [], "factuality": "asserted", "negated": False,
        "attribution": [], "salience": "core", "evidence": [], "confidence": 0.8,
    }  # fmt: skip
    return {
        "schema": "newstrace.report/1",
        "article": {"id": article, "url": None, "outlet": {"id": None, "name": outlet},
                    "title": None, "published": published, "published_basis": "metadata",
                    "language": "en", "chars": 100},
        "entities": [
            {"id": f"country:{c}", "kind": "country", "name": c, "country": c, "roles": [],
             "wikidata": None, "mentions": []}
            for c in (actor, recipient)
        ],
        "events": [event], "filler": [], "warnings": [],
    }  # fmt: skip


@pytest.fixture
def reports() -> list[dict[str, Any]]:
    return [
        _report("Reuters", "2022-09-03", when="2022-09-02"),
        _report("Associated Press", "2022-09-03", when="2022-09-02"),
        _report(
            "Reuters",
            "2024-02-10",
            actor="USA",
            recipient="UKR",
            item=("31 M1 Abrams tanks", "tank", None),
            when="2024-02-09",
        ),
    ]


def _ids(reports: list[dict[str, Any]]) -> list[str]:
    return [r["article"]["id"] for r in reports]


def test_same_story_merged_and_others_apart_score_one(reports: list[dict[str, Any]]) -> None:
    a, b, c = _ids(reports)
    result = score_merging(reports, {a: "harpoon", b: "harpoon", c: "abrams"})
    assert result.reports == 3 and result.gold_stories == 2 and result.main_stories == 2
    assert result.pairwise == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result.bcubed["f1"] == 1.0


def test_topic_labels_cost_recall_not_precision(reports: list[dict[str, Any]]) -> None:
    """Gold that lumps two events into one topic: the merger keeps them apart."""
    a, b, c = _ids(reports)
    result = score_merging(reports, {a: "us-arms", b: "us-arms", c: "us-arms"})
    assert result.pairwise["precision"] == 1.0
    assert result.pairwise["recall"] == pytest.approx(1 / 3, abs=1e-4)


def test_unlabelled_reports_are_merged_but_not_scored(reports: list[dict[str, Any]]) -> None:
    a, b, _ = _ids(reports)
    result = score_merging(reports, {a: "harpoon", b: "harpoon"})
    assert result.reports == 2 and result.stories == 2


def test_a_report_with_no_story_is_a_story_of_its_own() -> None:
    bare = _report("Reuters", "2022-09-03", item=None)
    bare["events"][0]["actors"] = bare["events"][0]["recipients"] = []
    other = _report("Reuters", "2022-09-04")
    result = score_merging([bare, other], {r["article"]["id"]: "x" for r in (bare, other)})
    assert result.main_stories == 2 and result.pairwise["recall"] == 0.0


def test_sample_labels(tmp_path: Path, reports: list[dict[str, Any]]) -> None:
    labels = tmp_path / "labels.yaml"
    labels.write_text("Reuters|2022-09-03: S1\nAssociated Press|2022-09-03: S1\n", encoding="utf-8")
    a, b, _ = _ids(reports)
    assert sample_labels(reports[:2], labels) == {a: "S1", b: "S1"}
    with pytest.raises(GoldError, match=re.escape("no story label for 'Reuters|2024-02-10'")):
        sample_labels(reports, labels)


def _merge_result(f1: float) -> MergeResult:
    return MergeResult(
        reports=4,
        gold_stories=2,
        stories=5,
        main_stories=3,
        pairwise={"precision": 1.0, "recall": 0.5, "f1": f1},
        bcubed={"precision": 1.0, "recall": 0.75, "f1": 0.8571},
    )


def test_merge_figures_are_headline_figures_json_and_tables() -> None:
    events = MergeResult(
        reports=4,
        gold_stories=3,
        stories=5,
        main_stories=3,
        pairwise={"precision": 0.5, "recall": 1.0, "f1": 0.6667},
        bcubed={"precision": 0.75, "recall": 1.0, "f1": 0.8571},
        missed=(("001", "005"),),
        wrong=(("002", "003"), ("002", "004")),
    )
    result = CorpusResult(
        merge=_merge_result(0.4), events_merge=events, samples_merge=_merge_result(0.9)
    )
    figures = headline(result, None)
    assert {k: figures[k] for k in MERGE_FIGURES} == {
        "merge_pairwise_f1": 0.4,
        "merge_pairwise_precision": 1.0,
        "merge_bcubed_f1": 0.8571,
        "merge_events_pairwise_f1": 0.6667,
        "merge_events_pairwise_precision": 0.5,
        "merge_events_bcubed_f1": 0.8571,
        "merge_samples_pairwise_f1": 0.9,
        "merge_samples_pairwise_precision": 1.0,
        "merge_samples_bcubed_f1": 0.8571,
    }
    data = to_json(result, None)
    assert data["merge"]["corpus"]["pairwise"]["f1"] == 0.4
    assert data["merge"]["corpus_events"]["pairwise"]["precision"] == 0.5
    assert data["merge"]["corpus_events"]["missed_pairs"] == [["001", "005"]]
    assert data["merge"]["samples"]["main_stories"] == 3
    console = Console(record=True, width=160)
    render(data, console)
    text = console.export_text()
    assert "merging: same story" in text and "0.400" in text
    rows = [line for line in text.splitlines() if "corpus event: labels" in line]
    assert len(rows) == 1 and "0.500 / 1.000 / 0.667" in rows[0], text
    assert "event pairs missed (1): 001+005" in text
    assert "event pairs wrongly merged (2): 002+003, 002+004" in text


def test_score_labels_on_a_handmade_clustering() -> None:
    """Main stories {a,b,c} {d} {e}; gold events {a,b} {c} {d,e}: every figure by hand."""
    merged = Merged(stories=4, main={"a": "s1", "b": "s1", "c": "s1", "d": "s2", "e": "s3"})
    gold = {"a": "x", "b": "x", "c": "y", "d": "z", "e": "z"}
    result = score_labels(merged, gold, {k: k.upper() for k in gold})
    # predicted pairs ab ac bc (ab right); gold pairs ab de (de missed)
    assert result.pairwise == {"precision": 0.3333, "recall": 0.5, "f1": 0.4}
    # B-cubed precision: a,b 2/3, c 1/3, d,e 1 -> 11/15; recall: a,b,c 1, d,e 1/2 -> 4/5
    assert result.bcubed == {"precision": 0.7333, "recall": 0.8, "f1": 0.7652}
    assert result.missed == (("D", "E"),) and result.wrong == (("A", "C"), ("B", "C"))
    assert (result.reports, result.gold_stories, result.main_stories) == (5, 3, 3)
    assert result.stories == 4


def test_one_merge_scored_against_topics_and_events(reports: list[dict[str, Any]]) -> None:
    """Same stories, two label sets: topic labels lump two events, event labels do not."""
    a, b, c = _ids(reports)
    merged = merge_reports(reports)
    topics = score_labels(merged, {a: "us-arms", b: "us-arms", c: "us-arms"})
    events = score_labels(merged, {a: "harpoon-2022", b: "harpoon-2022", c: "abrams-2024"})
    assert topics.pairwise["precision"] == 1.0 and topics.pairwise["recall"] < 0.5
    assert events.pairwise == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert topics.missed and not events.missed and not events.wrong


def test_merge_figures_absent_when_not_computed() -> None:
    figures = headline(CorpusResult(), None)
    assert not set(MERGE_FIGURES) & set(figures)


def test_evaluate_corpus_scores_the_corpus_merging(engine: Any, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = (
        "Venezuela asks Russia for military aid\n\n"
        "Venezuela has asked Russia for 14 missile units, The Washington Post reported.\n"
    )
    for n, outlet in (("001", "The Washington Post"), ("002", "Reuters")):
        (folder / f"{n}_x.txt").write_text(text.replace("units", f"units ({outlet})"))
        (folder / f"{n}_x.gold.yaml").write_text(
            f'id: "{n}"\nstory: venezuela-russia-aid-2025\nevent: maduro-letter-2025\n'
            f"outlet: {outlet}\n"
            'published: "2025-10-31"\nevents: []\n'
        )
    result = evaluate_corpus(load_corpus(folder), engine, samples=tmp_path / "no-samples")
    assert result.merge is not None and result.merge.reports == 2
    assert result.events_merge is not None and result.events_merge.gold_stories == 1
    assert result.events_merge.pairwise == result.merge.pairwise  # one topic, one event
    assert result.samples_merge is None
    assert any("samples' merging is not scored" in w for w in result.warnings)
    assert evaluate_corpus(load_corpus(folder), engine, samples=None).samples_merge is None
    for gold in folder.glob("*.gold.yaml"):  # no event labels: no event-level figures
        gold.write_text(gold.read_text().replace("event: maduro-letter-2025\n", ""))
    unlabelled = evaluate_corpus(load_corpus(folder), engine, samples=None)
    assert unlabelled.events_merge is None and unlabelled.merge is not None
    assert "merge_events_pairwise_f1" not in headline(unlabelled, None)
