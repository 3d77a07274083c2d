"""Factuality and negation of one event mention, with the cue that decided it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

HYPOTHETICAL_BEFORE = (
    "were to",
    "would",
    "could",
    "might",
    "willingness to",
    "ability to",
    "capacity to",
    "readiness to",
    "able to",
    "ready to",
    "if",
)
FUTURE_BEFORE = (
    "will",
    "shall",
    "'ll",
    "plans to",
    "planned to",
    "plan to",
    "intends to",
    "intend to",
    "is expected to",
    "are expected to",
    "is set to",
    "are set to",
    "is to",
    "are to",
    "is going to",
    "are going to",
    "aims to",
    "aim to",
    "is scheduled to",
    "are scheduled to",
    "next year",
    "next month",
    "next week",
    # expectations and schedules: "was expected to discuss", "is due to be raised"
    "was expected to",
    "were expected to",
    "is due to",
    "are due to",
    "was due to",
    "is to be",
    "are to be",
    "to be held",
    "pledged to",
    "promised to",
)
UNCONFIRMED = re.compile(
    r"\b(?:could not (?:be )?(?:independently )?(?:verif|confirm)\w*|unconfirmed|unverified|"
    r"allegedly|purportedly|(?:it )?(?:remains|is|was) (?:still )?unclear|not (?:yet )?"
    r"(?:been )?(?:verified|confirmed)|no (?:independent )?confirmation)\b",
    re.I,
)
DENIAL = re.compile(
    r"\b(?:den(?:y|ied|ies|ying)|dismiss(?:ed|es)?|refut(?:ed|es)|rejected "
    r"(?:reports|claims|allegations)|called .{0,30}(?:fake|false|lies?)|"
    r"no such)\b",
    re.I,
)
NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
# "would" states a condition's consequence only where the sentence gives a condition; else it
# is the future seen from the past, as reported speech puts it ("it said it would suspend").
CONDITION = re.compile(
    r"\b(?:if|unless|were to|in case|otherwise|in the event|whether|provided|even so)\b", re.I
)


# The rule of an unconditioned "would": judged hypothetical for the sentence (it does not merge
# with what happened), reported as future once the event is built (see analyze._finish).
WOULD_FUTURE = "factuality.future:would"


@dataclass(frozen=True, slots=True)
class Factuality:
    value: str
    cue: tuple[int, int] | None  # absolute offsets of the deciding words
    negated: bool
    rule: str


def judge(
    doc: Doc,
    offset: int,
    start: int,
    reported: bool,
    text: str | None = None,
    words: list[str] | None = None,
) -> Factuality:
    """Factuality of the event whose trigger starts at token ``start`` of ``doc``.

    ``text`` and ``words`` (the sentence and its lowercased tokens) may be passed in when the
    caller has them already.
    """
    text = doc.text if text is None else text
    words = words if words is not None else [t.text.lower().replace("’", "'") for t in doc]
    before = " ".join(words[max(0, start - 6) : start])
    negated = _negated(doc, words, start)
    m = DENIAL.search(text)
    if m and m.start() < doc[start].idx:
        return Factuality("denied", _abs(offset, m), negated, "factuality.denial")
    clause = _clause_before(words, start)
    if "if" in clause or "unless" in clause:
        i = start - 1 - clause[::-1].index("if" if "if" in clause else "unless")
        return Factuality("hypothetical", _tok(doc, offset, i), negated, "factuality.conditional")
    modal = _subject_modal(doc, start)
    if modal is not None:  # "strikes on land could come next"
        value = "future" if modal.lower_ in {"will", "shall", "'ll"} else "hypothetical"
        rule = f"factuality.modal:{modal.lower_}"
        if modal.lower_ == "would" and not CONDITION.search(text):
            rule = WOULD_FUTURE
        return Factuality(value, _tok(doc, offset, modal.i), negated, rule)
    for cue in HYPOTHETICAL_BEFORE:
        if _ends_near(before, cue):
            rule = f"factuality.modal:{cue}"
            if cue == "would" and not CONDITION.search(text):
                rule = WOULD_FUTURE
            return Factuality("hypothetical", None, negated, rule)
    for cue in FUTURE_BEFORE:
        if _ends_near(before, cue):
            return Factuality("future", None, negated, f"factuality.future:{cue}")
    m = UNCONFIRMED.search(text)
    if m:
        return Factuality("unconfirmed", _abs(offset, m), negated, "factuality.unconfirmed")
    if reported and _negated_in_parse(doc, start):
        # "the ISPR said Pakistani aircraft had not crossed": a source says it did not happen
        return Factuality("denied", None, negated, "factuality.denied_by_source")
    if reported:
        return Factuality("reported", None, negated, "factuality.attribution")
    return Factuality("asserted", None, negated, "factuality.default")


MODALS = frozenset({"could", "would", "might", "may", "will", "shall", "'ll"})


def _subject_modal(doc: Doc, start: int) -> Token | None:
    """The modal of the verb whose subject is the trigger ("strikes ... could come")."""
    if not doc.has_annotation("DEP"):
        return None
    tok = doc[start]
    while tok.dep_ == "compound" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    return next((c for c in tok.head.children if c.dep_ == "aux" and c.lower_ in MODALS), None)


def _clause_before(words: list[str], start: int) -> list[str]:
    out: list[str] = []
    for w in reversed(words[:start]):
        if w in {";", ".", ":"}:
            break
        out.append(w)
        if w in {"if", "unless"}:
            break
    return list(reversed(out))


def _ends_near(before: str, cue: str) -> bool:
    """``cue`` occurs in the last few words before the trigger."""
    idx = before.rfind(cue)
    if idx < 0:
        return False
    if idx > 0 and before[idx - 1] != " ":
        return False
    gap = before[idx + len(cue) :].split()
    return len(gap) <= 3 and not any(g in {",", "and", "but", "which", "that"} for g in gap)


def _negated_in_parse(doc: Doc, start: int) -> bool:
    """The trigger's own verb is negated ("had not provided", "never sent"), by the parse."""
    if not doc.has_annotation("DEP"):
        return False
    tok = doc[start]
    return tok.pos_ in {"VERB", "AUX"} and any(
        c.dep_ == "neg" and c.i < tok.i for c in tok.children
    )


def _negated(doc: Doc, words: list[str], start: int) -> bool:
    if doc.has_annotation("DEP"):
        tok = doc[start]
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        if tok.dep_ in {"xcomp", "dobj"} and any(c.dep_ == "neg" for c in tok.head.children):
            return True
    window = words[max(0, start - 3) : start]
    return any(w in NEGATORS for w in window)


def _abs(offset: int, m: re.Match[str]) -> tuple[int, int]:
    return offset + m.start(), offset + m.end()


def _tok(doc: Doc, offset: int, i: int) -> tuple[int, int]:
    return offset + doc[i].idx, offset + doc[i].idx + len(doc[i])
