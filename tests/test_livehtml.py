"""`make livehtml`: sphinx-autobuild on 127.0.0.1 shows a writer's edits without a restart,
with builds forked from a warm process (``live_preview``).

The server runs in a copy of the project, through the Makefile's own target, in a process
group of its own, so that the test can stop all of it (make, the server and its builds).

The warm loop itself is driven the way the server drives it: after every kind of edit, every
file it wrote is what a fresh ``sphinx-build`` of the same sources writes; and no build sees
what an earlier one did to a module, a ``conf.py`` or an extension.
"""

from __future__ import annotations

import contextlib
import json
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
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import search_titles
from live_preview.channel import Channel
from sphinx.cmd.build import build_main
from tooling import missing, require_tool

REPO = Path(__file__).resolve().parents[1]
ROOTS = REPO / "tests" / "roots"
COPIED = ("Makefile", "pyproject.toml", "conf.py", "_ext", "_templates", "_static", "docs")
GUIDE = "the-team/web-operations"
PHASE = "phases/alpha"
WAIT = 60.0  # seconds; a rebuild takes one or two, but CI machines can be slow

NEW_GUIDE = "the-team/hiring-in-the-open"
NEW_GUIDE_TEXT = """\
---
title: Hiring in the open
subtitle: Publishing what a job is before you advertise it
category: the-team
type: guide
audience:
  primary: [service-managers]
phases: [alpha]
---

Share the job description early.
"""

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


def lists_guide(html: str | None, guide: str = GUIDE) -> bool:
    if html is None:
        return False
    main = BeautifulSoup(html, "html.parser").find("main")
    return main is not None and any(
        str(a.get("href", "")).endswith(f"{guide}.html") for a in main.find_all("a")
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

        # A guide saved into a section's folder joins the section and its index pages, with
        # no other edit and no warning.
        (docs / f"{NEW_GUIDE}.md").write_text(NEW_GUIDE_TEXT, encoding="utf-8")

        def previous_page() -> str | None:
            page = BeautifulSoup(fetch(f"{base}{NEW_GUIDE}.html") or "", "html.parser")
            link = page.find("link", rel="prev")
            return str(link["href"]) if link else None

        # After the pages the section page names (web-operations, recruitment/index).
        wait_until(
            lambda: previous_page() == "recruitment/index.html",
            f"the new guide {NEW_GUIDE} is not in its section",
            log,
        )
        assert lists_guide(fetch(f"{base}{PHASE}.html"), NEW_GUIDE)
        assert "isn't included in any toctree" not in log.read_text()

        # The build wrote nothing into the source folder (that would rebuild in a loop).
        after = files(docs)
        assert sorted(after) == sorted([*before, f"{NEW_GUIDE}.md"])
        changed = [name for name in before if after[name] != before[name]]
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


# ----------------------------------------------------------------------------- the warm loop


class WarmLoop:
    """The warm process (``python -m live_preview.warm``), driven as the server drives it."""

    def __init__(self, sphinx_args: list[str], env: dict[str, str] | None = None) -> None:
        self.sphinx_args, self.env = sphinx_args, {**os.environ, **(env or {})}
        self.restarts = 0
        self._start()

    def _start(self) -> None:
        mine, theirs = Channel.pair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "live_preview.warm", str(theirs.fileno()), *self.sphinx_args],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            env=self.env,
        )
        theirs.close()
        self.channel = mine

    def start_build(self, changed: Iterable[Path] = ()) -> None:
        self.message = {"changed": [str(p) for p in changed]}
        self.channel.send(self.message)

    def result(self) -> dict:
        reply = self.channel.recv()
        if reply == {"restart": True}:  # a module it imported changed: start a new one
            self.close()
            self.restarts += 1
            self._start()
            self.channel.send(self.message)
            reply = self.channel.recv()
        assert reply is not None, "the warm process stopped"
        return reply

    def build(self, changed: Iterable[Path] = ()) -> dict:
        self.start_build(changed)
        return self.result()

    def close(self) -> None:
        self.channel.close()
        self.process.wait(timeout=30)


def output_files(outdir: Path) -> dict[str, bytes]:
    """Every file a build wrote but its private cache (``.doctrees``)."""
    found = {}
    for path in sorted(outdir.rglob("*")):
        name = str(path.relative_to(outdir))
        if path.is_file() and not name.startswith(".doctrees/"):
            found[name] = path.read_bytes()
    return found


