"""Section toctrees that put every page in the table of contents, following the URL tree.

Each page's section is the ``index.md`` of its own folder or, failing that, of the nearest
folder above it; the home page is the root (``service_manual.core.sections.section_of``: the
extension uses the same rule). Every index page ends with a ``{section-toctree}``, which
lists the section's pages: the ones its text links to, in that order, written out here, and
then the others by path, which the extension adds as it builds, so a page added later joins
its section without an edit. So Sphinx finds every document in a toctree, its breadcrumbs and
"next/previous" follow the 2016 sections, and nothing shows on the page that the 2016 page did
not show.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from service_manual.core.sections import FOLDER_INDEX, section_of

from .document import Line

HOME = "index"
_LINKED_PAGE = re.compile(r"\]\(<?/([^)#>\s]+)\.md")


def parent_of(docname: str, docnames: set[str]) -> str | None:
    """The index page a document sits under, or None for the home page."""
    return section_of(docname, docnames, HOME)


def index_pages(docnames: Iterable[str]) -> list[str]:
    """Every page that heads a section: the home page and each folder's index page."""
    return sorted(
        name for name in docnames if name == HOME or posixpath.basename(name) == FOLDER_INDEX
    )


def children(docnames: Iterable[str]) -> dict[str, list[str]]:
    names = set(docnames)
    tree: dict[str, list[str]] = {}
    for docname in sorted(names):
        parent = parent_of(docname, names)
        if parent is not None:
            tree.setdefault(parent, []).append(docname)
    return tree


def linked(kids: list[str], body: list[Line]) -> list[str]:
    """The children the index page links to, in the order of its first link to each: the
    entries written out; the extension lists the rest after them, by path."""
    found: list[str] = []
    for line in body:
        for match in _LINKED_PAGE.finditer(line.text):
            if match.group(1) in kids and match.group(1) not in found:
                found.append(match.group(1))
    return found


def toctree_lines(index: str, entries: list[str], no: int) -> list[Line]:
    here = posixpath.dirname(index)
    names = [posixpath.relpath(k, here) if here else k for k in entries]
    text = ["", "```{section-toctree}", *names, "```"]
    return [Line(no, t) for t in text]
