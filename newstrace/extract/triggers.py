"""Event triggers in a sentence, and the roles around them (actor, recipient, place).

With a parse, roles come from the dependency tree (subject, "from"/"to"/"with" objects,
possessors, agents of passives); without one, from word order around the trigger.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newstrace.nlp.knowledge import TriggerEntry
from newstrace.nlp.pipeline import TriggerIndex

RECIPIENT_PREPS = {
    "REQUEST": {"from", "of", "on", "to"},
    "CONSULT": {"with", "between"},
    "AID": {"to", "for"},
    "AGREE": {"with", "between"},
    "COOPERATE": {"with"},
    "SUPPORT": {"for"},
    "THREATEN": {"against", "on"},
    "ASSAULT": {"on", "against", "in"},
    "SANCTION": {"on", "against"},
    "ACCUSE": {"of", "for", "against"},
    "PROTEST": {"against", "to"},
    "REJECT": {"from"},
    "MOBILIZE": set(),
    "COERCE": {"of"},
    "CONCEDE": {"to"},
}
LOCATIVE = {
    "in",
    "at",
    "to",
    "near",
    "over",
    "off",
    "into",
    "across",
    "inside",
    "outside",
    "around",
    "within",
    "from",
}
POS_OK = {"VERB": {"VERB", "AUX"}, "NOUN": {"NOUN", "PROPN"}, "ADJ": {"ADJ", "VERB"}}


@dataclass(slots=True)
class TriggerHit:
    entry: TriggerEntry
    start: int  # token indices in the sentence doc
    end: int
    subject_tokens: list[int] = field(default_factory=list)
    object_tokens: list[int] = field(default_factory=list)
    recipient_tokens: list[int] = field(default_factory=list)
    agent_tokens: list[int] = field(default_factory=list)
    root: int | None = None  # the phrase's syntactic head, from the parse

    @property
    def head(self) -> int:
        """The syntactic head: the parse's root of the phrase ("shot down": "shot"; "support
        for": "support"); without a parse, the first word of a verb phrase, else the last."""
        if self.root is not None:
            return self.root
        return (
            self.start if "VERB" in self.entry.pos and self.end - self.start > 1 else self.end - 1
        )


def find_triggers(doc: Doc, index: TriggerIndex) -> list[TriggerHit]:
    words = [t.text.lower() for t in doc]
    lowered = doc.text.lower()
    hits: list[TriggerHit] = []
    taken: set[int] = set()
    # phrases first ("military presence", "called for")
    for phrase, entries in index.phrases.items():
        if phrase not in lowered:
            continue
        parts = phrase.split()
        n = len(parts)
        for i in range(len(words) - n + 1):
            if words[i : i + n] == parts and not taken & set(range(i, i + n)):
                root = _phrase_root(doc, i, i + n)
                entry = _choose(
                    entries, doc[root] if root is not None else doc[i + n - 1], doc, i, i + n
                )
                if entry:
                    hits.append(TriggerHit(entry, i, i + n, root=root))
                    taken |= set(range(i, i + n))
    for i, w in enumerate(words):
        if i in taken or w not in index.words:
            continue
        entry = _choose(index.words[w], doc[i], doc, i, i + 1)
        if entry:
            hits.append(TriggerHit(entry, i, i + 1))
            taken.add(i)
    hits.sort(key=lambda h: h.start)
    parsed = doc.has_annotation("DEP")
    for hit in hits:
        if parsed:
            _roles_from_parse(doc, hit)
    return hits


