"""Filler: sentences with no checkable content ("Such alliances can be crucial for nations...").

A sentence is filler when it names no specific actor, number, date, quote or source, holds no
event, and reads as generic commentary (a generic subject such as "This development" or
"Such alliances", or a habitual/evaluative verb such as "often", "can be", "underscores").
"""

from __future__ import annotations

import re

from newstrace.extract.attribution import SentenceSources
from newstrace.extract.entities import Mention
from newstrace.nlp.pipeline import ParsedArticle, TriggerIndex

GENERIC = re.compile(
    r"^(?:this|these|such|that|those)\s+(?:development|developments|alliances?|moves?|events?|"
    r"situation|dynamics?|trends?|actions?|partnerships?|ties|relationships?|steps?)\b|"
    r"\b(?:often|frequently|typically|generally|usually|underscores?|highlights?|illustrates?|"
    r"reflects?|shows? how|points? to|signals?|remains? to be seen|is a reminder|"
    r"(?:can|could|may|might|tend to) (?:be|matter|prove|play|help|serve|become|shape))\b|"
    r"^\w+ (?:like|such as) (?:these|this|those|that)\b",
    re.I,
)
SPECIFIC = re.compile(r"\d|[\"“”]|\b(?:said|says|told|according)\b", re.I)
BROAD_PLACES = {"area", "continent", "sea", "region"}


def find_filler(
    parsed: ParsedArticle,
    mentions: dict[int, list[Mention]],
    sources: dict[int, SentenceSources],
    event_segments: set[int],
    triggers: TriggerIndex,
) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for n, seg in enumerate(parsed.segments):
        if seg.segment.kind != "sentence" or n in event_segments:
            continue
        text = seg.segment.text
        if not GENERIC.search(text) or SPECIFIC.search(text) or sources[n].cues:
            continue
        if any(_specific(m) for m in mentions[n]):
            continue
        out.append((seg.segment.start, seg.segment.end))
    return out


def _specific(m: Mention) -> bool:
    """A mention that makes a sentence checkable (a broad region does not)."""
    return m.kind not in {"place"} and m.label not in {"LOC"}
