"""The story, ``newstrace.story/1``: one real-world event (or one deal's lifecycle) as told by
many reports, every value with the reports behind it (docs/stories.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STORY_SCHEMA = "newstrace.story/1"


@dataclass(slots=True)
class Story:
    """A merged story. Values are JSON-ready; see ``newstrace/schemas/story-1.json``."""

    id: str
    type: str
    status: str | None
    title: str
    first_reported: dict[str, Any]
    spread: dict[str, Any]
    origin: dict[str, Any] | None
    fields: dict[str, Any]
    reports: list[dict[str, Any]]
    independent_sources: int
    discrepancies: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    credibility: dict[str, Any] = field(default_factory=dict)
    events: list[dict[str, str]] = field(default_factory=list)  # [{article, event}]
    keys: list[str] = field(default_factory=list)  # blocking keys (for incremental updates)

    @property
    def articles(self) -> list[str]:
        return [r["article"] for r in self.reports]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": STORY_SCHEMA,
            "id": self.id,
            "type": self.type,
            "status": self.status,
            "title": self.title,
            "first_reported": self.first_reported,
            "spread": self.spread,
            "origin": self.origin,
            "fields": self.fields,
            "reports": self.reports,
            "independent_sources": self.independent_sources,
            "discrepancies": self.discrepancies,
            "timeline": self.timeline,
            "credibility": self.credibility,
            "events": self.events,
            "keys": self.keys,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        return cls(
            id=data["id"],
            type=data["type"],
            status=data.get("status"),
            title=data.get("title", ""),
            first_reported=data["first_reported"],
            spread=data["spread"],
            origin=data.get("origin"),
            fields=data["fields"],
            reports=data["reports"],
            independent_sources=data["independent_sources"],
            discrepancies=data.get("discrepancies", []),
            timeline=data.get("timeline", []),
            credibility=data.get("credibility", {}),
            events=data.get("events", []),
            keys=data.get("keys", []),
        )
