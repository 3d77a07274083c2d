"""The one place that wires the stages to I/O:

    ingest ──▶ nlp ──▶ extract ──▶ store

:func:`run` reads inputs, parses only what needs parsing, extracts one report per article and
stores it (one transaction per article), yielding an :class:`Outcome` per article or bad input.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from newstrace.errors import InputError, NewstraceError
from newstrace.extract.analyze import Analyzer
from newstrace.ingest import read_articles
from newstrace.model import Article, OutletRef, Report
from newstrace.nlp.knowledge import Knowledge, load_knowledge
from newstrace.nlp.pipeline import Parser, trigger_index
from newstrace.settings import Settings, get_settings
from newstrace.store import Store

log = logging.getLogger(__name__)


class AnalysisFailed(NewstraceError):
    code = "analysis.failed"


@dataclass(slots=True)
class Outcome:
    source: str
    report: Report | None = None
    error: NewstraceError | None = None
    stored: bool | None = None  # True: new or changed; False: already stored as is

    @property
    def ok(self) -> bool:
        return self.report is not None and self.error is None


@dataclass(slots=True)
class Summary:
    analysed: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    events: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.ok:
            self.analysed += 1
            assert outcome.report is not None
            self.events += len(outcome.report.events)
            if outcome.stored is False:
                self.unchanged += 1
        elif isinstance(outcome.error, InputError):
            self.skipped += 1
            self.reasons.append(str(outcome.error))
        else:
            self.failed += 1
            self.reasons.append(str(outcome.error))


class Engine:
    """The NLP pipeline and the extractor, loaded once and reused for every article."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        resources = self.settings.knowledge_dir
        self.knowledge: Knowledge = load_knowledge(resources)
        self.parser = Parser(
            self.settings.spacy_model,
            batch_size=self.settings.batch_size,
            n_process=self.settings.processes,
            resources=resources,
        )
        self.analyzer = Analyzer(self.knowledge, trigger_index(resources))

    def with_outlet(self, article: Article) -> Article:
        """Resolve the article's outlet name to the knowledge entry, when there is one."""
        name = article.outlet.name
        if not name and article.url:
            from urllib.parse import urlparse

            name = urlparse(article.url).hostname
        if not name:
            return article
        entry = self.knowledge.outlet_by_name(name)
        if entry is None:
            return article
        return dataclasses.replace(article, outlet=OutletRef(entry.id, entry.name))

    def analyze(self, articles: Iterable[Article]) -> Iterator[Report]:
        prepared = (self.with_outlet(a) for a in articles)
        for parsed in self.parser.parse_many(prepared):
            yield self.analyzer.analyze(parsed)

    def analyze_one(self, article: Article) -> Report:
        return next(iter(self.analyze([article])))


def run(
    paths: Sequence[str],
    *,
    engine: Engine,
    store: Store | None = None,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    stdin: BinaryIO | None = None,
    chunk: int = 32,
) -> Iterator[Outcome]:
    """Analyse every article in ``paths``; store each report when ``store`` is given."""
    buffer: list[Article] = []
    for item in read_articles(
        paths, published=published, outlet=outlet, url=url, stdin=stdin, settings=engine.settings
    ):
        if isinstance(item, InputError):
            yield Outcome(item.source or "?", error=item)
            continue
        buffer.append(item)
        if len(buffer) >= chunk:
            yield from _process(buffer, engine, store)
            buffer = []
    if buffer:
        yield from _process(buffer, engine, store)


def _process(articles: list[Article], engine: Engine, store: Store | None) -> Iterator[Outcome]:
    try:
        reports = list(engine.analyze(articles))
    except NewstraceError:
        raise
    except Exception:  # one bad article must not cost the others: retry one by one
        log.debug("batch failed; analysing one by one", exc_info=True)
        reports = []
        for article in articles:
            try:
                reports.append(engine.analyze_one(article))
            except Exception as err:
                log.debug("analysis failed", exc_info=True)
                yield Outcome(
                    article.source,
                    error=AnalysisFailed(
                        f"analysis failed ({type(err).__name__}: {err})", source=article.source
                    ),
                )
        articles = [r.article for r in reports]
    for article, report in zip(articles, reports, strict=True):
        yield _store(article, report, store)


def _store(article: Article, report: Report, store: Store | None) -> Outcome:
    if store is None:
        return Outcome(article.source, report=report)
    try:
        stored = store.save(
            report.to_dict(),
            text=article.text,
            source=article.source,
            bytes_sha256=article.bytes_sha256,
        )
    except NewstraceError as err:
        return Outcome(article.source, error=err)
    return Outcome(article.source, report=report, stored=stored)
