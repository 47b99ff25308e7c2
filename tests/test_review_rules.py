"""Review dates, periods and states, and the review keys of front matter, without a build.

Every bad value the issue names is here with its exact warning and line: an impossible date,
a future date, an unknown unit, an owner link with a bad scheme, a review date without a
period, an owner of the wrong type, change history items without a date or a note.
"""

from __future__ import annotations

from datetime import date

import pytest
from service_manual.config import make_vocabulary
from service_manual.core import review as rules
from service_manual.frontmatter import read_front_matter
from service_manual.frontmatter.model import Change, Guide, Owner
from service_manual.frontmatter.normalise import normalise
from service_manual.frontmatter.review import ReviewSettings
from service_manual.review.state import read_differently

TODAY = date(2026, 6, 15)
VOCAB = make_vocabulary()


# ----------------------------------------------------------------------------- rules


@pytest.mark.parametrize(
    ("text", "period", "after"),
    [
        ("6 months", rules.Period(6, "months"), date(2026, 9, 3)),
        ("12 weeks", rules.Period(12, "weeks"), date(2026, 5, 26)),
        ("1 year", rules.Period(1, "years"), date(2027, 3, 3)),
        ("10 days", rules.Period(10, "days"), date(2026, 3, 13)),
        (" 2 Months ", rules.Period(2, "months"), date(2026, 5, 3)),
        ("1 month", rules.Period(1, "months"), date(2026, 4, 3)),
    ],
)
def test_periods_count_from_the_review_date(text, period, after) -> None:
    assert rules.parse_period(text) == period
    assert period.after(date(2026, 3, 3)) == after


def test_a_month_after_the_31st_is_the_last_day_of_the_month() -> None:
    assert rules.Period(1, "months").after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert rules.Period(1, "months").after(date(2028, 1, 31)) == date(2028, 2, 29)
    assert rules.Period(1, "years").after(date(2028, 2, 29)) == date(2029, 2, 28)
    assert str(rules.Period(1, "years")) == "1 year"
    assert str(rules.Period(6, "months")) == "6 months"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("6 fortnights", "has an unknown unit 'fortnights': use days, weeks, months or years"),
        ("months", "must be a number followed by days, weeks, months or years, such as '6 months'"),
        (
            "six months",
            "must be a number followed by days, weeks, months or years, such as '6 months'",
        ),
        (
            "-1 year",
            "must be a number followed by days, weeks, months or years, such as '6 months'",
        ),
        ("0 days", "must be at least 1 day"),
        ("101 years", "must be at most 100 years"),
    ],
)
def test_a_bad_period_says_why(text: str, reason: str) -> None:
    assert rules.parse_period(text) == reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-03", date(2026, 3, 3)),
        (date(2026, 3, 3), date(2026, 3, 3)),
        ("2026-02-30", "is not a day that exists"),
        ("2026-13-01", "is not a day that exists"),
        ("3 March 2026", "must be a date written YYYY-MM-DD"),
        ("2026-3-3", "must be a date written YYYY-MM-DD"),
        (20260303, "must be a date written YYYY-MM-DD"),
    ],
)
def test_days(value, expected) -> None:
    assert rules.parse_day(value) == expected


@pytest.mark.parametrize(
    ("due", "day", "state"),
    [
        (None, TODAY, "unreviewed"),
        (date(2026, 9, 3), TODAY, "current"),
        (date(2026, 7, 15), TODAY, "due"),  # 30 days ahead: due
        (date(2026, 7, 16), TODAY, "current"),  # 31 days ahead
        (TODAY, TODAY, "due"),  # due by today: not yet overdue
        (date(2026, 6, 14), TODAY, "overdue"),
    ],
)
def test_states(due, day, state) -> None:
    assert rules.state(due, day, 30) == state


def test_today_is_source_date_epoch_when_it_is_set() -> None:
    assert rules.today({"SOURCE_DATE_EPOCH": "1781481600"}) == date(2026, 6, 15)
    # Read in UTC: one second before midnight UTC is still the 14th, wherever the build runs.
    assert rules.today({"SOURCE_DATE_EPOCH": "1781481599"}) == date(2026, 6, 14)
    assert rules.today({}) == date.today()
    assert rules.today({"SOURCE_DATE_EPOCH": "not a number"}) == date.today()


# ----------------------------------------------------------------------------- front matter


def guide_of(
    front_matter: str, settings: ReviewSettings | None = None
) -> tuple[Guide, list[tuple[str, int | None]]]:
    """Normalise a front matter block as the collector does; the review problems are
    reported with a ``review:`` prefix, the others as they are."""
    reports: list[tuple[str, int | None]] = []
    raw = read_front_matter(
        f"---\n{front_matter}---\n\nBody.\n", lambda message, line: reports.append((message, line))
    )
    guide = normalise(
        "page",
        raw,
        VOCAB,
        lambda message, line: reports.append((message, line)),
        review=settings or ReviewSettings(TODAY),
        review_report=lambda message, line: reports.append(("review: " + message, line)),
    )
    return guide, reports


