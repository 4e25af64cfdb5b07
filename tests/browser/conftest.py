"""Real headless Chromium (Debian's) driven by Playwright, against a live Django server.

Fixtures: ``browser`` (one per session), ``phone`` / ``desktop`` pages (360x740 and 1280x800),
``login(page, user)``, ``axe(page)`` (runs axe-core and returns the violations) and
``shot(page, name)`` (saves a screenshot under ``screenshots/`` to look at).

The pages run under a strict Content-Security-Policy: give ``wait_for_function`` a function
(``"() => ..."``), never a bare expression (Playwright evaluates that with ``eval`` inside the
page, which the policy blocks), and add scripts by URL from the page's origin (as ``axe`` does).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# itself are still plain synchronous calls, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("STRIDEBACK_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


def _page(browser: Any, viewport: dict[str, int], locale: str) -> Any:
    context = browser.new_context(viewport=viewport, locale=locale, service_workers="allow")
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def _open(browser: Any, live_server: Any, viewport: dict[str, int], locale: str) -> Iterator[Any]:
    page = _page(browser, viewport, locale)
    page.base = live_server.url
    yield page
    page.context.close()


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    yield from _open(browser, live_server, PHONE, "en-GB")


@pytest.fixture
def phone_da(browser: Any, live_server: Any) -> Iterator[Any]:
    yield from _open(browser, live_server, PHONE, "da-DK")


@pytest.fixture
def desktop(browser: Any, live_server: Any) -> Iterator[Any]:
    yield from _open(browser, live_server, DESKTOP, "en-GB")


@pytest.fixture
def make_page(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """make_page(viewport=PHONE, locale="de-DE") for any other size or language."""
    pages: list[Any] = []

    def make(viewport: dict[str, int] = PHONE, locale: str = "en-GB") -> Any:
        page = _page(browser, viewport, locale)
        page.base = live_server.url
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.context.close()


@pytest.fixture
def login() -> Callable[[Any, Any], None]:
    """Log a page's browser context in as ``user`` by planting a real session cookie."""
    from django.conf import settings
    from django.test import Client

    def do(page: Any, user: Any) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": page.base}]
        )

    return do


@pytest.fixture
def axe() -> Callable[[Any], list[dict[str, Any]]]:
    """Run axe-core on the page; returns the violations (an empty list is a pass)."""

    def run(page: Any) -> list[dict[str, Any]]:
        if not AXE.exists():
            pytest.fail("axe-core is missing: run `npm install` (scripts/test.sh does)")
        # Evaluated through the DevTools protocol, which the pages' Content-Security-Policy does
        # not apply to (a <script> tag would be blocked, and a routed URL is not intercepted once
        # the service worker controls the page: it fetches the URL itself and gets a 404).
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("async () => (await axe.run(document)).violations")
        return [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result
        ]

    return run


@pytest.fixture
def shot() -> Callable[[Any, str], Path]:
    def take(page: Any, name: str) -> Path:
        SHOTS.mkdir(exist_ok=True)
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
