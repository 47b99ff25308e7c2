"""Pages that list other pages: the ``{guide-list}`` directive, the index pages made from
front matter alone (phases, roles, browse, themes), the tag links to them, leaving a page out
of search, and the same lists in LaTeX and plain text.

The ``index-pages`` root has guides whose categories, themes and titles are chosen so that
the configured order, the title order and the file order all differ; ``index-bad`` has one
page a kind of mistake. The real manual (``docs/``) is checked for the seed guide.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import SRCDIR, soup
from docutils import nodes
from docutils.utils import new_document
from index_pages_support import (
    INDEX_PAGES,
    RENAMED,
    generated,
    groups,
    items,
    main_of,
    role_links,
    search_index,
    titles,
)
from service_manual.config import (
    DEFAULT_CATEGORIES,
    DEFAULT_PHASES,
    DEFAULT_ROLES,
    DEFAULT_THEMES,
)
from service_manual.listing import as_bullet_lists, guide_links, links_node

EMPTY = "There is no guidance in this category for this phase."
NO_GUIDES_FOR_ROLE = "There are no guides for this role yet."

HOSTING = ("Choosing hosting", "Where the service runs and who looks after it")
IDENTITY = ("Proving who someone is", "Checking identity without asking for too much")
KICKOFF = ("Starting a project", "The first weeks of a new team")
MONITORING = ("Monitoring a live service", "Knowing something is wrong before users tell you")
PAIRING = ("pair programming: a primer", "Two people, one keyboard")
SKETCHING = ("Sketching ideas", "Paper first, code later")
OPS_INDEX = ("Running services", "The operations category")


@pytest.fixture(scope="module")
def site(build):
    return build("index-pages")


def section_list(page: BeautifulSoup, section_id: str) -> Tag:
    """The list (or the sentence that stands for an empty one) in a section of ``lists``."""
    section = main_of(page).find("section", id=section_id)
    assert isinstance(section, Tag), section_id
    found = section.select(":scope > ul.sm-guide-list, :scope > p.sm-guide-list__empty")
    assert len(found) == 1, section
    return found[0]


# ----------------------------------------------------------------------------- {guide-list}


def test_the_valid_root_builds_without_warnings(site) -> None:
    assert site.warnings == []


@pytest.mark.parametrize(
    ("section_id", "expected"),
    [
        # :phase:, sorted by title whatever the case of the first letter
        ("alpha", [HOSTING[0], PAIRING[0], IDENTITY[0]]),
        ("primary-for-developers", [PAIRING[0], IDENTITY[0], KICKOFF[0]]),
        # "developer" is an alias of the role "developers"
        ("secondary-for-developers", [HOSTING[0]]),
        # :tier: any (the default): primary and secondary
        ("any-tier-for-designers", [IDENTITY[0], SKETCHING[0], KICKOFF[0]]),
        # :type: defaults to guide and resource: the category's overview is not listed
        ("operations", [HOSTING[0], MONITORING[0]]),
        ("overviews-and-resources", [PAIRING[0], OPS_INDEX[0]]),
        ("security", [IDENTITY[0]]),
        # :exclude: by title, `;`-separated or one a line
        ("alpha-without-two", [PAIRING[0]]),
        ("alpha-without-one", [HOSTING[0], IDENTITY[0]]),
        # :sort: source is the order of the files
        ("getting-started-in-file-order", [KICKOFF[0], SKETCHING[0]]),
        ("discovery-for-designers", [SKETCHING[0], KICKOFF[0]]),
    ],
)
def test_guide_list_options_select_and_sort(site, section_id: str, expected: list[str]) -> None:
    assert titles(section_list(site.html("lists"), section_id)) == expected


def test_guide_list_items_link_to_the_guide_and_show_its_subtitle(site) -> None:
    assert items(section_list(site.html("lists"), "alpha")) == [
        (HOSTING[0], "guides/hosting.html", HOSTING[1]),
        (PAIRING[0], "guides/pairing.html", PAIRING[1]),
        (IDENTITY[0], "guides/identity.html", IDENTITY[1]),
    ]


def test_guide_list_class_option_reaches_the_list(site) -> None:
    bullets = section_list(site.html("lists"), "discovery-for-designers")
    assert bullets["class"] == ["sm-guide-list", "short"]


@pytest.mark.parametrize(
    ("section_id", "sentence"),
    [("live", EMPTY), ("live-said-another-way", "Nothing for live yet.")],
)
def test_empty_guide_list_says_so(site, section_id: str, sentence: str) -> None:
    empty = section_list(site.html("lists"), section_id)
    assert empty.name == "p"
    assert empty.get_text() == sentence


def test_empty_list_sentence_comes_from_the_config(build) -> None:
    renamed = build("index-pages", **RENAMED)
    assert renamed.warnings == []
    sentence = RENAMED["service_manual_empty_list_text"]
    assert section_list(renamed.html("lists"), "live").get_text() == sentence
    assert generated(renamed.html("phases/live")) == [("empty", sentence)]
    # The directive's own :empty: wins over the setting.
    said = section_list(renamed.html("lists"), "live-said-another-way")
    assert said.get_text() == "Nothing for live yet."


# ----------------------------------------------------------------------------- index pages


def test_phase_page_lists_its_guides_by_category_in_the_configured_order(site) -> None:
    # The configured order puts Operations and Phases before Identity assurance, unlike the
    # alphabet; guides with no category come last.
    order = list(DEFAULT_CATEGORIES.values())
    assert order.index("Phases") < order.index("Identity assurance")
    assert groups(site.html("phases/discovery")) == [
        ("Phases", [KICKOFF[0]]),
        ("Identity assurance", [IDENTITY[0]]),
        ("Other guides", [SKETCHING[0]]),
    ]
    assert groups(site.html("phases/alpha")) == [
        ("Operations", [HOSTING[0]]),
        ("Identity assurance", [IDENTITY[0]]),
        ("The team", [PAIRING[0]]),
    ]
    assert groups(site.html("phases/beta")) == [("Operations", [HOSTING[0], MONITORING[0]])]


def test_phase_page_lists_come_after_its_own_text(site) -> None:
    section = main_of(site.html("phases/discovery")).find("section")
    children = section.find_all(True, recursive=False)
    assert [c.name for c in children[:3]] == ["h1", "p", "p"]
    assert children[1]["class"] == ["sm-subtitle"]
    assert children[2].get_text() == "Discovery is for learning about the problem."
    assert children[3].name == "h2" and children[3].get_text() == "Phases"
    assert items(children[4]) == [(KICKOFF[0], "../guides/kickoff.html", KICKOFF[1])]


def test_phase_page_with_no_guides_says_so(site) -> None:
    assert generated(site.html("phases/live")) == [("empty", EMPTY)]


# Every role page, in the order of service_manual_roles; the page's own role is not a link.
ROLE_LINKS = [
    ("Developers", "developers.html"),
    ("Web operations", "web-ops.html"),
    ("Designers", "designers.html"),
]


def role_links_from(docname: str) -> list[tuple[str, str | None]]:
    return [(name, None if docname.endswith(href[:-5]) else href) for name, href in ROLE_LINKS]


def test_role_page_has_hero_guides_resources_more_guides_and_role_links(site) -> None:
    page = site.html("roles/developers")
    assert generated(page) == [
        ("hero", [KICKOFF[0]]),
        ("heading", "Guides"),
        # primary audience, guides, not the hero nor the category overview
        ("list", [IDENTITY[0]]),
        ("heading", "Resources"),
        ("list", [PAIRING[0]]),
        ("heading", "More guides from the manual"),
        ("list", [HOSTING[0]]),
        ("heading", "Guides and resources for…"),
        ("roles", role_links_from("roles/developers")),
        ("browse", ("Browse all guides…", "../browse.html")),
    ]
    hero = main_of(page).select_one("div.sm-hero > ul.sm-guide-list")
    assert items(hero) == [(KICKOFF[0], "../guides/kickoff.html", KICKOFF[1])]
    # "Guides" and "Resources" show titles, "More guides from the manual" subtitles too.
    guides, resources, more = main_of(page).select(":scope section > ul.sm-guide-list")
    assert items(guides) == [(IDENTITY[0], "../guides/identity.html", "")]
    assert items(resources) == [(PAIRING[0], "../guides/pairing.html", "")]
    assert items(more) == [(HOSTING[0], "../guides/hosting.html", HOSTING[1])]


@pytest.mark.parametrize(
    ("docname", "expected"),
    [
        (
            "roles/designers",
            [
                ("Guides", [SKETCHING[0], KICKOFF[0]]),
                ("More guides from the manual", [IDENTITY[0]]),
                ("Guides and resources for…", role_links_from("roles/designers")),
            ],
        ),
        (
            "roles/web-ops",
            [
                ("Guides", [HOSTING[0], MONITORING[0]]),
                ("More guides from the manual", [SKETCHING[0]]),
                ("Guides and resources for…", role_links_from("roles/web-ops")),
            ],
        ),
    ],
)
def test_role_pages_without_a_hero(site, docname: str, expected: list[Any]) -> None:
    page = site.html(docname)
    assert main_of(page).select("div.sm-hero") == []
    assert groups(page) == expected
    assert generated(page)[-1] == ("browse", ("Browse all guides…", "../browse.html"))


def test_browse_page_lists_every_category_overview_first(site) -> None:
    assert groups(site.html("browse")) == [
        ("Operations", [OPS_INDEX[0], HOSTING[0], MONITORING[0]]),
        ("Phases", [KICKOFF[0]]),
        ("Identity assurance", [IDENTITY[0]]),
        ("The team", [PAIRING[0]]),
    ]


def test_themes_page_lists_guides_by_theme_in_the_configured_order(site) -> None:
    assert groups(site.html("themes")) == [
        (DEFAULT_THEMES["getting-started"], [SKETCHING[0], KICKOFF[0]]),
        (DEFAULT_THEMES["security-and-the-law"], [IDENTITY[0]]),
        (DEFAULT_THEMES["design-and-build"], [HOSTING[0], PAIRING[0]]),
        (DEFAULT_THEMES["maintain-and-improve"], [MONITORING[0]]),
    ]


# ----------------------------------------------------------------------------- tag links


def tags(page: BeautifulSoup) -> list[tuple[str, str, str | None]]:
    """The header tags as (kind, text, href or None)."""
    found = []
    for element in main_of(page).select(".sm-tags .sm-tag"):
        kind = next(c for c in element["class"] if c.startswith("sm-tag--"))
        found.append((kind.removeprefix("sm-tag--"), element.get_text(), element.get("href")))
    return found


@pytest.mark.parametrize(
    ("docname", "expected"),
    [
        (
            "guides/hosting",
            [
                ("primary", "Web operations", "../roles/web-ops.html"),
                ("secondary", "Developers", "../roles/developers.html"),
                ("phase", "Alpha", "../phases/alpha.html"),
                ("phase", "Beta", "../phases/beta.html"),
                ("category", "Operations", "../ops/index.html"),
            ],
        ),
        (
            "guides/sketching",
            [
                ("primary", "Designers", "../roles/designers.html"),
                ("secondary", "Web operations", "../roles/web-ops.html"),
                ("phase", "Discovery", "../phases/discovery.html"),
            ],
        ),
    ],
)
def test_tags_link_to_the_index_page_of_their_phase_and_role(
    site, docname: str, expected: list[Any]
) -> None:
    assert tags(site.html(docname)) == expected


# ----------------------------------------------------------------------------- search


# phases/live says `nosearch: true` (Sphinx's own switch), and exclude_from_search, which alone
# would not leave it out (tests/test_published.py).


def test_excluded_page_is_not_searchable(site) -> None:
    index = search_index(site.outdir)
    docnames = index["docnames"]
    assert {"phases/discovery", "guides/hosting", "roles/developers"} <= set(docnames)
    # Nothing that is searched for leads to the excluded page.
    if "phases/live" in docnames:
        live = docnames.index("phases/live")
        assert index["titles"][live] == ""
        for mapping in (index["terms"], index["titleterms"]):
            for term, where in mapping.items():
                assert live not in ([where] if isinstance(where, int) else where), term
    assert "The live phase" not in index["alltitles"]
    assert "keyboard" in index["terms"]  # words of the other pages are there


def test_excluded_page_is_left_out_of_the_search_index(site) -> None:
    index = search_index(site.outdir)
    assert "phases/live" not in index["docnames"]
    assert "phases/live.md" not in index["filenames"]
    assert len(index["docnames"]) == len(index["filenames"]) == len(index["titles"])
    expected = sorted(
        p.relative_to(site.srcdir).with_suffix("").as_posix()
        for p in site.srcdir.rglob("*.md")
        if "_build" not in p.parts and p.stem != "live"
    )
    assert index["docnames"] == expected


# ----------------------------------------------------------------------------- bad input

ROLES = (
    "service-managers, delivery-managers, tech-archs, developers, web-ops, designers, "
    "content-designers, user-researchers, performance-analysts, qa, chief-technology-officers"
)
NOT_FILTERED = "[service_manual.guide_list]"


def guide_list_warning(
    line: int, option: str, value: str, allowed: str, outcome: str | None = None
) -> str:
    outcome = outcome or f"the list is not filtered by {option}"
    return (
        f"{SRCDIR}/lists.md:{line}: WARNING: guide-list: unknown {option} {value!r}; "
        f"expected one of: {allowed}; {outcome} {NOT_FILTERED}"
    )


EXPECTED_BAD_WARNINGS = sorted(
    [
        # One warning for each phase or role with no index page, however many pages use it,
        # located at the line of the first page that uses it.
        f"{SRCDIR}/guides/caching.md:6: WARNING: no index page for phase 'beta' (a page with "
        "layout: phases and phase: beta); its tags on 3 page(s) are shown as plain text "
        "[service_manual.index]",
        f"{SRCDIR}/guides/caching.md:5: WARNING: no index page for role 'qa' (a page with "
        "layout: role-index and audience: qa); its tags on 3 page(s) are shown as plain text "
        "[service_manual.index]",
        f"{SRCDIR}/guides/queues.md:8: WARNING: no index page for phase 'live' (a page with "
        "layout: phases and phase: live); its tags on 1 page(s) are shown as plain text "
        "[service_manual.index]",
        # The role page: two roles in `audience` (line 4), a hero that names no page (line 5).
        f"{SRCDIR}/roles/developers.md:4: WARNING: a role page names one role in 'audience', "
        "not 2; it indexes 'developers' [service_manual.index]",
        f"{SRCDIR}/roles/developers.md:5: WARNING: hero 'A guide that was never written' is "
        "not the title of any page; no promo is shown [service_manual.index]",
        # {guide-list} options, at the line of the directive.
        guide_list_warning(7, "phase", "gamma", "discovery, alpha, beta, live, retirement"),
        guide_list_warning(13, "audience", "wizards", ROLES),
        guide_list_warning(13, "tier", "top", "primary, secondary, any", "both tiers are listed"),
        guide_list_warning(
            20,
            "type",
            "essay",
            "guide, resource, category-index",
            "only the type(s) guide are listed",
        ),
        guide_list_warning(20, "theme", "weather", ", ".join(DEFAULT_THEMES)),
        guide_list_warning(20, "category", "gardening", ", ".join(DEFAULT_CATEGORIES)),
        guide_list_warning(20, "sort", "random", "title, source", "it is sorted by title"),
    ]
)


@pytest.fixture(scope="module")
def bad(build):
    return build("index-bad")


def test_bad_input_gives_exactly_these_warnings(bad) -> None:
    assert bad.warnings == EXPECTED_BAD_WARNINGS


def test_guide_list_warnings_say_what_the_list_does_instead(bad) -> None:
    sort = next(w for w in bad.warnings if "unknown sort" in w)
    assert "filtered" not in sort
    assert "title" in sort.split("expected one of:")[1].split(";", 1)[1]
    # `:type: guide, essay` still lists guides only.
    essay = next(w for w in bad.warnings if "unknown type 'essay'" in w)
    assert "not filtered by type" not in essay


_NO_INDEX = re.compile(
    r"no index page for (phase|role) '([^']+)' .*; its tags on (\d+) page\(s\) are shown"
)


def plain_tag_pages(site, kind: str, slug: str) -> int:
    """How many pages show the phase or role ``slug`` as a plain-text tag."""
    kinds = {"phase": ["phase"], "role": ["primary", "secondary"]}[kind]
    name = DEFAULT_PHASES[slug] if kind == "phase" else DEFAULT_ROLES[slug]["title"]
    pages = 0
    for path in site.outdir.rglob("*.html"):
        found = [t for t in tags(soup(path)) if t[0] in kinds and t[1] == name]
        pages += any(href is None for _kind, _text, href in found)
    return pages


def test_no_index_page_warnings_count_the_pages_that_show_the_tag(bad) -> None:
    claims = [_NO_INDEX.search(w) for w in bad.warnings if "no index page" in w]
    assert len(claims) == 3
    assert {(m[1], m[2]): int(m[3]) for m in claims} == {
        (m[1], m[2]): plain_tag_pages(bad, m[1], m[2]) for m in claims
    }


def test_unknown_guide_list_options_are_dropped(bad) -> None:
    page = bad.html("lists")
    lists = main_of(page).select("ul.sm-guide-list")
    # Every list falls back to what its other options select: here, every guide.
    assert [titles(bullets) for bullets in lists] == [
        ["Caching pages", "Using queues", "Writing logs"]
    ] * 3


def test_role_page_with_two_roles_indexes_the_first_and_shows_no_hero(bad) -> None:
    # No page has the role as its secondary audience: no "More guides from the manual".
    # The site has no browse page: no link to it.
    assert generated(bad.html("roles/developers")) == [
        ("heading", "Guides"),
        ("list", ["Caching pages", "Using queues"]),
        ("heading", "Guides and resources for…"),
        ("roles", [("Developers", None)]),
    ]


def test_tags_without_an_index_page_are_plain_text(bad) -> None:
    assert tags(bad.html("guides/caching")) == [
        ("primary", "Developers", "../roles/developers.html"),
        ("primary", "Quality assurance testers", None),
        ("phase", "Alpha", "../phases/alpha.html"),
        ("phase", "Beta", None),
    ]
    plain = main_of(bad.html("guides/caching")).select("span.sm-tag")
    assert [span.get_text() for span in plain] == ["Quality assurance testers", "Beta"]


# ----------------------------------------------------------------------------- other builders


def html_sequence(page: BeautifulSoup) -> list[tuple[str, ...]]:
    """Group headings and (title, subtitle) items of a page's generated lists, in order."""
    out: list[tuple[str, ...]] = []
    section = main_of(page).find("section")
    for bullets_or_heading in section.select(
        ":scope > h2.sm-guide-list__heading, :scope > ul.sm-guide-list, "
        ":scope > div.sm-hero > ul.sm-guide-list, :scope > ul.sm-role-links"
    ):
        if bullets_or_heading.name == "h2":
            out.append(("heading", bullets_or_heading.get_text()))
        elif "sm-role-links" in bullets_or_heading["class"]:
            out += [("item", name, "") for name, _href in role_links(bullets_or_heading)]
        else:
            out += [
                ("item", title, subtitle) for title, _href, subtitle in items(bullets_or_heading)
            ]
    return out


