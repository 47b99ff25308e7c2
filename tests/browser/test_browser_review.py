"""A guide's review box in Chromium: right on the day of reading, accessible, and usable with
a keyboard, with and without JavaScript, under ``Content-Security-Policy: default-src 'self'``.

The ``review`` root is built on 15 June 2026 and read on other days: Playwright sets the
browser's clock. "Web operations skills" is due for review by 3 September 2026 (its notice
waits hidden for ``review.js``) and has a change history; "Choosing hosting" was already
overdue when it was built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from review_support import DAY, build_on
from served_site import serve
from tooling import require_module

from browser.test_browser_accessibility import WCAG_TAGS, describe
from browser.test_browser_keyboard import FOCUSED, has_focus_indicator

STRICT = "default-src 'self'"
GUIDE = "guides/web-operations.html"
OVERDUE = "guides/hosting.html"
NOTICE = ".sm-review__notice"
BEFORE, AFTER = datetime(2026, 8, 1, 12), datetime(2026, 9, 10, 12)


@pytest.fixture(scope="module")
def review_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_on(DAY, "review", tmp_path_factory.mktemp("browser-review"))
    assert site.warnings == []
    with serve(site.outdir, headers={"Content-Security-Policy": STRICT}) as url:
        yield url


@pytest.fixture(scope="module")
def tabs(kept_tab: Callable[..., Any]) -> Callable[..., tuple[Any, list[str]]]:
    """``tabs(**context_options)``: the kept tab for those options, and the console's errors
    it has recorded since it was emptied (a refused script would be one)."""
    recorded: dict[int, list[str]] = {}

    def tab(**options: Any) -> tuple[Any, list[str]]:
        page = kept_tab(**options)
        if id(page) not in recorded:
            errors = recorded[id(page)] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
        recorded[id(page)].clear()
        return page, recorded[id(page)]

    return tab


def open_on(
    tabs: Callable[..., Any], url: str, day: datetime, **options: Any
) -> tuple[Any, list[str]]:
    """The page read on ``day``, and the console's errors since it began to load."""
    page, errors = tabs(**options)
    page.clock.set_fixed_time(day)
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    page.wait_for_load_state("networkidle")
    return page, errors


def test_before_the_date_the_notice_stays_hidden(tabs: Callable[..., Any], review_url: str) -> None:
    page, errors = open_on(tabs, review_url + GUIDE, BEFORE)
    assert errors == []
    assert page.locator(NOTICE).is_hidden()
    assert "Due for review by 3 September 2026" in page.locator(".sm-review__dates").inner_text()


def test_after_the_date_the_script_shows_the_notice_under_a_strict_policy(
    tabs: Callable[..., Any], review_url: str
) -> None:
    page, errors = open_on(tabs, review_url + GUIDE, AFTER)
    assert errors == []  # review.js ran: nothing inline was refused
    notice = page.locator(NOTICE)
    assert notice.is_visible()
    assert notice.inner_text().startswith("!")
    assert "This guidance may be out of date." in notice.inner_text()
    # Screen readers hear "Warning" first, not the icon.
    assert notice.locator(".govuk-warning-text__icon").get_attribute("aria-hidden") == "true"


def test_without_javascript_the_page_is_still_right(
    tabs: Callable[..., Any], review_url: str
) -> None:
    page, _ = open_on(tabs, review_url + GUIDE, AFTER, java_script_enabled=False)
    # No script to compare the dates: the page says when it was due, which stays true.
    assert page.locator(NOTICE).is_hidden()
    assert "Due for review by 3 September 2026" in page.locator(".sm-review__dates").inner_text()
    # The history opens without JavaScript.
    page.locator("summary").click()
    assert page.locator(".sm-history__list").is_visible()
    overdue, _ = open_on(tabs, review_url + OVERDUE, AFTER, java_script_enabled=False)
    assert overdue.locator(NOTICE).is_visible()


def test_the_history_opens_with_the_keyboard(tabs: Callable[..., Any], review_url: str) -> None:
    page, _ = open_on(tabs, review_url + GUIDE, BEFORE)
    summary = page.locator("details.govuk-details > summary")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "summary", focused
    assert focused["onScreen"] and has_focus_indicator(focused), focused
    assert page.locator(".sm-history__list").is_hidden()
    page.keyboard.press("Enter")
    assert summary.evaluate("s => s.parentElement.open") is True
    assert page.locator(".sm-history__list li").all_inner_texts() == [
        "10 November 2025: Added a section on being on call.",
        "1 June 2025: First published.",
    ]
    page.keyboard.press("Space")
    assert summary.evaluate("s => s.parentElement.open") is False


@pytest.fixture(scope="module")
def axe_source() -> str:
    base = require_module("axe_playwright_python.base")
    return str(base.AXE_FILE_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("path", "day", "open_history", "width"),
    [
        pytest.param(GUIDE, BEFORE, False, 1280, id="notice-waiting"),
        pytest.param(GUIDE, AFTER, True, 1280, id="notice-shown-by-script-history-open"),
        pytest.param(GUIDE, AFTER, True, 375, id="the-same-on-a-phone"),
        pytest.param(OVERDUE, BEFORE, False, 1280, id="overdue-when-built"),
    ],
)
def test_no_wcag_violations(
    tabs: Callable[..., Any], review_url: str, axe_source: str, path: str, day: datetime,
    open_history: bool, width: int,
) -> None:  # fmt: skip
    page, _ = open_on(tabs, review_url + path, day, viewport={"width": width, "height": 900})
    if open_history:
        page.locator("summary").click()
    page.evaluate(axe_source)
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    assert not results["violations"], describe(results["violations"])
