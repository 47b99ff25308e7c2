"""The video player works in a project that lists only ``myst_parser`` and ``service_manual``:
the script ships with the extension."""

from __future__ import annotations

import re
from typing import Any

from conftest import SEED_GUIDE
from served_site import serve


def test_the_player_starts_in_a_bare_project(bare_project, page: Any) -> None:
    with serve(bare_project.outdir) as url:
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        page.goto(f"{url}{SEED_GUIDE}.html")
        figure = page.locator("figure.sm-video")
        figure.get_by_role("button", name=re.compile("play", re.IGNORECASE)).click()
        frame = figure.locator("iframe")
        frame.wait_for(state="attached", timeout=5000)
        assert (frame.get_attribute("src") or "").startswith(
            "https://www.youtube-nocookie.com/embed/"
        )
