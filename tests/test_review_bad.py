"""Review keys and settings that are wrong: each is one warning where it was written, and the
page is built with what could be saved.

The ``review-bad`` root is built on 15 June 2026. Its ``conf.py`` gets every review setting
wrong too: those warnings are located at their line in ``conf.py``.
"""

from __future__ import annotations

import pytest
from conftest import SRCDIR
from review_support import DAY, build_on

EXPECTED = sorted(
    [
        f"{SRCDIR}/conf.py:4: WARNING: service_manual_default_owner url 'ftp://example.org/team' "
        "must be an https: or mailto: address; the owner is shown without a link "
        "[service_manual.config]",
        f"{SRCDIR}/conf.py:5: WARNING: service_manual_default_review_in 'a while' must be a "
        "number followed by days, weeks, months or years, such as '6 months'; no default "
        "period is used [service_manual.config]",
        f"{SRCDIR}/conf.py:6: WARNING: service_manual_review_due_within must be a number of "
        "days, 0 or more, not -3; using 30 [service_manual.config]",
        f"{SRCDIR}/conf.py:7: WARNING: service_manual_feedback 'http://issues.example.org/new?"
        "title={title}&page={page}' has unknown placeholders {page}; use {title} and {url}; "
        "pages get no 'Report a problem' link [service_manual.config]",
        f"{SRCDIR}/conf.py:8: WARNING: service_manual_repository_url "
        "'https://example.org/git/manual' is not the https address of a repository on "
        "github.com or gitlab.com; pages get no source or history links [service_manual.config]",
        # An impossible date is one warning, ours: MyST, which reads the block too, is handed
        # it quoted and says nothing.
        f"{SRCDIR}/dates.md:3: WARNING: 'last_reviewed_on' '2026-02-30' is not a day that "
        "exists; it is left out [service_manual.review]",
        f"{SRCDIR}/dates.md:4: WARNING: 'review_in' '6 fortnights' has an unknown unit "
        "'fortnights': use days, weeks, months or years; it is left out [service_manual.review]",
        f"{SRCDIR}/dates.md:5: WARNING: change_history item 1's date 2026-07-01 is in the "
        "future (the build's date is 2026-06-15); it is left out [service_manual.review]",
        f"{SRCDIR}/history.md:3: WARNING: 'owner' url 'javascript:alert(1)' must be an https: "
        "or mailto: address; the owner is shown without a link [service_manual.review]",
        f"{SRCDIR}/history.md:6: WARNING: change_history item 1 has no 'date'; it is left out "
        "[service_manual.review]",
        f"{SRCDIR}/history.md:6: WARNING: change_history item 2 has no 'note' text; it is left "
        "out [service_manual.review]",
        f"{SRCDIR}/owners.md:3: WARNING: 'last_reviewed_on' needs a 'review_in' period (or the "
        "service_manual_default_review_in setting) to say when the next review is due; it is "
        "left out [service_manual.review]",
        f"{SRCDIR}/owners.md:4: WARNING: 'owner' must be a name or a mapping with name and url, "
        "not a list; it is left out [service_manual.review]",
    ]
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_on(DAY, "review-bad", tmp_path_factory.mktemp("review-bad"))


def review_text(site, docname: str) -> list[str]:
    box = site.html(docname).select_one(".sm-review")
    return [" ".join(p.get_text(" ", strip=True).split()) for p in box.find_all(["p", "li"])]


def test_each_mistake_is_one_warning_where_it_was_written(site) -> None:
    assert site.warnings == EXPECTED


def test_pages_are_built_with_what_could_be_saved(site) -> None:
    # The default owner keeps its name; its link was not https or mailto.
    assert review_text(site, "dates") == ["Owner: Manual team"]
    assert site.html("dates").select(".sm-review a, .govuk-warning-text, details") == []
    assert site.html("dates").find("h1").get_text().startswith("Dates")  # the title is kept
    assert review_text(site, "owners") == ["Owner: Manual team"]
    assert review_text(site, "history") == [
        "Owner: Hosting team",
        "Last update: 3 March 2026 : Kept.",
    ]
    assert site.html("history").select(".sm-review a") == []


def test_bad_settings_give_no_links(site) -> None:
    for docname in ("dates", "owners", "history", "escaping"):
        assert site.html(docname).select("aside.sm-page-tools") == []


def test_front_matter_is_printed_as_text(site) -> None:
    page = site.html("escaping")
    box = page.select_one(".sm-review")
    assert box.find("script") is None and box.find("b") is None
    (owner,) = box.select(".sm-review__dates a")
    assert owner.get_text() == '<script>alert("owner")</script>'
    assert owner["href"] == 'https://example.org/?a=1&b="2"'
    assert (
        box.select_one(".sm-history__latest")
        .get_text()
        .endswith(": <b>Not bold</b> {{ not_a_template }} \\textbf{not TeX}")
    )
    # Past due on the day it was built: the notice is there, naming the owner as text.
    assert '<script>alert("owner")</script>' in box.select_one(".govuk-warning-text").get_text()


def test_print_escapes_front_matter_too(tmp_path_factory) -> None:
    latex = build_on(DAY, "review-bad", tmp_path_factory.mktemp("review-bad-latex"), "latex")
    (tex,) = latex.outdir.glob("*.tex")
    source = tex.read_text(encoding="utf-8")
    assert "\\textbackslash{}textbf\\{not TeX\\}" in source
    assert '\\textless{}script\\textgreater{}alert("owner")\\textless{}/script' in source
