"""Today's date, and incremental builds on a later day.

"Today" is ``SOURCE_DATE_EPOCH``. One copy of the ``review`` root (with a guide reviewed on a
day still to come) is built on 15 June 2026, again on the same day, then on 4 September
2026, when two guides have fallen due and the future review date has come, with no file
changed; and then on 15 June again. Each incremental build must write, file for file, what a
fresh build of that day writes, having read again only the pages whose day had come.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import SRCDIR
from index_pages_support import Project, Result
from review_support import DAY, files, on_day

LATER = date(2026, 9, 4)

FUTURE = """\
---
title: Reviewed in July
category: technology
type: guide
last_reviewed_on: 2026-07-01
review_in: 6 months
---

Written in June, reviewed in July.
"""

FUTURE_WARNING = (
    f"{SRCDIR}/guides/future.md:5: WARNING: 'last_reviewed_on' 2026-07-01 is in the future "
    "(the build's date is 2026-06-15); it is left out [service_manual.review]"
)

_READING = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)$", re.MULTILINE)


def read(result: Result) -> set[str]:
    return set(_READING.findall(result.status))


def build(project: Project, day: date, tmp: Path | None = None) -> tuple[Result, dict[str, bytes]]:
    with on_day(day):
        result = project.fresh_build(tmp) if tmp is not None else project.build()
    return result, files(result.outdir)


@pytest.fixture(scope="module")
def days(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    project = Project("review", tmp_path_factory.mktemp("review-days"))
    project.write("guides/future.md", FUTURE)
    project.replace("index.md", "guides/unreviewed\n", "guides/unreviewed\nguides/future\n")
    kept: dict[str, Any] = {}
    kept["first"] = build(project, DAY)
    kept["same-day"] = build(project, DAY)
    kept["later"] = build(project, LATER)
    kept["later-fresh"] = build(project, LATER, tmp_path_factory.mktemp("review-later-fresh"))
    kept["back"] = build(project, DAY)
    return kept


def test_the_first_day_warns_of_the_future_date(days) -> None:
    first, _ = days["first"]
    assert first.warnings == [FUTURE_WARNING]


def test_a_build_on_the_same_day_reads_nothing(days) -> None:
    again, _ = days["same-day"]
    assert read(again) == set()
    assert again.written == set()


def test_a_later_day_reads_again_only_the_pages_whose_day_has_come(days) -> None:
    later, _ = days["later"]
    assert "loading pickled environment" in later.status
    assert read(later) == {
        "guides/web-operations",  # due 3 September: overdue from the 4th
        "guides/soon",  # due 10 July
        "guides/future",  # its review date, 1 July, has come
    }
    # Only they are written, and the page whose toctree holds them (Sphinx rewrites it).
    assert later.written == {"guides/web-operations", "guides/soon", "guides/future", "index"}
    assert later.warnings == []


def test_a_later_day_writes_what_a_fresh_build_of_that_day_writes(days) -> None:
    _, incremental = days["later"]
    _, fresh = days["later-fresh"]
    assert sorted(incremental) == sorted(fresh)
    assert [name for name in incremental if incremental[name] != fresh[name]] == []


def test_on_the_later_day_the_notices_are_in_the_pages(days) -> None:
    _, written = days["later"]

    def page(docname: str) -> BeautifulSoup:
        return BeautifulSoup(written[f"{docname}.html"].decode(), "html.parser")

    for docname, due in (("guides/web-operations", "2026-09-03"), ("guides/soon", "2026-07-10")):
        notice = page(docname).select_one(".govuk-warning-text")
        assert notice["data-sm-review-by"] == due
        assert not notice.has_attr("hidden")
        assert page(docname).find_all("script", src=lambda s: s and "review.js" in s) == []
    future = page("guides/future").select_one(".sm-review__dates").get_text()
    assert "Last reviewed on 1 July 2026. Due for review by 1 January 2027." in future


def test_going_back_a_day_writes_the_first_days_site_again(days) -> None:
    back, written = days["back"]
    _, first = days["first"]
    assert read(back) == {"guides/web-operations", "guides/soon", "guides/future"}
    assert back.warnings == [FUTURE_WARNING]
    assert [name for name in written if written[name] != first.get(name)] == []