def text_sequence(text: str) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if match := re.fullmatch(r"-\[ (.+) \]-", line):
            out.append(("heading", match[1]))
        elif match := re.fullmatch(r"\* (.+)", line):
            after = lines[i + 2] if i + 2 < len(lines) else ""
            subtitle = after[2:] if after.startswith("  ") and after[2:3] != "*" else ""
            # The page's own role, among the role links, is strong text rather than a link.
            out.append(("item", match[1].removeprefix("**").removesuffix("**"), subtitle))
    return out


_LATEX_ITEM = re.compile(
    r"\\section\*\{(?P<heading>[^}]*)\}"
    r"|\\item \{\} \n\\sphinxAtStartPar\n"
    r"(?:\{\\hyperref\[\\detokenize\{[^}]*::doc\}\]\{\\sphinxcrossref\{(?P<title>[^}]*)\}\}\}"
    r"|\\sphinxstylestrong\{(?P<current>[^}]*)\})"
    r"(?:\n\n\\sphinxAtStartPar\n(?P<subtitle>[^\n]*))?"
)


def latex_sequence(tex: str, title: str) -> list[tuple[str, ...]]:
    """The headings and items in the chapter of the page called ``title``."""
    start = tex.index(f"\\chapter{{{title}}}")
    end = tex.find("\\chapter{", start + 1)
    chapter = tex[start : end if end != -1 else len(tex)]
    return [
        ("heading", m["heading"])
        if m["heading"] is not None
        else ("item", m["title"] or m["current"], m["subtitle"] or "")
        for m in _LATEX_ITEM.finditer(chapter)
    ]


