"""The Admiralty rating of a story: source reliability A–F and information credibility 1–6.

* **Source reliability** is the grade of the story's source: the best grade among the outlets
  at the roots of its citation graph (an origin outside the corpus, such as The Washington Post
  cited by everyone, is graded too). Grades come from ``reliability`` in ``outlets.yaml``,
  overridden by a table the user gives (``--reliability FILE``: ``outlet id or name: grade``).
* **Information credibility** counts *independent* sources only — echoes never raise it:
  three or more independent sources give 1 (confirmed), two give 2 (probably true), one gives
  3 (possibly true); a story that every source hedges ("it remains unclear") is one step worse;
  a denial by a party makes it one step worse again (at most 5, improbable); no source at all
  gives 6 (cannot be judged).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import yaml

from newstrace.errors import UsageError

GRADES = ("A", "B", "C", "D", "E", "F")
CREDIBILITY = {
    1: "confirmed by independent sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}


@lru_cache(maxsize=1)
def default_reliability() -> dict[str, str]:
    """Outlet id and folded name -> grade, from the shipped ``outlets.yaml``."""
    from newstrace.nlp.knowledge import load_knowledge

    table: dict[str, str] = {}
    for outlet in load_knowledge().outlets.values():
        table[outlet.id] = outlet.reliability
        for name in (outlet.name, *outlet.aliases):
            table.setdefault(fold(name), outlet.reliability)
    return table


def parse_reliability(text: str, *, name: str = "reliability table") -> dict[str, str]:
    """An override table from YAML text: a mapping ``outlet id or name: grade``.

    Raises :class:`UsageError` naming ``name`` for anything else.
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise UsageError(f"{name}: not YAML ({exc.__class__.__name__})") from None
    if isinstance(data, dict) and isinstance(data.get("outlets"), dict):
        data = data["outlets"]
    if not isinstance(data, dict):
        raise UsageError(f"{name}: expected a mapping 'outlet: grade' (A-F)")
    out: dict[str, str] = {}
    for key, grade in data.items():
        grade = str(grade).strip().upper()
        if grade not in GRADES:
            raise UsageError(f"{name}: {key}: grade {grade!r} is not one of A-F")
        out[str(key).removeprefix("outlet:")] = grade
        out[fold(str(key))] = grade
    return out


def merged_table(override: Mapping[str, str] | None) -> dict[str, str]:
    table = dict(default_reliability())
    if override:
        table.update(override)
    return table


def grade_of(outlet_id: str | None, name: str | None, table: Mapping[str, str]) -> str:
    for key in (outlet_id, fold(name) if name else None):
        if key and key in table:
            return table[key]
    return "F"


def fold(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip().lower())


def rate(
    root_grades: Iterable[str],
    independent: int,
    *,
    hedged: bool,
    denied: bool,
) -> dict[str, Any]:
    """The rating: ``{reliability, credibility, rating, basis}``."""
    grades = sorted(set(root_grades)) or ["F"]
    reliability = grades[0]
    if independent <= 0:
        level = 6
    else:
        level = 1 if independent >= 3 else 2 if independent == 2 else 3
        if hedged:
            level += 1
        if denied:
            level += 1
        level = min(level, 5)
    basis = [f"{independent} independent source{'s' if independent != 1 else ''}"]
    if hedged:
        basis.append("every source hedges")
    if denied:
        basis.append("denied by a party")
    return {
        "reliability": reliability,
        "credibility": level,
        "rating": f"{reliability}{level}",
        "meaning": f"{RELIABILITY[reliability]}; {CREDIBILITY[level]}",
        "basis": "; ".join(basis),
    }
