"""Helpers for the hostile-input tests: builds of sites made on the fly, and the checks that
every warning is located and typed and that no payload became markup.

The shared fixtures and the project's settings come from ``conftest.py``; what is here is
only what those tests need beyond them: building a folder that a test wrote itself (in
process or as ``sphinx-build`` would), and reading warnings and HTML the same way in every
file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from conftest import SITE_SETTINGS, normalise_warnings, run_sphinx
from service_manual.diagnostics import SUBTYPES

CONF_PY = 'extensions = ["service_manual"]\n'

# "<srcdir>/page.md:12: WARNING: message [type.subtype]"; the line and the type are optional
# in Sphinx's format, and that is what the tests check for.
WARNING_LINE = re.compile(
    r"^(?:(?P<file>[^:]+?)(?::(?P<line>\d+))?: )?(?P<level>WARNING|ERROR|CRITICAL|SEVERE): "
    r"(?P<message>.*?)(?: \[(?P<type>[\w.-]+)\])?$"
)


@dataclass
class Built:
    """A finished build of a folder a test wrote."""

    srcdir: Path
    outdir: Path
    warnings: list[str]
    status: str

    def page(self, docname: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(docname), "html.parser")

    def html(self, docname: str) -> str:
        return (self.outdir / f"{docname}.html").read_text(encoding="utf-8")


def write_site(srcdir: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (path -> text) and a one-line conf.py under ``srcdir``."""
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(CONF_PY, encoding="utf-8")
    for name, text in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return srcdir


def build_in(
    srcdir: Path,
    builddir: Path | None = None,
    buildername: str = "html",
    *,
    freshenv: bool = True,
    **overrides: Any,
) -> Built:
    """Build ``srcdir`` in process with the site settings (as a new ``sphinx-build`` run
    would: with ``freshenv=False`` it picks up the environment a previous build left)."""
    builddir = builddir or srcdir / "_build"
    app = run_sphinx(srcdir, buildername, builddir=builddir, freshenv=freshenv, **overrides)
    return Built(
        srcdir,
        Path(app.outdir),
        normalise_warnings(app.warning.getvalue(), srcdir),
        app.status.getvalue(),
    )


# Settings sphinx-build cannot take as -D: MyST declares myst_enable_extensions as a set,
# and Sphinx ignores an override of that type (with a warning of its own). Tests built
# with sphinx-build compare builds made the same way, and use none of those extensions.
NOT_OVERRIDABLE = frozenset({"myst_enable_extensions"})


def define_options(settings: dict[str, Any] | None = None) -> list[str]:
    """The site settings as ``sphinx-build -D name=value`` options."""
    options = []
    for name, value in (settings or SITE_SETTINGS).items():
        if name in NOT_OVERRIDABLE:
            continue
        if isinstance(value, bool):
            text = "1" if value else "0"
        elif isinstance(value, list | tuple):
            text = ",".join(str(v) for v in value)
        else:
            text = str(value)
        options += ["-D", f"{name}={text}"]
    return options


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def sphinx_build(*args: str, timeout: int = 300) -> Run:
    """Run ``sphinx-build`` (this interpreter's) with the site settings and ``args``."""
    command = [sys.executable, "-m", "sphinx", *define_options(), *args]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, check=False, env=_env()
    )
    return Run(result.returncode, result.stdout, result.stderr)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SPHINX_COLOR", None)
    env["NO_COLOR"] = "1"
    return env


# ----------------------------------------------------------------------------- warnings


@dataclass(frozen=True)
class Warning_:
    file: str
    line: int | None
    level: str
    message: str
    type: str | None


def parse_warnings(lines: list[str]) -> list[Warning_]:
    """Each warning of a build (continuation lines of a multi-line message are folded
    into the warning they continue)."""
    found: list[Warning_] = []
    for text in lines:
        match = WARNING_LINE.match(text)
        if match is None:
            if found:  # a message that went on over several lines
                last = found.pop()
                found.append(
                    Warning_(last.file, last.line, last.level, f"{last.message}\n{text}", last.type)
                )
                continue
            raise AssertionError(f"not a warning line: {text!r}")
        found.append(
            Warning_(
                match["file"] or "",
                int(match["line"]) if match["line"] else None,
                match["level"],
                match["message"],
                match["type"],
            )
        )
    return found


def unlocated_or_untyped(lines: list[str]) -> list[str]:
    """Warnings of ours with no file and line, or with a subtype the extension does not
    document; and anyone's warning with no file at all."""
    bad = []
    for w in parse_warnings([line for line in lines if "Traceback" not in line]):
        ours = w.type is not None and w.type.startswith("service_manual.")
        if not w.file:
            bad.append(f"no file: {w}")
        elif ours and w.line is None:
            bad.append(f"no line: {w}")
        elif ours and w.type is not None and w.type.split(".", 1)[1] not in SUBTYPES:
            bad.append(f"undocumented subtype: {w}")
    return bad


def assert_no_traceback(*texts: str) -> None:
    for text in texts:
        for marker in (
            "Traceback (most recent call last)",
            "Exception occurred",
            "Extension error",
        ):
            assert marker not in text, text


# ----------------------------------------------------------------------------- HTML


def main_html(path: Path) -> str:
    """The ``<main>`` of a page as HTML (the part of a page our extension makes)."""
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = page.find("main")
    return str(main) if main is not None else ""


def html_pages(outdir: Path) -> Iterator[Path]:
    """Every page of a site (not Sphinx's own _static or _sources)."""
    for path in sorted(outdir.rglob("*.html")):
        if not path.relative_to(outdir).parts[0].startswith("_"):
            yield path


def bump_mtime(path: Path, step: int) -> None:
    """Give ``path`` a modification time later than any build so far, so an incremental
    build sees it changed however fast the test runs."""
    stamp = time.time_ns() + (step + 1) * 2_000_000_000
    os.utime(path, ns=(stamp, stamp))
