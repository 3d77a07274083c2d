"""The article: normalised text plus what is known about where it came from."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

PublishedBasis = Literal["metadata", "option", "text", "unknown"]


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no trailing spaces on lines, no leading/trailing blank lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def text_id(text: str) -> str:
    """The article id: sha256 of the normalised text (DESIGN.md)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class OutletRef:
    id: str | None
    name: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


@dataclass(slots=True)
class Article:
    """One article as ingested. ``text`` is already normalised (see :func:`normalise_text`)."""

    text: str
    source: str = "<text>"
    url: str | None = None
    outlet: OutletRef = field(default_factory=lambda: OutletRef(None, None))
    title: str | None = None
    published: date | None = None
    published_basis: PublishedBasis = "unknown"
    language: str | None = None
    bytes_sha256: str | None = None
    encoding: str | None = None

    @property
    def id(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet.to_dict(),
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "published_basis": self.published_basis,
            "language": self.language,
            "chars": len(self.text),
        }
