"""Helpers for the tests of review dates (``test_review_*.py``): builds on a chosen day.

What a page shows depends on the build's day, which is ``SOURCE_DATE_EPOCH`` when it is set:
each build here sets it, for that build only.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import Site, build_root

# The day the ``review`` root is built on: web-operations is current (due 3 September),
# soon is due (10 July), hosting is overdue (since 10 January), unreviewed never was.
DAY = date(2026, 6, 15)


def epoch(day: date) -> str:
    """``SOURCE_DATE_EPOCH`` for noon UTC on ``day``."""
    return str(int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()))


@contextmanager
def on_day(day: date) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch(day))
        yield


def environ_on(day: date) -> dict[str, str]:
    """The environment of a subprocess that builds on ``day``."""
    return {**os.environ, "SOURCE_DATE_EPOCH": epoch(day), "NO_COLOR": "1"}


def build_on(day: date, root: str, tmp: Path, buildername: str = "html", **overrides: Any) -> Site:
    with on_day(day):
        return build_root(root, tmp, buildername, **overrides)


def files(outdir: Path) -> dict[str, bytes]:
    """Every file a build wrote, but Sphinx's own build record, read at once: the next build
    into the same folder writes over them."""
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name != ".buildinfo"
    }
