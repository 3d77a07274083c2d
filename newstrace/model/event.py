"""Events and the values they carry; every value can say where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
STATUSES: tuple[str, ...] = (
    "requested",
    "offered",
    "agreed",
    "ordered",
    "delivered",
    "cancelled",
    "denied",
)
FACTUALITY: tuple[str, ...] = (
    "asserted",
    "reported",
    "unconfirmed",
    "denied",
    "hypothetical",
    "future",
)
PRECISIONS: tuple[str, ...] = ("day", "week", "part-of-month", "month", "year", "unknown")
QUANTITY_KINDS: tuple[str, ...] = ("exact", "approx", "vague", "unspecified")
ITEM_ACTIONS: tuple[str, ...] = (
    "supply",
    "sell",
    "deliver",
    "restore",
    "overhaul",
    "repair",
    "train",
    "other",
)
HOP_KINDS: tuple[str, ...] = (
    "outlet",
    "official",
    "person",
    "document",
    "anonymous",
    "organization",
    "statement",
    "social_media",
)

Precision = Literal["day", "week", "part-of-month", "month", "year", "unknown"]
QuantityKind = Literal["exact", "approx", "vague", "unspecified"]
Factuality = Literal["asserted", "reported", "unconfirmed", "denied", "hypothetical", "future"]


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "rule": self.rule}


@dataclass(slots=True)
class When:
    text: str | None
    start: str | None  # ISO date
    end: str | None
    precision: Precision = "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
        }


@dataclass(slots=True)
class Place:
    entity: str | None
    text: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "text": self.text,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
        }


@dataclass(slots=True)
class Quantity:
    value: float | None
    low: float | None = None
    high: float | None = None
    kind: QuantityKind = "unspecified"
    word: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": _num(self.value),
            "low": _num(self.low),
            "high": _num(self.high),
            "kind": self.kind,
            "word": self.word,
        }


@dataclass(slots=True)
class Item:
    text: str
    category: str
    system: str | None = None
    origin: str | None = None
    quantity: Quantity = field(default_factory=lambda: Quantity(None))
    action: str = "supply"
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "category": self.category,
            "system": self.system,
            "origin": self.origin,
            "quantity": self.quantity.to_dict(),
            "action": self.action,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(slots=True)
class Money:
    text: str
    amount: float | None = None
    currency: str | None = None
    term: str | None = None
    via: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "amount": _num(self.amount),
            "currency": self.currency,
            "term": self.term,
            "via": self.via,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(slots=True)
class Hop:
    name: str
    entity: str | None
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "entity": self.entity, "kind": self.kind}


@dataclass(slots=True)
class Attribution:
    hops: list[Hop]

    def to_dict(self) -> dict[str, Any]:
        return {"hops": [h.to_dict() for h in self.hops]}

    def names(self) -> tuple[str, ...]:
        return tuple(h.name for h in self.hops)


@dataclass(slots=True)
class Event:
    id: str
    type: str
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    status: str | None = None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    intermediaries: list[str] = field(default_factory=list)
    when: When = field(default_factory=lambda: When(None, None, None))
    where: list[Place] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    factuality: str = "asserted"
    negated: bool = False
    attribution: list[Attribution] = field(default_factory=list)
    salience: str = "core"
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    summary: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "status": self.status,
            "actors": list(self.actors),
            "recipients": list(self.recipients),
            "intermediaries": list(self.intermediaries),
            "when": self.when.to_dict(),
            "where": [p.to_dict() for p in self.where],
            "items": [i.to_dict() for i in self.items],
            "money": [m.to_dict() for m in self.money],
            "factuality": self.factuality,
            "negated": self.negated,
            "attribution": [a.to_dict() for a in self.attribution],
            "salience": self.salience,
            "evidence": [e.to_dict() for e in self.evidence],
            "confidence": round(self.confidence, 3),
            "summary": self.summary,
        }


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