def page_title(page: BeautifulSoup) -> str:
    return main_of(page).find("h1").find(string=True, recursive=False).strip()


@pytest.mark.parametrize("buildername", ["text", "latex"])
def test_other_builders_build_the_lists_without_warnings(build, buildername: str) -> None:
    assert build("index-pages", buildername).warnings == []


@pytest.mark.parametrize("docname", INDEX_PAGES)
def test_text_shows_the_same_lists_as_html(site, build, docname: str) -> None:
    text = build("index-pages", "text").text(f"{docname}.txt")
    expected = html_sequence(site.html(docname))
    assert text_sequence(text) == expected
    if not expected:
        assert EMPTY in text


@pytest.mark.parametrize("docname", INDEX_PAGES)
def test_latex_shows_the_same_lists_as_html(site, build, docname: str) -> None:
    tex = build("index-pages", "latex").text("projectnamenotset.tex")
    page = site.html(docname)
    expected = html_sequence(page)
    assert latex_sequence(tex, page_title(page)) == expected
    if not expected:
        assert EMPTY in tex


def test_text_shows_guide_list_titles_and_subtitles(build) -> None:
    text = build("index-pages", "text").text("lists.txt")
    assert (
        "Alpha\n=====\n\n"
        f"* {HOSTING[0]}\n\n  {HOSTING[1]}\n\n"
        f"* {PAIRING[0]}\n\n  {PAIRING[1]}\n\n"
        f"* {IDENTITY[0]}\n\n  {IDENTITY[1]}\n"
    ) in text


