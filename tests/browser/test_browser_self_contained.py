"""The video player works in a project that lists only ``myst_parser`` and ``service_manual``:
the script ships with the extension."""

from __future__ import annotations

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from conftest import SEED_GUIDE


def test_the_player_starts_in_a_bare_project(bare_project, page: Any) -> None:
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(bare_project.outdir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{SEED_GUIDE}.html")
        figure = page.locator("figure.sm-video")
        figure.get_by_role("button", name=re.compile("play", re.IGNORECASE)).click()
        frame = figure.locator("iframe")
        frame.wait_for(state="attached", timeout=5000)
        assert (frame.get_attribute("src") or "").startswith(
            "https://www.youtube-nocookie.com/embed/"
        )
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
