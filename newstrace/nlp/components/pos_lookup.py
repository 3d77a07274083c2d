"""``newstrace_pos``: coarse part-of-speech tags from the model's own attribute-ruler rules,
without the Matcher.

The model's ``attribute_ruler`` maps fine tags to POS (and sets MORPH and some LEMMAs, which
newstrace does not use) by running a spaCy Matcher over every token: about a tenth of the
parse time. This component reads the same rules from the model at load time and applies the
ones that set POS with dictionary look-ups, in the same order (a later rule wins), so the POS
of every token is the same (``tests/nlp/test_nlp_pos_lookup.py`` checks it on the samples).

requires: ``token.tag``, ``token.dep``; assigns: ``token.pos``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

Predicate = Callable[[Token], bool]
Rule = tuple[int, list[list[Predicate]], int, str]  # order, token predicates, index, POS

_ATTRS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
    "ORTH": lambda t: t.text,
}


def _predicate(attr: str, spec: Any) -> Predicate:
    get = _ATTRS[attr]
    if isinstance(spec, dict):
        if set(spec) == {"IN"}:
            allowed = set(spec["IN"])
            return lambda t: get(t) in allowed
        if set(spec) == {"NOT_IN"}:
            banned = set(spec["NOT_IN"])
            return lambda t: get(t) not in banned
        raise ValueError(f"unsupported attribute-ruler operator {spec!r}")
    return lambda t: get(t) == spec


class PosLookup:
    def __init__(self, patterns: list[dict[str, Any]]) -> None:
        self.by_tag: dict[str, list[Rule]] = {}
        self.general: list[Rule] = []
        for order, pattern in enumerate(patterns):
            pos = pattern["attrs"].get("POS")
            if pos is None:
                continue
            for tokens in pattern["patterns"]:
                preds = [[_predicate(a, v) for a, v in tok.items()] for tok in tokens]
                rule: Rule = (order, preds, int(pattern.get("index", 0)), pos)
                first = tokens[0]
                if len(tokens) == 1 and isinstance(first.get("TAG"), str):
                    self.by_tag.setdefault(first["TAG"], []).append(rule)
                else:
                    self.general.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        best: dict[int, tuple[int, str]] = {}
        for token in doc:
            for order, preds, index, pos in self.by_tag.get(token.tag_, ()):
                if all(p(token) for p in preds[0]):
                    self._set(best, token.i + index, order, pos)
        for order, preds, index, pos in self.general:
            width = len(preds)
            for start in range(len(doc) - width + 1):
                if all(all(p(doc[start + k]) for p in preds[k]) for k in range(width)):
                    self._set(best, start + index, order, pos)
        for i, (_, pos) in best.items():
            doc[i].pos_ = pos
        return doc

    @staticmethod
    def _set(best: dict[int, tuple[int, str]], i: int, order: int, pos: str) -> None:
        if i not in best or best[i][0] < order:
            best[i] = (order, pos)


@Language.factory(
    "newstrace_pos",
    default_config={"patterns": []},
    requires=["token.tag", "token.dep"],
    assigns=["token.pos"],
)
def make_pos_lookup(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> PosLookup:
    return PosLookup(patterns)
