"""Every 2016 layout the manual uses shows, in the migrated site, the blocks it showed in 2016:
one test a layout, each list checked against the 2016 front matter it comes from (read here
from the corpus with PyYAML), never against a copied list of titles.

- ``cards``: one card for every page with a title;
- ``standard-support``: each page's Contents links to the other pages of the series;
- ``design-pattern``: the "Design pattern" caption over the title;
- ``role-index`` and its two variants: hero, "Guides", "Resources" where there are any, "More
  guides from the manual", the role links and "Browse all guides…";
- ``homepage`` and ``phases-index``: the phase navigation;
- ``browse``: every category's pages, and the 2016 ``#category`` anchors.

Where the migrated site deliberately differs from what 2016's Liquid gave, the expected lists
follow the README's "Differences from the 2016 site" (roles matched as slugs, with their
2016 spellings; the hero not listed again under "Guides"). Uses the session's one migrated
build (``conftest.py``).
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from service_manual.core.vocabulary import DEFAULT_CATEGORIES, DEFAULT_PHASES, make_vocabulary

from .migrated_site import QUOTES, Build, heading_text
from .test_migrated_build import front_matter, source_pages

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

VOCABULARY = make_vocabulary()
ROLE_ORDER = list(VOCABULARY.roles)


@pytest.fixture(scope="module")
def fronts(corpus: Path) -> dict[str, dict[str, Any]]:
    """docname -> the page's 2016 front matter (the home page has none)."""
    return {docname: front_matter(path) for docname, path in source_pages(corpus).items()}


def with_layout(fronts: dict[str, dict[str, Any]], prefix: str) -> list[str]:
    return sorted(d for d, f in fronts.items() if str(f.get("layout", "")).startswith(prefix))


def roles(front: dict[str, Any], tier: str) -> list[str]:
    """The role slugs of one tier of a page's audience, 2016 spellings resolved."""
    audience = front.get("audience")
    value = audience.get(tier) if isinstance(audience, dict) else None
    if isinstance(audience, str) and tier == "primary":  # a role page's own role
        value = audience
    if tier == "secondary" and front.get("secondary-audience"):
        value = f"{value or ''},{front['secondary-audience']}"
    found = []
    for part in str(value or "").split(","):
        slug = VOCABULARY.role_slug(part) if part.strip() else None
        if slug and slug not in found:
            found.append(slug)
    if tier == "secondary":  # a role that a page is for is not "also useful for" it
        found = [r for r in found if r not in roles(front, "primary")]
    return found


def by_title(titles: list[str]) -> list[str]:
    return sorted(titles, key=str.casefold)


def page(build: Build, docname: str) -> BeautifulSoup:
    return build.site.soup(build.site.docnames[docname])


def section(build: Build, docname: str) -> Tag:
    found = page(build, docname).find("main").find("section")
    assert isinstance(found, Tag), docname
    return found


def target(build: Build, docname: str, href: str) -> str:
    """The docname a link on ``docname``'s page leads to."""
    here = posixpath.dirname(build.site.docnames[docname])
    file = posixpath.normpath(posixpath.join(here, href.partition("#")[0]))
    return str(build.site.pages[file]["docname"])


# ---------------------------------------------------------------------------------- cards


def test_cards_one_card_for_every_page_with_a_title(build: Build, fronts) -> None:
    (cards_page,) = with_layout(fronts, "cards")
    cards = section(build, cards_page).select("ul.sm-cards > li.sm-card")
    # Every page whose front matter has a title, and the home page, whose title was in its
    # HTML (the migration moves it to front matter), in the order of their files.
    titled = [*sorted(d for d, f in fronts.items() if f.get("title")), "index"]
    assert len(cards) == len(titled) == 205
    found = []
    for card in cards:
        link = card.select_one(".sm-card__address a")
        docname = target(build, cards_page, link["href"]) if link["href"] != "#" else cards_page
        found.append(docname)
        front = fronts[docname] if docname != "index" else build.site.pages["index.html"]
        assert card.select_one("h2.sm-card__title").get_text() == front["title"]
        subtitle = card.select_one(".sm-card__subtitle")
        assert (subtitle.get_text() if subtitle else None) == front.get("subtitle"), docname
        # No html_baseurl in the tests: the page's path from the site's root.
        assert link.get_text() == build.site.docnames[docname]
    assert found == sorted(titled)


