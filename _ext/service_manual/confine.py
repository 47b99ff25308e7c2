"""Nothing from outside the source folder reaches the site.

Sphinx's ``{include}``, ``{literalinclude}`` and ``{image}`` accept any path, so a page could
publish ``../../etc/passwd`` or a file from a symbolic link out of ``docs/``. Before the
collectors copy anything, each node that came from a file outside the source folder, and each
image whose file is there, is left out with a located warning; a symbolic link that leads
out of the folder is not read at all. (``{downloads}`` and the ``{download}`` role check
their own paths.)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst.directives.misc import Include

from .diagnostics import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _outside(path: str | os.PathLike[str], srcdir: Path) -> bool:
    return not Path(os.path.realpath(path)).is_relative_to(srcdir)


def _origin(node: nodes.Element) -> str | None:
    """The file a node's content was read from, when that is a real file path (docutils'
    own standard includes, such as ``<isonum.txt>``, are not a writer's files)."""
    for source in (node.get("source"), node.source):
        if isinstance(source, str) and os.path.isabs(source) and os.path.exists(source):
            if Path(source).resolve().is_relative_to(_STANDARD_INCLUDES):
                return None
            return source
    return None


_STANDARD_INCLUDES = Path(os.path.realpath(Include.standard_include_path))


def confine_to_source_folder(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    srcdir = Path(os.path.realpath(env.srcdir))
    reported: set[str] = set()
    for node in list(doctree.findall(nodes.Element)):
        if node is doctree or not _attached(node, doctree):
            continue
        if isinstance(node, nodes.image):
            uri = node.get("uri", "")
            if "://" in uri or uri.startswith("data:"):
                continue
            _rel, path = env.relfn2path(uri, env.docname)
            if _outside(path, srcdir):
                warn(
                    f"image {uri!r} is outside the source folder; it is not shown",
                    subtype="outside_source",
                    location=node,
                )
                alt = node.get("alt") or "image not shown"
                node.replace_self(nodes.inline(alt, alt))
            continue
        origin = _origin(node)
        if origin is None or not _outside(origin, srcdir):
            continue
        if origin not in reported:
            reported.add(origin)
            warn(
                f"content from {origin!r}, outside the source folder, is left out",
                subtype="outside_source",
                location=env.docname,  # its line is a line of the other file
            )
        node.parent.remove(node)


def exclude_links_out(app: Sphinx) -> None:
    """A symbolic link in the source folder that leads out of it is not read at all: its
    pages, and their copied sources, would publish files from elsewhere. The warning names
    the first page it would have brought in. (Links to other files are refused where they are
    used: downloads and images.)"""
    srcdir = Path(os.path.realpath(app.srcdir))
    suffixes = tuple(app.config.source_suffix)
    for folder, dirs, files in os.walk(srcdir):
        for name in sorted(dirs + files):
            path = Path(folder, name)
            if not path.is_symlink() or not _outside(path, srcdir):
                continue
            pages = _pages_behind(path, suffixes)
            if not pages:
                continue  # not a page, nor a folder of pages
            relative = path.relative_to(srcdir).as_posix()
            app.config.exclude_patterns.extend([relative, f"{relative}/**"])
            first = pages[0].relative_to(srcdir).as_posix()
            warn(
                f"{relative!r} is a symbolic link out of the source folder; its "
                f"{len(pages)} page(s) are not read",
                subtype="outside_source",
                location=(first.rsplit(".", 1)[0], None),
            )
        dirs[:] = [d for d in dirs if not Path(folder, d).is_symlink()]


def _pages_behind(link: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The source files a link brings in, as paths under the link (no further links)."""
    if link.is_file():
        return [link] if link.name.endswith(suffixes) else []
    found = []
    for folder, dirs, files in os.walk(link):  # the link itself is followed, nothing below
        dirs[:] = [d for d in dirs if not Path(folder, d).is_symlink()]
        found += [Path(folder, f) for f in sorted(files) if f.endswith(suffixes)]
    return sorted(found)


def _attached(node: nodes.Node, root: nodes.document) -> bool:
    while node.parent is not None:
        node = node.parent
    return node is root


def setup(app: Sphinx) -> None:
    # Before the collectors (priority 500) note images and downloads to copy.
    app.connect("builder-inited", exclude_links_out)
    app.connect("doctree-read", confine_to_source_folder, priority=400)
