"""Front matter: where the YAML block of a guide is read (:mod:`.reading`), what a guide is
(:mod:`.model`) and where its values become data (:mod:`.normalise`)."""

from __future__ import annotations

from .model import Breadcrumb, Guide
from .normalise import SPHINX_KEYS, Values, normalise
from .reading import (
    RawFrontMatter,
    SourceFrontMatter,
    from_metadata,
    read_front_matter,
    read_source,
    salvage_title,
    split_front_matter,
)

__all__ = [
    "SPHINX_KEYS",
    "Breadcrumb",
    "Guide",
    "RawFrontMatter",
    "SourceFrontMatter",
    "Values",
    "from_metadata",
    "normalise",
    "read_front_matter",
    "read_source",
    "salvage_title",
    "split_front_matter",
]
