from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from migrate_jekyll.links import LinkPass
from migrate_jekyll.report import Report
from migrate_jekyll.site import SourceSite

from .migration_helpers import lines, texts

FILES = [
    "index.html",
    "team/index.md",
    "team/roles.md",
    "team/hiring/index.md",
    "phases/alpha.md",
    "assets/images/a chart.png",
    "assets/documents/guide.pdf",
]
ANCHORS = {"team/roles": {"roles", "skills"}, "phases/alpha": {"alpha", "outputs"}}


@pytest.fixture
def site() -> SourceSite:
    return SourceSite(PurePosixPath(f) for f in FILES)


def rewrite(text: str, site: SourceSite, report: Report, page: str = "phases/alpha.md") -> str:
    aliases = {"team/roles": {"old-id": "skills"}}
    result = LinkPass(site, ANCHORS, aliases, report).convert(
        lines(text), PurePosixPath(page), page
    )
    return texts(result)


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/service-manual/team/roles", "/team/roles.md"),
        ("/service-manual/team/roles.html", "/team/roles.md"),
        ("/service-manual/team/roles#skills", "/team/roles.md#skills"),
        ("/service-manual/team", "/team/index.md"),
        ("/service-manual/team/", "/team/index.md"),
        ("/service-manual/team/index.html", "/team/index.md"),
        ("/service-manual/team/hiring/", "/team/hiring/index.md"),
        ("/service-manual", "/index.md"),
        ("/service-manual/", "/index.md"),
        ("https://www.gov.uk/service-manual/team/roles.html#skills", "/team/roles.md#skills"),
        ("../team/roles", "/team/roles.md"),
        ("/service-manual/team/roles#old-id", "/team/roles.md#skills"),
        ("/service-manual/assets/images/a%20chart.png", "</assets/images/a chart.png>"),
        ("/government/publications/x", "https://www.gov.uk/government/publications/x"),
        ("https://example.org/a_(b)", "https://example.org/a_(b)"),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
        ("#outputs", "#outputs"),
    ],
)
def test_link_forms(href: str, expected: str, site: SourceSite) -> None:
    report = Report()
    assert rewrite(f"See [the page]({href}).", site, report) == f"See [the page]({expected})."
    assert report.issues == []


def test_missing_anchor_dropped_and_reported(site: SourceSite) -> None:
    report = Report()
    result = rewrite("[a](/service-manual/team/roles#nowhere)", site, report)
    assert result == "[a](/team/roles.md)"
    [issue] = report.issues
    assert (issue.kind, issue.line) == ("links.anchor", 1)


def test_missing_same_page_anchor_keeps_the_text(site: SourceSite) -> None:
    report = Report()
    assert rewrite("Read [this](#nowhere).", site, report) == "Read this."


def test_missing_page_kept_as_govuk_url(site: SourceSite) -> None:
    report = Report()
    assert rewrite("[a](/service-manual/gone)", site, report) == (
        "[a](https://www.gov.uk/service-manual/gone)"
    )
    assert report.issues[0].kind == "links.missing"


def test_image_inside_a_link_and_link_over_two_lines(site: SourceSite) -> None:
    report = Report()
    text = (
        "Intro\n[![logo](/service-manual/assets/images/a%20chart.png)](/service-manual)\n"
        "[two\nlines](/service-manual/team/roles)"
    )
    assert rewrite(text, site, report) == (
        "Intro\n[![logo](</assets/images/a chart.png>)](/index.md)\n[two\nlines](/team/roles.md)"
    )


def test_link_issue_names_its_own_line(site: SourceSite) -> None:
    report = Report()
    rewrite("One\ntwo [x](/service-manual/gone)", site, report)
    assert report.issues[0].line == 2


def test_empty_link_keeps_its_text(site: SourceSite) -> None:
    report = Report()
    assert rewrite("> [Say what you think]() now", site, report) == "> Say what you think now"


def test_reference_definition(site: SourceSite) -> None:
    report = Report()
    assert rewrite("[roles]: /service-manual/team/roles.html", site, report) == (
        "[roles]: /team/roles.md"
    )


def test_raw_html_href_points_at_the_built_page(site: SourceSite) -> None:
    report = Report()
    text = '<table><tr><td><a href="/service-manual/team/roles#skills">x</a></td></tr></table>'
    assert rewrite(text, site, report) == (
        '<table><tr><td><a href="../team/roles.html#skills">x</a></td></tr></table>'
    )


def test_relative_links_from_an_index_page(site: SourceSite) -> None:
    target = site.resolve("roles", PurePosixPath("team/index.md"))
    assert target is not None and target.rooted == "/team/roles.md"
