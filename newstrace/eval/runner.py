"""Analyse the gold corpus with an engine and score every article.

The engine is anything with ``knowledge`` and ``analyze(articles) -> reports`` (the
:class:`~newstrace.pipeline.Engine`); one engine is reused for the whole run and the articles
go to it in one batch. The reports are then merged into stories (once) and the merging is
scored against the gold ``story:`` slugs (topics) and ``event:`` labels (events), and, in a
second batch, on the bundled samples against their hand labels (:mod:`newstrace.eval.merging`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from newstrace.eval.gold import Corpus, GoldArticle
from newstrace.eval.match import align, predicted_events
from newstrace.eval.merging import (
    SAMPLE_LABELS,
    SAMPLES,
    MergeResult,
    evaluate_samples,
    merge_reports,
    score_labels,
)
from newstrace.eval.metrics import Scores, score_article
from newstrace.model import Article, Report
from newstrace.nlp.knowledge import Knowledge


class Analyzes(Protocol):
    """What the evaluation needs of an engine."""

    @property
    def knowledge(self) -> Knowledge: ...

    def analyze(self, articles: Iterable[Article]) -> Iterator[Report]: ...


@dataclass(slots=True)
class ArticleResult:
    article: GoldArticle
    report: Report
    scores: Scores

    @property
    def id(self) -> str:
        return self.article.id


@dataclass(slots=True)
class CorpusResult:
    articles: list[ArticleResult] = field(default_factory=list)
    total: Scores = field(default_factory=Scores)
    warnings: list[str] = field(default_factory=list)
    merge: MergeResult | None = None  # the corpus' reports against their story: slugs
    events_merge: MergeResult | None = None  # the corpus' reports against their event: labels
    samples_merge: MergeResult | None = None  # the bundled samples against their hand labels

    @property
    def stories(self) -> int:
        return len({a.article.gold.story for a in self.articles})

    @property
    def gold_events(self) -> int:
        return sum(len(a.article.events) for a in self.articles)

    @property
    def predicted_events(self) -> int:
        return sum(len(a.report.events) for a in self.articles)

    def worst(self, n: int = 10) -> list[ArticleResult]:
        """The ``n`` articles with the lowest type+actors F1 (ties: more gold events first)."""

        def key(result: ArticleResult) -> tuple[float, int, str]:
            f1 = result.scores.counts("type_actors").f1
            return (f1 if f1 is not None else 1.0, -len(result.article.events), result.id)

        return sorted(self.articles, key=key)[:n]


def score_report(gold: GoldArticle, report: Report, knowledge: Knowledge) -> Scores:
    """The figures of one analysed gold article."""
    predicted = predicted_events(report, knowledge)
    pairs = align(gold.events, predicted)
    return score_article(gold.events, predicted, pairs, report)


def evaluate_corpus(
    corpus: Corpus,
    engine: Analyzes,
    *,
    samples: Path | str | None = SAMPLES,
    sample_labels: Path | str = SAMPLE_LABELS,
) -> CorpusResult:
    """Analyse every article of ``corpus`` (one batch) and score it against its gold.

    The reports are then merged into stories and the merging scored against the ``story:``
    slugs; the samples in ``samples`` (``None``: not scored) are analysed in a second batch and
    their merging scored against ``sample_labels``. Absent samples are skipped with a warning.
    """
    result = CorpusResult(warnings=list(corpus.warnings))
    reports = engine.analyze(a.article() for a in corpus.articles)
    for gold, report in zip(corpus.articles, reports, strict=True):
        scores = score_report(gold, report, engine.knowledge)
        result.articles.append(ArticleResult(gold, report, scores))
        result.total.add(scores)
    result.warnings += check_references(corpus, engine.knowledge)
    result.merge, result.events_merge = score_corpus_merging(result)
    if samples is not None:
        if Path(samples).is_dir() and Path(sample_labels).is_file():
            result.samples_merge = evaluate_samples(engine, samples, sample_labels)
        else:
            result.warnings.append(
                f"{samples} or {sample_labels} not found: the samples' merging is not scored"
            )
    return result


def score_corpus_merging(result: CorpusResult) -> tuple[MergeResult, MergeResult | None]:
    """Merge the corpus' reports into stories (once); score them against the gold labels.

    Returns the scores against the ``story:`` slugs and against the ``event:`` labels
    (``None`` when no gold file gives one). Pairs are named by the gold files' numbers.
    """
    reports, topics, events, texts, names = [], {}, {}, {}, {}
    for a in result.articles:
        report = a.report.to_dict()
        article = report["article"]["id"]
        reports.append(report)
        topics[article] = a.article.gold.story
        if a.article.gold.event is not None:
            events[article] = a.article.gold.event
        texts[article] = a.article.text
        names[article] = a.article.id
    merged = merge_reports(reports, texts)
    by_event = score_labels(merged, events, names) if events else None
    return score_labels(merged, topics, names), by_event


def check_references(corpus: Corpus, knowledge: Knowledge) -> list[str]:
    """Gold values that name nothing in the knowledge files, and so can never be matched."""
    out = []
    for article in corpus.articles:
        name = article.path.name
        outlet = article.gold.outlet
        if outlet and knowledge.outlet_by_name(outlet) is None:
            out.append(f"{name}: outlet: {outlet!r} is not in outlets.yaml")
        for n, event in enumerate(article.events):
            for code in (*event.actors, *event.recipients, *event.intermediaries):
                if code.startswith("org:") and code[4:] not in knowledge.organizations:
                    out.append(f"{name}: events.{n}: {code} is not in organizations.yaml")
                elif len(code) == 3 and code not in knowledge.country_names:
                    out.append(f"{name}: events.{n}: {code} is not an ISO 3166 alpha-3 code")
            for i, item in enumerate(event.items):
                if item.system and item.system not in knowledge.weapons:
                    out.append(
                        f"{name}: events.{n}.items.{i}.system: {item.system!r} "
                        "is not in weapons.yaml"
                    )
    return out