def test_review_keys_become_data() -> None:
    guide, reports = guide_of(
        "title: A\n"
        "last_reviewed_on: 2026-03-03\n"
        "review_in: 6 months\n"
        "owner:\n"
        "  name: Web operations community\n"
        "  url: https://community.example.org/web-ops\n"
        "change_history:\n"
        "  - date: 2025-06-01\n"
        "    note: First published.\n"
        "  - date: 2026-03-03\n"
        "    note: |\n"
        "      Checked the skills\n"
        "      list.\n"
    )
    assert reports == []
    assert guide.last_reviewed_on == date(2026, 3, 3)
    assert guide.review_in == rules.Period(6, "months")
    assert guide.review_by == date(2026, 9, 3)
    assert guide.owner == Owner("Web operations community", "https://community.example.org/web-ops")
    # Newest first; a note is one line of text.
    assert guide.change_history == (
        Change(date(2026, 3, 3), "Checked the skills list."),
        Change(date(2025, 6, 1), "First published."),
    )
    # The page reads differently before its dates (each would be in the future) and from
    # the day after its review date (then it is overdue).
    assert guide.turning_days == (date(2025, 6, 1), date(2026, 3, 3), date(2026, 9, 4))
    assert guide.read_on == TODAY


def test_defaults_come_from_the_settings() -> None:
    settings = ReviewSettings(
        TODAY, default_owner=Owner("Manual team"), default_review_in=rules.Period(1, "years")
    )
    guide, reports = guide_of("title: A\nlast_reviewed_on: 2026-01-05\n", settings)
    assert reports == []
    assert (guide.owner, guide.review_in, guide.review_by) == (
        Owner("Manual team"),
        rules.Period(1, "years"),
        date(2027, 1, 5),
    )
    # A page's own values win.
    guide, _ = guide_of("owner: Hosting team\nreview_in: 3 months\n", settings)
    assert (guide.owner, guide.review_in, guide.review_by) == (
        Owner("Hosting team"),
        rules.Period(3, "months"),
        None,  # never reviewed
    )


def test_a_page_without_review_keys_is_never_reviewed() -> None:
    guide, reports = guide_of("title: A\n")
    assert reports == []
    assert (guide.last_reviewed_on, guide.review_by, guide.owner, guide.change_history) == (
        None,
        None,
        None,
        (),
    )
    assert (guide.turning_days, guide.read_on) == ((), None)


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        pytest.param(
            "title: A\nlast_reviewed_on: 2026-02-30\nreview_in: 6 months\n",
            [
                (
                    "'last_reviewed_on' '2026-02-30' is not a day that exists; it is left out",
                    3,
                )
            ],
            id="impossible-date",
        ),
        pytest.param(
            "last_reviewed_on: 2026-07-01\nreview_in: 6 months\n",
            [
                (
                    "'last_reviewed_on' 2026-07-01 is in the future (the build's date is "
                    "2026-06-15); it is left out",
                    2,
                )
            ],
            id="future-date",
        ),
        pytest.param(
            "last_reviewed_on: 'last March'\nreview_in: 6 months\n",
            [
                (
                    "'last_reviewed_on' 'last March' must be a date written YYYY-MM-DD; "
                    "it is left out",
                    2,
                )
            ],
            id="not-a-date",
        ),
        pytest.param(
            "last_reviewed_on: 2026-01-01\nreview_in: 6 fortnights\n",
            [
                (
                    "'review_in' '6 fortnights' has an unknown unit 'fortnights': use days, "
                    "weeks, months or years; it is left out",
                    3,
                ),
                (
                    "'last_reviewed_on' needs a 'review_in' period (or the "
                    "service_manual_default_review_in setting) to say when the next review "
                    "is due; it is left out",
                    2,
                ),
            ],
            id="unknown-unit",
        ),
        pytest.param(
            "review_in: [6, months]\n",
            [("'review_in' must be a period such as '6 months', not a list; it is left out", 2)],
            id="period-of-the-wrong-type",
        ),
        pytest.param(
            "last_reviewed_on: 2026-01-01\n",
            [
                (
                    "'last_reviewed_on' needs a 'review_in' period (or the "
                    "service_manual_default_review_in setting) to say when the next review "
                    "is due; it is left out",
                    2,
                )
            ],
            id="review-date-without-period",
        ),
        pytest.param(
            "owner:\n  name: Hosting team\n  url: javascript:alert(1)\n",
            [
                (
                    "'owner' url 'javascript:alert(1)' must be an https: or mailto: address; "
                    "the owner is shown without a link",
                    2,
                )
            ],
            id="owner-link-scheme",
        ),
        pytest.param(
            "owner:\n  name: Hosting team\n  url: http://example.org/hosting\n",
            [
                (
                    "'owner' url 'http://example.org/hosting' must be an https: or mailto: "
                    "address; the owner is shown without a link",
                    2,
                )
            ],
            id="owner-link-http",
        ),
        pytest.param(
            "owner: [Hosting team, Ops]\n",
            [
                (
                    "'owner' must be a name or a mapping with name and url, not a list; "
                    "it is left out",
                    2,
                )
            ],
            id="owner-wrong-type",
        ),
        pytest.param(
            "owner:\n  url: https://example.org\n",
            [("'owner' has no 'name' text; it is left out", 2)],
            id="owner-without-name",
        ),
        pytest.param(
            "owner:\n  name: Hosting team\n  email: hosting@example.org\n",
            [("'owner' has unknown keys 'email'; only name and url are read", 2)],
            id="owner-unknown-key",
        ),
        pytest.param(
            "change_history: First published\n",
            [
                (
                    "'change_history' must be a list of {date, note} items, not text; "
                    "it is left out",
                    2,
                )
            ],
            id="history-not-a-list",
        ),
        pytest.param(
            "change_history:\n"
            "  - note: No date.\n"
            "  - date: 2026-01-01\n"
            "  - date: 2026-01-02\n"
            "    note: ''\n"
            "  - First published\n"
            "  - date: 2026-02-30\n"
            "    note: Impossible.\n"
            "  - date: 2026-12-25\n"
            "    note: Future.\n"
            "  - date: 2026-03-03\n"
            "    note: Kept.\n",
            [
                ("change_history item 1 has no 'date'; it is left out", 2),
                ("change_history item 2 has no 'note' text; it is left out", 2),
                ("change_history item 3 has no 'note' text; it is left out", 2),
                (
                    "change_history item 4 must be a mapping with date and note, not text; "
                    "it is left out",
                    2,
                ),
                (
                    "change_history item 5's date '2026-02-30' is not a day that exists; "
                    "it is left out",
                    2,
                ),
                (
                    "change_history item 6's date 2026-12-25 is in the future (the build's "
                    "date is 2026-06-15); it is left out",
                    2,
                ),
            ],
            id="history-items",
        ),
    ],
)
def test_bad_review_values_warn_at_their_key_and_are_left_out(front_matter, expected) -> None:
    guide, reports = guide_of(front_matter)
    assert reports == [("review: " + message, line) for message, line in expected]
    assert guide.last_reviewed_on is None
    assert guide.review_by is None


