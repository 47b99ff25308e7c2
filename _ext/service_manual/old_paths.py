"""``old_paths``: where a page used to be, so that its old URLs keep working.

A writer who moves or renames a page lists its earlier paths in its front matter, as in the
GOV.UK Tech Docs Template's ``old_paths`` and Jekyll's ``redirect_from``::

    old_paths:
      - /the-team/old-name.html
      - /old-folder/guide

Each path is a URL path from the site's root: the leading ``/`` is optional, a page is written
with or without ``.html`` and a folder with a trailing ``/`` (which means its ``index``
page). The prefix the site is published under (``/service-manual/``, ``/en/latest/``) is not
written. A path is normalised to the name the page had there (``old-folder/guide``,
``old-folder/index``), which is what ``redirect_pages`` makes a redirect page for.

This module only reads the key; :mod:`.redirect_pages` checks the paths against the whole
site (a page that is still there, a path two pages claim) and writes the pages.
"""

from __future__ import annotations

import re
import reprlib
from typing import Any
from urllib.parse import urlsplit

from .core.values import kind_of
from .diagnostics import warn

#: The front matter key.
KEY = "old_paths"

# A last segment with a file suffix that is not a page's (.pdf, .odt, .htm, .md): the path of
# a file, which a redirect page cannot stand in for. A suffix of digits (release-1.2) is not.
_FILE_SUFFIX = re.compile(r"\.[A-Za-z][A-Za-z0-9]*$")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")

_REPR = reprlib.Repr()
_REPR.maxstring, _REPR.maxother = 80, 80


def normalise_old_paths(value: Any, where: tuple[str, int | None]) -> tuple[str, ...]:
    """The earlier paths of the page ``where`` (its docname and the key's line), normalised.
    A value that is not a usable path warns there and is left out. One path may be given as
    text instead of a list."""
    docname, line = where

    def report(message: str) -> None:
        warn(message, subtype="old_path", location=(docname, line) if line else docname)

    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        report(f"'{KEY}' must be a list of paths, not {kind_of(value)}; it is ignored")
        return ()
    found: list[str] = []
    for item in value:
        if item is None:
            continue
        if not isinstance(item, str):
            report(
                f"'{KEY}' items must be text, not {kind_of(item)}; {_REPR.repr(item)} is ignored"
            )
            continue
        path, problem = old_path(item)
        if problem is not None:
            report(f"old path {_REPR.repr(item)} {problem}; it is ignored")
        elif path not in found:
            found.append(path)
    return tuple(found)


def old_path(text: str) -> tuple[str, str | None]:
    """``(the normalised path, None)``, or ``("", what is wrong with it)``."""
    text = text.strip()
    if not text:
        return "", "is empty"
    try:
        parts = urlsplit(text)
    except ValueError:
        return "", "is not a valid path"
    if parts.scheme or parts.netloc or text.startswith("//"):
        return "", (
            "is a URL, not a path of this site (write the path from the site's root, "
            "such as /old-folder/old-page)"
        )
    if "?" in text or "#" in text:
        return "", "has a ?query or #fragment, which a redirect page cannot answer"
    if "\\" in text or "%" in text or _SPACE_OR_CONTROL.search(text):
        return "", "is not a valid path (a backslash, percent-encoding, a space or a control)"
    segments = text.removeprefix("/").split("/")
    if segments[-1] == "":
        segments[-1] = "index"  # a folder: its index page
    if any(segment in {".", ".."} for segment in segments):
        return "", "has '.' or '..' in it; write the path from the site's root"
    if "" in segments:
        return "", "has an empty folder name ('//')"
    if any(segment.startswith(".") for segment in segments) or segments[0].startswith("_"):
        return "", "is in a folder the build keeps for its own files"
    last = segments[-1].removesuffix(".html")
    if not last:
        return "", "has no page name"
    suffix = _FILE_SUFFIX.search(last)
    if suffix is not None:
        return "", f"is the path of a file ({suffix.group()}), not of a page"
    segments[-1] = last
    return "/".join(segments), None
