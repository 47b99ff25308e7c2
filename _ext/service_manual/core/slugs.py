"""Heading ids as kramdown made them, so that 2016 ``#fragment`` links keep working.

kramdown's ``auto_ids`` (``Kramdown::Converter::Base#basic_generate_id``) drops everything
before the first ASCII letter, keeps only ``a-zA-Z0-9``, spaces and hyphens, turns each space
into a hyphen (runs are not squeezed) and lowercases; an empty result becomes ``section``.
Duplicates get ``-1``, ``-2`` ... which is also what MyST's ``unique_slug`` does, so only the
base function is needed here.

Use it in ``conf.py`` as ``myst_heading_slug_func = "service_manual.core.slugs.kramdown_slug"``;
the migration tool uses it to check ``#fragment`` links.
"""

from __future__ import annotations

import re
from collections.abc import Container

_LEADING_NON_LETTERS = re.compile(r"^[^a-zA-Z]+")
_NOT_ID_CHARACTERS = re.compile(r"[^a-zA-Z0-9 \-]")


def kramdown_slug(text: str) -> str:
    """Return the id kramdown generated for a heading whose text is ``text``."""
    slug = _LEADING_NON_LETTERS.sub("", text)
    slug = _NOT_ID_CHARACTERS.sub("", slug)
    slug = slug.replace(" ", "-").lower()
    return slug or "section"


def unique(slug: str, taken: Container[str]) -> str:
    """``slug``, or ``slug-1``, ``slug-2`` ... the first not in ``taken`` (kramdown and MyST)."""
    candidate, n = slug, 1
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    return candidate
