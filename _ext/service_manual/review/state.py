"""A guide's review state on the build's day, and keeping pages right as days pass.

What a page shows can depend on the day it was read: the notice is shown once the review
date has passed, and a date in the future is refused until it comes. Each guide remembers
the day it was read and the days from which its front matter reads differently
(``Guide.turning_days``); an incremental build reads a page again when one of those days has
come since. So a build on a later day, even one where no file changed, writes what a fresh
build of that day writes.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from typing import TYPE_CHECKING

from ..collector import guides
from ..core import review as rules
from ..frontmatter import Guide
from .settings import today

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def read_differently(guide: Guide, day: date) -> bool:
    """Whether ``guide``'s front matter reads differently on ``day`` than when it was read."""
    if not guide.turning_days or guide.read_on is None:
        return False
    turns = guide.turning_days
    return bisect_right(turns, guide.read_on) != bisect_right(turns, day)


def outdated_pages(app: Sphinx, env: BuildEnvironment) -> set[str]:
    day = today(env)
    return {d for d, guide in guides(env).items() if read_differently(guide, day)}


def status(guide: Guide, day: date, within_days: int) -> str:
    """``current``, ``due``, ``overdue`` or ``unreviewed`` on ``day``."""
    return rules.state(guide.review_by, day, within_days)


def review_record(guide: Guide, day: date, within_days: int) -> dict[str, object]:
    """A guide's review as ``guides.json`` and ``review.json`` give it."""
    return {
        "owner": (
            None if guide.owner is None else {"name": guide.owner.name, "url": guide.owner.url}
        ),
        "last_reviewed_on": guide.last_reviewed_on.isoformat() if guide.last_reviewed_on else None,
        "review_by": guide.review_by.isoformat() if guide.review_by else None,
        "status": status(guide, day, within_days),
    }


def setup(app: Sphinx) -> None:
    app.connect("service-manual-get-outdated", outdated_pages)
