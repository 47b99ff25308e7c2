"""When a guide is due for review: review dates, periods and states, without Sphinx.

A guide reviewed on a day, with a period such as ``6 months``, is due for review by that day
plus the period. On a given day its state is one of :data:`STATES`. "Today" is the day of the
build, or the day ``SOURCE_DATE_EPOCH`` names when it is set, so that a build can be repeated
and tests do not depend on the calendar.
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

# How a guide stands on a day: reviewed and not yet due; due within the warning period;
# past its review date; or never reviewed (no review date, or no period to count from it).
CURRENT, DUE, OVERDUE, UNREVIEWED = "current", "due", "overdue", "unreviewed"
STATES = (CURRENT, DUE, OVERDUE, UNREVIEWED)

# Units a period may be counted in, singular and plural, each to its canonical plural.
UNITS = {
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}
# A review period longer than this is a typo (and adding it to a date would overflow).
MAX_YEARS = 100

_PERIOD = re.compile(r"^\s*(?P<count>\d{1,6})\s*(?P<unit>[^\W\d_]+)\s*$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Period:
    """A review period: ``count`` days, weeks, months or years."""

    count: int
    unit: str  # "days", "weeks", "months" or "years"

    def __str__(self) -> str:
        return f"{self.count} {self.unit[:-1] if self.count == 1 else self.unit}"

    def after(self, day: date) -> date:
        """The day this period after ``day``; a month later than 31 January is the last day
        of February."""
        if self.unit == "days":
            return day + timedelta(days=self.count)
        if self.unit == "weeks":
            return day + timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "years" else 1)
        year, month = divmod(day.month - 1 + months, 12)
        year += day.year
        last = calendar.monthrange(year, month + 1)[1]
        return date(year, month + 1, min(day.day, last))


def parse_period(text: str) -> Period | str:
    """A :class:`Period` from text such as ``6 months``, ``12 weeks`` or ``1 year``; or what
    is wrong with it, said of the text ("has an unknown unit ...")."""
    match = _PERIOD.match(text)
    if match is None:
        return "must be a number followed by days, weeks, months or years, such as '6 months'"
    unit = UNITS.get(match["unit"].lower())
    if unit is None:
        return f"has an unknown unit {match['unit']!r}: use days, weeks, months or years"
    count = int(match["count"])
    if count == 0:
        return "must be at least 1 " + unit[:-1]
    days = {"days": 1, "weeks": 7, "months": 31, "years": 366}[unit] * count
    if days > MAX_YEARS * 366:
        return f"must be at most {MAX_YEARS} years"
    return Period(count, unit)


def parse_day(value: object) -> date | str:
    """A day written ``YYYY-MM-DD`` (YAML may already have made it a date); or what is wrong
    with it, said of the value ("is not a day that exists" for ``2026-02-30``)."""
    if isinstance(value, datetime):
        return "must be a date without a time, written YYYY-MM-DD"
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DAY.match(value.strip()):
        return "must be a date written YYYY-MM-DD"
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return "is not a day that exists"


def review_by(last_reviewed_on: date | None, period: Period | None) -> date | None:
    """The day a guide is due for review by, when it has been reviewed and has a period."""
    if last_reviewed_on is None or period is None:
        return None
    try:
        return period.after(last_reviewed_on)
    except OverflowError:  # past the year 9999
        return date.max


def state(due: date | None, today: date, within_days: int) -> str:
    """How a guide due for review by ``due`` stands on ``today``. It is due from
    ``within_days`` days before the day, and overdue the day after it."""
    if due is None:
        return UNREVIEWED
    if today > due:
        return OVERDUE
    if (due - today).days <= within_days:
        return DUE
    return CURRENT


def today(environ: Mapping[str, str] | None = None) -> date:
    """The build's day: ``SOURCE_DATE_EPOCH`` (seconds since 1970, read in UTC, as the
    reproducible-builds specification says) when it is set and valid, else the local day."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), UTC).date()
        except (OverflowError, OSError, ValueError):
            pass
    return date.today()