# ----------------------------------------------------------------------------- one node a list

HOSTILE = ('<script>alert("&")</script>', 'it\'s @ "here"', 'x.html?a=1&b="2"#top')
ENTRIES = {
    "every entry has a subtitle": [
        (KICKOFF[0], "a.html", KICKOFF[1]),
        (PAIRING[0], "b", PAIRING[1]),
    ],
    "no entry has one": [(KICKOFF[0], "a.html", None), (SKETCHING[0], "../b/c.html", None)],
    "some have one": [(KICKOFF[0], "a.html", None), (HOSTING[0], "b.html", HOSTING[1])],
    "hostile text": [(HOSTILE[0], HOSTILE[2], HOSTILE[1]), (HOSTILE[1], "", None)],
}
SETTINGS = {"as published": {}, "no compact lists": {"compact_lists": False}}


def translated(site, tree: nodes.Element, settings: dict[str, Any]) -> str:
    """``tree`` written by the site's HTML translator, with the builder's writer settings."""
    if isinstance(tree, nodes.document):
        document = tree
    else:
        document = new_document("<test>")
        document += tree
    document.settings = copy.copy(site.app.builder.docsettings)
    for name, value in settings.items():
        setattr(document.settings, name, value)
    translator = site.app.builder.create_translator(document, site.app.builder)
    document.walkabout(translator)
    return "".join(translator.body)


def placed(where: str, classes: list[str], web: bool, entries: list) -> nodes.Element:
    """A list of ``entries`` with extra ``classes``, at the top of a section or in a
    container of class ``contents``."""
    links = links_node(entries, web=web)
    links["classes"] += classes
    if where == "section":
        return nodes.section("", links)
    return nodes.container("", links, classes=["contents"])


@pytest.mark.parametrize("entries", ENTRIES.values(), ids=ENTRIES)
@pytest.mark.parametrize("classes", [[], ["compact"], ["open"], ["language-cy", "sm-wide"]])
@pytest.mark.parametrize("where", ["section", "contents"])
@pytest.mark.parametrize("settings", SETTINGS.values(), ids=SETTINGS)
def test_one_node_writes_what_the_bullet_list_writes(site, entries, classes, where, settings):
    """The web's one-node list is written exactly as the translator writes the bullet list
    other builders get, whatever its classes."""
    expected = translated(site, placed(where, classes, False, entries), settings)
    assert 'class="sm-guide-list' in expected
    assert translated(site, placed(where, classes, True, entries), settings) == expected


@pytest.mark.parametrize("docname", ["lists", *INDEX_PAGES])
def test_every_page_writes_what_bullet_lists_would(site, docname: str) -> None:
    """Each resolved page, as written, and with every one-node list replaced by its bullet
    list: the same HTML. A list inside another list (``lists``, "In a list") is a bullet list
    already, since docutils decides whether the outer list is compact from what it holds."""
    tree = site.app.env.get_and_resolve_doctree(docname, site.app.builder, tags=site.app.tags)
    web = list(tree.findall(guide_links))
    assert web or docname in ("phases/discovery", "phases/live"), "no list to compare"
    standard = tree.deepcopy()
    for links in list(standard.findall(guide_links)):
        links.replace_self(as_bullet_lists([links]))
    assert not any(standard.findall(guide_links))
    assert translated(site, standard, {}) == translated(site, tree, {})
    if docname == "lists":
        nested = tree.next_node(lambda n: isinstance(n, nodes.section) and "in-a-list" in n["ids"])
        assert not any(nested.findall(guide_links)) and any(
            "sm-guide-list" in n["classes"] for n in nested.findall(nodes.bullet_list)
        )


