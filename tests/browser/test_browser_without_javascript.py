"""Every page works without JavaScript: the navigation is open, every link is there, and the
search page says that search needs JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

PAGES = {
    "guide": "the-team/web-operations.html",
    "home": "index.html",
    "phase": "phases/discovery.html",
    "role": "web-ops/index.html",
    "browse": "browse/index.html",
}


@pytest.fixture
def no_script_page(kept_tab: Callable[..., Any]) -> Any:
    return kept_tab(java_script_enabled=False, viewport={"width": 375, "height": 812})


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_navigation_is_open_without_javascript(
    no_script_page: Any, site_url: str, path: str
) -> None:
    page = no_script_page
    page.goto(site_url + path, wait_until="load")
    assert not page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert not page.locator(".govuk-service-navigation__toggle").is_visible()
    links = page.locator("#sm-navigation a")
    assert [links.nth(i).inner_text() for i in range(links.count())] == [
        "Home",
        "Browse guides",
        "Phases",
    ]
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.locator("header form[role=search] input[name=q]").is_visible()
    assert page.locator("main h1").is_visible()


def test_the_search_page_says_it_needs_javascript(no_script_page: Any, site_url: str) -> None:
    page = no_script_page
    page.goto(site_url + "search.html?q=operations", wait_until="load")
    assert page.locator("main noscript, main .govuk-inset-text").first.is_visible()
    assert "activate JavaScript" in page.locator("main").inner_text()
