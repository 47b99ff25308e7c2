"""Old URLs keep working: the migration's map of 2016 URLs, and the files of a migrated site
(images, documents) at their 2016 paths too.

``make migrate`` writes ``redirects.json`` beside the migrated source folder (outside it, so it
is never a source). When that file is there, its ``redirects`` become redirect pages (written
by :mod:`.redirect_pages`, with the pages' ``old_paths``). Each entry is checked: a target must
be a relative URL inside the site, so the map cannot send readers elsewhere.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .core import paths, urls
from .diagnostics import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def map_path(app: Sphinx, config: Config) -> Path:
    return Path(app.srcdir, config.service_manual_redirect_map).resolve()


def keep_file_paths_with_a_map(app: Sphinx, config: Config) -> None:
    """A migrated site (one with a map) also publishes its files at their 2016 paths."""
    if map_path(app, config).is_file():
        config.service_manual_keep_file_paths = True


def read_redirect_map(app: Sphinx) -> None:
    """Read the map once a build, before anything is read, checking every entry."""
    app.env.service_manual_redirect_map = load_redirect_map(map_path(app, app.config))  # type: ignore[attr-defined]


def redirect_map(env: BuildEnvironment) -> dict[str, str]:
    """The map's redirects this build: source path (``x/y/index``) -> relative target URL."""
    return getattr(env, "service_manual_redirect_map", None) or {}


def load_redirect_map(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["redirects"]
        if not isinstance(entries, dict):
            raise TypeError("'redirects' is not a mapping")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        warn(f"redirect map {path} could not be read: {exc}", subtype="config", location=None)
        return {}
    good = {}
    for source, target in entries.items():
        if isinstance(source, str) and urls.is_site_relative(target):
            good[source] = target
        else:
            warn(
                f"redirect map {path}: {source!r} -> {target!r} is not a relative URL inside "
                "the site; it is left out",
                subtype="config",
                location=None,
            )
    return good


def copy_files_to_their_paths(app: Sphinx, exception: Exception | None) -> None:
    """Every file of the source folder that is not a page is also published at its own path
    (``/assets/documents/x.pdf`` as in 2016), beside the copies Sphinx makes for its links."""
    if exception is not None or not app.config.service_manual_keep_file_paths:
        return
    if app.builder.format != "html" or app.builder.name == "epub":
        return
    srcdir, outdir = Path(app.srcdir).resolve(), Path(app.outdir)
    for relative in files_to_publish(srcdir, tuple(app.config.source_suffix)):
        source, target = srcdir / relative, outdir / relative
        if target.is_file() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def files_to_publish(srcdir: Path, suffixes: tuple[str, ...]) -> list[str]:
    """The files of ``srcdir`` (resolved) that are published at their own paths, relative to
    it, sorted: not a page, not a symbolic link, nothing in or named like a hidden or ``_``
    folder, nothing in a linked folder, nothing whose real path is outside the folder.

    Read from each folder's listing, whose entries say what they are without a system call
    each; a file that is no link is inside when its folder is, so that is asked once a
    folder."""
    found: list[str] = []

    def visit(folder: Path, relative: str) -> None:
        if not paths.inside(folder, srcdir):
            return
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith((".", "_")):
                continue
            name = f"{relative}{entry.name}"
            try:
                if entry.is_symlink():
                    continue
                if entry.is_dir():
                    visit(folder / entry.name, f"{name}/")
                elif entry.is_file() and not entry.name.endswith(suffixes):
                    found.append(name)
            except OSError:
                continue

    visit(srcdir, "")
    return sorted(found, key=lambda name: PurePosixPath(name).parts)


def setup(app: Sphinx) -> None:
    app.add_config_value(
        "service_manual_redirect_map", "../redirects.json", "env", types=frozenset({str})
    )
    app.add_config_value("service_manual_keep_file_paths", False, "html", types=frozenset({bool}))
    app.connect("config-inited", keep_file_paths_with_a_map, priority=600)
    app.connect("builder-inited", read_redirect_map)
    app.connect("build-finished", copy_files_to_their_paths)
