"""The 404 page, served as Read the Docs serves it: the site at ``/service-manual/``, and any
missing URL, however deep, answered with ``404.html`` and status 404.

The ``published`` root is built with its base URL at ``/service-manual/`` (the test host's
name does not matter: the page's links are absolute paths) and served by ``http.server`` on
127.0.0.1 under that prefix. In Chromium the page's stylesheets load, every link on it leads
to a page, and its search form finds a page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from served_site import serve

BASE = "https://manual.example/service-manual/"
MISSING = "a/deep/path/that/was/never/there.html"


@pytest.fixture(scope="module")
def served(build) -> Iterator[str]:
    site = build("published", html_baseurl=BASE)
    with serve(site.outdir, "/service-manual/") as url:
        yield url


def test_a_missing_page_gets_the_404_page_with_its_styles(page: Any, served: str) -> None:
    # A context of its own: its listeners would outlive the test in a kept tab.
    loaded: dict[str, int] = {}
    failed: list[str] = []
    page.on("response", lambda response: loaded.__setitem__(response.url, response.status))
    page.on("requestfailed", lambda request: failed.append(request.url))
    response = page.goto(served + MISSING)
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert failed == []
    assets = {url: status for url, status in loaded.items() if "/_static/" in url}
    assert any(url.split("?")[0].endswith(".css") for url in assets), loaded
    assert all(status == 200 for status in assets.values()), assets
    # Every stylesheet the page names was loaded and parsed.
    sheets = page.evaluate(
        """() => [...document.styleSheets].map(s => [s.href, s.cssRules.length])"""
    )
    assert sheets and all(rules > 0 for _href, rules in sheets), sheets


def test_every_link_on_the_404_page_leads_to_a_page(kept_tab: Any, served: str) -> None:
    page = kept_tab()
    page.goto(served + MISSING)
    # Every link but those within the page itself (the skip link).
    hrefs = page.eval_on_selector_all("a[href]:not([href^='#'])", "links => links.map(a => a.href)")
    host = urlsplit(served).netloc
    local = sorted({h.split("#")[0] for h in hrefs if urlsplit(h).netloc == host})
    # The header's (home, browse, search form) and the body's (search, home).
    assert [urlsplit(url).path for url in local] == [
        "/service-manual/browse/index.html",
        "/service-manual/index.html",
        "/service-manual/search.html",
    ], hrefs
    for url in local:
        assert page.request.get(url).status == 200, url


def test_the_search_form_on_the_404_page_finds_a_page(kept_tab: Any, served: str) -> None:
    page = kept_tab()
    page.goto(served + MISSING)
    page.get_by_role("search").locator('input[name="q"]').fill("agile")
    page.get_by_role("search").locator('input[name="q"]').press("Enter")
    page.wait_for_url("**/service-manual/search.html?q=agile")
    first = page.locator("#search-results ul.search li a").first
    first.wait_for()
    assert urlsplit(first.get_attribute("href")).path == "agile/index.html"
