"""The manual under ``Content-Security-Policy: default-src 'self'``: pages work in Chromium and
break no rule of the policy.

The site is served on 127.0.0.1 by a small server that adds the header. A violation shows
twice, and both are watched: as a console error, and as a ``securitypolicyviolation`` event
(recorded by a script the test adds through Chromium's DevTools, which the policy does not
govern). Requests to any other host are refused and listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from served_site import serve

STRICT = "default-src 'self'"
# What a site that offers videos would send: the players' hosts may be framed, nothing else.
WITH_PLAYERS = f"{STRICT}; frame-src https://www.youtube-nocookie.com https://player.vimeo.com"

PAGES = {
    "guide": "the-team/web-operations.html",
    "role": "web-ops/index.html",
    "phase": "phases/discovery.html",
    "home": "index.html",
    "search": "search.html?q=operations",
}

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push({
    directive: event.effectiveDirective, blocked: event.blockedURI, source: event.sourceFile,
  });
});
"""


def serve_with(site_html: Path, policy: str) -> Iterator[str]:
    with serve(site_html, headers={"Content-Security-Policy": policy}) as url:
        yield url


@pytest.fixture(scope="module")
def strict_url(site_html: Path) -> Iterator[str]:
    yield from serve_with(site_html, STRICT)


@pytest.fixture(scope="module")
def players_url(site_html: Path) -> Iterator[str]:
    yield from serve_with(site_html, WITH_PLAYERS)


class Watched:
    """A page with its policy violations, console errors and outside requests recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.console: list[str] = []
        self.outside: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))
        page.route("**/*", self._route)

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.console.append(message.text)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def violations(self) -> list[dict[str, str]]:
        return list(self.page.evaluate("window.__violations"))

    def policy_errors(self) -> list[str]:
        return [m for m in self.console if "Content Security Policy" in m]


@pytest.fixture(scope="module")
def watched_tab(kept_tab: Callable[..., Any]) -> Watched:
    """The module's kept tab (1280x900, JavaScript on), watched."""
    return Watched(kept_tab())


@pytest.fixture
def watched(kept_tab: Callable[..., Any], watched_tab: Watched) -> Watched:
    """The watched tab, emptied and with nothing recorded: what the last test's page did
    cannot reach this test's records (the recording script runs again in every document)."""
    kept_tab()
    watched_tab.console.clear()
    watched_tab.outside.clear()
    return watched_tab


def open_page(watched: Watched, url: str) -> None:
    response = watched.page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    assert response.headers["content-security-policy"] == STRICT
    watched.page.wait_for_load_state("networkidle")


def test_the_watcher_sees_a_violation(watched: Watched, strict_url: str) -> None:
    """An inline script, refused by the policy, is seen both ways: the checks can fail."""
    open_page(watched, strict_url + PAGES["home"])
    watched.page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "document.title = 'inline';";
          document.body.append(script);
        }"""
    )
    watched.page.wait_for_timeout(200)
    assert watched.page.title() != "inline"
    assert [v["directive"] for v in watched.violations()] == ["script-src-elem"]
    assert len(watched.policy_errors()) == 1


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_breaks_no_rule_of_the_policy(watched: Watched, strict_url: str, path: str) -> None:
    open_page(watched, strict_url + path)
    assert watched.violations() == []
    assert watched.policy_errors() == []
    assert watched.console == []
    assert watched.outside == []
    # Frontend's JavaScript ran, from files: init.js set the class and started the components.
    page = watched.page
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")


def test_search_returns_results_under_the_policy(watched: Watched, strict_url: str) -> None:
    open_page(watched, strict_url + PAGES["search"])
    page = watched.page
    results = page.locator("#search-results ul.search > li")
    results.first.wait_for(timeout=10_000)
    assert results.count() > 0
    links = [results.nth(i).locator("a").first.inner_text() for i in range(results.count())]
    assert "Web operations skills" in links
    status = page.locator("#search-results .search-summary").inner_text()
    assert re.search(r"found \d+ page", status), status
    assert page.locator("#sm-search-input").input_value() == "operations"
    assert watched.violations() == [] and watched.policy_errors() == []


def test_the_navigation_menu_works_under_the_policy(new_page: Any, strict_url: str) -> None:
    watched = Watched(new_page(viewport={"width": 375, "height": 812}))
    open_page(watched, strict_url + PAGES["guide"])
    page = watched.page
    toggle = page.locator(".govuk-service-navigation__toggle")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#sm-navigation").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#sm-navigation").is_visible()
    assert watched.violations() == [] and watched.policy_errors() == []


def test_the_play_button_works_under_the_policy(watched: Watched, strict_url: str) -> None:
    open_page(watched, strict_url + PAGES["guide"])
    page = watched.page
    figure = page.locator("figure.sm-video")
    play = figure.get_by_role("button", name=re.compile("play video", re.IGNORECASE))
    assert "govuk-button" in (play.get_attribute("class") or "").split()
    play.click()
    frame = figure.locator("iframe")
    frame.wait_for(state="attached", timeout=5000)
    assert (frame.get_attribute("src") or "").startswith("https://www.youtube-nocookie.com/")
    assert play.count() == 0
    # The script itself breaks no rule. Framing the player is the one thing `default-src
    # 'self'` forbids: a site with videos allows the players' hosts in frame-src (below).
    page.wait_for_timeout(500)
    violations = watched.violations()
    assert violations != []
    for violation in violations:
        assert violation["directive"] == "frame-src", violation
        assert violation["blocked"].startswith("https://www.youtube-nocookie.com"), violation


def test_the_player_loads_where_the_policy_allows_its_host(new_page: Any, players_url: str) -> None:
    watched = Watched(new_page())
    response = watched.page.goto(players_url + PAGES["guide"], wait_until="load")
    assert response is not None and response.headers["content-security-policy"] == WITH_PLAYERS
    watched.page.wait_for_load_state("networkidle")
    assert watched.outside == []
    watched.page.get_by_role("button", name=re.compile("play video", re.IGNORECASE)).click()
    watched.page.locator("figure.sm-video iframe").wait_for(state="attached", timeout=5000)
    watched.page.wait_for_timeout(500)
    assert watched.violations() == [] and watched.policy_errors() == []
    # Only now, and only the privacy-enhanced player, is asked for (and refused here).
    assert watched.outside and all(
        url.startswith("https://www.youtube-nocookie.com/embed/") for url in watched.outside
    )
