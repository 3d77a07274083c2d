"""Fixtures of the browser tests: a real uvicorn server on a free loopback port, over a SQLite
store filled with the samples of ``tests/serve/conftest.py`` plus one hostile article, and
Debian's Chromium (``/usr/bin/chromium``) driven by Playwright, with a fresh profile.

Every page a test opens is checked for console errors and uncaught exceptions, and a
screenshot of it is kept in ``tests/artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from newstrace.cli_stories import sync_stories
from newstrace.pipeline import Engine, run
from newstrace.serve import create_app
from newstrace.settings import Settings
from newstrace.store import open_store
from tests.serve.conftest import fill

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: An article whose text and title carry markup that must never run or become elements.
HOSTILE = """Russia sends S-400 <script>alert('xss-script')</script> systems to India

MOSCOW - Russia delivered two S-400 air defence systems to India on Monday, the Indian defence \
ministry said <img src=x onerror="alert('xss-img')">, in a deal worth $5.4 billion.
India asked Russia for more spare parts <a href="javascript:alert('xss-link')">click</a> in \
New Delhi on 3 March 2025.
"""
MARKUP = ("<script>alert('xss-script')</script>", "<img src=x onerror=", "javascript:alert(")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="package")
def browser_db(tmp_path_factory: pytest.TempPathFactory, engine: Engine) -> str:
    """A SQLite store with the four sample files and the hostile article, merged into stories."""
    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'store.db'}"
    fill(url, engine)
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    with open_store(url) as store:
        outcomes = list(
            run(
                [str(hostile)],
                engine=engine,
                store=store,
                outlet="<img src=x onerror=alert('xss-outlet')>",
                published=None,
            )
        )
        assert outcomes and all(o.ok for o in outcomes), [str(o.error) for o in outcomes]
        sync_stories(store)
    return url


@pytest.fixture(scope="package")
def server(browser_db: str) -> Iterator[str]:
    """The base URL of a real uvicorn server of the app (read-only) over ``browser_db``."""
    port = free_port()
    app = create_app(Settings(db=browser_db))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the uvicorn server did not start", pytrace=False)
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="package")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A Playwright browser context of Debian's Chromium with a fresh profile."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
            "(run `make test`, which installs it with apt-get)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


class Page:
    """A browser tab that records console errors, page errors and dialogs."""

    def __init__(self, context: Any, base: str) -> None:
        self.base = base
        self.page = context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on(
            "console",
            lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str, shot: str | None = None) -> Any:
        """Go to ``path``, wait until the page says it is drawn, and keep a screenshot."""
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, (path, response)
        self.page.wait_for_selector("body[data-ready]", state="attached", timeout=20_000)
        ready = self.page.evaluate("document.body.dataset.ready")
        error = self.page.locator(".error").all_text_contents()
        assert ready == "true", f"{path}: the page failed: {error}"
        if shot:
            self.shot(shot)
        return self.page

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def assert_clean(self) -> None:
        assert not self.errors, self.errors
        assert not self.dialogs, self.dialogs


@pytest.fixture
def tab(browser: Any, server: str) -> Iterator[Page]:
    opened = Page(browser, server)
    try:
        yield opened
        opened.assert_clean()
    finally:
        opened.page.close()
