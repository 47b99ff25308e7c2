"""Screenshots of the seed guide and a role page on a desktop and a phone, kept as CI
artifacts. The README's pictures (``screenshots/``) are copies of these."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "_build" / "screenshots"
PAGES = {"web-operations": "the-team/web-operations.html", "role-web-ops": "web-ops/index.html"}


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (375, 812)])
@pytest.mark.parametrize("name", PAGES)
def test_screenshot(kept_tab: Any, site_url: str, name: str, width: int, height: int) -> None:
    page = kept_tab(viewport={"width": width, "height": height})
    page.goto(site_url + PAGES[name], wait_until="load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{width}x{height}.png"
    page.screenshot(path=str(path), full_page=True)
    shot_width, shot_height = png_size(path)
    assert shot_width == width
    assert shot_height >= height
    # At phone width nothing may make the reader scroll sideways (WCAG 1.4.10, reflow).
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page is {scroll_width}px wide in a {width}px viewport"
