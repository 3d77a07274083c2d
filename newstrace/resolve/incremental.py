"""New reports update only the stories they belong to.

The caller (the CLI, through the store) looks up the stories that share a blocking key with the
new reports (:func:`keys_for`), hands them over with the reports of their members, and gets
back the stories to write and the ids to delete (:func:`update`). Only the events of those
stories and of the new reports are clustered again: the rest of the corpus is not read.

Re-clustering a union of whole earlier clusters processes the same edges in the same order as
the first time, so the same report given twice changes nothing; ids are hashes of each story's
earliest event, so a story keeps its id unless an earlier report joins it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newstrace.model.story import Story
from newstrace.resolve.link import THRESHOLD, keys_of
from newstrace.resolve.mention import Mention, Pool, mentions
from newstrace.resolve.merge import stories_from_mentions


@dataclass(slots=True)
class Update:
    """What to write: ``stories`` (new or changed) and ``removed`` (ids that no longer exist)."""

    stories: list[Story] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def keys_for(
    reports: Iterable[Mapping[str, Any]], texts: Mapping[str, str] | None = None
) -> set[str]:
    """The blocking keys of the reports' events: look up stories holding any of them."""
    out: set[str] = set()
    for report in reports:
        text = (texts or {}).get(report["article"]["id"])
        out |= keys_of(mentions(report, text))
    return out


def update(
    new_reports: Sequence[Mapping[str, Any]],
    candidates: Sequence[Mapping[str, Any]],
    member_reports: Mapping[str, Mapping[str, Any]],
    *,
    texts: Mapping[str, str] | None = None,
    reliability: Mapping[str, str] | None = None,
    threshold: float = THRESHOLD,
) -> Update:
    """Merge ``new_reports`` into the ``candidates`` (stored story dicts sharing a key with them).

    ``member_reports`` maps each article id of the candidates' members to its report. A new
    report that replaces a stored one (same article, analysed again) takes its place.
    """
    texts = texts or {}
    renewed = {r["article"]["id"] for r in new_reports}
    shared = Pool()
    pool: dict[str, Mention] = {}
    for report in new_reports:
        for m in mentions(report, texts.get(report["article"]["id"]), shared):
            pool.setdefault(m.key, m)
    wanted: dict[str, set[str]] = {}
    for candidate in candidates:
        for member in candidate.get("events", []):
            if member["article"] not in renewed:
                wanted.setdefault(member["article"], set()).add(member["event"])
    for article, events in wanted.items():
        member = member_reports.get(article)
        if member is None:
            continue  # the article was deleted: its events leave the story
        for m in mentions(member, texts.get(article), shared):
            if m.event_id in events:
                pool.setdefault(m.key, m)
    ordered = sorted(pool.values(), key=lambda m: m.key)
    stories = stories_from_mentions(
        ordered, texts=texts, reliability=reliability, threshold=threshold
    )
    before = {s["id"]: s for s in candidates}
    result = Update()
    for story in stories:
        old = before.get(story.id)
        if old is not None and _same(old, story.to_dict()):
            result.unchanged += 1
        else:
            result.stories.append(story)
    result.removed = sorted(set(before) - {s.id for s in stories})
    return result


def _same(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    return dict(old) == dict(new)
