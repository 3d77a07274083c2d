"""The API's documentation pages, Swagger UI at ``/api/docs`` and ReDoc at ``/api/redoc``.

Their scripts, styles and icon are served by the app itself from ``/api/static/``: the files
ship in the ``fastapi-offline`` package (installed from PyPI with newstrace), so the pages work
offline and load nothing from a CDN.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

OPENAPI_URL = "/api/openapi.json"
STATIC_URL = "/api/static"
TITLE = "newstrace API"


def static_dir() -> Path:
    """The directory of the Swagger UI and ReDoc bundles (from the ``fastapi_offline`` package)."""
    return Path(str(files("fastapi_offline") / "static"))


def install(app: FastAPI) -> None:
    """Mount the static files and add the two documentation pages to ``app``."""
    app.mount(STATIC_URL, StaticFiles(directory=static_dir()), name="static")

    @app.get("/api/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=OPENAPI_URL,
            title=f"{TITLE} — Swagger UI",
            swagger_js_url=f"{STATIC_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{STATIC_URL}/swagger-ui.css",
            swagger_favicon_url=f"{STATIC_URL}/favicon.png",
            swagger_ui_parameters={"validatorUrl": None},  # no badge fetched from swagger.io
        )

    @app.get("/api/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=OPENAPI_URL,
            title=f"{TITLE} — ReDoc",
            redoc_js_url=f"{STATIC_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{STATIC_URL}/favicon.png",
            with_google_fonts=False,
        )
