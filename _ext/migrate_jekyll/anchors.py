"""The ids each page offers to links, and what to do with 2016 ids Sphinx cannot keep.

A page offers its heading slugs (``kramdown_slug``, deduplicated as kramdown and MyST both
do, the front matter title first), its explicit ids (``{#x}``, ``(x)=``, ``[]{#x}``).

Sphinx makes every explicit id a project-wide label, so the same ``{#section-1}`` on two
pages (the 2016 design patterns each had their own ``section-1``...) warns "duplicate
label". Such an id, when it names a heading, is written instead as a raw ``<a id="x"></a>``
line above the heading — old ``page#x`` bookmarks still land there in HTML — and links in the
manual to ``#x`` on that page are pointed at the heading's own slug.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from service_manual.core.slugs import kramdown_slug, unique

from .document import Line, code_mask
from .headings import ATX, plain_text
from .report import Report

_ONLY_ID = re.compile(r"^\{#([^\s}]+)\}\s*$")
_BLOCK_ID = re.compile(r"^\{#([^\s}]+)[^}]*\}\s*$")
_SPAN_ID = re.compile(r"\]\{#([^\s}]+)[^}]*\}")
_TARGET = re.compile(r"^\(([^)\s]+)\)=\s*$")


def heading_slugs(title: str, lines: list[Line]) -> list[str | None]:
    """For each line, the slug MyST gives it if it is a heading (else None)."""
    mask = code_mask(lines)
    taken: list[str] = [kramdown_slug(title)] if title else []
    result: list[str | None] = []
    for line, in_code in zip(lines, mask, strict=True):
        match = None if in_code else ATX.match(line.text)
        if match:
            slug = unique(kramdown_slug(plain_text(match.group(2) or "")), taken)
            taken.append(slug)
            result.append(slug)
        else:
            result.append(None)
    return result


def explicit_ids(lines: list[Line]) -> list[str]:
    mask = code_mask(lines)
    found: list[str] = []
    for line, in_code in zip(lines, mask, strict=True):
        if in_code:
            continue
        for pattern in (_BLOCK_ID, _TARGET):
            match = pattern.match(line.text)
            if match:
                found.append(match.group(1))
        found += _SPAN_ID.findall(line.text)
    return found


def page_anchors(title: str, lines: list[Line]) -> set[str]:
    slugs = {s for s in heading_slugs(title, lines) if s}
    if title:
        slugs.add(kramdown_slug(title))
    return slugs | set(explicit_ids(lines))


def shared_ids(pages: Iterable[list[Line]]) -> set[str]:
    """Explicit ids found on more than one page."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update(set(explicit_ids(lines)))
    return {i for i, n in counts.items() if n > 1}


def localise(
    title: str, lines: list[Line], shared: set[str], report: Report
) -> tuple[list[Line], dict[str, str]]:
    """Rewrite shared heading ids as raw anchors; return the lines and ``{old id: slug}``."""
    slugs = heading_slugs(title, lines)
    out: list[Line] = []
    aliases: dict[str, str] = {}
    for i, line in enumerate(lines):
        match = _ONLY_ID.match(line.text)
        heading = slugs[i + 1] if i + 1 < len(lines) else None
        if match and match.group(1) in shared and heading:
            aliases[match.group(1)] = heading
            out.append(line.with_text(f'<a id="{match.group(1)}"></a>'))
            out.append(line.with_text(""))
            report.count("anchors.shared_id")
        else:
            out.append(line)
    return out, aliases
