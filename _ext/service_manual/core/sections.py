"""Which section a page belongs to: the one rule behind the site's table of contents, used by
the extension's ``{section-toctree}`` and by the migration tool that writes it."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

FOLDER_INDEX = "index"


def section_of(docname: str, docnames: Iterable[str] | set[str], root: str = "index") -> str | None:
    """The index page a page sits under: the ``index`` of its own folder or, failing that, of
    the nearest folder above it; for an index page, of the folder above. The root page has
    none."""
    if docname == root:
        return None
    names = docnames if isinstance(docnames, set) else set(docnames)
    folder = posixpath.dirname(docname)
    if posixpath.basename(docname) == FOLDER_INDEX:
        folder = posixpath.dirname(folder)
    while folder:
        candidate = f"{folder}/{FOLDER_INDEX}"
        if candidate in names and candidate != docname:
            return candidate
        folder = posixpath.dirname(folder)
    return root
