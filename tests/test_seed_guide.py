"""The seed guide, ``docs/the-team/web-operations.md``, as the real docs build writes it.

Everything the issue asks of a guide, checked on the page readers will see: one title, the
subtitle, breadcrumbs, header tags and their targets, the video with nothing loaded from
another host, the downloads, the Contents list and the page tools.
"""

from __future__ import annotations

import re
import subprocess
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from conftest import (
    DOCS,
    SEED_GUIDE,
    breadcrumb_items,
    heading_text,
    off_site_requests,
    search_titles,
    soup,
)
from service_manual.repository import web_url

TITLE = "Web operations skills"
SUBTITLE = "Helping develop secure, maintainable and available systems"
CAPTION = "Nick Stenning talks about what it means to be in web operations."


@pytest.fixture(scope="module")
def page(docs_html: Path):
    return soup(docs_html / f"{SEED_GUIDE}.html")


@pytest.fixture(scope="module")
def out(docs_html: Path) -> Path:
    return docs_html / SEED_GUIDE.rsplit("/", 1)[0]


def test_one_h1_is_the_title(page) -> None:
    assert [heading_text(h) for h in page.find_all("h1")] == [TITLE]
    assert page.title.get_text().startswith(f"{TITLE} \N{EM DASH} ")


def test_sections_are_h2(page) -> None:
    sections = page.select("main section > section > h2")
    assert [heading_text(h) for h in sections] == [
        "The importance of web operations",
        "Skills",
        "Guidance",
        "Job Description",
        "Further reading",
    ]


def test_subtitle_follows_the_title_and_is_not_a_heading(page) -> None:
    after = page.find("h1").find_next_sibling()
    assert (after.name, after["class"], after.get_text()) == ("p", ["sm-subtitle"], SUBTITLE)
    headings = page.find_all(re.compile(r"^h[1-6]$"))
    assert not [h for h in headings if SUBTITLE in h.get_text()]


def test_breadcrumbs_lead_home_then_to_the_team(page, out: Path) -> None:
    assert breadcrumb_items(page) == [("Home", "../index.html"), ("The team", "index.html")]
    targets = [soup(out / href) for _text, href in breadcrumb_items(page)]
    assert [heading_text(t.find("h1")) for t in targets] == [
        "Government Service Design Manual",
        "The team",
    ]


def test_header_tags_are_a_summary_list(page) -> None:
    """GOV.UK Frontend's summary list: a row a field, its key the label, its value the tags."""
    (summary,) = page.select("dl.govuk-summary-list.sm-tags")
    rows = summary.find_all(recursive=False)
    assert {row.name for row in rows} == {"div"}
    assert [
        (
            [c.name for c in row.find_all(recursive=False)],
            row.select_one("dt.govuk-summary-list__key").get_text(),
            row.select_one("dd.govuk-summary-list__value").get_text(),
        )
        for row in rows
    ] == [
        (["dt", "dd"], "For", "Web operations"),
        (["dt", "dd"], "Phases", "Discovery"),
        (["dt", "dd"], "Status", "Draft"),
        (["dt", "dd"], "Category", "The team"),
    ]
    assert all("govuk-summary-list__row" in row["class"] for row in rows)


def test_header_tags_link_to_role_phase_and_category_pages(page, out: Path) -> None:
    tags = page.select("dl.govuk-summary-list.sm-tags .sm-tag")
    found = [
        (
            next(c for c in t["class"] if c.startswith("sm-tag--")),
            t.get_text(),
            t.get("href") if t.name == "a" else None,
        )
        for t in tags
    ]
    assert found == [
        ("sm-tag--primary", "Web operations", "../web-ops/index.html"),
        ("sm-tag--phase", "Discovery", "../phases/discovery.html"),
        ("sm-tag--status", "Draft", None),
        ("sm-tag--category", "The team", "index.html"),
    ]
    assert all("govuk-link" in t["class"] for t in tags if t.name == "a")
    layouts = {
        href: soup(out / href).body["class"] for _kind, _text, href in found if href is not None
    }
    assert layouts == {
        "../web-ops/index.html": ["govuk-template__body", "sm-layout--role-index"],
        "../phases/discovery.html": ["govuk-template__body", "sm-layout--phases"],
        "index.html": ["govuk-template__body", "sm-layout--category-index"],
    }


def test_draft_tag_is_shown(page) -> None:
    """A status is what GOV.UK Frontend's tag component is for."""
    (status,) = page.select(".sm-tag--status")
    assert status.get_text() == "Draft"
    assert status.name == "strong" and "govuk-tag" in status["class"]
    assert status.find_parent(class_="govuk-visually-hidden") is None


