"""``newstrace_knowledge``: mark the project's knowledge in a Doc and correct the statistical NER.

assigns: ``doc.ents`` (labels GPE, NORP, LOC, PERSON, ORG, OUTLET, WEAPON with ``kb_id_`` set to
``kind:key``), ``doc.spans["titles"]`` (office titles, ``kb_id_`` = canonical title).
Knowledge wins over the model: a model entity that overlaps a knowledge match or an office title
is dropped, and a model PERSON that looks like a designation (``Su-30MK2``) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newstrace.nlp.knowledge import Alias, Knowledge, load_knowledge

LABELS = {
    "country": "GPE",
    "capital": "GPE",
    "metonym": "GPE",
    "demonym": "NORP",
    "place": "LOC",
    "person": "PERSON",
    "organization": "ORG",
    "outlet": "OUTLET",
    "weapon": "WEAPON",
}
_DESIGNATION = re.compile(r"[A-Za-z]+-?\d")
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$")
_LOWERCASE_OK = frozenset({"title"})


class KnowledgeRuler:
    def __init__(self, nlp: Language, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.info: dict[str, tuple[str, str, int]] = {}
        exact: dict[str, list[Doc]] = {}
        folded: dict[str, list[Doc]] = {}
        for alias in knowledge.aliases:
            label = f"{alias.kind}|{alias.key}|{alias.priority}"
            self.info[label] = (alias.kind, alias.key, alias.priority)
            doc = nlp.make_doc(alias.text)
            exact.setdefault(label, []).append(doc)
            if _fold_ok(alias, len(doc)):
                folded.setdefault(label, []).append(doc)
        for label, docs in exact.items():
            self.exact.add(label, docs)
        for label, docs in folded.items():
            self.folded.add(label, docs)

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[Span, int]] = []
        titles: list[Span] = []
        seen: set[tuple[int, int, str]] = set()
        for match_id, start, end in [*self.exact(doc), *self.folded(doc)]:
            label = doc.vocab.strings[match_id]
            kind, key, priority = self.info[label]
            if (start, end, label) in seen:
                continue
            seen.add((start, end, label))
            if kind == "title":
                titles.append(Span(doc, start, end, label="TITLE", kb_id=key))
                continue
            span = Span(doc, start, end, label=LABELS[kind], kb_id=f"{kind}:{key}")
            found.append((span, priority))
        # Longest first; among equal lengths the lower priority number wins.
        found.sort(key=lambda sp: (-(sp[0].end - sp[0].start), sp[1], sp[0].start))
        knowledge_spans = filter_spans([s for s, _ in found])
        titles = filter_spans(titles)
        title_tokens = {i for t in titles for i in range(t.start, t.end)}
        taken = {i for s in knowledge_spans for i in range(s.start, s.end)}
        # A title overlapping a knowledge entity loses ("Defence Ministry" is an organisation).
        titles = [t for t in titles if not any(i in taken for i in range(t.start, t.end))]
        title_tokens = {i for t in titles for i in range(t.start, t.end)}
        kept: list[Span] = list(knowledge_spans)
        for ent in doc.ents:
            tokens = set(range(ent.start, ent.end))
            if tokens & taken:
                continue
            if tokens & title_tokens:
                rest = _trim_title(doc, ent, title_tokens)
                if rest is None:
                    continue
                ent = rest
            if ent.label_ == "PERSON" and _DESIGNATION.search(ent.text):
                continue
            kept.append(ent)
        kept += _people_after_titles(doc, titles, {i for s in kept for i in range(s.start, s.end)})
        doc.ents = filter_spans(kept)
        doc.spans["titles"] = titles
        return doc


def _fold_ok(alias: Alias, n_tokens: int) -> bool:
    """Case-insensitive matching only where it cannot misfire."""
    if alias.kind in _LOWERCASE_OK:
        return len(alias.text) >= 6
    return n_tokens >= 2 and len(alias.text) >= 8 and alias.kind not in {"person", "weapon"}


def _trim_title(doc: Doc, ent: Span, title_tokens: set[int]) -> Span | None:
    """Keep the part of a model entity after an office title: "Minister Ramón Celestino"."""
    start = ent.start
    while start < ent.end and start in title_tokens:
        start += 1
    if start >= ent.end or ent.label_ != "PERSON":
        return None
    if any(i in title_tokens for i in range(start, ent.end)):
        return None
    return Span(doc, start, ent.end, label=ent.label_)


def _people_after_titles(doc: Doc, titles: Iterable[Span], taken: set[int]) -> list[Span]:
    """Unknown people named right after a title: "Deputy Defence Minister Ivan Petrov"."""
    out: list[Span] = []
    for title in titles:
        i = title.end
        while (
            i < len(doc) and i - title.end < 4 and i not in taken and _NAME_TOKEN.match(doc[i].text)
        ):
            if doc[i].text.lower() in {"the", "of", "and", "said", "says"}:
                break
            i += 1
        if i - title.end >= 2:
            out.append(Span(doc, title.end, i, label="PERSON"))
    return out


@Language.factory(
    "newstrace_knowledge",
    default_config={"resources": None},
    requires=["doc.ents"],
    assigns=["doc.ents", "doc.spans"],
)
def make_knowledge_ruler(nlp: Language, name: str, resources: str | None) -> KnowledgeRuler:
    return KnowledgeRuler(nlp, load_knowledge(resources))
