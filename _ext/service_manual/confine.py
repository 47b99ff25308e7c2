"""Nothing from outside the source folder reaches the site.

Sphinx's ``{include}``, ``{literalinclude}`` and ``{image}`` accept any path, so a page could
publish ``../../etc/passwd`` or a file from a symbolic link out of ``docs/``. Before the
collectors copy anything, each node that came from a file outside the source folder, and each
image whose file is there, is left out with a located warning; a symbolic link that leads
out of the folder is not read at all. (``{downloads}`` and the ``{download}`` role check
their own paths.)
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst.directives.misc import Include

from .core import paths
from .diagnostics import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


_STANDARD_INCLUDES = Include.standard_include_path


@functools.lru_cache(maxsize=1024)
def _origin_of(source: str) -> str | None:
    """``source`` when it is a writer's file on disk (docutils' own standard includes, such
    as ``<isonum.txt>``, are not); remembered, as every node of a page names the same few."""
    if not os.path.isabs(source) or not os.path.exists(source):
        return None
    return None if paths.inside(source, _STANDARD_INCLUDES) else source


def _read_from(source: str, srcdir: str) -> tuple[bool, str | None]:
    """Whether ``source`` is a writer's file, and that file when it is outside ``srcdir``."""
    origin = _origin_of(source)
    if origin is None:
        return False, None
    return True, None if paths.inside(origin, srcdir) else origin


def confine_to_source_folder(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    srcdir = str(env.srcdir)
    reported: set[str] = set()
    # Each source a node names, looked up once a page: the nodes of a page name a few files.
    verdicts: dict[str, tuple[bool, str | None]] = {}
    # The same for each pair a node names (its ``source`` attribute, the file docutils read
    # it from): the walk visits every element, so it asks a dict, not a function, where it can.
    origins: dict[tuple[str | None, str | None], str | None] = {}

    def outside_origin(pair: tuple[str | None, str | None]) -> str | None:
        """The file outside the source folder that the node's content was read from, if it
        was: its own ``source`` attribute, else the file docutils read it from."""
        for source in pair:
            if source is not None:
                verdict = verdicts.get(source)
                if verdict is None:
                    verdict = verdicts[source] = _read_from(source, srcdir)
                is_file, origin = verdict
                if is_file:
                    return origin
        return None

    def keep_image(node: nodes.image) -> bool:
        """Show the image unless its file is outside (a warning, its alt text instead)."""
        uri = node.get("uri", "")
        if "://" in uri or uri.startswith("data:"):
            return True
        _rel, path = env.relfn2path(uri, env.docname)
        if paths.inside(path, srcdir):
            return True
        warn(
            f"image {uri!r} is outside the source folder; it is not shown",
            subtype="outside_source",
            location=node,
        )
        alt = node.get("alt") or "image not shown"
        node.replace_self(nodes.inline(alt, alt))
        return False

    def leave_out(node: nodes.Element, origin: str) -> None:
        if origin not in reported:
            reported.add(origin)
            warn(
                f"content from {origin!r}, outside the source folder, is left out",
                subtype="outside_source",
                location=env.docname,  # its line is a line of the other file
            )
        node.parent.remove(node)

    # Every element in document order, parents first; what is left out is not looked into.
    todo = doctree.children[::-1]
    while todo:
        node = todo.pop()
        if not isinstance(node, nodes.Element):
            continue
        if isinstance(node, nodes.image):
            if not keep_image(node):
                continue
        else:
            attribute, read_from = node.attributes.get("source"), node.source
            pair = (
                attribute if isinstance(attribute, str) else None,
                read_from if isinstance(read_from, str) else None,
            )
            origin = origins.get(pair, "")  # "" when not asked yet: an origin is a full path
            if origin == "":
                origin = origins[pair] = outside_origin(pair)
            if origin is not None:
                leave_out(node, origin)
                continue
        todo += node.children[::-1]


def _links_out(srcdir: Path, suffixes: tuple[str, ...]) -> list[tuple[str, list[Path]]]:
    """Each symbolic link in the folder that leads out of it and brings in pages, with the
    pages it brings in, folder by folder as ``os.walk`` goes (links are not followed), each
    folder's links by name. A folder's entries say which are links without a system call
    each: this runs twice a build over every source file."""
    found = []

    def visit(folder: str) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            return  # as os.walk: a folder that cannot be listed is passed over
        for name in sorted(entry.name for entry in entries if _is_link(entry)):
            path = Path(folder, name)
            if paths.inside(path, srcdir):
                continue
            pages = _pages_behind(path, suffixes)
            if pages:  # not a page, nor a folder of pages: used (or refused) where linked
                found.append((path.relative_to(srcdir).as_posix(), pages))
        for entry in entries:
            if _is_folder(entry):
                visit(entry.path)

    visit(os.fspath(srcdir))
    return found


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _suffixes(config: Config) -> tuple[str, ...]:
    setting = config.source_suffix
    return (setting,) if isinstance(setting, str) else tuple(setting)


def exclude_links_out(app: Sphinx, config: Config) -> None:
    """A symbolic link in the source folder that leads out of it is not read at all: its
    pages, and their copied sources, would publish files from elsewhere. (Links to other
    files are refused where they are used: downloads and images.)

    The links are added to ``exclude_patterns`` when the configuration is read, so the value
    Sphinx saves with the environment is the one the next build computes: a change here would
    make Sphinx read every page again.
    """
    srcdir = Path(os.path.realpath(app.srcdir))
    excluded = list(config.exclude_patterns)
    for relative, _pages in _links_out(srcdir, _suffixes(config)):
        excluded += [relative, f"{relative}/**"]
    if excluded != config.exclude_patterns:
        config.exclude_patterns = excluded


def warn_links_out(app: Sphinx) -> None:
    """One warning for each link :func:`exclude_links_out` left out, naming the first page it
    would have brought in (given once the environment can name pages)."""
    srcdir = Path(os.path.realpath(app.srcdir))
    for relative, pages in _links_out(srcdir, _suffixes(app.config)):
        first = nodes.Element()  # a location that names the file itself: it is no document
        first.source, first.line = str(Path(app.srcdir, pages[0].relative_to(srcdir))), 1
        warn(
            f"{relative!r} is a symbolic link out of the source folder; its "
            f"{len(pages)} page(s) are not read",
            subtype="outside_source",
            location=first,
        )


def forget_paths(app: Sphinx) -> None:
    """Files may have moved since the last build in this process (live preview)."""
    paths.forget()
    _origin_of.cache_clear()


def _pages_behind(link: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The source files a link brings in, as paths under the link (no further links)."""
    if link.is_file():
        return [link] if link.name.endswith(suffixes) else []
    found = []
    for folder, dirs, files in os.walk(link):  # the link itself is followed, nothing below
        dirs[:] = [d for d in dirs if not Path(folder, d).is_symlink()]
        found += [Path(folder, f) for f in sorted(files) if f.endswith(suffixes)]
    return sorted(found)


def setup(app: Sphinx) -> None:
    # After Sphinx has merged the suffixes extensions add (MyST's .md) into source_suffix.
    app.connect("config-inited", exclude_links_out, priority=900)
    app.connect("builder-inited", forget_paths)
    app.connect("builder-inited", warn_links_out)
    # Before the collectors (priority 500) note images and downloads to copy.
    app.connect("doctree-read", confine_to_source_folder, priority=400)
