"""``newstrace serve``: the REST API (docs/api.md), or one request answered in-process (``--get``).

Registered on the ``newstrace`` app by one import at the end of :mod:`newstrace.cli`. This is
wiring: it hands the API its store, the pipeline's :class:`~newstrace.pipeline.Engine` to
analyse submitted articles, and the merge of new reports into stories.
"""

from __future__ import annotations

import ipaddress
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newstrace.cli import DbOption, _fail, _quiet_libraries, _settings, app, err_console
from newstrace.errors import NewstraceError, UsageError
from newstrace.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and the loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    host: Annotated[
        str | None,
        typer.Option(help="Address to bind [default: NEWSTRACE_HOST, 127.0.0.1]."),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(min=0, max=65535, help="Port to listen on [default: NEWSTRACE_PORT, 8000]."),
    ] = None,
    db: DbOption = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Server processes (uvicorn workers) sharing the port; each loads the NLP "
            "pipeline for submissions. More than one answers reads in parallel on a machine "
            "with spare cores (docs/benchmarks.md).",
        ),
    ] = 1,
    get: Annotated[
        str | None,
        typer.Option(
            "--get",
            metavar="PATH",
            help="Answer one GET request for PATH (/api/...) in-process, print the body to "
            "standard output and exit: 0 for a 2xx answer, 1 otherwise. No server is started.",
        ),
    ] = None,
) -> None:
    """Serve the REST API and its documentation pages (/api/docs)."""
    from newstrace.cli_stories import sync_stories
    from newstrace.serve import create_app

    settings = _settings(db)
    updates = {k: v for k, v in (("host", host), ("port", port)) if v is not None}
    settings = settings.model_copy(update=updates)
    if get is not None:
        _get(settings, get)
        return
    _check_exposure(settings)
    _quiet_libraries()
    if workers > 1:
        _run_workers(settings, workers)
        return
    from newstrace.pipeline import Engine

    try:
        engine = Engine(settings)
        with err_console.status("loading the NLP pipeline"):
            engine.load()
        api = create_app(settings, analyser=engine, on_stored=sync_stories)
        sync_stories(api.state.services.store)
    except NewstraceError as err:
        _fail(err)
    _run(api, settings)


def _get(settings: Settings, path: str) -> None:
    from fastapi.testclient import TestClient

    from newstrace.cli_stories import sync_stories
    from newstrace.serve import create_app

    if not path.startswith("/"):
        _fail(UsageError(f"--get {path!r}: give a path starting with '/', e.g. /api/stories"), 2)
    try:
        api = create_app(settings)
        sync_stories(api.state.services.store)
    except NewstraceError as err:
        _fail(err)
    try:
        client = TestClient(api, raise_server_exceptions=False)
        response = client.get(path)
    finally:
        api.state.services.close()
    body = response.text
    sys.stdout.write(body if body.endswith("\n") or not body else body + "\n")
    sys.stdout.flush()
    if not 200 <= response.status_code < 300:
        raise typer.Exit(1)


def _check_exposure(settings: Settings) -> None:
    """Refuse auth off beyond loopback; say when writes will be refused."""
    local = is_loopback(settings.host)
    if not settings.api_auth and not local:
        _fail(
            UsageError(
                f"NEWSTRACE_API_AUTH=off is for a local single-user run: it cannot be combined "
                f"with host {settings.host!r} (bind 127.0.0.1, or set NEWSTRACE_API_TOKEN)"
            ),
            code=2,
        )
    if not settings.api_auth:
        err_console.print("newstrace: writes need no token (NEWSTRACE_API_AUTH=off)", markup=False)
    elif settings.api_token is None or not settings.api_token.get_secret_value():
        err_console.print(
            "newstrace: NEWSTRACE_API_TOKEN is not set: the API is read-only", markup=False
        )
    if not local:
        err_console.print(
            f"newstrace: listening on {settings.host}, beyond this machine", markup=False
        )


def _run(api: FastAPI, settings: Settings) -> None:  # pragma: no cover - runs until stopped
    import uvicorn

    err_console.print(
        f"newstrace: serving http://{settings.host}:{settings.port}/api/ "
        f"(docs at /api/docs; Ctrl-C to stop)",
        markup=False,
    )
    uvicorn.run(api, host=settings.host, port=settings.port, log_level="info")


def _run_workers(settings: Settings, workers: int) -> None:  # pragma: no cover - until stopped
    """``workers`` processes, each with its own app (:func:`worker_app`),
    built from the environment: the settings chosen here are passed on through it."""
    import os

    import uvicorn

    from newstrace.cli_stories import sync_stories
    from newstrace.store import open_store

    os.environ.update(
        {
            "NEWSTRACE_DB": settings.db,
            "NEWSTRACE_HOST": settings.host,
            "NEWSTRACE_PORT": str(settings.port),
        }
    )
    try:
        with open_store(settings.db) as store:  # migrated and merged once, before the workers
            sync_stories(store)
    except NewstraceError as err:
        _fail(err)
    err_console.print(
        f"newstrace: serving http://{settings.host}:{settings.port}/api/ with {workers} "
        f"workers (docs at /api/docs; Ctrl-C to stop)",
        markup=False,
    )
    uvicorn.run(
        "newstrace.cli_serve:worker_app",
        factory=True,
        workers=workers,
        host=settings.host,
        port=settings.port,
        log_level="info",
    )


def worker_app() -> FastAPI:  # pragma: no cover - run by uvicorn in each worker process
    """The app of one ``newstrace serve --workers N`` process: settings from the environment,
    its own NLP pipeline for submissions, and story merging after each one behind a lock that
    the workers share (:func:`merge_locked`), so two of them never merge the same reports."""
    from newstrace.pipeline import Engine
    from newstrace.serve import create_app
    from newstrace.settings import get_settings

    settings = get_settings()
    engine = Engine(settings)
    engine.load()
    return create_app(settings, analyser=engine, on_stored=merge_locked)


def merge_locked(store: Any) -> Any:
    """``sync_stories(store)`` while holding an exclusive lock on a file named after the
    database (one per machine: the workers of one server share it)."""
    import fcntl
    import hashlib
    import tempfile
    from pathlib import Path

    from newstrace.cli_stories import sync_stories

    name = hashlib.sha256(str(store.url).encode("utf-8")).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"newstrace-stories-{name}.lock"
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            return sync_stories(store)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
