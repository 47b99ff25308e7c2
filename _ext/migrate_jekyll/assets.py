"""Images and documents: copied with the pages, in the same folders.

Everything under SRC that is not a page is copied byte for byte; hidden files (``.DS_Store``,
``.git``) are skipped. Links to the files are rewritten by :mod:`migrate_jekyll.links` and
:mod:`migrate_jekyll.downloads` to the same ``/``-rooted paths.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .report import Report


def source_files(src: Path) -> list[PurePosixPath]:
    """Every file under ``src``, relative and sorted, hidden files and folders left out."""
    found = []
    for path in src.rglob("*"):
        relative = PurePosixPath(path.relative_to(src).as_posix())
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found.append(relative)
    return sorted(found)


def copy(src: Path, dest: Path, files: Iterable[PurePosixPath], report: Report) -> None:
    for relative in files:
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / relative, target)
        report.count("assets")
