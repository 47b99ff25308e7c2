"""Helpers for the migration tests: small bodies as the conversions receive them."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "_ext"))

from migrate_jekyll.document import Line


def lines(text: str) -> list[Line]:
    """Numbered lines of a small Markdown body."""
    return [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]


def texts(result: list[Line]) -> str:
    return "\n".join(line.text for line in result)
