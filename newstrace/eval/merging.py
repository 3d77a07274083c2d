"""Merging quality: are reports of the same story merged into one, and others kept apart?

The reports of a run are merged with :func:`newstrace.resolve.build_stories` (texts included,
as ``newstrace stories`` does) and scored against gold story labels with
:mod:`newstrace.resolve.quality`: pairwise precision, recall and F1 of "same story" over every
pair of reports, and B-cubed.

The **scored unit** is the report. newstrace puts each *event* of a report into a story, so a
report can be in several stories (its headline event in one, a background event in another);
for scoring, a report counts in its **main story** (:func:`newstrace.resolve.main_stories`): the
story holding most of its weight — events of the title and lead (the headline) over those of the
body, core events over context ones, events with materiel or money over bare ones, earlier
events over later ones, stories told by more reports over single ones.
A report in no story is a story of its own. Two reports are "the same story" when their main
stories are one.

Three sets of labels are scored, as separate figures (docs/eval.md):

* the development corpus, against each gold file's ``story:`` slug. The slugs label *topics*
  (a months-long strike campaign, weeks of ceasefire coverage) while newstrace merges single
  events, so recall there is low by design;
* the development corpus, against each gold file's ``event:`` label: the real-world event or
  deal lifecycle of the article's headline event (tests/eval/README.md), the event-level figure;
* the bundled samples (``samples/``), against their hand labels
  (``tests/resolve/sample_stories.yaml``, one label per real event or deal).

The reports are merged once; every set of labels is scored on the same main stories.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import yaml

from newstrace.errors import GoldError
from newstrace.model import Article, Report

ROOT = Path(__file__).resolve().parents[2]
#: The bundled samples and their hand-made story labels (samples/README.md, "Stories").
SAMPLES = ROOT / "samples"
SAMPLE_LABELS = ROOT / "tests" / "resolve" / "sample_stories.yaml"
#: Outlets of the plain-text samples, by the outlet part of their file names (samples/README.md).
TEXT_OUTLETS = {
    "reuters": "Reuters",
    "ap": "Associated Press",
    "rt": "RT",
    "kyivindependent": "The Kyiv Independent",
    "tass": "TASS",
    "cnn": "CNN",
    "aljazeera": "Al Jazeera",
}


class _Analyzes(Protocol):
    def analyze(self, articles: Iterable[Article]) -> Iterator[Report]: ...


@dataclass(frozen=True, slots=True)
class MergeResult:
    """Merging scores of one set of labelled reports."""

    reports: int  # labelled reports scored
    gold_stories: int  # distinct gold labels
    stories: int  # stories newstrace built from the reports
    main_stories: int  # distinct main stories of the scored reports
    pairwise: dict[str, float]  # precision, recall, f1
    bcubed: dict[str, float]
    #: pairs of reports (by name) with one gold label in different main stories, and pairs in
    #: one main story with different gold labels: what costs recall and precision
    missed: tuple[tuple[str, str], ...] = ()
    wrong: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "gold_stories": self.gold_stories,
            "stories": self.stories,
            "main_stories": self.main_stories,
            "pairwise": dict(self.pairwise),
            "bcubed": dict(self.bcubed),
            "missed_pairs": [list(p) for p in self.missed],
            "wrong_pairs": [list(p) for p in self.wrong],
        }


@dataclass(frozen=True, slots=True)
class Merged:
    """The stories built from a run's reports, and each report's main story."""

    stories: int
    main: dict[str, str]  # article id -> main story id (``alone:<id>`` for a report in none)


def merge_reports(
    reports: Iterable[Mapping[str, Any]], texts: Mapping[str, str] | None = None
) -> Merged:
    """Merge ``reports`` (``newstrace.report/1`` dicts) into stories; each report's main story."""
    from newstrace.resolve import build_stories, main_stories

    reports = list(reports)
    stories = build_stories(reports, texts=texts)
    predicted = main_stories(stories, reports, texts)
    for report in reports:  # a report in no story is a story of its own
        article = report["article"]["id"]
        predicted.setdefault(article, f"alone:{article}")
    return Merged(stories=len(stories), main=predicted)


