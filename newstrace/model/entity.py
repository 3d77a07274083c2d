"""Entities: the who and the what that events refer to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

EntityKind = Literal[
    "country", "person", "organization", "outlet", "weapon_system", "place", "document", "group"
]
ENTITY_KINDS: tuple[str, ...] = (
    "country",
    "person",
    "organization",
    "outlet",
    "weapon_system",
    "place",
    "document",
    "group",
)


@dataclass(frozen=True, slots=True)
class Role:
    """An office or function: ``title`` of ``of`` (country or organisation), with its term."""

    title: str
    of: str | None = None
    start: str | None = None  # ISO date; serialised as "from"
    end: str | None = None  # ISO date or None while in office; serialised as "to"

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "of": self.of, "from": self.start, "to": self.end}


@dataclass(slots=True)
class Entity:
    id: str
    kind: EntityKind
    name: str
    country: str | None = None
    roles: list[Role] = field(default_factory=list)
    wikidata: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    # Not serialised: where the entity came from (knowledge id or model) and its category.
    source: str = "model"
    category: str | None = None

    def add_mention(self, start: int, end: int) -> None:
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "country": self.country,
            "roles": [r.to_dict() for r in self.roles],
            "wikidata": self.wikidata,
            "mentions": [[s, e] for s, e in sorted(self.mentions)],
        }
