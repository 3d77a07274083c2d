"""The FastAPI app: :func:`create_app` wires the routes, the error translation, the body
limit and the documentation pages around one store (docs/api.md)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from newstrace import __version__
from newstrace.serve import dashboard, docs, errors
from newstrace.serve.dashboard.assets import NODE_MODULES
from newstrace.serve.deps import Analyser, Services
from newstrace.serve.limits import BodyLimit
from newstrace.serve.routes import ROUTERS
from newstrace.settings import Settings, get_settings
from newstrace.store import Store, open_store

DESCRIPTION = """\
International-security news as structured, source-attributed records: articles and their
reports (`newstrace.report/1`), events, entities and stories across outlets
(`newstrace.story/1`).

Reads are open; writes (`POST /api/articles`) need `Authorization: Bearer TOKEN`, the token
set in `NEWSTRACE_API_TOKEN`. Every error answers `{"error": {"code": ..., "message": ...}}`
with a stable code (docs/errors.md).
"""


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    analyser: Analyser | None = None,
    on_stored: Callable[[Store], Any] | None = None,
    node_modules: Path = NODE_MODULES,
) -> FastAPI:
    """The API over ``store`` (default: the store at ``settings.db``, opened and migrated now).

    ``analyser`` analyses submitted articles (``newstrace.pipeline.Engine``); without one the
    app only reads and ``POST /api/articles`` answers 503. ``on_stored`` runs after each
    submission, with the store (``newstrace serve`` merges the new reports into stories there).
    ``node_modules`` is where the dashboard's npm files are (docs/dashboard.md).
    Raises :class:`~newstrace.errors.StoreError` when the store cannot be opened.
    """
    settings = settings or get_settings()
    services = Services(
        settings=settings,
        store=store if store is not None else open_store(settings.db),
        analyser=analyser,
        on_stored=on_stored,
        owns_store=store is None,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        services.close()

    app = FastAPI(
        title=docs.TITLE,
        version=__version__,
        description=DESCRIPTION,
        openapi_url=docs.OPENAPI_URL,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.services = services
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    docs.install(app)
    dashboard.install(app, node_modules=node_modules)
    app.add_middleware(BodyLimit, limit=settings.max_request_bytes)
    return app