def _phrase_root(doc: Doc, start: int, end: int) -> int | None:
    """The word of a phrase whose head lies outside it: its part of speech is the phrase's
    ("shot down" is a verb although "down" is a particle; "support for" a noun)."""
    if not doc.has_annotation("DEP"):
        return None
    inside = [t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
    return inside[0].i if len(inside) == 1 else None


def _choose(
    entries: Iterable[TriggerEntry], token: Token, doc: Doc, s: int, e: int
) -> TriggerEntry | None:
    parsed = doc.has_annotation("POS")
    window = {t.text.lower() for t in doc}
    after = [t.text.lower() for t in doc[e : min(len(doc), e + 5)]]
    after_text = " ".join(after)
    entries = list(entries)
    # Of two conditional readings, the one whose word is the verb's own object wins: "ordered
    # 5,682 troops, backed by aircraft" deploys troops (MOBILIZE) before it buys aircraft.
    objects = _object_words(token)
    if objects:
        entries.sort(key=lambda en: not (en.needs_object and objects & set(en.needs_object)))
    for entry in entries:
        if parsed and not any(token.pos_ in POS_OK[p] for p in entry.pos):
            continue
        if entry.needs_object and not window & set(entry.needs_object):
            continue
        if entry.not_with and any(
            (" " in nw and nw in after_text) or nw in after for nw in entry.not_with
        ):
            continue
        if token.ent_type_ in {"PERSON", "ORG", "OUTLET", "GPE", "WEAPON"}:
            continue  # "Strike" in a name, "the Post"...
        return entry
    return None


def _object_words(token: Token) -> set[str]:
    """The head nouns of a parsed verb's direct object (or passive subject) and their
    conjuncts, lower case: "troops" in "5,682 troops, backed by aircraft"."""
    if not token.doc.has_annotation("DEP") or token.pos_ not in {"VERB", "AUX"}:
        return set()
    return {
        t.lower_
        for child in token.children
        if child.dep_ in {"dobj", "nsubjpass"}
        for t in _conj_tokens(child)
    }


def _roles_from_parse(doc: Doc, hit: TriggerHit) -> None:
    tok = doc[hit.head]
    etype = hit.entry.type
    preps = RECIPIENT_PREPS.get(etype, set())
    # Verbs: subjects, objects, prepositional recipients, agents of passives.
    verb = tok
    if tok.dep_ in {"aux", "auxpass"}:  # a verb misread as an auxiliary: its own subject first
        hit.subject_tokens += [c.i for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        verb = tok.head
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            hit.subject_tokens += _conj_heads(child)
        elif child.dep_ == "nsubjpass":
            hit.object_tokens += _conj_heads(child)
        elif child.dep_ == "dative":  # "offered Venezuela a loan"
            hit.recipient_tokens += _conj_heads(child)
        elif child.dep_ in {"dobj", "attr"}:
            hit.object_tokens += _conj_heads(child)
            # "requested assistance from Putin": the prepositional phrase hangs on the object.
            for grand in child.children:
                if grand.dep_ == "prep" and grand.text.lower() in preps:
                    hit.recipient_tokens += [
                        g.i for c in grand.children if c.dep_ == "pobj" for g in _conj_tokens(c)
                    ]
        elif child.dep_ == "agent":
            hit.agent_tokens += [
                g.i for c in child.children if c.dep_ == "pobj" for g in _conj_tokens(c)
            ]
        elif child.dep_ == "prep" and child.text.lower() in preps:
            hit.recipient_tokens += [
                g.i for c in child.children if c.dep_ == "pobj" for g in _conj_tokens(c)
            ]
    # Participles used as modifiers ("the requested aid"), xcomp chains ("want to buy"):
    # the subject of the governing verb acts.
    if not hit.subject_tokens and verb.dep_ in {"xcomp", "advcl", "conj"}:
        for child in verb.head.children:
            if child.dep_ in {"nsubj"}:
                hit.subject_tokens += _conj_heads(child)
    # A gerund after a preposition ("accused Hamas of breaking the deal by handing over only
    # four bodies"): the object of a verb of accusing or blaming acts, else its subject.
    if not hit.subject_tokens and verb.pos_ == "VERB" and verb.dep_ == "pcomp":
        hit.subject_tokens += _gerund_subject(verb)
    # Nouns: possessor / compound / adjectival demonym act ("Maduro's appeal", "U.S. presence").
    if tok.pos_ in {"NOUN", "PROPN"}:
        first = doc[hit.start]
        for t in (*first.children, *tok.children):
            if t.dep_ in {"poss", "compound", "amod", "nmod"} and t.i < hit.start:
                hit.subject_tokens.append(t.i)
        for child in tok.children:
            if child.dep_ == "prep" and child.text.lower() in preps:
                hit.recipient_tokens += [
                    g.i for c in child.children if c.dep_ == "pobj" for g in _conj_tokens(c)
                ]
            elif child.dep_ == "prep" and child.text.lower() == "by":
                hit.agent_tokens += [
                    g.i for c in child.children if c.dep_ == "pobj" for g in _conj_tokens(c)
                ]
        # "X made a request": the verb's subject.
        if tok.dep_ in {"dobj", "attr"} and not hit.subject_tokens:
            for child in tok.head.children:
                if child.dep_ == "nsubj":
                    hit.subject_tokens += _conj_heads(child)


def _gerund_subject(verb: Token, depth: int = 0) -> list[int]:
    prep = verb.head
    governor = prep.head
    if prep.dep_ != "prep" or governor.pos_ not in {"VERB", "AUX"} or depth > 3:
        return []
    objects = [c for c in governor.children if c.dep_ == "dobj"]
    if objects and prep.lower_ in {"of", "for"}:  # "accused X of", "blamed X for"
        return _conj_heads(objects[0])
    subjects = [c for c in governor.children if c.dep_ == "nsubj"]
    if subjects:
        return _conj_heads(subjects[0])
    if governor.dep_ == "pcomp":
        return _gerund_subject(governor, depth + 1)
    return []


def _conj_heads(token: Token) -> list[int]:
    return [t.i for t in _conj_tokens(token)]


def _conj_tokens(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out += _conj_tokens(child)
    # "Putin and Maduro" when the parser hangs both on appos/compound
    return out
