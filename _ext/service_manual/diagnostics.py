"""Every warning the extension gives, located and typed.

A writer silences one kind with ``suppress_warnings = ["service_manual.<subtype>"]``.
The README lists the subtypes; keep :data:`SUBTYPES` and the README in step.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("service_manual")

WARNING_TYPE = "service_manual"

SUBTYPES: dict[str, str] = {
    "front_matter": (
        "front matter that is not valid YAML, or a key with a wrong type or unknown value"
    ),
    "breadcrumb": "a breadcrumb whose URL leads to no page or uses a scheme that is not allowed",
    "layout": "a layout name with no template",
    "video": (
        "a {video} with no caption or a caption of several paragraphs, or a URL whose scheme "
        "or host is not allowed"
    ),
    "download": (
        "a {downloads} file, or a {download} role's file, that is missing or outside the "
        "source folder, or a download URL whose scheme is not allowed"
    ),
    "index": "a phase or role with no index page, or a hero that names no page",
    "guide_list": "a {guide-list} option with an unknown value",
    "config": "a service_manual_* setting in conf.py with the wrong shape",
    "outside_source": "an include or image from outside the source folder (left out)",
    "old_path": (
        "an old_paths entry that is not a path of the site, where a page still is, that is "
        "redirected already, or that several pages claim"
    ),
    "review": (
        "a review key (last_reviewed_on, review_in, owner, change_history) with an impossible "
        "or future date, an unknown period, an owner link that is not https: or mailto:, or "
        "a review date with no period"
    ),
}


def content_line(directive: Any, index: int) -> int:
    """The line in the file of a directive's content line ``index`` (0-based).

    docutils gives ``content_offset`` as the 0-based line of the content in the file; MyST
    gives it relative to the directive's own line.
    """
    if _is_myst(directive):
        return int(directive.lineno) + int(directive.content_offset) + 1 + index
    return int(directive.content_offset) + 1 + index


def inline_lineno(directive: Any, line: int) -> int:
    """What to pass as ``parse_inline(lineno=...)`` for messages to land on ``line``:
    MyST's inliner counts from the line before."""
    return line - 1 if _is_myst(directive) else line


def _is_myst(directive: Any) -> bool:
    return type(directive.state).__module__.startswith("myst_parser")


def warn(message: str, *, subtype: str, location: Any) -> None:
    """Log a warning of our type. ``location`` is a node, a docname or (docname, line)."""
    assert subtype in SUBTYPES, subtype
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype)


def setting_location(app: Any, name: str) -> str | None:
    """Where a setting is given, ``<confdir>/conf.py:<line>``, for a warning about its value;
    None when it is not in ``conf.py`` (given with ``-D``, or no file)."""
    confdir = getattr(app, "confdir", None)
    if not confdir or name in getattr(app.config, "overrides", {}):
        return None
    path = Path(confdir, "conf.py")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = re.search(rf"^{re.escape(name)}\s*(?::[^=\n]*)?=", text, flags=re.MULTILINE)
    if match is None:
        return None
    return f"{path}:{text.count(chr(10), 0, match.start()) + 1}"
