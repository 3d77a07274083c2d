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
from newstrace.nlp.pipeline import Parser, check_model, trigger_index
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
    """What a run did: analysed, already stored, skipped (bad input) and failed, and why."""

    analysed: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    events: int = 0
    reasons: list[str] = field(default_factory=list)
    codes: dict[str, int] = field(default_factory=dict)  # error code -> count

    def add(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            code = outcome.error.code
            self.codes[code] = self.codes.get(code, 0) + 1
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
    """The NLP pipeline and the extractor, loaded on first use and reused for every article."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self._knowledge: Knowledge | None = None
        self._parser: Parser | None = None
        self._analyzer: Analyzer | None = None

    @property
    def knowledge(self) -> Knowledge:
        if self._knowledge is None:
            self._knowledge = load_knowledge(self.settings.knowledge_dir)
        return self._knowledge

    def load(self) -> None:
        """Load the spaCy model and the extractor now (else on the first article).

        With several processes only the model's presence is checked here: the workers load it.
        """
        if self.settings.processes > 1:
            check_model(self.settings.spacy_model)
            self.knowledge  # noqa: B018 - validate the knowledge files before starting workers
            return
        self._load_parser()

    def _load_parser(self) -> None:
        if self._parser is None:
            resources = self.settings.knowledge_dir
            self._parser = Parser(
                self.settings.spacy_model,
                batch_size=self.settings.batch_size,
                resources=resources,
            )
            self._analyzer = Analyzer(self.knowledge, trigger_index(resources))

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
        if self._parser is None:
            self._load_parser()
        assert self._parser is not None and self._analyzer is not None
        prepared = (self.with_outlet(a) for a in articles)
        for parsed in self._parser.parse_many(prepared):
            yield self._analyzer.analyze(parsed)

    def analyze_one(self, article: Article) -> Report:
        return next(iter(self.analyze([article])))

    def analyze_chunk(self, articles: list[Article]) -> list[Report | AnalysisFailed]:
        """Reports for ``articles`` in order; an article that fails gets its error instead."""
        try:
            return list(self.analyze(articles))
        except NewstraceError:
            raise
        except Exception:  # one bad article must not cost the others: retry one by one
            log.debug("batch failed; analysing one by one", exc_info=True)
        out: list[Report | AnalysisFailed] = []
        for article in articles:
            try:
                out.append(self.analyze_one(article))
            except Exception as err:
                log.debug("analysis failed", exc_info=True)
                out.append(
                    AnalysisFailed(
                        f"analysis failed ({type(err).__name__}: {err})", source=article.source
                    )
                )
        return out


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
    """Analyse every article in ``paths``; store each report when ``store`` is given.

    With ``settings.processes`` > 1 the articles are analysed in a pool of worker processes,
    each with its own engine; reports are stored here, in input order.
    """
    items = read_articles(
        paths, published=published, outlet=outlet, url=url, stdin=stdin, settings=engine.settings
    )
    chunks = _chunks(items, chunk)
    if engine.settings.processes > 1:
        analysed: Iterator[tuple[list[Article | InputError], list[Report | AnalysisFailed]]] = (
            _pool_map(chunks, engine.settings)
        )
    else:
        analysed = ((c, engine.analyze_chunk(_articles(c))) for c in chunks)
    for batch, results in analysed:
        pending = iter(results)
        for item in batch:
            if isinstance(item, InputError):
                yield Outcome(item.source or "?", error=item)
                continue
            result = next(pending)
            if isinstance(result, AnalysisFailed):
                yield Outcome(item.source, error=result)
            else:
                yield _store(item, result, store)


def _chunks(
    items: Iterable[Article | InputError], size: int
) -> Iterator[list[Article | InputError]]:
    batch: list[Article | InputError] = []
    for item in items:
        batch.append(item)
        if sum(1 for b in batch if not isinstance(b, InputError)) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _articles(batch: list[Article | InputError]) -> list[Article]:
    return [a for a in batch if not isinstance(a, InputError)]


_worker_engine: Engine | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_engine
    _worker_engine = Engine(settings.model_copy(update={"processes": 1}))
    _worker_engine.load()  # one process: loads the model


def _work(articles: list[Article]) -> list[Report | AnalysisFailed]:
    assert _worker_engine is not None
    return _worker_engine.analyze_chunk(articles)


def _pool_map(
    chunks: Iterator[list[Article | InputError]], settings: Settings
) -> Iterator[tuple[list[Article | InputError], list[Report | AnalysisFailed]]]:
    """Analyse chunks in worker processes, at most two chunks per worker in flight, in order."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    workers = settings.processes
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(settings,)
    ) as pool:
        flight: deque[tuple[list[Article | InputError], Future[list[Report | AnalysisFailed]]]]
        flight = deque()
        for batch in chunks:
            flight.append((batch, pool.submit(_work, _articles(batch))))
            if len(flight) >= 2 * workers:
                done, future = flight.popleft()
                yield done, future.result()
        while flight:
            done, future = flight.popleft()
            yield done, future.result()


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
