"""Helpers shared by the tests of pages that list other pages (``test_index_pages.py``,
``test_incremental.py``, ``test_parallel.py``, ``test_export.py``): reading the generated
lists back out of the HTML, and building one source folder again and again with the same
environment, the way ``sphinx-build`` does between edits.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag
from conftest import ROOTS, normalise_warnings, run_sphinx, soup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

# The pages of the ``index-pages`` root that are made from front matter alone.
INDEX_PAGES = [
    "phases/discovery",
    "phases/alpha",
    "phases/beta",
    "phases/live",
    "roles/developers",
    "roles/designers",
    "roles/web-ops",
    "browse",
    "themes",
]

# One build of the ``index-pages`` root with the settings of this feature changed.
RENAMED = {
    "service_manual_empty_list_text": "Nothing to read here yet.",
    "service_manual_export_filename": "manual-pages.json",
}

# ----------------------------------------------------------------------------- reading pages

Item = tuple[str, str, str]  # title, href, subtitle


def main_of(page: BeautifulSoup) -> Tag:
    main = page.find("main")
    assert isinstance(main, Tag), "the page has no <main>"
    return main


def items(bullets: Tag) -> list[Item]:
    """A ``ul.sm-guide-list`` as (title, href, subtitle) for each of its items."""
    assert bullets.name == "ul" and "sm-guide-list" in bullets["class"]
    found = []
    for li in bullets.find_all("li", recursive=False):
        links = li.select("a.sm-guide-list__title")
        assert len(links) == 1, li
        subtitle = li.select_one("p.sm-guide-list__subtitle")
        found.append(
            (links[0].get_text(), links[0]["href"], subtitle.get_text() if subtitle else "")
        )
    return found


def titles(bullets: Tag) -> list[str]:
    return [title for title, _href, _subtitle in items(bullets)]


def generated(page: BeautifulSoup) -> list[tuple[str, Any]]:
    """What an index page generated after its own text, in order: ``("heading", text)`` for
    each group heading, ``("hero", [titles])`` for the hero promo, ``("list", [titles])``
    for each list, ``("empty", sentence)`` for a list with nothing in it, ``("roles",
    [(name, href)])`` for the links to the role pages and ``("browse", (text, href))`` for
    the link to the browse page."""
    out: list[tuple[str, Any]] = []
    section = main_of(page).find("section")
    assert isinstance(section, Tag)
    for child in section.find_all(True, recursive=False):
        classes = child.get("class") or []
        if "sm-guide-list__heading" in classes:
            assert child.name == "h2", child
            out.append(("heading", child.get_text()))
        elif "sm-hero" in classes:
            out.append(("hero", titles(child.find("ul", class_="sm-guide-list"))))
        elif "sm-guide-list" in classes:
            out.append(("list", titles(child)))
        elif "sm-guide-list__empty" in classes:
            out.append(("empty", child.get_text()))
        elif "sm-role-links" in classes:
            out.append(("roles", role_links(child)))
        elif "sm-browse-link" in classes:
            out.append(("browse", (child.get_text(), child.a["href"])))
    return out


def role_links(bullets: Tag) -> list[tuple[str, str | None]]:
    """A role links list as (name, href, or None for the page's own role)."""
    found = []
    for li in bullets.find_all("li", recursive=False):
        link = li.find("a")
        found.append((li.get_text().strip(), link["href"] if link else None))
    return found


def groups(page: BeautifulSoup) -> list[tuple[str, list[str]]]:
    """The headed groups of an index page: (heading, titles of its list)."""
    parts = generated(page)
    pairs = []
    for (kind, text), (next_kind, value) in pairwise(parts):
        if kind == "heading":
            assert next_kind in {"list", "empty", "roles"}, parts
            pairs.append((text, [] if next_kind == "empty" else value))
    return pairs


def page_lists(outdir: Path, docnames: list[str]) -> dict[str, list[tuple[str, Any]]]:
    return {d: generated(soup(outdir / f"{d}.html")) for d in docnames}


def main_html(outdir: Path, docname: str) -> str:
    return str(main_of(soup(outdir / f"{docname}.html")))


def guides_json(outdir: Path, name: str = "guides.json") -> dict[str, Any]:
    return json.loads((outdir / name).read_text(encoding="utf-8"))


def search_index(outdir: Path) -> dict[str, Any]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


# ----------------------------------------------------------------------------- building again

_WRITING = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (\S+)$", re.MULTILINE)


@dataclass
class Result:
    """One build: where it wrote, which pages it wrote, what it said."""

    outdir: Path
    written: set[str]
    warnings: list[str]
    status: str
    app: SphinxTestApp


class Project:
    """A copy of a test root that is edited and built again with the same environment and
    output folder, as ``sphinx-build`` is between edits. The build folder is outside the
    source folder, so the source folder can be compared before and after each build."""

    def __init__(self, root: str, tmp: Path) -> None:
        self.srcdir = tmp / "src"
        self.builddir = tmp / "build"
        shutil.copytree(ROOTS / f"test-{root}", self.srcdir)

    # -- editing: every change gets a new mtime, so that Sphinx sees it

    def path(self, name: str) -> Path:
        return self.srcdir / name

    def write(self, name: str, text: str) -> None:
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        touch(path)

    def replace(self, name: str, old: str, new: str) -> None:
        text = self.path(name).read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {name}"
        self.write(name, text.replace(old, new))

    def delete(self, name: str) -> None:
        self.path(name).unlink()

    def docnames(self) -> list[str]:
        return sorted(
            p.relative_to(self.srcdir).with_suffix("").as_posix() for p in self.srcdir.rglob("*.md")
        )

    # -- building

    def build(self, parallel: int = 0) -> Result:
        """Build again, reusing the environment and output of the last build."""
        return run_build(self.srcdir, self.builddir, freshenv=False, parallel=parallel)

    def fresh_build(self, tmp: Path, parallel: int = 0) -> Result:
        """A clean build (``-E``, a new output folder) of a copy of the sources as they are."""
        srcdir = tmp / "src"
        shutil.copytree(self.srcdir, srcdir)
        return run_build(srcdir, tmp / "build", freshenv=True, parallel=parallel)


def touch(path: Path) -> None:
    """Give the file a modification time later than any build so far has seen: the
    kernel stamps a write with a coarse clock that can lag behind the time Sphinx noted
    when it last read the file."""
    stamp = time.time_ns()
    os.utime(path, ns=(stamp, stamp))


def run_build(
    srcdir: Path, builddir: Path, *, freshenv: bool, parallel: int = 0, **overrides: Any
) -> Result:
    app = run_sphinx(srcdir, builddir=builddir, freshenv=freshenv, parallel=parallel, **overrides)
    status = strip_escape_sequences(app.status.getvalue())
    return Result(
        outdir=Path(app.outdir),
        written=set(_WRITING.findall(status)),
        warnings=normalise_warnings(app.warning.getvalue(), srcdir),
        status=status,
        app=app,
    )


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``folder`` with its size and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }
