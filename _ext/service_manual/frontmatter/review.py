"""Where the review keys of front matter become data: ``last_reviewed_on``, ``review_in``,
``owner`` and ``change_history``.

Each value that cannot be used is reported at its key's line and left out: an impossible or
future date, a period in an unknown unit, an owner's link that is not ``https:`` or
``mailto:``, a review date with no period to count from it. The defaults (an owner, a period)
come from the settings, through :class:`ReviewSettings`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..core import urls
from ..core.review import Period, parse_day, parse_period, review_by
from ..core.values import kind_of as _kind
from ..core.values import shorten as _short
from .model import Change, Owner

REVIEW_KEYS = ("last_reviewed_on", "review_in", "owner", "change_history")

# An owner's link: a page to read about them, or an address to write to.
OWNER_SCHEMES = frozenset({"https", "mailto"})


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    """What review keys are read against: the build's day and the settings' defaults."""

    today: date
    default_owner: Owner | None = None
    default_review_in: Period | None = None


@dataclass(slots=True)
class ReviewFields:
    last_reviewed_on: date | None = None
    review_in: Period | None = None
    review_by: date | None = None
    owner: Owner | None = None
    change_history: tuple[Change, ...] = ()
    turning_days: tuple[date, ...] = ()


class _Reader:
    """The review keys of one page, read against ``settings``; ``values`` is the page's
    :class:`~.normalise.Values` (its ``get`` and ``warn``)."""

    def __init__(self, values: Any, settings: ReviewSettings) -> None:
        self.values = values
        self.today = settings.today
        self.settings = settings
        self.turning: set[date] = set()

    def day(self, key: str, value: Any, what: str) -> date | None:
        """A day that has come: a date in the future is refused until it comes."""
        day = parse_day(value)
        if isinstance(day, str):
            self.values.warn(key, f"{what} {_short(value)} {day}; it is left out")
            return None
        # The page reads differently before this day (it is refused) and from it: a build
        # on the other side of it, later or (SOURCE_DATE_EPOCH set back) earlier, reads it again.
        self.turning.add(day)
        if day > self.today:
            self.values.warn(
                key,
                f"{what} {day.isoformat()} is in the future (the build's date is "
                f"{self.today.isoformat()}); it is left out",
            )
            return None
        return day

    def last_reviewed_on(self) -> date | None:
        value = self.values.get("last_reviewed_on")
        if value is None:
            return None
        return self.day("last_reviewed_on", value, "'last_reviewed_on'")

    def review_in(self) -> Period | None:
        value = self.values.get("review_in")
        if value is None:
            return None
        if not isinstance(value, str):
            self.values.warn(
                "review_in",
                f"'review_in' must be a period such as '6 months', not {_kind(value)}; "
                "it is left out",
            )
            return None
        period = parse_period(value)
        if isinstance(period, str):
            self.values.warn("review_in", f"'review_in' {_short(value)} {period}; it is left out")
            return None
        return period

    def owner(self) -> Owner | None:
        value = self.values.get("owner")
        if value is None:
            return self.settings.default_owner
        owner, problem = read_owner(value)
        if problem:
            self.values.warn("owner", f"'owner' {problem}")
        return owner or self.settings.default_owner

    def change_history(self) -> tuple[Change, ...]:
        value = self.values.get("change_history")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.values.warn(
                "change_history",
                f"'change_history' must be a list of {{date, note}} items, not {_kind(value)}; "
                "it is left out",
            )
            return ()
        changes: list[Change] = []
        for number, item in enumerate(value, start=1):
            what = f"change_history item {number}"
            if not isinstance(item, dict):
                self.values.warn(
                    "change_history",
                    f"{what} must be a mapping with date and note, not {_kind(item)}; "
                    "it is left out",
                )
                continue
            note = item.get("note")
            if "date" not in item or item["date"] is None:
                self.values.warn("change_history", f"{what} has no 'date'; it is left out")
                continue
            if not isinstance(note, str) or not note.strip():
                self.values.warn("change_history", f"{what} has no 'note' text; it is left out")
                continue
            day = self.day("change_history", item["date"], f"{what}'s date")
            if day is not None:
                changes.append(Change(day, " ".join(note.split())))
        # Newest first; entries of one day keep the order they were written in.
        return tuple(sorted(changes, key=lambda change: change.date, reverse=True))


def read_owner(value: Any) -> tuple[Owner | None, str]:
    """An owner from ``name`` or ``{name, url}``, and what is wrong with it ("" if nothing).
    A link that is not ``https:`` or ``mailto:`` is dropped and the name kept."""
    if isinstance(value, str):
        name = " ".join(value.split())
        return (Owner(name), "") if name else (None, "is empty; it is left out")
    if not isinstance(value, dict):
        return None, (
            f"must be a name or a mapping with name and url, not {_kind(value)}; it is left out"
        )
    given = value.get("name")
    if not isinstance(given, str) or not given.strip():
        return None, "has no 'name' text; it is left out"
    name = " ".join(given.split())
    unknown = [_short(key) for key in value if key not in {"name", "url"}]
    problem = (
        f"has unknown keys {', '.join(unknown)}; only name and url are read" if unknown else ""
    )
    url = value.get("url")
    if url is None:
        return Owner(name), problem
    if not isinstance(url, str) or not urls.is_allowed_link(url, OWNER_SCHEMES):
        return Owner(name), (
            f"url {_short(url)} must be an https: or mailto: address; "
            "the owner is shown without a link"
        )
    return Owner(name, url.strip()), problem


def read_review(values: Any, settings: ReviewSettings) -> ReviewFields:
    """The review keys of a page (``values`` is its :class:`~.normalise.Values`)."""
    reader = _Reader(values, settings)
    reviewed = reader.last_reviewed_on()
    period = reader.review_in()
    if reviewed is not None and period is None:
        if settings.default_review_in is None:
            values.warn(
                "last_reviewed_on",
                "'last_reviewed_on' needs a 'review_in' period (or the "
                "service_manual_default_review_in setting) to say when the next review "
                "is due; it is left out",
            )
            reviewed = None
        else:
            period = settings.default_review_in
    due = review_by(reviewed, period)
    if due is not None and due < date.max:
        reader.turning.add(due.fromordinal(due.toordinal() + 1))  # overdue from the next day
    return ReviewFields(
        last_reviewed_on=reviewed,
        review_in=period,
        review_by=due,
        owner=reader.owner(),
        change_history=reader.change_history(),
        turning_days=tuple(sorted(reader.turning)),
    )


__all__ = [
    "OWNER_SCHEMES",
    "REVIEW_KEYS",
    "ReviewFields",
    "ReviewSettings",
    "read_owner",
    "read_review",
]