# ----------------------------------------------------------------------- standard-support

SERIES_LINK = re.compile(r'<a href="/service-manual/([^"]+)\.html">')


def test_standard_support_pages_link_to_each_other(build: Build, fronts, corpus: Path) -> None:
    series = with_layout(fronts, "standard-support")
    assert len(series) == 6
    # In the order the 2016 layout wrote them, which the table of contents now keeps.
    layout = (corpus.parent / "_layouts" / "standard-support.html").read_text("utf-8")
    order = SERIES_LINK.findall(layout)
    assert sorted(order) == series
    for docname in series:
        nav = section(build, docname).select_one("nav.sm-series")
        assert nav is not None, docname
        assert heading_text(nav.find("h2")) == "Contents"
        entries = nav.select(":scope > ol > li")
        listed = []
        for entry in entries:
            link = entry.find("a", recursive=False)
            if link is None:  # the page itself, not a link, its sections under it
                assert entry.get("aria-current") == "page"
                listed.append(docname)
                assert entry.find(string=True, recursive=False).strip() == fronts[docname]["title"]
            else:
                listed.append(target(build, docname, link["href"]))
                assert link.get_text() == fronts[listed[-1]]["title"]
        assert listed == order, docname


# -------------------------------------------------------------------------- design-pattern


def test_design_patterns_show_their_caption(build: Build, fronts) -> None:
    patterns = with_layout(fronts, "design-pattern")
    assert len(patterns) == 21
    for docname in patterns:
        heading = section(build, docname)
        caption = heading.find_previous_sibling()
        assert caption is not None and caption.name == "p", docname
        assert caption["class"] == ["govuk-caption-l", "sm-caption"]
        assert caption.get_text() == "Design pattern"
        # Sphinx's smart quotes apply to headings.
        assert heading_text(heading.find("h1")).translate(QUOTES) == fronts[docname]["title"]


# ------------------------------------------------------------------------------ role pages

HERO = re.compile(
    r'<div class="hero link-list">\s*<a href="([^"]+)">\s*<h3>(.*?)</h3>\s*<p>(.*?)</p>', re.S
)


def list_after(part: Tag, heading: str) -> Tag | None:
    found = part.find("h2", string=heading)
    return found.find_next_sibling() if found is not None else None


def titles_of(bullets: Tag | None) -> list[str]:
    return [a.get_text() for a in bullets.select("a.sm-guide-list__title")] if bullets else []


def test_role_pages_show_every_2016_block(build: Build, fronts, corpus: Path) -> None:
    role_pages = with_layout(fronts, "role-index")
    assert len(role_pages) == 9
    titles = {f.get("title"): d for d, f in fronts.items() if f.get("title")}
    role_of = {d: VOCABULARY.role_slug(fronts[d]["audience"]) for d in role_pages}
    for docname in role_pages:
        front, role, part = fronts[docname], role_of[docname], section(build, docname)
        # The hero: the page front matter names, or the one the variant layout wrote.
        hero = part.select_one("div.sm-hero a.sm-guide-list__title")
        if front["layout"] != "role-index":
            layout = corpus.parent / "_layouts" / f"{front['layout']}.html"
            href, title, _subtitle = HERO.search(layout.read_text("utf-8")).groups()
            url = "https://www.gov.uk" + href if href.startswith("/") else href  # as links are
            assert (hero.get_text(), hero["href"]) == (title, url)
        elif front["hero"] in titles:
            assert target(build, docname, hero["href"]) == titles[front["hero"]]
        else:
            assert hero is None  # a 2016 hero that names no page: the build warns
        shown_hero = hero.get_text() if hero else None

        def primary(kind: str, role: str = role, hero: str | None = shown_hero) -> list[str]:
            return by_title(
                [
                    f["title"]
                    for d, f in fronts.items()
                    if role in roles(f, "primary")
                    and f.get("type") == kind
                    and f.get("title") != hero
                ]
            )

        assert titles_of(list_after(part, "Guides")) == primary("guide"), docname
        resources = primary("resource")
        assert titles_of(list_after(part, "Resources")) == resources, docname
        more = by_title([f["title"] for f in fronts.values() if role in roles(f, "secondary")])
        assert titles_of(list_after(part, "More guides from the manual")) == more, docname
        # The role links: every role with a page, in the configured order, this one not a link.
        links = list_after(part, "Guides and resources for…").find_all("li")
        expected = sorted(role_pages, key=lambda d: ROLE_ORDER.index(role_of[d]))
        assert [li.get_text().strip() for li in links] == [
            VOCABULARY.roles[role_of[d]] for d in expected
        ]
        assert [target(build, docname, li.a["href"]) if li.a else docname for li in links] == (
            expected
        )
        browse = part.select_one("p.sm-browse-link a")
        assert browse.get_text() == "Browse all guides…"
        assert fronts[target(build, docname, browse["href"])]["layout"] == "browse"