def score_labels(
    merged: Merged, gold: Mapping[str, str], names: Mapping[str, str] | None = None
) -> MergeResult:
    """Score ``merged`` against ``gold`` (article id -> label); unlabelled reports not scored.

    ``names`` (article id -> a short name, e.g. the gold file's number) names the reports in
    the missed and wrong pairs; without it, the article ids are used.
    """
    from newstrace.resolve import pairwise
    from newstrace.resolve.quality import bcubed

    predicted = merged.main
    scored = sorted(a for a in predicted if a in gold)
    name = dict(names or {})
    missed: list[tuple[str, str]] = []
    wrong: list[tuple[str, str]] = []
    for n, a in enumerate(scored):
        for b in scored[n + 1 :]:
            same_pred, same_gold = predicted[a] == predicted[b], gold[a] == gold[b]
            if same_gold != same_pred:
                x, y = sorted((name.get(a, a), name.get(b, b)))
                pair = (x, y)
                (missed if same_gold else wrong).append(pair)
    return MergeResult(
        reports=len(scored),
        gold_stories=len({gold[a] for a in scored}),
        stories=merged.stories,
        main_stories=len({predicted[a] for a in scored}),
        pairwise=pairwise(predicted, gold),
        bcubed=bcubed(predicted, gold),
        missed=tuple(sorted(missed)),
        wrong=tuple(sorted(wrong)),
    )


def score_merging(
    reports: Iterable[Mapping[str, Any]],
    gold: Mapping[str, str],
    texts: Mapping[str, str] | None = None,
) -> MergeResult:
    """Merge ``reports`` (``newstrace.report/1`` dicts) and score them against ``gold``.

    ``gold`` maps article ids to story labels; reports without a label are merged (they may
    join or split stories) but not scored.
    """
    return score_labels(merge_reports(reports, texts), gold)


def load_samples(directory: Path | str = SAMPLES) -> list[Article]:
    """The bundled samples as articles.

    Plain-text samples are read as ``newstrace analyze FILE --outlet ... --published ...``
    would, with the outlet and date of their file name (``DATE_outlet_slug.txt``).
    """
    from newstrace.ingest import read_articles

    articles: list[Article] = []
    for path in sorted(Path(directory).rglob("*")):
        if path.suffix not in (".txt", ".html", ".jsonl"):
            continue
        options: dict[str, Any] = {}
        if path.suffix == ".txt":
            day, outlet, _ = path.name.split("_", 2)
            options = {"published": date.fromisoformat(day), "outlet": TEXT_OUTLETS[outlet]}
        articles += [
            a for a in read_articles([str(path)], **options) if not isinstance(a, Exception)
        ]
    return articles


def sample_labels(
    reports: Iterable[Mapping[str, Any]], labels: Path | str = SAMPLE_LABELS
) -> dict[str, str]:
    """Article id -> story label, from a table keyed by ``outlet name|publication date``.

    A report the table has no label for raises :class:`GoldError`.
    """
    path = Path(labels)
    try:
        table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as err:
        raise GoldError(f"cannot read: {err.strerror}", source=str(path)) from err
    except yaml.YAMLError as err:
        raise GoldError(f"not valid YAML: {err}", source=path.name) from err
    if not isinstance(table, dict):
        raise GoldError("expected a mapping 'outlet|date: label'", source=path.name)
    gold: dict[str, str] = {}
    for report in reports:
        article = report["article"]
        key = f"{(article.get('outlet') or {}).get('name')}|{article.get('published')}"
        if key not in table:
            raise GoldError(f"no story label for {key!r}", source=path.name)
        gold[article["id"]] = str(table[key])
    return gold


def evaluate_samples(
    engine: _Analyzes, directory: Path | str = SAMPLES, labels: Path | str = SAMPLE_LABELS
) -> MergeResult:
    """Analyse the samples with ``engine`` (one batch), merge them and score the merging."""
    articles = load_samples(directory)
    reports = [r.to_dict() for r in engine.analyze(articles)]
    gold = sample_labels(reports, labels)
    names = {
        r["article"]["id"]: f"{(r['article'].get('outlet') or {}).get('name')}|"
        f"{r['article'].get('published')}"
        for r in reports
    }
    return score_labels(merge_reports(reports, {a.id: a.text for a in articles}), gold, names)
