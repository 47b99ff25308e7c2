"""Whether a path stays inside a folder: the one check behind every "nothing from outside
the source folder is published" rule (downloads, images, includes, symbolic links).

Every symbolic link on the way is followed, so a link inside the folder that leads out of it
is outside. A path that is not valid (a NUL character) is never inside.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path


def real(path: str | os.PathLike[str]) -> Path | None:
    """The path with every symbolic link followed, or None when it is not a valid path."""
    return _real(os.fspath(path))


@functools.lru_cache(maxsize=4096)
def _real(text: str) -> Path | None:
    # Remembered: every page asks about its own file and the source folder.
    if "\x00" in text:
        return None
    try:
        return Path(os.path.realpath(text))
    except (OSError, ValueError):
        return None


@functools.lru_cache(maxsize=4096)
def _inside(path: str, folder: str) -> bool:
    found, root = real(path), real(folder)
    return found is not None and root is not None and found.is_relative_to(root)


def inside(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is inside ``folder`` once every symbolic link is followed.

    Answers are remembered (a 1 MB guide asks about the same few files for every node);
    :func:`forget` clears them at the start of each build, when files may have moved.
    """
    return _inside(os.fspath(path), os.fspath(folder))


def forget() -> None:
    _inside.cache_clear()
    _real.cache_clear()
