"""`make livehtml`: sphinx-autobuild on 127.0.0.1 shows a writer's edits without a restart.

The server runs in a copy of the project, through the Makefile's own target, in a process
group of its own, so that the test can stop all of it (make, the server and its builds).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from tooling import missing, require_tool

REPO = Path(__file__).resolve().parents[1]
COPIED = ("Makefile", "pyproject.toml", "conf.py", "_ext", "_templates", "_static", "docs")
GUIDE = "the-team/web-operations"
PHASE = "phases/alpha"
WAIT = 60.0  # seconds; a rebuild takes one or two, but CI machines can be slow

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_until(check: Callable[[], bool], what: str, log: Path) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    pytest.fail(f"{what} within {WAIT:.0f}s. Server output:\n{log.read_text()[-4000:]}")


def files(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder``, with its size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes in process group ``pgid``."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == pgid and state != "Z":
            members.append(int(stat.parent.name))
    return members


def lists_guide(html: str | None) -> bool:
    if html is None:
        return False
    main = BeautifulSoup(html, "html.parser").find("main")
    return main is not None and any(
        str(a.get("href", "")).endswith(f"{GUIDE}.html") for a in main.find_all("a")
    )


def test_livehtml_rebuilds_on_edits_and_stops_cleanly(tmp_path: Path) -> None:
    make = require_tool("make")
    venv = Path(sys.prefix)
    if not (venv / "bin" / "sphinx-autobuild").exists():
        missing(f"sphinx-autobuild is not installed in {venv} (the dev extra)")

    site = tmp_path / "site"
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, site / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            site.mkdir(exist_ok=True)
            shutil.copy2(source, site / name)
    docs = site / "docs"
    guide_md = docs / f"{GUIDE}.md"
    before = files(docs)

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "livehtml.log"
    # -o: take the venv as installed, so make does not rebuild it for the copied pyproject.
    command = [make, "livehtml", f"VENV={venv}", "-o", f"{venv}/.installed"]
    with log.open("w") as out:
        server = subprocess.Popen(
            command,
            cwd=site,
            env={**os.environ, "PORT": str(port)},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    pgid = server.pid
    try:
        wait_until(lambda: fetch(f"{base}{GUIDE}.html") is not None, "no guide served", log)

        # A body edit shows up in the served guide.
        marker = f"Live preview marker {uuid.uuid4().hex}"
        text = guide_md.read_text(encoding="utf-8")
        guide_md.write_text(f"{text.rstrip()}\n\n{marker}.\n", encoding="utf-8")
        wait_until(
            lambda: marker in (fetch(f"{base}{GUIDE}.html") or ""), "body edit not shown", log
        )

        # A front matter edit reaches the pages that list the guide.
        assert not lists_guide(fetch(f"{base}{PHASE}.html")), f"{PHASE} lists {GUIDE} already"
        text = guide_md.read_text(encoding="utf-8")
        assert "phases:\n  - discovery\n" in text
        guide_md.write_text(
            text.replace("phases:\n  - discovery\n", "phases:\n  - discovery\n  - alpha\n"),
            encoding="utf-8",
        )
        wait_until(
            lambda: lists_guide(fetch(f"{base}{PHASE}.html")),
            f"{PHASE} does not list {GUIDE} after its phases changed",
            log,
        )

        # The build wrote nothing into the source folder (that would rebuild in a loop).
        after = files(docs)
        assert sorted(after) == sorted(before)
        changed = [name for name in after if after[name] != before[name]]
        assert changed == [f"{GUIDE}.md"]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(pgid, signal.SIGKILL)
            server.wait(timeout=20)

    deadline = time.monotonic() + 20
    while group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert group_members(pgid) == [], "livehtml left processes running"
    assert fetch(f"{base}{GUIDE}.html") is None, "something still serves the port"
