"""The API's routes, one module per resource; :data:`ROUTERS` lists them for the app."""

from __future__ import annotations

from newstrace.serve.routes.articles import router as articles
from newstrace.serve.routes.entities import router as entities
from newstrace.serve.routes.events import router as events
from newstrace.serve.routes.export import router as export
from newstrace.serve.routes.stories import router as stories

ROUTERS = (articles, events, stories, entities, export)

__all__ = ["ROUTERS"]