def test_one_node_gives_search_the_words_of_its_entries() -> None:
    links = links_node(ENTRIES["some have one"], web=True)
    assert links.astext() == f"{KICKOFF[0]}\n{HOSTING[0]}\n{HOSTING[1]}"
    assert isinstance(links, guide_links) and len(links.children) == 1


# ----------------------------------------------------------------------------- the real manual

SEED = "Web operations skills"


def test_seed_guide_is_on_the_discovery_phase_page(docs_html) -> None:
    page = BeautifulSoup((docs_html / "phases/discovery.html").read_text("utf-8"), "html.parser")
    team = dict(groups(page))["The team"]
    assert SEED in team
    links = {t: href for t, href, _ in items(main_of(page).select("ul.sm-guide-list")[-1])}
    assert links[SEED] == "../the-team/web-operations.html"


def test_seed_guide_is_under_guides_on_the_web_ops_page(docs_html) -> None:
    page = BeautifulSoup((docs_html / "web-ops/index.html").read_text("utf-8"), "html.parser")
    assert dict(groups(page))["Guides"] == [SEED]
    assert SEED not in dict(groups(page)).get("More guides from the manual", [])


def test_seed_guide_is_under_the_team_on_the_browse_page(docs_html) -> None:
    page = BeautifulSoup((docs_html / "browse/index.html").read_text("utf-8"), "html.parser")
    team = dict(groups(page))["The team"]
    # The category's overview first, then its guides.
    assert team[0] == "The team"
    assert SEED in team[1:]
