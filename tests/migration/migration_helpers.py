"""Helpers for the migration tests: small bodies as the conversions receive them.

``migrate_jekyll`` is imported from ``_ext/``, which the project's editable install puts on
``sys.path`` (as it does for ``service_manual``); nothing here changes ``sys.path``.
"""

from __future__ import annotations

from migrate_jekyll.document import Line


def lines(text: str) -> list[Line]:
    """Numbered lines of a small Markdown body."""
    return [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)]


def texts(result: list[Line]) -> str:
    return "\n".join(line.text for line in result)
