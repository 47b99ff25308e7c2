"""The video asks nothing of another host until the reader chooses to play it."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

GUIDE = "the-team/web-operations.html"
NOCOOKIE_EMBED = "https://www.youtube-nocookie.com/embed/"


def keep_to_this_machine(page: Any) -> list[str]:
    """Let requests to 127.0.0.1 through; abort every other one and list it."""
    outside: list[str] = []

    def handle(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    page.route("**/*", handle)
    return outside


def test_play_button_inserts_the_privacy_enhanced_player(page: Any, site_url: str) -> None:
    outside = keep_to_this_machine(page)
    page.goto(site_url + GUIDE, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert outside == [], "the page asked another host before the reader chose to play"

    figure = page.locator("figure.sm-video")
    assert figure.count() == 1
    assert figure.locator("iframe").count() == 0
    play = figure.get_by_role("button", name=re.compile("play", re.IGNORECASE))
    assert play.count() == 1
    play.click()

    frame = figure.locator("iframe")
    frame.wait_for(state="attached", timeout=5000)
    src = frame.get_attribute("src") or ""
    assert src.startswith(NOCOOKIE_EMBED), src
    assert (frame.get_attribute("title") or "").strip(), "the player's iframe has no title"
    # Now, and only now, the player's own host is asked (and refused here).
    assert all(url.startswith(NOCOOKIE_EMBED) for url in outside), outside


def test_without_javascript_the_caption_and_watch_link_remain(new_page: Any, site_url: str) -> None:
    page = new_page(java_script_enabled=False)
    outside = keep_to_this_machine(page)
    page.goto(site_url + GUIDE, wait_until="load")
    figure = page.locator("figure.sm-video")
    assert figure.count() == 1
    assert figure.locator("figcaption").inner_text().strip()
    watch = figure.locator('a[href^="https://www.youtube.com/watch"]')
    assert watch.count() == 1
    assert watch.inner_text().strip()
    assert page.locator("iframe").count() == 0
    # Without the script there is nothing for a play button to do, so there is none.
    assert figure.locator("button").count() == 0
    assert outside == []
