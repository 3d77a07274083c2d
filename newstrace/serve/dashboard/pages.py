"""The dashboard's pages and files, and the Content-Security-Policy they are served with.

Every page is one HTML shell (``templates/page.html``) naming its page and its path parameter
in ``data-`` attributes (escaped); ``static/app.js`` reads them and draws the page from the API.
When ``node_modules`` lacks a file of :data:`~newstrace.serve.dashboard.assets.VENDOR`, each
page answers 503 with a page that says to run ``npm ci``; the API is unaffected.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from pathlib import Path
from string import Template

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from newstrace.errors import NotFound
from newstrace.serve.dashboard import aggregates
from newstrace.serve.dashboard.assets import (
    NODE_MODULES,
    STATIC_DIR,
    TEMPLATES_DIR,
    VENDOR,
    missing_vendor_files,
)

ASSETS_URL = "/assets"
VENDOR_URL = "/vendor"

#: Scripts, styles, data and images from this server only; no inline script, no plug-in, no
#: framing, no form sent elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

#: Page name → (title, path of the route; ``{key}`` is the path parameter).
PAGES: dict[str, tuple[str, str]] = {
    "stories": ("Stories", "/"),
    "story": ("Story", "/stories/{key}"),
    "events": ("Events", "/events"),
    "network": ("Actor network", "/network"),
    "map": ("Map", "/map"),
    "entity": ("Entity", "/entities/{key}"),
    "article": ("Article", "/articles/{key}"),
}

_PAGE = Template((TEMPLATES_DIR / "page.html").read_text(encoding="utf-8"))
_MISSING = Template((TEMPLATES_DIR / "missing.html").read_text(encoding="utf-8"))


def render(page: str, key: str = "", node_modules: Path = NODE_MODULES) -> HTMLResponse:
    """The shell of ``page`` (or the 503 page naming ``npm ci`` when assets are missing)."""
    missing = missing_vendor_files(node_modules)
    if missing:
        body = _MISSING.substitute(
            missing=html.escape(", ".join(missing)), node_modules=html.escape(str(node_modules))
        )
        return HTMLResponse(body, status_code=503, headers=HEADERS)
    title = PAGES[page][0]
    body = _PAGE.substitute(
        title=html.escape(title), page=html.escape(page), key=html.escape(key, quote=True)
    )
    return HTMLResponse(body, headers=HEADERS)


def install(app: FastAPI, *, node_modules: Path = NODE_MODULES) -> None:
    """Add the pages, ``/assets`` (the dashboard's own files), ``/vendor`` (the allow-listed
    npm files) and the two aggregation routes of :mod:`.aggregates` to ``app``."""
    app.include_router(aggregates.router)
    app.mount(ASSETS_URL, StaticFiles(directory=STATIC_DIR), name="dashboard-assets")

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if request.url.path.startswith(ASSETS_URL + "/"):
            # Revalidated on every load (ETag), so an upgraded newstrace never runs old scripts.
            response.headers.update(HEADERS)
            response.headers["Cache-Control"] = "no-cache"
        return response

    @app.get(VENDOR_URL + "/{name}", include_in_schema=False)
    def vendor(name: str) -> Response:
        file = VENDOR.get(name)
        path = file.location(node_modules) if file else None
        if file is None or path is None or not path.is_file():
            hint = " (run `npm ci` in the repository)" if file else ""
            raise NotFound(f"no dashboard asset {name!r}{hint}")
        return FileResponse(path, media_type=file.media_type, headers=HEADERS)

    def add(page: str, path: str) -> None:
        if "{key}" in path:

            def keyed(key: str) -> HTMLResponse:
                return render(page, key, node_modules)

            app.add_api_route(
                path.replace("{key}", "{key:path}"),
                keyed,
                methods=["GET"],
                include_in_schema=False,
                name=f"dashboard-{page}",
            )
        else:

            def plain() -> HTMLResponse:
                return render(page, "", node_modules)

            app.add_api_route(
                path, plain, methods=["GET"], include_in_schema=False, name=f"dashboard-{page}"
            )

    for page, (_title, path) in PAGES.items():
        add(page, path)
