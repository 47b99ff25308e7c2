"""The blocks of the 2016 layouts, on the ``layouts`` root: the phase navigation and the role
links (``{phase-navigation}``, ``{role-links}``), a role page's hero, "Guides", "Resources",
"More guides from the manual" and "Browse all guides…", a series' Contents
(``standard-support``), the "Design pattern" caption, printable cards and the browse page's
Contents; in HTML, plain text and LaTeX. Then incremental builds that change what each block
shows, each compared whole with a fresh build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import heading_text
from index_pages_support import Project, main_of, role_links

ROOT = "layouts"

PHASES = [
    ("Discovery", "phases/discovery.html", "A short phase in which you learn about your users."),
    # A summary is text: what looks like markup in it is shown as written.
    ("Alpha", "phases/alpha.html", "You try ideas out & learn from <em>users</em>."),
    # No summary: the phase page's subtitle.
    ("Beta", "phases/beta.html", "Build the real service"),
]
# The roles with a page, in the order of service_manual_roles.
ROLES = [
    ("Developers", "roles/developers.html"),
    ("Web operations", "roles/web-ops.html"),
    ("Designers", "roles/designers.html"),
]
SERIES = [
    ("Scope of the standard", "scope.html"),
    ("Awarding the standard", "awarding.html"),
    ("Self-certification", "self-certification.html"),
]


@pytest.fixture(scope="module")
def site(build):
    return build(ROOT)


def section(page: BeautifulSoup) -> Tag:
    found = main_of(page).find("section")
    assert isinstance(found, Tag)
    return found


def phase_navigation(page: BeautifulSoup) -> list[tuple[str, str, str, str, str]]:
    """(heading level, name, href, summary, "Learn about…") of each phase listed."""
    found = []
    for li in section(page).select("ol.sm-phases > li.sm-phases__phase"):
        name = li.find(re.compile(r"^h[1-6]$"))
        (summary,) = li.select("p.sm-phases__summary")
        learn = li.find_all("a")[-1]
        assert learn["href"] == name.a["href"]
        found.append((name.name, name.get_text(), name.a["href"], summary.get_text(), learn.text))
    return found


def test_the_root_builds_without_warnings(site, build) -> None:
    assert site.warnings == []
    assert build(ROOT, "text").warnings == []
    assert build(ROOT, "latex").warnings == []


# ----------------------------------------------------------------------- phase navigation


def test_home_page_has_the_phase_navigation_and_the_role_links(site) -> None:
    page = site.html("index")
    # Under "## Making a service", so its headings are <h3>.
    assert phase_navigation(page) == [
        ("h3", name, href, summary, f"Learn about the {name.lower()} phase")
        for name, href, summary in PHASES
    ]
    making = page.find("section", id="making-a-service")
    heading = making.select_one("h3.sm-guide-list__heading")
    assert heading.get_text() == "Guides and resources for…"
    assert role_links(making.select_one("ul.sm-role-links")) == ROLES


def test_phases_page_has_the_phase_navigation_under_its_title(site) -> None:
    page = site.html("phases/index")
    assert [(level, name) for level, name, *_ in phase_navigation(page)] == [
        ("h2", "Discovery"),
        ("h2", "Alpha"),
        ("h2", "Beta"),
    ]
    assert [href for _, _, href, *_ in phase_navigation(page)] == [
        "discovery.html",
        "alpha.html",
        "beta.html",
    ]


def test_phase_pages_are_guides_with_contents(site) -> None:
    page = site.html("phases/alpha")
    links = [a["href"] for a in main_of(page).select("nav.sm-contents a")]
    assert links == ["#prototypes", "#research"]
    assert page.body["class"] == ["govuk-template__body", "sm-layout--phases"]


# ------------------------------------------------------------------------------ role pages


def blocks(page: BeautifulSoup) -> list[tuple[str, object]]:
    """What a role page shows after its text, in order."""
    out: list[tuple[str, object]] = []
    for child in section(page).find_all(True, recursive=False):
        classes = child.get("class") or []
        if "sm-hero" in classes:
            link = child.select_one("a.sm-guide-list__title")
            subtitle = child.select_one(".sm-guide-list__subtitle")
            out.append(("hero", (link.get_text(), link["href"], subtitle.get_text())))
        elif "sm-guide-list__heading" in classes:
            out.append(("heading", child.get_text()))
        elif "sm-guide-list" in classes:
            items = []
            for li in child.find_all("li", recursive=False):
                subtitle = li.select_one(".sm-guide-list__subtitle")
                items.append((li.a.get_text(), subtitle.get_text() if subtitle else None))
            out.append(("list", items))
        elif "sm-role-links" in classes:
            out.append(("roles", role_links(child)))
        elif "sm-browse-link" in classes:
            out.append(("browse", (child.get_text(), child.a["href"])))
    return out


def roles_from(docname: str) -> list[tuple[str, str | None]]:
    return [
        (name, None if href == f"{docname}.html" else href.removeprefix("roles/"))
        for name, href in ROLES
    ]


def test_role_page_with_a_hero_guides_resources_and_more_guides(site) -> None:
    assert blocks(site.html("roles/developers")) == [
        ("hero", ("Testing code", "../guides/testing.html", "Tests that tell you something")),
        ("heading", "Guides"),
        # Guides of the role, by title; not the hero; titles only, as in 2016.
        ("list", [("Pairing on code", None)]),
        ("heading", "Resources"),
        ("list", [("A release checklist", None)]),
        ("heading", "More guides from the manual"),
        # Pages of any type that are also useful for the role, with their subtitles.
        ("list", [("choosing hosting", "Where the service runs"), ("Sketching ideas", None)]),
        ("heading", "Guides and resources for…"),
        ("roles", roles_from("roles/developers")),
        ("browse", ("Browse all guides…", "../browse.html")),
    ]


def test_role_page_with_a_hero_outside_the_manual(site) -> None:
    assert blocks(site.html("roles/designers")) == [
        (
            "hero",
            (
                "Design principles",
                "https://www.example.org/design-principles",
                "Ten principles for everything you design",
            ),
        ),
        ("heading", "Guides"),
        ("list", [("Sketching ideas", None)]),
        # No resources and no guides also useful for designers: neither heading.
        ("heading", "Guides and resources for…"),
        ("roles", roles_from("roles/designers")),
        ("browse", ("Browse all guides…", "../browse.html")),
    ]


def test_role_page_without_a_hero(site) -> None:
    assert blocks(site.html("roles/web-ops"))[:4] == [
        ("heading", "Guides"),
        ("list", [("choosing hosting", None)]),
        ("heading", "More guides from the manual"),
        ("list", [("Pairing on code", "Two people, one keyboard")]),
    ]


# -------------------------------------------------------------------------- a series


def series_contents(page: BeautifulSoup) -> list[tuple[str, str | None, list[str]]]:
    """(title, href or None for the page itself, its sections) of a series' Contents."""
    (nav,) = main_of(page).select("nav.sm-contents")
    assert "sm-series" in nav["class"]
    assert heading_text(nav.find("h2")) == "Contents"
    found = []
    for li in nav.select(":scope > ol > li"):
        link = li.find("a", recursive=False)
        sections = [a["href"] for a in li.select(":scope > ol a")]
        if link is None:
            assert li["aria-current"] == "page"
            found.append((li.find(string=True, recursive=False).strip(), None, sections))
        else:
            found.append((link.get_text(), link["href"], sections))
    return found


@pytest.mark.parametrize("current", [0, 1, 2])
def test_each_page_of_a_series_lists_the_others_in_toctree_order(site, current: int) -> None:
    docname = "standard/" + SERIES[current][1].removesuffix(".html")
    expected = []
    for i, (title, href) in enumerate(SERIES):
        own = ["#transactions", "#other-services"] if i == current == 0 else []
        expected.append((title, None if i == current else href, own))
    assert series_contents(site.html(docname)) == expected


def test_a_page_of_a_series_keeps_its_tags_and_text(site) -> None:
    part = section(site.html("standard/scope"))
    children = [c.name for c in part.find_all(True, recursive=False)]
    assert children[:5] == ["h1", "p", "dl", "nav", "p"]


# ------------------------------------------------------------------------- design pattern


def test_design_pattern_caption_is_above_the_title(site) -> None:
    part = section(site.html("patterns/addresses"))
    caption = part.find_previous_sibling()
    assert (caption.name, caption["class"], caption.get_text()) == (
        "p",
        ["govuk-caption-l", "sm-caption"],
        "Design pattern",
    )


def test_design_pattern_caption_follows_the_title_in_text_and_latex(build) -> None:
    text = build(ROOT, "text").text("patterns/addresses.txt")
    assert text.startswith("Addresses\n*********\n\n*Design pattern*\n\nAsking users")
    tex = build(ROOT, "latex").text("projectnamenotset.tex")
    assert re.search(
        r"\\section\{Addresses\}\n.*\n\\sphinxAtStartPar\n\\sphinxstyleemphasis\{Design pattern\}",
        tex,
    )
    assert tex.count("Design pattern") == 1