def search_data(raw: bytes) -> dict:
    """The search index, without the empty entries an incremental Sphinx build leaves for
    words no page uses any more (``IndexBuilder.prune`` keeps the key): searches give the same
    results, so only they may differ."""
    text = raw.decode("utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for key in ("terms", "titleterms"):
        data[key] = {word: pages for word, pages in data[key].items() if pages != []}
    return data


def fresh_build(src: Path, fresh: Path, options: list[str]) -> None:
    assert build_main(["-q", "-E", *options, str(src), str(fresh)]) in (0, 1)


def assert_same_output(outdir: Path, fresh: Path) -> None:
    mine, theirs = output_files(outdir), output_files(fresh)
    assert sorted(mine) == sorted(theirs)
    differ = [name for name in mine if mine[name] != theirs[name]]
    if "searchindex.js" in differ:
        assert search_data(mine["searchindex.js"]) == search_data(theirs["searchindex.js"])
        differ.remove("searchindex.js")
    assert differ == []


def replace(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def new_file(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def deleted(path: Path) -> Path:
    path.unlink()
    return path


SUBSECTION = """\
---
layout: category-index
title: Rotas and loose ends
category: the-team
type: category-index
---

Who is on call.

```{section-toctree}
```
"""


def orphan_joins_and_subsection_added(src: Path) -> Path:
    replace(src / "team/draft.md", "orphan: true\n", "")
    return new_file(src / "team/loose/index.md", SUBSECTION)


# Every kind of edit a writer makes, on the ``sections`` root (index pages, sections, an orphan).
EDITS: list[tuple[str, Callable[[Path], Path]]] = [
    ("body", lambda src: replace(src / "team/pairing.md", "every week.", "every day.")),
    ("title", lambda src: replace(src / "team/hiring.md", "title: Hiring people", "title: Hiring")),
    ("phases", lambda src: replace(src / "team/pairing.md", "phases: []", "phases: [alpha]")),
    (
        "audience",
        lambda src: replace(src / "team/pairing.md", "primary: []", "primary: [developers]"),
    ),
    (
        "new guide",
        lambda src: new_file(
            src / "team/backups.md",
            (src / "team/agile.md").read_text().replace("Working in an agile way", "Backups"),
        ),
    ),
    ("deleted guide", lambda src: deleted(src / "team/agile.md")),
    # What only a section toctree does: a page leaves its orphan status, a folder gets an index
    # page of its own (the pages in it move to the new section).
    ("orphan and subsection", orphan_joins_and_subsection_added),
]


def test_the_warm_loop_writes_what_a_fresh_build_writes(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-sections", src)
    outdir = tmp_path / "live"
    # The project's own conf.py, as make livehtml uses it.
    options = ["-n", "--keep-going", "-c", str(REPO)]
    loop = WarmLoop(["-q", *options, str(src), str(outdir)])
    try:
        assert loop.build() == {"status": 0}
        for step, (kind, edit) in enumerate(EDITS):
            loop.start_build([edit(src)])
            fresh = tmp_path / f"fresh-{step}"
            fresh_build(src, fresh, options)  # meanwhile, on the other core
            assert loop.result() == {"status": 0}, kind
            assert_same_output(outdir, fresh)
            if kind == "new guide":  # and the fresh build has it where it belongs
                new = BeautifulSoup((outdir / "team/backups.html").read_text(), "html.parser")
                assert new.find("link", rel="prev")["href"] == "agile.html"
                assert new.find("link", rel="next")["href"] == "loose/rotas.html"
                assert lists_guide((outdir / "phases/alpha.html").read_text(), "team/backups")
                assert search_titles(outdir)["team/backups"] == "Backups"
                exported = json.loads((outdir / "guides.json").read_text())["guides"]
                assert "team/backups" in {guide["docname"] for guide in exported}
    finally:
        loop.close()


PROBE_STATE = """\
# Imported by conf.py and by the extension; each import is logged, with the process's id.
import os

with open(os.environ["PROBE_LOG"], "a") as log:
    log.write(f"imported {os.getpid()}\\n")

conf_runs = 0
setups = 0
"""

PROBE_CONF = """\
import probe_state

probe_state.conf_runs += 1  # a module-level side effect of conf.py
extensions = ["myst_parser", "probe_ext"]
html_title = "First"
"""

PROBE_EXT = """\
from pathlib import Path

import probe_state


def setup(app):
    probe_state.setups += 1  # a side effect of loading the extension
    app.connect("build-finished", write)
    return {"parallel_read_safe": True}


def write(app, exception):
    counts = f"{probe_state.conf_runs} {probe_state.setups}"
    Path(app.outdir, "probe.txt").write_text(counts)
"""


def test_no_build_sees_what_an_earlier_one_did(tmp_path: Path) -> None:
    conf, src, outdir = tmp_path / "conf", tmp_path / "src", tmp_path / "out"
    new_file(conf / "probe_state.py", PROBE_STATE)
    new_file(conf / "conf.py", PROBE_CONF)
    new_file(conf / "probe_ext.py", PROBE_EXT)
    page = new_file(src / "index.md", "# Home\n\nFirst words.\n")
    log = tmp_path / "imports.log"
    loop = WarmLoop(
        ["-q", "-c", str(conf), str(src), str(outdir)],
        env={"PYTHONPATH": str(conf), "PROBE_LOG": str(log)},
    )

    def counts() -> str:
        return (outdir / "probe.txt").read_text()

    try:
        assert loop.build() == {"status": 0}
        assert counts() == "1 1"
        # The first build imported the modules; the warm process imports them after it, so
        # later builds start with them imported, and still see no earlier build's changes.
        for n in range(3):
            assert loop.build([replace(page, "words", f"words {n}")]) == {"status": 0}
            assert counts() == "1 1"
        importers = log.read_text().splitlines()
        # The first build's child, then the warm process, once; never another child.
        assert len(importers) == 2 and importers[0] != importers[1], importers

        # A changed conf.py is read again (the waiting child declines and a new one builds).
        assert loop.build([replace(conf / "conf.py", '"First"', '"Second"')]) == {"status": 0}
        assert "Second" in (outdir / "index.html").read_text()
        assert counts() == "1 1"

        # A changed module the warm process imported: it restarts and the change shows.
        changed = replace(conf / "probe_ext.py", 'counts = f"', 'counts = "v2 " + f"')
        assert loop.build([changed]) == {"status": 0}
        assert loop.restarts == 1
        assert counts() == "v2 1 1"
    finally:
        loop.close()
