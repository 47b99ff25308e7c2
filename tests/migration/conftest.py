"""Fixtures for the migration command's tests: the package on the path, the 2016 corpus."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "_ext"))

from migrate_jekyll.document import Line  # noqa: E402
from migrate_jekyll.report import Report  # noqa: E402

CORPUS = (
    REPO / ".." / "shared" / "corpus" / "gds-service-manual-2016" / "service-manual"
).resolve()


def lines(text: str) -> list[Line]:
    """Numbered lines of a small Markdown body, as the conversions receive them."""
    return [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]


def texts(result: list[Line]) -> str:
    return "\n".join(line.text for line in result)


@pytest.fixture
def report() -> Report:
    return Report()


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The 2016 manual beside the checkout; absent: skip, or fail when CI=true."""
    if not CORPUS.is_dir():
        reason = f"the 2016 corpus is not at {CORPUS} (../shared/corpus beside the checkout)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return CORPUS
