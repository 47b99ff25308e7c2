"""A writer's words for a front matter value, for warnings: its kind ("a list", "text") and a
bounded ``repr``."""

from __future__ import annotations

import reprlib
from typing import Any


def kind_of(value: Any) -> str:
    """A writer's word for the type of a YAML value."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# Bounded repr: YAML aliases can nest a value exponentially ("billion laughs"), and a
# full repr() of it never ends; short values come out as repr() writes them.
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 3, 200, 200


def shorten(value: Any, limit: int = 60) -> str:
    """``repr(value)``, bounded, for a warning."""
    try:
        text = _REPR.repr(value)
    except ValueError:  # an integer with more digits than Python will write out
        text = f"<{kind_of(value)} too long to show>"
    return text if len(text) <= limit else text[: limit - 1] + "…"