def test_what_can_be_saved_is_kept() -> None:
    guide, _ = guide_of("owner:\n  name: Hosting team\n  url: javascript:alert(1)\n")
    assert guide.owner == Owner("Hosting team")
    guide, _ = guide_of(
        "change_history:\n  - date: 2026-12-25\n    note: Future.\n"
        "  - date: 2026-03-03\n    note: Kept.\n"
    )
    assert guide.change_history == (Change(date(2026, 3, 3), "Kept."),)
    # The future entry is read once its day comes.
    assert date(2026, 12, 25) in guide.turning_days


def test_an_impossible_date_loses_only_its_key() -> None:
    """YAML's own reading of 2026-02-30 raises, and the whole block would be lost: dates are
    read as text, so the title and the other keys are kept."""
    guide, reports = guide_of(
        "title: Kept\nlast_reviewed_on: 2026-02-30\nreview_in: 1 year\nowner: Hosting team\n"
    )
    assert (guide.title, guide.owner, guide.review_in) == (
        "Kept",
        Owner("Hosting team"),
        rules.Period(1, "years"),
    )
    assert [line for _message, line in reports] == [3]


def test_a_page_reads_differently_once_a_turning_day_has_come() -> None:
    guide, _ = guide_of(
        "last_reviewed_on: 2026-07-01\nreview_in: 1 month\nowner: Hosting team\n"
        "change_history:\n  - date: 2026-06-01\n    note: Published.\n"
    )
    assert guide.turning_days == (date(2026, 6, 1), date(2026, 7, 1))
    assert not read_differently(guide, TODAY)
    assert not read_differently(guide, date(2026, 6, 30))
    assert read_differently(guide, date(2026, 7, 1))
    # Read on the 1st of July, the review date is valid, and overdue from the 2nd of August.
    later, reports = guide_of(
        "last_reviewed_on: 2026-07-01\nreview_in: 1 month\n", ReviewSettings(date(2026, 7, 1))
    )
    assert reports == []
    assert later.turning_days == (date(2026, 7, 1), date(2026, 8, 2))
    assert not read_differently(later, date(2026, 8, 1))
    assert read_differently(later, date(2026, 8, 2))
    # A build on an earlier day (SOURCE_DATE_EPOCH set back) reads it again too: there the
    # review date is in the future.
    assert read_differently(later, date(2026, 6, 30))
