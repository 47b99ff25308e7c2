"""A build that is stopped part-way (Ctrl-C, a killed CI job) leaves nothing stale behind: the
next incremental build writes what a fresh build writes, for every file of the output.

Sphinx saves its environment when reading ends, before it writes a page, so the pages an
edit touches besides the edited one (index pages, neighbours, tag links) would stay stale
after a stop if the decision to rewrite them were kept only in memory.

One copy of the ``index-pages`` root is built; then, for each stopping point, a copy of that
build is edited (titles, a subtitle, phases, a new guide), built again by ``sphinx-build``
until a small extension ends the process with ``os._exit`` (as a kill would: nothing is
cleaned up), and built once more. Every file of that output must then be byte for byte what
a fresh build of the same sources writes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOTS, SITE_SETTINGS

# The extension that stops a build: STOP_AT=<event>:<count> ends the process the count-th
# time the event fires (after the work of that event's earlier calls is done).
STOPPER = textwrap.dedent(
    """
    import os

    def setup(app):
        where = os.environ.get("STOP_AT")
        if where:
            event, count = where.split(":")
            seen = [0]

            def stop(*args):
                seen[0] += 1
                if seen[0] == int(count):
                    os._exit(99)

            app.connect(event, stop, priority=999)
        return {"parallel_read_safe": True, "parallel_write_safe": True}
    """
)

GUIDE = """\
---
title: Keeping backups
subtitle: Copies you can restore from
category: operations
type: guide
audience:
  primary: [web-ops, developers]
phases: [live, alpha]
---

Test a restore every month.
"""

# Where to stop: while reading (after the first changed page is read), while writing (after
# half the pages), and after every page is written but before the search index is.
STOPS = {
    "reading": "doctree-read:2",
    "writing": "html-page-context:6",
    "before-finishing": "html-collect-pages:1",
}


def edit(srcdir: Path) -> None:
    # Later than anything the first build saw, whatever the clock's grain.
    stamp = max(p.stat().st_mtime_ns for p in srcdir.rglob("*")) + 10**9

    def write(name: str, text: str) -> None:
        path = srcdir / name
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(stamp, stamp))

    def replace(name: str, old: str, new: str) -> None:
        text = (srcdir / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        write(name, text.replace(old, new))

    replace("guides/pairing.md", "'pair programming: a primer'", "Pairing on code")
    replace("guides/hosting.md", "phases: alpha, beta", "phases: alpha, discovery")
    replace(
        "guides/identity.md",
        "Checking identity without asking for too much",
        "Asking for just enough proof",
    )
    write("guides/backups.md", GUIDE)
    replace("index.md", "guides/sketching\n", "guides/sketching\nguides/backups\n")


def conf_py(tools: Path) -> str:
    settings = "\n".join(f"{name} = {value!r}" for name, value in SITE_SETTINGS.items())
    return (
        f"import sys\nsys.path.insert(0, {str(tools)!r})\n"
        f'extensions = ["service_manual", "stopper"]\n{settings}\n'
    )


def sphinx_build(
    srcdir: Path, outdir: Path, *extra: str, stop: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    env.pop("STOP_AT", None)
    if stop is not None:
        env["STOP_AT"] = stop
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", *extra, str(srcdir), str(outdir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return result


def files(outdir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and ".doctrees" not in p.parts
    }


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The first build of the root, and a fresh build of the edited sources."""
    base = tmp_path_factory.mktemp("interrupted")
    (base / "extensions").mkdir()
    (base / "extensions" / "stopper.py").write_text(STOPPER, encoding="utf-8")
    first = base / "first"
    shutil.copytree(ROOTS / "test-index-pages", first / "src")
    (first / "src" / "conf.py").write_text(conf_py(base / "extensions"), encoding="utf-8")
    built = sphinx_build(first / "src", first / "out")
    assert built.returncode == 0, built.stderr
    fresh = base / "fresh"
    shutil.copytree(first / "src", fresh / "src")
    edit(fresh / "src")
    built = sphinx_build(fresh / "src", fresh / "out", "-E")
    assert built.returncode == 0, built.stderr
    return {"base": base, "first": first, "fresh": fresh / "out"}


@pytest.mark.parametrize("stop", STOPS)
def test_the_build_after_a_stopped_build_writes_what_a_fresh_build_writes(
    sites: dict[str, Path], stop: str
) -> None:
    here = sites["base"] / stop
    shutil.copytree(sites["first"], here, symlinks=True)
    srcdir, outdir = here / "src", here / "out"
    edit(srcdir)
    stopped = sphinx_build(srcdir, outdir, stop=STOPS[stop])
    assert stopped.returncode == 99, f"the build was not stopped: {stopped.stderr}"
    built = sphinx_build(srcdir, outdir)
    assert built.returncode == 0, built.stderr
    after, fresh = files(outdir), files(sites["fresh"])
    assert sorted(after) == sorted(fresh)
    assert [name for name in after if after[name] != fresh[name]] == []