# ---------------------------------------------------------------------------------- cards

TITLED = sorted(
    [
        ("browse", "Browse guides by topic"),
        ("cards", "Printable cards for each page"),
        ("guides/checklist", "A release checklist"),
        ("guides/hosting", "choosing hosting"),
        ("guides/pairing", "Pairing on code"),
        ("guides/sketching", "Sketching ideas"),
        ("guides/testing", "Testing code"),
        ("index", "Layouts test manual"),
        ("patterns/addresses", "Addresses"),
        ("phases/alpha", "Alpha phase"),
        ("phases/beta", "Beta phase"),
        ("phases/discovery", "Discovery phase"),
        ("phases/index", "Phases of a service"),
        ("roles/designers", "Resources for designers"),
        ("roles/developers", "Resources for developers"),
        ("roles/web-ops", "Resources for web operations engineers"),
        ("standard/awarding", "Awarding the standard"),
        ("standard/index", "The service standard"),
        ("standard/scope", "Scope of the standard"),
        ("standard/self-certification", "Self-certification"),
    ]
)


def cards(page: BeautifulSoup) -> list[tuple[str, str | None, str, str]]:
    found = []
    for card in section(page).select("ul.sm-cards > li.sm-card"):
        subtitle = card.select_one(".sm-card__subtitle")
        link = card.select_one(".sm-card__address a")
        found.append(
            (
                card.find("h2").get_text(),
                subtitle.get_text() if subtitle else None,
                link.get_text(),
                link["href"],
            )
        )
    return found


def test_cards_one_for_every_page_with_a_title(site) -> None:
    found = cards(site.html("cards"))
    assert [(title, address) for title, _, address, _ in found] == [
        (title, f"{docname}.html") for docname, title in TITLED
    ]
    assert found[0] == (
        "Browse guides by topic",
        "A list of all guides",
        "browse.html",
        "browse.html",
    )
    assert found[1][3] == "#"  # the cards page itself


def test_cards_show_the_sites_address_where_it_is_known(build) -> None:
    site = build(ROOT, html_baseurl="https://manual.example.org/")
    addresses = [address for _, _, address, _ in cards(site.html("cards"))]
    assert addresses == [f"https://manual.example.org/{docname}.html" for docname, _ in TITLED]