def test_role_pages_list_resources_apart(build: Build, fronts) -> None:
    """At least one role page has resources, so the test above checks that list too."""
    with_resources = [
        d
        for d in with_layout(fronts, "role-index")
        if list_after(section(build, d), "Resources") is not None
    ]
    assert "user-researchers/index" in with_resources


# ------------------------------------------------------------------------ phase navigation

PHASE_ITEM = re.compile(r"<li\b[^>]*>(.*?)</li>", re.S)
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
TAGS = re.compile(r"<[^>]+>")


def include_sentences(corpus: Path) -> dict[str, str]:
    """Phase page docname -> its sentence in the 2016 ``_phases.html`` include."""
    text = (corpus.parent / "_includes" / "_phases.html").read_text("utf-8")
    found = {}
    for item in PHASE_ITEM.findall(text):
        href = re.search(r'href="/service-manual/([^"]+)\.html"', item)[1]
        sentence = next(p for p in PARAGRAPH.findall(item) if "<a" not in p)
        found[href] = " ".join(html.unescape(TAGS.sub("", sentence)).split())
    return found


@pytest.mark.parametrize("layout", ["homepage", "phases-index"])
def test_home_and_phases_pages_have_the_phase_navigation(
    build: Build, fronts, corpus: Path, layout: str
) -> None:
    docnames = with_layout(fronts, layout)
    assert len(docnames) == 1
    phase_pages: dict[str, str] = {}
    for docname, front in sorted(fronts.items()):  # a phase's page: the first, by file name
        if front.get("layout") == "phases":
            phase_pages.setdefault(front["phase"], docname)
    expected = [phase_pages[p] for p in DEFAULT_PHASES if p in phase_pages]
    assert len(expected) == 5
    sentences = include_sentences(corpus)
    phases = section(build, docnames[0]).select("ol.sm-phases > li")
    assert [li.find(["h2", "h3"]).get_text() for li in phases] == [
        DEFAULT_PHASES[fronts[d]["phase"]] for d in expected
    ]
    for li, docname in zip(phases, expected, strict=True):
        links = li.find_all("a")
        assert {target(build, docnames[0], a["href"]) for a in links} == {docname}
        assert links[-1].get_text() == f"Learn about the {fronts[docname]['phase']} phase"
        summary = li.select_one(".sm-phases__summary").get_text()
        assert summary == sentences.get(docname, fronts[docname].get("subtitle"))


# ---------------------------------------------------------------------------------- browse

BROWSE_ANCHOR = re.compile(r'<h2 id="([\w-]+)">')


def test_browse_page_lists_every_category_and_keeps_its_anchors(
    build: Build, fronts, corpus: Path
) -> None:
    (browse,) = with_layout(fronts, "browse")
    part = section(build, browse)
    groups = {}
    for heading in part.select(":scope > h2.sm-guide-list__heading"):
        groups[heading.get("id") or heading.get_text()] = titles_of(heading.find_next_sibling())
    expected = {}
    for slug in DEFAULT_CATEGORIES:
        of = [f for d, f in fronts.items() if f.get("category") == slug and d != browse]
        overviews = by_title([f["title"] for f in of if f.get("type") == "category-index"])
        listed = by_title([f["title"] for f in of if f.get("type") in ("guide", "resource")])
        if overviews or listed:
            expected[slug] = overviews + listed
    assert groups == expected
    # 2016 links to browse#agile and the like still land on the category.
    old = BROWSE_ANCHOR.findall((corpus / "browse" / "index.md").read_text("utf-8"))
    assert set(old) <= set(groups)
    contents = [a["href"] for a in part.select("nav.sm-contents a")]
    assert contents == [f"#{slug}" for slug in groups]
