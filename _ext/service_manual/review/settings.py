"""The review settings, checked once at ``config-inited``, and the build's day.

- ``service_manual_default_owner``: the owner of a guide that names none: a name, or
  ``{"name": ..., "url": "https:..." or "mailto:..."}``. Empty (unknown) by default.
- ``service_manual_default_review_in``: the period of a guide that has a
  ``last_reviewed_on`` and no ``review_in``, such as ``"6 months"``. Empty by default: such a
  review date warns.
- ``service_manual_review_due_within``: how many days before its review date a guide is
  "due" (30).

"Today" is fixed once a build, when the builder starts (``SOURCE_DATE_EPOCH`` when it is
set), so a build that runs past midnight reads every page against one day.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..core.review import Period, parse_period
from ..core.review import today as build_day
from ..diagnostics import setting_location, warn
from ..frontmatter.model import Owner
from ..frontmatter.review import ReviewSettings, read_owner

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

DEFAULT_DUE_WITHIN = 30


def check_settings(app: Sphinx, config: Config) -> None:
    """A malformed review setting warns, at its line in ``conf.py``, and falls back."""
    owner = config.service_manual_default_owner
    if owner:
        found, problem = read_owner(owner)
        if problem:
            warn(
                f"service_manual_default_owner {problem}",
                subtype="config",
                location=setting_location(app, "service_manual_default_owner"),
            )
            config.service_manual_default_owner = {"name": found.name} if found is not None else ""
    period = config.service_manual_default_review_in
    if period and isinstance(parse_period(period), str):
        warn(
            f"service_manual_default_review_in {period!r} {parse_period(period)}; "
            "no default period is used",
            subtype="config",
            location=setting_location(app, "service_manual_default_review_in"),
        )
        config.service_manual_default_review_in = ""
    within = config.service_manual_review_due_within
    if isinstance(within, bool) or within < 0:
        warn(
            f"service_manual_review_due_within must be a number of days, 0 or more, not "
            f"{within!r}; using {DEFAULT_DUE_WITHIN}",
            subtype="config",
            location=setting_location(app, "service_manual_review_due_within"),
        )
        config.service_manual_review_due_within = DEFAULT_DUE_WITHIN


def default_owner(config: Config) -> Owner | None:
    owner, _problem = read_owner(config.service_manual_default_owner or None)
    return owner


def default_review_in(config: Config) -> Period | None:
    period = parse_period(config.service_manual_default_review_in or "")
    return period if isinstance(period, Period) else None


def today(env: BuildEnvironment) -> date:
    """The build's day (see the module's docstring)."""
    day: date | None = getattr(env, "service_manual_today", None)
    return day if day is not None else build_day()


def fix_today(app: Sphinx) -> None:
    app.env.service_manual_today = build_day()  # type: ignore[attr-defined]


def front_matter_settings(env: BuildEnvironment) -> ReviewSettings:
    """What the review keys of front matter are read against in this build."""
    return ReviewSettings(
        today=today(env),
        default_owner=default_owner(env.config),
        default_review_in=default_review_in(env.config),
    )


def setup(app: Sphinx) -> None:
    app.add_config_value(
        "service_manual_default_owner", "", "env", types=frozenset({str, dict}),
        description="the owner of guides that name none",
    )  # fmt: skip
    app.add_config_value(
        "service_manual_default_review_in", "", "env", types=frozenset({str}),
        description="the review period of guides that give a review date and no period",
    )  # fmt: skip
    app.add_config_value(
        "service_manual_review_due_within", DEFAULT_DUE_WITHIN, "", types=frozenset({int}),
        description="how many days before its review date a guide is due for review",
    )  # fmt: skip
    app.connect("config-inited", check_settings)
    app.connect("builder-inited", fix_today, priority=100)


__all__: list[Any] = ["front_matter_settings", "setup", "today"]