def test_cards_in_text_and_latex(build) -> None:
    text = build(ROOT, "text").text("cards.txt")
    assert "**Browse guides by topic**\n\nA list of all guides\n\nbrowse.html\n" in text
    tex = build(ROOT, "latex").text("projectnamenotset.tex")
    chapter = tex[tex.index(r"\section{Printable cards for each page}") :]
    boxes = re.findall(r"\\fbox\{.*?\\end\{minipage\}\}", chapter, re.S)
    assert len(boxes) == len(TITLED)
    # Each card is a box (never split across pages), two to a row, linking to its chapter.
    assert all(r"\begin{minipage}[t]" in box for box in boxes)
    first = boxes[0]
    assert r"\hyperref[\detokenize{browse::doc}]{\sphinxnolinkurl{browse.html}}" in first
    assert "Browse guides by topic" in first and "A list of all guides" in first
    assert chapter.count(r"\hfill") == (len(TITLED) + 1) // 2


# ---------------------------------------------------------------------------------- browse


def test_browse_page_has_contents_and_the_category_anchors(site) -> None:
    part = section(site.html("browse"))
    contents = [(a.get_text(), a["href"]) for a in part.select("nav.sm-contents a")]
    headings = [(h.get_text(), h["id"]) for h in part.select(":scope > h2.sm-guide-list__heading")]
    assert contents == [(text, f"#{ident}") for text, ident in headings]
    assert headings == [
        ("Operations", "operations"),
        ("Phases", "phases"),
        ("Technology", "technology"),
        ("User-centred design", "user-centred-design"),
    ]


# ------------------------------------------------------------------- text and LaTeX


def test_text_shows_every_block(build) -> None:
    home = build(ROOT, "text").text("index.txt")
    assert (
        "* **Discovery**\n\n  A short phase in which you learn about your users.\n\n"
        "* **Alpha**\n\n  You try ideas out & learn from <em>users</em>.\n\n"
        "* **Beta**\n\n  Build the real service\n\n"
        "-[ Guides and resources for… ]-\n\n* Developers\n\n* Web operations\n\n* Designers\n"
    ) in home
    role = build(ROOT, "text").text("roles/developers.txt")
    assert (
        "* Testing code\n\n  Tests that tell you something\n\n"
        "-[ Guides ]-\n\n* Pairing on code\n\n"
        "-[ Resources ]-\n\n* A release checklist\n\n"
        "-[ More guides from the manual ]-\n\n"
        "* choosing hosting\n\n  Where the service runs\n\n* Sketching ideas\n\n"
        "-[ Guides and resources for… ]-\n\n"
        "* **Developers**\n\n* Web operations\n\n* Designers\n\n"
        "**Browse all guides…**\n"
    ) in role
    series = build(ROOT, "text").text("standard/awarding.txt")
    assert (
        "**Contents**\n\n1. Scope of the standard\n\n2. Awarding the standard\n\n"
        "3. Self-certification\n"
    ) in series


def test_latex_shows_every_block(build) -> None:
    tex = build(ROOT, "latex").text("projectnamenotset.tex")

    def chapter(title: str) -> str:
        """The page called ``title``: a section or subsection (the home page's toctree is in
        a section of its own)."""
        start = re.search(rf"\\(sub)?section\{{{re.escape(title)}\}}", tex).start()
        return tex[start : tex.find(r"\sphinxstepscope", start)]

    role = chapter("Resources for developers")
    for heading in ["Guides", "Resources", "More guides from the manual"]:
        assert f"\\section*{{{heading}}}" in role
    assert "\\section*{Guides and resources for…}" in role
    assert r"\sphinxstylestrong{Developers}" in role  # its own role, not a link
    assert r"{\hyperref[\detokenize{roles/web-ops::doc}]{\sphinxcrossref{Web operations}}}" in role
    assert r"\sphinxcrossref{Browse all guides…}" in role
    series = chapter("Awarding the standard")
    assert r"\sphinxstylestrong{Contents}" in series
    assert r"{\hyperref[\detokenize{standard/scope::doc}]{\sphinxcrossref{Scope of" in series
    home = tex[: tex.index(r"\section{Phases of a service}")]
    assert r"{\hyperref[\detokenize{phases/beta::doc}]{\sphinxcrossref{Beta}}}" in home
    assert "Build the real service" in home


# ------------------------------------------------------------------- incremental builds

