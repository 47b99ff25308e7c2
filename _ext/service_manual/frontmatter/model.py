"""What a page of the manual is, as its front matter describes it: the :class:`Guide`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core.review import Period


@dataclass(frozen=True, slots=True)
class Breadcrumb:
    title: str
    url: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Owner:
    """Who keeps a guide up to date: a name, and a web page or email address to reach them."""

    name: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of a guide's change history."""

    date: date
    note: str


@dataclass(slots=True)
class Guide:
    """A page of the manual, as its front matter describes it."""

    docname: str
    title: str | None = None
    subtitle: str | None = None
    layout: str = "detailed-guidance"
    category: str | None = None
    type: str | None = None
    audience_primary: tuple[str, ...] = ()
    audience_secondary: tuple[str, ...] = ()
    status: str | None = None
    phases: tuple[str, ...] = ()
    breadcrumbs: tuple[Breadcrumb, ...] | None = None
    exclude_from_search: bool = False
    hero: str | None = None  # the title of the promoted page, or of the promo below
    hero_subtitle: str | None = None  # a hero outside the manual: its subtitle and URL
    hero_url: str | None = None
    phase: str | None = None
    summary: str | None = None  # a phase page's sentence in the phase navigation
    theme: str | None = None
    old_paths: tuple[str, ...] = ()  # earlier paths, normalised (old_paths.py)
    # Review (see frontmatter/review.py): the defaults from the settings are applied.
    last_reviewed_on: date | None = None
    review_in: Period | None = None
    review_by: date | None = None
    owner: Owner | None = None
    change_history: tuple[Change, ...] = ()  # newest first
    # The days from which this front matter reads differently (a date in the future stops
    # being one, a review falls due), and the day it was read: an incremental build on a
    # later day reads the page again when one of those days has come (review/state.py).
    turning_days: tuple[date, ...] = ()
    read_on: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def audiences(self) -> tuple[str, ...]:
        return self.audience_primary + tuple(
            r for r in self.audience_secondary if r not in self.audience_primary
        )

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)
