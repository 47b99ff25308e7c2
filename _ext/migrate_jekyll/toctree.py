"""Hidden toctrees that put every page in the table of contents, following the URL tree.

Each page's parent is the ``index.md`` of its own folder or, failing that, of the nearest
folder above it; the home page is the root. Every index page gets a hidden toctree of its
children, in the order its text links to them and then by path. So Sphinx finds every
document in a toctree, its breadcrumbs and "next/previous" follow the 2016 sections, and
nothing shows on the page that the 2016 page did not show.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from .document import Line

HOME = "index"
_LINKED_PAGE = re.compile(r"\]\(<?/([^)#>\s]+)\.md")


def parent_of(docname: str, docnames: set[str]) -> str | None:
    """The index page a document sits under, or None for the home page."""
    if docname == HOME:
        return None
    folder = posixpath.dirname(docname)
    if docname.endswith("/index") or docname == "index":
        folder = posixpath.dirname(folder)
    while folder:
        candidate = f"{folder}/index"
        if candidate in docnames and candidate != docname:
            return candidate
        folder = posixpath.dirname(folder)
    return HOME


def children(docnames: Iterable[str]) -> dict[str, list[str]]:
    names = set(docnames)
    tree: dict[str, list[str]] = {}
    for docname in sorted(names):
        parent = parent_of(docname, names)
        if parent is not None:
            tree.setdefault(parent, []).append(docname)
    return tree


def ordered(index: str, kids: list[str], body: list[Line]) -> list[str]:
    """Children in the order the index page links to them, then the rest by path."""
    linked: list[str] = []
    for line in body:
        for match in _LINKED_PAGE.finditer(line.text):
            if match.group(1) in kids and match.group(1) not in linked:
                linked.append(match.group(1))
    return linked + sorted(k for k in kids if k not in linked)


def toctree_lines(index: str, kids: list[str], no: int) -> list[Line]:
    here = posixpath.dirname(index)
    entries = [posixpath.relpath(k, here) if here else k for k in kids]
    text = ["", "```{toctree}", ":hidden:", "", *entries, "```"]
    return [Line(no, t) for t in text]
