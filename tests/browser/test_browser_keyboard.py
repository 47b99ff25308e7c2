"""A keyboard user on a guide: the skip link, the header in order, the menu on a phone, the
header search and the video's play button, with focus always visible."""

from __future__ import annotations

from typing import Any

import pytest

GUIDE = "the-team/web-operations.html"

# Where the focused element is, whether it is painted where it claims to be, and its focus
# styles. elementFromPoint finds nothing under an element that is clipped or pushed off-screen,
# which is how skip links are hidden until focused.
FOCUSED = """() => {
  const el = document.activeElement;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute("href"),
    text: el.textContent.trim(),
    rect: {left: r.left, top: r.top, width: r.width, height: r.height},
    onScreen: r.width >= 1 && r.height >= 1 && r.right > 0 && r.bottom > 0
      && r.left < innerWidth && r.top < innerHeight,
    painted: hit !== null && (hit === el || el.contains(hit)),
    visibility: s.visibility, opacity: s.opacity,
    outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, boxShadow: s.boxShadow,
  };
}"""


def has_focus_indicator(focused: dict[str, Any]) -> bool:
    outline = focused["outlineStyle"] != "none" and focused["outlineWidth"] not in ("0px", "")
    return outline or focused["boxShadow"] != "none"


def test_tab_reaches_the_skip_link_first_and_enter_moves_to_the_main_content(
    kept_tab: Any, site_url: str
) -> None:
    page = kept_tab()
    page.goto(site_url + GUIDE, wait_until="load")
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUSED)
    assert skip["tag"] == "a" and skip["href"] == "#main-content", skip
    assert "skip" in skip["text"].lower(), skip
    assert skip["onScreen"] and skip["painted"], f"skip link not visible when focused: {skip}"
    assert skip["visibility"] == "visible" and float(skip["opacity"]) > 0, skip
    assert has_focus_indicator(skip), f"no focus outline or box-shadow on the skip link: {skip}"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    assert page.evaluate("location.hash") == "#main-content"


def test_the_next_tab_stop_after_the_skip_link_target_shows_focus(
    kept_tab: Any, site_url: str
) -> None:
    page = kept_tab()
    page.goto(site_url + GUIDE, wait_until="load")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] != "body", "Tab from the main content reached nothing"
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")
    assert focused["onScreen"] and focused["painted"], focused
    assert has_focus_indicator(focused), f"no visible focus indicator: {focused}"


def tab_to(page: Any, times: int) -> list[dict[str, Any]]:
    stops = []
    for _ in range(times):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    return stops


def test_tab_goes_through_the_header_in_order_and_always_shows_focus(
    kept_tab: Any, site_url: str
) -> None:
    page = kept_tab()
    page.goto(site_url + GUIDE, wait_until="load")
    stops = tab_to(page, 8)
    assert [(s["tag"], s["text"] or s["id"]) for s in stops] == [
        ("a", "Skip to main content"),
        ("a", "Service Manual"),
        ("a", "Home"),
        ("a", "Browse guides"),
        ("a", "Phases"),
        ("input", "sm-header-search-input"),
        ("button", "Search"),
        ("a", "Home"),  # the first breadcrumb, in the main content
    ]
    for stop in stops:
        assert stop["onScreen"] and stop["painted"], stop
        assert has_focus_indicator(stop), f"no visible focus indicator: {stop}"


def test_the_header_search_takes_the_reader_to_the_results(kept_tab: Any, site_url: str) -> None:
    page = kept_tab()
    page.goto(site_url + GUIDE, wait_until="load")
    tab_to(page, 6)
    assert page.evaluate("document.activeElement.id") == "sm-header-search-input"
    page.keyboard.type("operations")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=operations")
    page.locator("#search-results ul.search > li").first.wait_for(timeout=10_000)
    assert page.locator("#sm-search-input").input_value() == "operations"


def test_on_a_phone_the_menu_button_opens_the_navigation(kept_tab: Any, site_url: str) -> None:
    page = kept_tab(viewport={"width": 375, "height": 812})
    page.goto(site_url + GUIDE, wait_until="load")
    stops = tab_to(page, 3)
    assert [(s["tag"], s["text"]) for s in stops] == [
        ("a", "Skip to main content"),
        ("a", "Service Manual"),
        ("button", "Menu"),
    ]
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    assert not page.locator("#sm-navigation").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    (home,) = tab_to(page, 1)
    assert (home["tag"], home["text"], home["href"]) == ("a", "Home", "../index.html")
    assert home["onScreen"] and home["painted"] and has_focus_indicator(home), home


def test_the_play_button_works_from_the_keyboard(page: Any, site_url: str) -> None:
    # A context of its own: the route it sets would outlive the test in a kept tab.
    page.route("**/*", lambda route: route.abort() if "127.0.0.1" not in route.request.url
               else route.continue_())  # fmt: skip
    page.goto(site_url + GUIDE, wait_until="load")
    for _ in range(40):
        page.keyboard.press("Tab")
        if "sm-video__play" in (page.evaluate("document.activeElement.className") or ""):
            break
    else:
        pytest.fail("Tab never reached the play button")
    button = page.evaluate(FOCUSED)
    assert button["tag"] == "button" and button["text"].startswith("Play video"), button
    assert has_focus_indicator(button), button
    page.keyboard.press("Enter")
    page.locator("figure.sm-video iframe").wait_for(state="attached", timeout=5000)
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
