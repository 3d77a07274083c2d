"""Plain typed records shared by every stage (see DESIGN.md, "Records")."""

from newstrace.model.article import Article, OutletRef
from newstrace.model.entity import Entity, Role
from newstrace.model.event import (
    Attribution,
    Event,
    Evidence,
    Hop,
    Item,
    Money,
    Place,
    Quantity,
    When,
)
from newstrace.model.report import Report, Span
from newstrace.model.story import STORY_SCHEMA, Story

__all__ = [
    "STORY_SCHEMA",
    "Article",
    "Attribution",
    "Entity",
    "Event",
    "Evidence",
    "Hop",
    "Item",
    "Money",
    "OutletRef",
    "Place",
    "Quantity",
    "Report",
    "Role",
    "Span",
    "Story",
    "When",
]
