"""What a reader sees of a guide's review, in HTML, EPUB, text, print and Welsh.

The ``review`` root is built on 15 June 2026 (``SOURCE_DATE_EPOCH``): "Web operations skills"
is current (reviewed 3 March, due 3 September) with an owner who has a web page and a change
history of three entries; "Choosing hosting" is overdue (due 10 January); "Keeping software
current" is due soon (10 July) and has the default owner; "Writing for the web" was never
reviewed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import REPO
from index_pages_support import search_index
from review_support import DAY, build_on, environ_on
from tooling import require_tool

ROOT = REPO / "tests" / "roots" / "test-review"
NOTICE_WEB_OPS = (
    "Warning This guidance may be out of date. It was due for review by 3 September 2026. "
    "To check that it is still right, contact Web operations community."
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_on(DAY, "review", tmp_path_factory.mktemp("review-html"))


def box(page: BeautifulSoup) -> Tag | None:
    found = page.select(".sm-review")
    assert len(found) <= 1
    return found[0] if found else None


def text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split()).replace(" .", ".").replace(" :", ":")


def scripts(page: BeautifulSoup) -> list[str]:
    return [s["src"].split("?")[0].rsplit("/", 1)[-1] for s in page.find_all("script", src=True)]


def test_the_root_builds_without_warnings(site) -> None:
    assert site.warnings == []


def test_the_review_box_sits_between_the_tags_and_the_contents(site) -> None:
    main = site.html("guides/web-operations").find("main")
    parts = main.select("h1, dl.sm-tags, div.sm-review, nav.sm-contents, section > section")
    assert [p.name + "." + ".".join(p.get("class", [])) for p in parts] == [
        "h1.",
        "dl.govuk-summary-list.govuk-summary-list--no-border.sm-tags",
        "div.sm-review",
        "nav.sm-contents",
        "section.",
        "section.",
    ]


def test_a_reviewed_guide_says_when_it_was_reviewed_when_it_is_due_and_who_owns_it(site) -> None:
    dates = box(site.html("guides/web-operations")).select_one("p.sm-review__dates")
    assert dates["class"] == ["govuk-body-s", "sm-review__dates"]
    assert text(dates) == (
        "Last reviewed on 3 March 2026. Due for review by 3 September 2026. "
        "Owner: Web operations community"
    )
    assert [(t.get_text(), t["datetime"]) for t in dates.find_all("time")] == [
        ("3 March 2026", "2026-03-03"),
        ("3 September 2026", "2026-09-03"),
    ]
    (owner,) = dates.find_all("a")
    assert (owner.get_text(), owner["href"]) == (
        "Web operations community",
        "https://community.example.org/web-operations",
    )


def test_before_its_date_the_notice_waits_hidden_for_the_script(site) -> None:
    page = site.html("guides/web-operations")
    (notice,) = box(page).select(".govuk-warning-text")
    assert notice.has_attr("hidden")
    assert notice["data-sm-review-by"] == "2026-09-03"
    assert text(notice) == "! " + NOTICE_WEB_OPS
    # The script is a file (pages run under a strict Content-Security-Policy), deferred.
    assert "review.js" in scripts(page)
    (script,) = page.find_all("script", src=lambda s: s and "review.js" in s)
    assert script.has_attr("defer") and script.get_text() == ""
    assert (site.outdir / "_static" / "review.js").is_file()


def test_past_its_date_the_notice_is_in_the_page_as_built(site) -> None:
    page = site.html("guides/hosting")
    (notice,) = box(page).select(".govuk-warning-text")
    assert not notice.has_attr("hidden")
    assert notice.select_one(".govuk-warning-text__icon")["aria-hidden"] == "true"
    assert notice.select_one(".govuk-visually-hidden").get_text() == "Warning"
    assert text(notice.select_one("strong.govuk-warning-text__text")) == (
        "Warning This guidance may be out of date. It was due for review by 10 January 2026. "
        "To check that it is still right, contact Hosting team."
    )
    assert notice.find("strong").find("strong") is None  # one bold text, not two
    # Nothing waits for a date: the page loads no review script.
    assert "review.js" not in scripts(page)


def test_the_latest_update_is_shown_and_the_others_are_behind_a_details(site) -> None:
    review = box(site.html("guides/web-operations"))
    latest = review.select_one("p.sm-history__latest")
    assert text(latest) == (
        "Last update: 3 March 2026: Checked the skills list against the 2026 job family."
    )
    (details,) = review.find_all("details")
    assert details["class"] == ["govuk-details", "sm-history__details"]
    assert not details.has_attr("open")
    summary = details.find("summary", recursive=False)
    assert summary["class"] == ["govuk-details__summary"]
    assert summary.get_text(strip=True) == "Show all page updates (2)"
    assert [text(li) for li in details.select("ul.govuk-list > li")] == [
        "10 November 2025: Added a section on being on call.",
        "1 June 2025: First published.",
    ]


def test_the_notice_is_not_searched_for(site) -> None:
    """Hidden until its day, it would make every guide with a review date a result for
    "out of date"; the review dates and owner are searched as the rest of the page."""
    index = search_index(site.outdir)
    assert "guidanc" not in index["terms"]  # "guidance" is only in the notices
    assert "communiti" in index["terms"]  # "Web operations community", the owner


def test_a_guide_without_history_or_git_shows_no_update_line(site) -> None:
    review = box(site.html("guides/hosting"))
    assert review.select(".sm-history__latest, details, .sm-review__updated") == []


def test_the_default_owner_is_every_other_guides_owner(site) -> None:
    review = box(site.html("guides/unreviewed"))
    assert [text(p) for p in review.find_all("p")] == ["Owner: Manual team"]
    assert review.find("a")["href"].startswith("mailto:")
    assert review.select(".govuk-warning-text") == []
    soon = box(site.html("guides/soon"))
    assert text(soon.select_one("p.sm-review__dates")) == (
        "Last reviewed on 1 May 2026. Due for review by 10 July 2026. Owner: Manual team"
    )


def test_a_page_that_is_not_a_guide_shows_no_review_box(site) -> None:
    assert box(site.html("index")) is None


def test_report_a_problem_links_to_the_tracker_with_the_page(site) -> None:
    tools = site.html("guides/web-operations").select_one("aside.sm-page-tools")
    assert [(a.get_text(), a["href"]) for a in tools.find_all("a")] == [
        (
            "Report a problem with this page",
            "https://issues.example.org/new?title=Web%20operations%20skills"
            "&body=guides%2Fweb-operations.html",
        )
    ]


# ----------------------------------------------------------------------------- other builders


@pytest.fixture(scope="module")
def epub(tmp_path_factory):
    return build_on(
        DAY,
        "review",
        tmp_path_factory.mktemp("review-epub"),
        "epub",
        version="1",
        copyright="-",
        epub_show_urls="no",
    )


def test_epub_shows_the_same_lines_with_no_script_to_wait_for(epub) -> None:
    assert epub.warnings == []
    page = BeautifulSoup(
        (epub.outdir / "guides" / "web-operations.xhtml").read_text(encoding="utf-8"),
        "html.parser",
    )
    review = box(page)
    # No notice waits for a date in a book: it would never be shown.
    assert review.select(".govuk-warning-text") == []
    assert page.find_all("script", src=lambda s: s and "review.js" in s) == []
    assert [text(p) for p in review.find_all("p")] == [
        "Last reviewed on 3 March 2026. Due for review by 3 September 2026. "
        "Owner: Web operations community",
        "Last update: 3 March 2026: Checked the skills list against the 2026 job family.",
        "Earlier updates:",
    ]
    # A reading system may not open a <details>: the earlier updates are a plain list.
    assert review.find("details") is None
    assert [text(li) for li in review.select("ul > li")] == [
        "10 November 2025: Added a section on being on call.",
        "1 June 2025: First published.",
    ]
    hosting = BeautifulSoup(
        (epub.outdir / "guides" / "hosting.xhtml").read_text(encoding="utf-8"), "html.parser"
    )
    assert "This guidance may be out of date." in text(box(hosting))


@pytest.fixture(scope="module")
def plain_text(tmp_path_factory):
    return build_on(DAY, "review", tmp_path_factory.mktemp("review-text"), "text")


def test_text_shows_the_same_lines(plain_text) -> None:
    assert plain_text.warnings == []
    web_ops = plain_text.text("guides/web-operations.txt")
    assert "Last reviewed on 3 March 2026. Due for review by 3 September 2026.\nOwner:" in web_ops
    assert "Last update: 3 March 2026: Checked the skills list" in web_ops
    assert "Earlier updates:\n\n* 10 November 2025: Added a section on being on call.\n" in web_ops
    assert "out of date" not in web_ops
    hosting = plain_text.text("guides/hosting.txt")
    assert "**This guidance may be out of date.** It was due for review by 10\nJanuary 2026." in (
        hosting
    )


@pytest.fixture(scope="module")
def latex(tmp_path_factory):
    return build_on(DAY, "review", tmp_path_factory.mktemp("review-latex"), "latex")


def test_print_shows_the_same_lines(latex) -> None:
    assert latex.warnings == []
    (tex,) = latex.outdir.glob("*.tex")
    source = tex.read_text(encoding="utf-8")
    for line in (
        "Last reviewed on 3 March 2026. Due for review by 3 September 2026. Owner: "
        "\\sphinxhref{https://community.example.org/web-operations}{Web operations community}",
        "Last update: 3 March 2026: Checked the skills list against the 2026 job family.",
        "Earlier updates:",
        "10 November 2025: Added a section on being on call.",
        "\\sphinxstylestrong{This guidance may be out of date.} It was due for review by "
        "10 January 2026.",
    ):
        assert line in source, line
    # Only the guide that was past due on the day the book was made says so.
    assert source.count("This guidance may be out of date.") == 1


@pytest.mark.latex
@pytest.mark.slow
def test_the_pdf_shows_the_same_lines(tmp_path: Path) -> None:
    for tool in ("latexmk", "xelatex", "pdftotext"):
        require_tool(tool)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(ROOT), str(tmp_path),
         "-c", str(REPO), "-q", "--no-color"],
        env=environ_on(DAY), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:]
    (pdf,) = (tmp_path / "latex").glob("*.pdf")
    found = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    found = " ".join(found.split())
    for line in (
        "Last reviewed on 3 March 2026. Due for review by 3 September 2026. Owner: Web "
        "operations community",
        "Last update: 3 March 2026: Checked the skills list against the 2026 job family.",
        "10 November 2025: Added a section on being on call.",
        "This guidance may be out of date. It was due for review by 10 January 2026. To check "
        "that it is still right, contact Hosting team.",
    ):
        assert line in found, f"{line!r} not in the PDF's text:\n{found}"


@pytest.fixture(scope="module")
def welsh(tmp_path_factory):
    return build_on(DAY, "review", tmp_path_factory.mktemp("review-cy"), language="cy")


def test_welsh_says_it_in_welsh_with_welsh_months(welsh) -> None:
    review = box(welsh.html("guides/web-operations"))
    assert text(review.select_one("p.sm-review__dates")) == (
        "Adolygwyd ddiwethaf ar 3 Mawrth 2026. I'w adolygu erbyn 3 Medi 2026. "
        "Perchennog: Web operations community"
    )
    assert text(review.select_one("p.sm-history__latest")).startswith(
        "Diweddariad diwethaf: 3 Mawrth 2026:"
    )
    assert review.find("summary").get_text(strip=True) == ("Dangos pob diweddariad i'r dudalen (2)")
    notice = box(welsh.html("guides/hosting")).select_one(".govuk-warning-text")
    assert text(notice) == (
        "! Rhybudd Gall y canllawiau hyn fod wedi dyddio. Roedd i'w adolygu erbyn "
        "10 Ionawr 2026. I wirio ei fod yn dal yn gywir, cysylltwch â Hosting team."
    )
    tools = welsh.html("guides/hosting").select_one("aside.sm-page-tools")
    assert tools.find("a").get_text() == "Rhoi gwybod am broblem gyda'r dudalen hon"
