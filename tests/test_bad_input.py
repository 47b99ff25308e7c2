"""Bad input gives located, typed warnings, never a traceback, and every page is still built.

The ``bad-input`` root has one page a kind of mistake. Each page's warnings are compared in
full (file, line, message, ``[type.subtype]``), then what the page shows instead.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import breadcrumb_items, heading_text
from service_manual import frontmatter as sm_frontmatter
from service_manual.collector import guides
from service_manual.config import DEFAULT_CATEGORIES, DEFAULT_LAYOUTS, DEFAULT_THEMES

PAGES = [
    "index",
    "empty-front-matter",
    "unclosed-front-matter",
    "invalid-yaml",
    "not-a-mapping",
    "unknown-values",
    "wrong-types",
    "breadcrumbs",
    "video",
    "downloads",
]

PHASES = "discovery, alpha, beta, live, retirement"
ROLES = (
    "service-managers, delivery-managers, tech-archs, developers, web-ops, designers, "
    "content-designers, user-researchers, performance-analysts, qa, chief-technology-officers"
)
NO_TITLE = "that doesn't have a title: no link will be generated [toc.no_title]"

# The YAML parser's words, and the line it sees an unclosed list on (the line of the list, or
# of the closing ``---``), depend on whether PyYAML has libyaml; the extension uses it if so.
UNCLOSED_LIST = (
    ("did not find expected ',' or ']'", 4)
    if sm_frontmatter.reading._Loader is getattr(yaml, "CSafeLoader", None)
    else ("expected ',' or ']', but got '<stream end>'", 3)
)

# page -> [(line, message and [type.subtype])]: each warning where the writer made the mistake.
EXPECTED: dict[str, list[tuple[int, str]]] = {
    # A page whose front matter is not a mapping has no title for the toctree to show (one
    # that is not valid YAML keeps the title its 'title:' line gives).
    "index": [
        (8, f"toctree contains reference to document 'not-a-mapping' {NO_TITLE}"),
    ],
    # One mistake, one warning: ours (MyST is handed the block mended, and says nothing).
    "invalid-yaml": [
        (
            UNCLOSED_LIST[1],
            f"front matter is not valid YAML: {UNCLOSED_LIST[0]}; "
            "the page is built with only its title [service_manual.front_matter]",
        ),
    ],
    "not-a-mapping": [
        (
            2,
            "front matter must be a mapping of keys to values, not a list; "
            "the page is built without it [service_manual.front_matter]",
        ),
    ],
    # An empty block is no front matter: nothing to say.
    "empty-front-matter": [],
    "unclosed-front-matter": [
        (
            1,
            "front matter starts with '---' on the first line but has no closing '---'; "
            "it is read as the page's text [service_manual.front_matter]",
        ),
    ],
    "unknown-values": [
        (
            3,
            "unknown layout 'two-columns'; using 'detailed-guidance' (known layouts: "
            f"{', '.join(DEFAULT_LAYOUTS)}) [service_manual.front_matter]",
        ),
        (
            4,
            "unknown category 'gardening' in 'category'; expected one of: "
            f"{', '.join(DEFAULT_CATEGORIES)} [service_manual.front_matter]",
        ),
        (
            5,
            "unknown type 'essay' in 'type'; expected one of: guide, resource, category-index "
            "[service_manual.front_matter]",
        ),
        (
            6,
            "unknown key 'tertiary' in 'audience'; expected 'primary' or 'secondary' "
            "[service_manual.front_matter]",
        ),
        (
            6,
            f"unknown role 'wizard' in 'audience'; expected one of: {ROLES} "
            "[service_manual.front_matter]",
        ),
        (
            9,
            "unknown status 'archived' in 'status'; expected one of: draft, beta, published "
            "[service_manual.front_matter]",
        ),
        (
            10,
            f"unknown phase 'gamma' in 'phases'; expected one of: {PHASES} "
            "[service_manual.front_matter]",
        ),
        (
            11,
            f"unknown phase 'omega' in 'phase'; expected one of: {PHASES} "
            "[service_manual.front_matter]",
        ),
        (
            12,
            "unknown theme 'weather' in 'theme'; expected one of: "
            f"{', '.join(DEFAULT_THEMES)} [service_manual.front_matter]",
        ),
        (
            13,
            "unknown front matter key 'colour'; it is kept but not used "
            "[service_manual.front_matter]",
        ),
    ],
    "wrong-types": [
        (
            2,
            "'title' should be text, not a number; read as '2016' [service_manual.front_matter]",
        ),
        (3, "'subtitle' must be text, not a list; it is ignored [service_manual.front_matter]"),
        (4, "'status' must be text, not true/false; it is ignored [service_manual.front_matter]"),
        (
            5,
            "'audience' must be a list or comma-separated text, not a number "
            "[service_manual.front_matter]",
        ),
        (
            6,
            "'phases' must be a list or comma-separated text, not a mapping "
            "[service_manual.front_matter]",
        ),
        (
            7,
            "'exclude_from_search' must be true or false, not 'sometimes'; read as false "
            "[service_manual.front_matter]",
        ),
        (
            8,
            "'breadcrumbs' must be a list of {title, url} items, not text; breadcrumbs come "
            "from the table of contents instead [service_manual.front_matter]",
        ),
    ],
    "breadcrumbs": [
        (
            6,
            "breadcrumb 'Nowhere' links to '/service-manual/no/such/page', which is no page "
            "of this site; it is shown as plain text [service_manual.breadcrumb]",
        ),
        (
            8,
            "breadcrumb 'Script' has a URL whose scheme is not allowed (javascript:); "
            "it is shown as plain text [service_manual.breadcrumb]",
        ),
        (
            10,
            "breadcrumb 4 must be a mapping with title and url, not text "
            "[service_manual.front_matter]",
        ),
        (11, "breadcrumb 5 has no 'title' text; it is left out [service_manual.front_matter]"),
    ],
    "video": [
        (
            5,
            "video not linked: scheme 'javascript' is not allowed; use https "
            "[service_manual.video]",
        ),
        (
            9,
            "video not linked: host 'videos.example.com' is not an allowed video host "
            "[service_manual.video]",
        ),
        (
            13,
            "video has no caption; write one as the directive's content, saying who speaks "
            "and what the video is about [service_manual.video]",
        ),
        (17, "unknown document: 'no-such-page' [ref.doc]"),
    ],
    "downloads": [
        (
            7,
            "download 'files/missing.odt' does not exist; it is not copied "
            "[service_manual.download]",
        ),
        (
            8,
            "download '../outside.txt' leaves the source folder; it is not copied "
            "[service_manual.download]",
        ),
        (
            9,
            "download '/../../etc/passwd' leaves the source folder; it is not copied "
            "[service_manual.download]",
        ),
        (
            10,
            "download 'https://example.com/file.pdf' is a URL, not a file of this site; "
            "link to it instead [service_manual.download]",
        ),
        (13, "downloads list has no files [service_manual.download]"),
    ],
}


def expected_lines(docname: str) -> list[str]:
    return sorted(
        f"<srcdir>/{docname}.md:{line}: WARNING: {message}" for line, message in EXPECTED[docname]
    )


def without_line_numbers(lines: list[str]) -> list[str]:
    return sorted(re.sub(r"^(\S+?):\d+: ", r"\1: ", line) for line in lines)


@pytest.fixture(scope="module")
def bad(build):
    return build("bad-input")


def test_every_warning_is_one_we_expect(bad) -> None:
    """Nothing but the expected warnings, on the expected pages, with their messages."""
    everything = [line for docname in PAGES for line in expected_lines(docname)]
    assert without_line_numbers(bad.warnings) == without_line_numbers(everything)


@pytest.mark.parametrize("docname", PAGES)
def test_warnings_are_located(bad, docname: str) -> None:
    mine = [w for w in bad.warnings if w.startswith(f"<srcdir>/{docname}.md:")]
    assert mine == expected_lines(docname)


def test_no_traceback_and_every_page_written(bad) -> None:
    status = bad.app.status.getvalue()
    assert "build succeeded" in status
    assert not any("Traceback" in w or "Exception" in w for w in bad.warnings)
    for docname in PAGES:
        assert (bad.outdir / f"{docname}.html").is_file(), docname


def test_warnings_can_be_silenced_one_subtype_at_a_time(build) -> None:
    site = build(
        "bad-input",
        suppress_warnings=[
            "service_manual.front_matter",
            "service_manual.video",
            "service_manual.download",
            "toc.no_title",
            "ref.doc",
        ],
    )
    assert [re.sub(r":\d+: ", ":N: ", w) for w in site.warnings] == [
        f"<srcdir>/breadcrumbs.md:N: WARNING: {message}"
        for _line, message in EXPECTED["breadcrumbs"]
        if message.endswith("[service_manual.breadcrumb]")
    ]


# ----------------------------------------------------------------------------- what is shown


def test_page_with_invalid_yaml_keeps_only_its_title(bad) -> None:
    page = bad.html("invalid-yaml")
    assert [h.get_text().rstrip("¶#") for h in page.find_all("h1")] == ["Unclosed list"]
    assert "The front matter above is not valid YAML." in page.find("main").get_text()
    guide = guides(bad.app.env)["invalid-yaml"]
    assert (guide.title, guide.layout, guide.phases) == ("Unclosed list", "detailed-guidance", ())


def test_unknown_values_are_dropped_and_the_layout_falls_back(bad) -> None:
    guide = guides(bad.app.env)["unknown-values"]
    assert (guide.layout, guide.category, guide.type, guide.status) == (
        "detailed-guidance",
        None,
        None,
        None,
    )
    assert (guide.audience_primary, guide.phases, guide.phase, guide.theme) == ((), (), None, None)
    assert guide.extra == {"colour": "blue"}
    page = bad.html("unknown-values")
    assert page.body["class"] == ["govuk-template__body", "sm-layout--detailed-guidance"]
    assert page.select("main div.body.sm-guide")
    assert page.select(".sm-tags") == []


def test_wrong_types_keep_what_can_be_read(bad) -> None:
    page = bad.html("wrong-types")
    assert [heading_text(h) for h in page.find_all("h1")] == ["2016"]
    assert page.select(".sm-subtitle, .sm-tags") == []
    assert breadcrumb_items(page) == [("Home", "index.html")]


def test_breadcrumbs_that_go_nowhere_are_plain_text(bad) -> None:
    page = bad.html("breadcrumbs")
    assert breadcrumb_items(page) == [
        ("Home", "index.html"),
        ("Nowhere", None),
        ("Script", None),
    ]
    assert not page.select('[href^="javascript:"]')


def test_refused_video_urls_emit_no_link(bad) -> None:
    page = bad.html("video")
    figures = page.select("figure.sm-video")
    assert [f.select_one("figcaption").get_text().strip() for f in figures] == [
        "A caption for a video that is not one.",
        "A caption for a video on a host that is not allowed.",
        "Video",
        "A caption that links to a page that does not exist.",
    ]
    for figure in figures[:2]:
        assert figure.find_all("a") == []
        assert not figure.has_attr("data-embed-url")
    assert [a["href"] for a in figures[2].find_all("a")] == [
        "https://www.youtube.com/watch?v=Ab0_-cDeF12"
    ]
    hrefs = [a.get("href", "") for a in page.find_all("a")]
    assert not [h for h in hrefs if "javascript" in h or "example.com" in h]


def test_bad_downloads_copy_nothing(bad) -> None:
    page = bad.html("downloads")
    blocks = page.select("div.sm-downloads")
    assert [[a.get_text() for a in b.select("li.sm-download a")] for b in blocks] == [
        ["present.txt"],
        [],
    ]
    assert blocks[1].find("ul") is None
    copied = sorted(p.name for p in (bad.outdir / "_downloads").rglob("*") if p.is_file())
    assert copied == ["present.txt"]


def test_empty_front_matter_is_no_front_matter(bad) -> None:
    page = bad.html("empty-front-matter")
    assert [h.get_text().rstrip("¶#") for h in page.find_all("h1")] == ["Empty front matter"]
    assert guides(bad.app.env)["empty-front-matter"].title is None


def test_unclosed_front_matter_is_shown_as_the_text_it_is(bad) -> None:
    page = bad.html("unclosed-front-matter")
    main = page.find("main").get_text()
    assert "title: Never closed" in main
    assert [h.get_text().rstrip("¶#") for h in page.find_all("h1")] == ["Unclosed front matter"]
