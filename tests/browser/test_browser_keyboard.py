"""A keyboard user's first moves on a guide: the skip link, then the main content."""

from __future__ import annotations

from typing import Any

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
    page: Any, site_url: str
) -> None:
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


def test_the_next_tab_stop_after_the_skip_link_target_shows_focus(page: Any, site_url: str) -> None:
    page.goto(site_url + GUIDE, wait_until="load")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] != "body", "Tab from the main content reached nothing"
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")
    assert focused["onScreen"] and focused["painted"], focused
    assert has_focus_indicator(focused), f"no visible focus indicator: {focused}"
