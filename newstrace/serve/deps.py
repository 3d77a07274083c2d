"""What the routes depend on: the services of the app, the write token, paging.

:class:`Services` is built once by :func:`~newstrace.serve.app.create_app` and kept on
``app.state``; routes get it (and its parts) through FastAPI's ``Depends``.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Protocol

from fastapi import Depends, Query, Request

from newstrace.errors import Unauthorized
from newstrace.model import Article, Report
from newstrace.settings import Settings
from newstrace.store import Store

#: The largest page any list answers.
MAX_LIMIT = 1000


class Analyser(Protocol):
    """What the API needs to analyse a submitted article (``newstrace.pipeline.Engine`` is one)."""

    def analyze_one(self, article: Article) -> Report: ...


@dataclass(slots=True)
class Services:
    """The app's store, analyser and settings; ``write_lock`` serialises analysis and merging
    (spaCy pipelines are not thread-safe, and two merges must not rewrite the same story)."""

    settings: Settings
    store: Store
    analyser: Analyser | None = None
    on_stored: Callable[[Store], Any] | None = None
    owns_store: bool = False
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    def close(self) -> None:
        """Close the store when the app opened it."""
        if self.owns_store:
            self.store.close()


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def get_store(services: Annotated[Services, Depends(get_services)]) -> Store:
    return services.store


def require_writer(request: Request, services: Annotated[Services, Depends(get_services)]) -> None:
    """Let a write through when it carries the token (or when auth is explicitly off)."""
    settings = services.settings
    if not settings.api_auth:
        return
    if settings.api_token is None or not settings.api_token.get_secret_value():
        raise Unauthorized(
            "writes are refused: this server has no token (set NEWSTRACE_API_TOKEN, or "
            "NEWSTRACE_API_AUTH=off for a local single-user run)"
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    expected = settings.api_token.get_secret_value()
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), expected.encode("utf-8")
    ):
        raise Unauthorized("writes need the header 'Authorization: Bearer TOKEN' with the token")


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many items.")] = 50,
    offset: Annotated[int, Query(ge=0, description="Skip this many items first.")] = 0,
) -> Paging:
    return Paging(limit, offset)


StoreDep = Annotated[Store, Depends(get_store)]
ServicesDep = Annotated[Services, Depends(get_services)]
PagingDep = Annotated[Paging, Depends(paging)]
WriterDep = Depends(require_writer)


def next_page(request: Request, page: Paging, got: int) -> str | None:
    """Path and query of the next page when this one was full (``got`` counts one extra row)."""
    if got <= page.limit:
        return None
    url = request.url.include_query_params(offset=page.offset + page.limit)
    return f"{url.path}?{url.query}"
