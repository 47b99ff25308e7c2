"""The 2016 manual migrated and built once, for every module that checks the built site.

``make migrate`` and ``make html SOURCEDIR=<DEST>``, with the command lines a person runs
(``python -m migrate_jekyll SRC DEST`` and ``python -m sphinx -b html -n --keep-going -c .``),
into a temporary folder; :class:`BuiltSite` reads the output as a static host serves it at
``/service-manual/``. The ``build`` fixture (``conftest.py``) makes it once a session: the
whole suite has a time budget, and this build is its longest part.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

REPO = Path(__file__).resolve().parents[2]
PREFIX = "/service-manual"
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass
class Landing:
    """Where a served file takes a reader: ``how`` is "page" or "redirect"."""

    how: str
    docname: str


@dataclass
class BuiltSite:
    """The HTML output as a static host serves it at ``/service-manual/``."""

    out: Path
    guides: list[dict[str, Any]]
    _soups: dict[str, BeautifulSoup] = field(default_factory=dict)

    @cached_property
    def pages(self) -> dict[str, dict[str, Any]]:
        """Built page file (``a/b.html``) -> its guides.json entry."""
        return {guide["url"]: guide for guide in self.guides}

    @cached_property
    def docnames(self) -> dict[str, str]:
        return {guide["docname"]: url for url, guide in self.pages.items()}

    def soup(self, file: str) -> BeautifulSoup:
        if file not in self._soups:
            text = (self.out / file).read_text(encoding="utf-8")
            self._soups[file] = BeautifulSoup(text, "html.parser")
        return self._soups[file]

    @staticmethod
    def served_file(url: str) -> str:
        """The file a static host answers ``url`` with: ``x/y.html`` as it is; a folder URL
        (``x/``) or an extension-less one (``x/y``, after the host's slash redirect) with the
        folder's ``index.html``."""
        assert url == PREFIX or url.startswith(PREFIX + "/"), url
        path = unquote(urlsplit(url).path)[len(PREFIX) :].strip("/")
        if path and PurePosixPath(path).suffix:
            return path
        return f"{path}/index.html" if path else "index.html"

    def heading(self, file: str) -> str:
        headings = self.soup(file).find_all("h1")
        assert len(headings) == 1, (file, headings)
        return " ".join(heading_text(headings[0]).split()).translate(QUOTES)

    def page_at(self, file: str) -> str | None:
        """The docname of the page ``file`` is, checked against its ``<h1>``; None if none."""
        guide = self.pages.get(file)
        if guide is None or not (self.out / file).is_file():
            return None
        assert self.heading(file) == " ".join(guide["title"].split()), file
        return str(guide["docname"])

    def land(self, file: str) -> Landing | None:
        """What serving ``file`` shows: a page, a redirect page to a page, or nothing."""
        if not file.endswith(".html") or not (self.out / file).is_file():
            return None
        docname = self.page_at(file)
        if docname is not None:
            return Landing("page", docname)
        refresh = self.soup(file).find("meta", attrs={"http-equiv": "refresh"})
        if not isinstance(refresh, Tag):
            return None
        delay, _, url = str(refresh["content"]).partition(";")
        url = url.strip()
        assert delay.strip() == "0" and url.startswith("url="), (file, refresh)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(file), url[len("url=") :]))
        docname = self.page_at(target)
        return Landing("redirect", docname) if docname is not None else None

    def linked_files(self, docname: str) -> dict[str, str]:
        """sha256 -> path of every file under ``_images/`` or ``_downloads/`` that the page
        links to or shows."""
        page = self.docnames[docname]
        found = {}
        for element in self.soup(page).find_all(["a", "img"]):
            url = element.get("href" if element.name == "a" else "src")
            if not url or urlsplit(str(url)).scheme or str(url).startswith(("#", "/")):
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(page), str(url)))
            if path.startswith(("_images/", "_downloads/")) and (self.out / path).is_file():
                found[sha256(self.out / path)] = path
        return found


def heading_text(heading: Tag) -> str:
    """A heading's text without Sphinx's permalink."""
    for link in heading.find_all("a", class_="headerlink"):
        link.extract()
    return heading.get_text()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Build:
    dest: Path
    out: Path
    warnings: list[str]
    report: dict[str, Any]
    redirects: dict[str, Any]
    site: BuiltSite


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def migrate_and_build(corpus: Path, root: Path) -> Build:
    """``make migrate`` and ``make html SOURCEDIR=<DEST>``, into ``root``."""
    dest, out = root / "docs", root / "html"
    run([sys.executable, "-m", "migrate_jekyll", str(corpus), str(dest), "-q"], cwd=root)
    # The project's conf.py; the extension finds DEST/../redirects.json by itself.
    sphinx = [sys.executable, "-m", "sphinx", "-b", "html", "-n", "--keep-going"]
    result = run([*sphinx, "-c", str(REPO), str(dest), str(out)], cwd=root)
    warnings = sorted(
        line.replace(f"{dest}{os.sep}", "") for line in result.stderr.splitlines() if line.strip()
    )
    guides = json.loads((out / "guides.json").read_text(encoding="utf-8"))["guides"]
    return Build(
        dest=dest,
        out=out,
        warnings=warnings,
        report=json.loads((root / "migration-report.json").read_text(encoding="utf-8")),
        redirects=json.loads((root / "redirects.json").read_text(encoding="utf-8")),
        site=BuiltSite(out, guides),
    )
