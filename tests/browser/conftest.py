"""A real browser against the built manual: Debian's Chromium, driven by Playwright.

The site is the session's one build of ``docs/`` with the project's ``conf.py`` (the
``docs_build`` fixture), served on 127.0.0.1 from a thread. Chromium is Debian's headless
shell, ``/usr/bin/chromium-headless-shell`` (``tooling.CHROMIUM``): the tests never download a
browser of their own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from served_site import serve
from tooling import CHROMIUM, CHROMIUM_ARGS, require_module, require_tool


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_html(docs_html: Path) -> Path:
    """The manual's HTML: the session's one build of ``docs/`` with the project's conf.py
    (``docs_build``, which ``test_docs_build.py`` checks is clean)."""
    return docs_html


@pytest.fixture(scope="session")
def site_url(site_html: Path) -> Iterator[str]:
    """The built site, served by http.server on 127.0.0.1 (a free port) from a thread."""
    with serve(site_html) as url:
        yield url


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright (skips, or fails under CI=true, if absent),
    closed after the last browser test: a later test of the same process may start Playwright
    again (``served_site.chromium``), which it cannot while this one runs."""
    executable = require_tool(CHROMIUM)
    sync_api = require_module("playwright.sync_api")
    playwright = sync_api.sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """Make a page in a fresh browser context; ``new_page(**context_options)``."""
    contexts = []

    def make(**options: Any) -> Any:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def kept_tab(browser: Any) -> Iterator[Callable[..., Any]]:
    """``kept_tab(**context_options)``: one tab for each set of options, kept for the module's
    tests and emptied (``about:blank``) each time it is asked for, so that a test's page is a
    new document with nothing left of the last one. Loading pages into a kept tab spares
    Chromium a new renderer process a test: a new context costs it about a core-second, more
    than loading and checking a page does."""
    tabs: dict[str, Any] = {}

    def tab(**options: Any) -> Any:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        key = json.dumps(options, sort_keys=True)
        if key not in tabs:
            tabs[key] = browser.new_context(**options).new_page()
        tabs[key].goto("about:blank")
        return tabs[key]

    yield tab
    for kept in tabs.values():
        kept.context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    """A page at 1280x900 with JavaScript on."""
    return new_page()
