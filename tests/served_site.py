"""A built site served as a static host serves it, and one Chromium to look at it.

:func:`serve` publishes an output folder under a path prefix (``/service-manual/``) on
127.0.0.1, from a thread, with Python's ``http.server``: it serves a temporary folder tree in
which the prefix is a link to the output, and it answers a missing URL as Read the Docs does,
with the site's ``404.html`` and status 404. :func:`chromium` starts Debian's Chromium through
Playwright; both skip (or, with ``CI=true``, fail) when the tool is missing.
"""

from __future__ import annotations

import contextlib
import functools
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tooling import CHROMIUM, CHROMIUM_ARGS, require_module, require_tool


class StaticHost(SimpleHTTPRequestHandler):
    """``http.server`` with a quiet log, the site's own 404 page and the host's headers."""

    not_found_page: Path | None = None
    headers_sent: Mapping[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.headers_sent.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found_page
        if code != HTTPStatus.NOT_FOUND or page is None or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    """A browser that leaves a page drops the requests it still had open: not an error."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(
    outdir: Path, prefix: str = "/", headers: Mapping[str, str] | None = None
) -> Iterator[str]:
    """Serve ``outdir`` at ``http://127.0.0.1:<port><prefix>``, with ``headers`` on every
    response (``Content-Security-Policy``, say); yield that URL."""
    with tempfile.TemporaryDirectory(prefix="served-site-") as tree:
        root = Path(tree)
        folder = prefix.strip("/")
        if folder:
            (root / folder).parent.mkdir(parents=True, exist_ok=True)
            (root / folder).symlink_to(Path(outdir).resolve(), target_is_directory=True)
        else:
            root = Path(outdir).resolve()
        handler = type(
            "Host",
            (StaticHost,),
            {"not_found_page": root / folder / "404.html", "headers_sent": dict(headers or {})},
        )
        server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            path = f"/{folder}/" if folder else "/"
            yield f"http://127.0.0.1:{server.server_address[1]}{path}"
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright (skips, or fails under CI=true, if absent)."""
    executable = require_tool(CHROMIUM)
    sync_api = require_module("playwright.sync_api")
    playwright = sync_api.sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()