BOARD = """\
---
layout: standard-support
title: Appeals
subtitle: When a team disagrees
category: dbd
---

Ask for a second assessment.
"""

RESEARCHERS = """\
---
layout: role-index
title: Resources for user researchers
audience: user-researchers
---
"""


def summary(p: Project) -> None:
    p.replace("phases/alpha.md", "summary: You try ideas out", "summary: You test ideas")


def series_order(p: Project) -> None:
    p.replace("standard/index.md", "scope\nawarding\n", "awarding\nscope\n")


def series_page_added(p: Project) -> None:
    p.write("standard/appeals.md", BOARD)
    p.replace("standard/index.md", "self-certification\n", "self-certification\nappeals\n")


def series_page_leaves(p: Project) -> None:
    p.replace("standard/awarding.md", "layout: standard-support", "layout: detailed-guidance")


def role_page_added(p: Project) -> None:
    p.write("roles/user-researchers.md", RESEARCHERS)
    p.replace("index.md", "roles/web-ops\n", "roles/web-ops\nroles/user-researchers\n")


def hero_and_titles(p: Project) -> None:
    p.replace("roles/designers.md", "title: Design principles", "title: Principles of design")
    p.replace("guides/testing.md", "title: Testing code", "title: Testing your code")
    p.replace("guides/checklist.md", "type: resource", "type: guide")


def phase_moved(p: Project) -> None:
    p.replace("phases/beta.md", "phase: beta", "phase: live")


def browse_gone(p: Project) -> None:
    p.delete("browse.md")
    p.replace("index.md", "browse\n", "")
    p.replace("index.md", "[Browse all guides](browse.md)\n", "")


def pages_join(p: Project) -> None:
    series_page_added(p)
    role_page_added(p)


def pages_leave_and_rename(p: Project) -> None:
    series_page_leaves(p)
    hero_and_titles(p)
    browse_gone(p)


# Few steps, of several edits where one cannot hide another: every step is two builds.
STEPS: list[tuple[str, Callable[[Project], None]]] = [
    ("summary", summary),
    ("pages-join", pages_join),
    ("series-order", series_order),
    # Alone: Sphinx rewrites a page whose toctree holds an edited page, and the home page is
    # that for most pages; here only the phase navigation makes it change.
    ("phase-moved", phase_moved),
    ("pages-leave-and-rename", pages_leave_and_rename),
]


def html_files(outdir: Path, docnames: list[str]) -> dict[str, str]:
    return {d: (outdir / f"{d}.html").read_text(encoding="utf-8") for d in docnames}


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[set[str], bool]]:
    """Build the root, then make each edit and build again; for each step, the pages the
    incremental build wrote and whether every page equals a fresh build's, whole."""
    project = Project(ROOT, tmp_path_factory.mktemp("layouts-incremental"))
    assert project.build().warnings == []
    found: dict[str, tuple[set[str], bool]] = {}
    for name, edit in STEPS:
        edit(project)
        incremental = project.build()
        fresh = project.fresh_build(tmp_path_factory.mktemp(f"fresh-{name}"))
        docnames = project.docnames()
        same = html_files(incremental.outdir, docnames) == html_files(fresh.outdir, docnames)
        found[name] = (incremental.written, same)
    return found


@pytest.mark.parametrize("name", [name for name, _ in STEPS])
def test_every_page_is_what_a_fresh_build_gives(history, name: str) -> None:
    assert history[name][1]


def test_a_new_order_in_the_toctree_rewrites_the_whole_series(history) -> None:
    written, _ = history["series-order"]
    # Scope and awarding swap places; appeals, last, keeps its neighbours in the table of
    # contents: only the series brings it in.
    assert "standard/appeals" in written


@pytest.mark.parametrize("name", ["summary", "phase-moved"])
def test_a_phase_page_edit_rewrites_the_pages_with_the_phase_navigation(history, name) -> None:
    written, _ = history[name]
    assert {"index", "phases/index"} <= written
    assert "roles/developers" not in written