def test_video_is_a_caption_and_a_watch_link(page) -> None:
    (figure,) = page.select("figure.sm-video.govuk-inset-text")
    assert figure.find("figcaption").get_text().strip() == CAPTION
    (link,) = figure.select("a")
    url = urlsplit(link["href"])
    assert (url.scheme, url.hostname, url.path) == ("https", "www.youtube.com", "/watch")
    assert parse_qs(url.query)["v"] == ["qLR1LnxplAY"]
    assert figure["data-embed-url"].startswith("https://www.youtube-nocookie.com/embed/qLR1LnxplAY")


def test_nothing_is_requested_from_another_host(page) -> None:
    assert page.find_all("iframe") == []
    assert off_site_requests(page) == []


def test_player_script_is_local_and_deferred(page, docs_html: Path) -> None:
    (script,) = page.select('script[src*="video.js"]')
    assert script["src"].split("?")[0] == "../_static/video.js"
    assert script.has_attr("defer")
    assert (docs_html / "_static" / "video.js").is_file()


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "Download as OpenDocument Format",
            "web-operations-job-description.odt",
            "OpenDocument Text, ODT",
        ),
        ("Download as MS Word doc", "web-operations-job-description.docx", "Microsoft Word, DOCX"),
    ],
)
def test_downloads_are_copied_with_format_and_size(
    page, out: Path, text: str, name: str, kind: str
) -> None:
    (block,) = page.select("div.sm-downloads")
    assert block.select_one("p.sm-downloads__title").get_text() == (
        "Web operations job description template"
    )
    items = {
        li.select_one("a").get_text(): li for li in block.select("ul.govuk-list > li.sm-download")
    }
    assert list(items) == ["Download as OpenDocument Format", "Download as MS Word doc"]
    link = items[text].select_one("a")
    assert re.fullmatch(rf"\.\./_downloads/[0-9a-f]{{32}}/{re.escape(name)}", link["href"])
    source = DOCS / "the-team" / "recruitment" / name
    copied = out / link["href"]
    assert copied.read_bytes() == source.read_bytes()
    size = source.stat().st_size
    assert size >= 1024
    meta = items[text].select_one(".sm-download__meta").get_text()
    assert meta == f"{kind}, {max(1, round(size / 1024))} KB"


def test_contents_lists_the_sections(page) -> None:
    (contents,) = page.select("nav.sm-contents")
    heading = contents.find(re.compile(r"^h\d$"))
    assert heading_text(heading) == "Contents"
    assert contents["aria-labelledby"] == heading["id"]
    assert contents.select("ol.govuk-list > li") != []
    sections = page.select("main section > section")
    assert [(a.get_text(), a["href"]) for a in contents.select("ol > li > a")] == [
        (heading_text(s.find("h2")), f"#{s['id']}") for s in sections
    ]


def test_page_tools_link_only_to_the_real_repository(page) -> None:
    """The links come from this checkout's origin remote (repository.py): with no remote on
    a forge whose URLs we know, there are none. No page links to a made-up repository."""
    remote = subprocess.run(
        ["git", "config", "--get", "remote.origin.url"], cwd=DOCS, capture_output=True, text=True
    ).stdout.strip()
    repository = web_url(remote) if remote else None
    links = [(a.get_text(), a["href"]) for a in page.select("aside.sm-page-tools a")]
    if repository is None:
        assert links == []
    else:
        assert [text for text, _href in links] == [
            "View the source of this page",
            "See the history of this page",
        ]
        assert all(href.startswith(repository + "/") for _text, href in links)
        assert all(href.endswith(f"/docs/{SEED_GUIDE}.md") for _text, href in links)
    assert "service-manual-sphinx" not in str(page)


def test_the_guide_says_when_git_last_changed_it(page) -> None:
    """No review dates or owner are given in docs/ (none are known): the review box has only
    the day git last changed the page, when the checkout has its history."""
    stamp = subprocess.run(
        ["git", "log", "-1", "--format=%at", "--", f"{SEED_GUIDE}.md"],
        cwd=DOCS, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    review = page.select_one(".sm-review")
    if not stamp:
        assert review is None
        return
    # conf.py: the day in the UK.
    day = datetime.fromtimestamp(int(stamp), ZoneInfo("Europe/London")).date().isoformat()
    (updated,) = review.find_all("p")
    assert updated.find("time")["datetime"] == day
    assert updated.get_text().startswith("Last updated on ")


def test_search_knows_the_guide_by_its_title(docs_html: Path) -> None:
    assert search_titles(docs_html)[SEED_GUIDE] == TITLE
