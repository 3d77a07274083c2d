"""The per-article report, ``newstrace.report/1``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newstrace import REPORT_SCHEMA
from newstrace.model.article import Article
from newstrace.model.entity import Entity
from newstrace.model.event import Event


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Report:
    article: Article
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    filler: list[Span] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity | None:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": REPORT_SCHEMA,
            "article": self.article.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "filler": [f.to_dict() for f in self.filler],
            "warnings": list(self.warnings),
        }
