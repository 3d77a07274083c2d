"""What the API answers, as pydantic models: they validate nothing the store did not already
check, but give the OpenAPI document (``/api/openapi.json``) its shapes.

Reports and stories travel whole, as the JSON objects of ``newstrace.report/1`` and
``newstrace.story/1`` (docs/report-format.md, docs/stories.md); the models below are the
envelopes and the summaries the API builds around them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable error code (docs/errors.md), e.g. 'api.invalid'.")
    message: str = Field(description="One sentence a person understands.")
    details: list[str] | None = Field(
        None, description="For 'api.invalid': one line per parameter that did not validate."
    )


class ErrorBody(BaseModel):
    """The one shape of every error the API answers."""

    error: ErrorDetail


class Page(BaseModel):
    limit: int
    offset: int
    next: str | None = Field(
        None, description="Path and query of the next page; null on the last page."
    )


class ArticleSummary(BaseModel):
    id: str
    url: str | None
    outlet_id: str | None
    outlet_name: str | None
    title: str | None
    published: str | None
    published_basis: str
    language: str | None
    chars: int
    source: str | None
    bytes_sha256: str | None
    analysed_at: str


class ArticlePage(Page):
    items: list[ArticleSummary]


class ArticleDetail(BaseModel):
    article: ArticleSummary
    report: dict[str, Any] = Field(description="The whole newstrace.report/1 object.")
    text: str = Field(description="The text the report's character offsets point into.")


class Submitted(BaseModel):
    id: str
    source: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    events: int
    stored: bool = Field(description="False when the same report was already stored.")
    href: str


class SubmitResult(BaseModel):
    articles: list[Submitted]
    errors: list[ErrorDetail] = Field(
        default_factory=list, description="Inputs of the request that were not articles."
    )


class ArticleIn(BaseModel):
    """A submitted article as JSON (``text`` or ``html``; the rest is metadata)."""

    text: str | None = None
    html: str | None = None
    url: str | None = Field(None, description="Metadata only: never fetched.")
    outlet: str | None = None
    title: str | None = None
    published: date | None = None


class ArticleRef(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None


class When(BaseModel):
    start: str | None
    end: str | None
    precision: str


class EventSummary(BaseModel):
    article_id: str
    event_id: str
    type: str
    mode: str | None
    status: str | None
    factuality: str
    negated: bool
    salience: str
    confidence: float
    when: When
    summary: str | None
    actors: list[str]
    recipients: list[str]
    intermediaries: list[str]
    article: ArticleRef
    href: str


class EventPage(Page):
    items: list[EventSummary]


class Evidence(BaseModel):
    start: int
    end: int
    rule: str | None
    text: str = Field(description="The text of the article between start and end.")


class EventDetail(BaseModel):
    event: dict[str, Any] = Field(description="The event as the report has it.")
    article: ArticleRef
    entities: list[dict[str, Any]] = Field(description="The report's entities the event names.")
    evidence: list[Evidence]
    story: str | None = Field(None, description="Id of the story the event belongs to.")


class StorySummary(BaseModel):
    id: str
    type: str
    status: str | None
    title: str
    first_reported: str | None
    last_reported: str | None
    reports: int
    independent_sources: int
    rating: str | None
    href: str


class StoryPage(Page):
    items: list[StorySummary]


class EntitySummary(BaseModel):
    id: str
    kind: str
    name: str
    country: str | None
    wikidata: str | None
    articles: int = Field(description="How many stored articles name it.")
    href: str


class EntityPage(Page):
    items: list[EntitySummary]


class EntityEvent(BaseModel):
    role: str
    event: EventSummary


class EntityDetail(BaseModel):
    entity: dict[str, Any] = Field(
        description="The entity as the newest report naming it has it (roles, mentions, ...)."
    )
    names: list[str] = Field(description="Every name the reports give it.")
    articles: list[ArticleRef] = Field(description="The newest articles naming it (at most 50).")
    events: list[EntityEvent] = Field(
        description="The newest events it takes part in (at most 50)."
    )
