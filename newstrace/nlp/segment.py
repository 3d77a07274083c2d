"""Article text -> segments: headings, list items and sentences, with character offsets.

Rule-based and cheap, so that it can run on every article before deciding what to parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SegmentKind = Literal["heading", "list_item", "sentence"]

_LIST_MARKER = re.compile(r"^\s*(?:[-*•–—▪●]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+|[\"”]\s+(?=[A-Z])")
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "jr",
        "sr",
        "prof",
        "pres",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "vs",
        "etc",
        "inc",
        "corp",
        "ltd",
        "co",
        "dept",
        "est",
        "approx",
        "fig",
        "al",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
    }
)
_BEFORE_NUMBER = frozenset({"no", "nos", "art", "para", "vol"})  # "No. 10", not "said no."


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str
    kind: SegmentKind
    block: int  # index of the paragraph, heading or list item the segment belongs to


def segment(text: str) -> list[Segment]:
    """Split ``text`` into segments; offsets index into ``text``."""
    segments: list[Segment] = []
    offset = 0
    block = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        marker = _LIST_MARKER.match(line)
        if marker and len(stripped) > 2:
            start = line_start + marker.end()
            body = line[marker.end() :].rstrip()
            segments.append(Segment(start, start + len(body), body, "list_item", block))
        elif _is_heading(stripped):
            start = line_start + lead
            segments.append(Segment(start, start + len(stripped), stripped, "heading", block))
        else:
            for s, e in split_sentences(line):
                segments.append(
                    Segment(line_start + s, line_start + e, line[s:e], "sentence", block)
                )
        block += 1
    return segments


def _is_heading(line: str) -> bool:
    words = line.split()
    return (
        len(words) <= 12
        and len(line) <= 90
        and line[-1] not in '.!?:;,"”’'
        and line[0].isupper()
        and sum(w[0].isupper() for w in words if w[0].isalpha()) >= max(1, len(words) // 2)
    )


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within one paragraph, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        cut = match.end()
        nxt = paragraph[cut : cut + 1]
        if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'("):
            continue
        if _ends_with_abbreviation(paragraph[start : match.start() + 1], nxt):
            continue
        spans.append((start, cut))
        start = cut
    spans.append((start, len(paragraph)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        chunk = paragraph[s:e]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            out.append((s + left, s + right))
    return out


def _ends_with_abbreviation(chunk: str, nxt: str = "") -> bool:
    if not chunk.endswith("."):
        return False
    word = chunk[:-1].rsplit(None, 1)[-1] if chunk[:-1].strip() else ""
    word = word.lstrip("(\"“'")
    if not word:
        return False
    if word.lower() in _ABBREVIATIONS:
        return True
    if word.lower() in _BEFORE_NUMBER:
        return nxt.isdigit()
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", word):  # U.S. / e.g. / initials
        return True
    return len(word) == 1 and word.isupper()  # middle initial: "John F. Kennedy"
