"""Front matter becomes one typed Guide per page, and the page shows it: the title as the one
<h1>, the subtitle under it, breadcrumbs, header tags and the layout's template.

The unit tests read and normalise every form of front matter the 2016 data uses; the build
tests use the ``frontmatter``, ``breadcrumbs`` and ``seed`` roots.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from conftest import breadcrumb_items, heading_text, search_titles
from service_manual import config as sm_config
from service_manual import frontmatter as sm_frontmatter
from service_manual import header as sm_header
from service_manual.collector import guides
from service_manual.frontmatter import (
    Breadcrumb,
    Guide,
    RawFrontMatter,
    from_metadata,
    normalise,
    read_front_matter,
    split_front_matter,
)
from service_manual.frontmatter.reading import FOR_MYST, read_source
from service_manual.site import legacy_docname

VOCAB = sm_config.vocabulary(
    SimpleNamespace(
        service_manual_phases=sm_config.DEFAULT_PHASES,
        service_manual_roles=sm_config.DEFAULT_ROLES,
        service_manual_categories=sm_config.DEFAULT_CATEGORIES,
        service_manual_themes=sm_config.DEFAULT_THEMES,
        service_manual_types=sm_config.DEFAULT_TYPES,
        service_manual_statuses=sm_config.DEFAULT_STATUSES,
        service_manual_layouts=sm_config.DEFAULT_LAYOUTS,
        service_manual_default_layout="detailed-guidance",
        service_manual_extra_keys=sm_config.DEFAULT_EXTRA_KEYS,
    )
)
PHASES = ", ".join(sm_config.DEFAULT_PHASES)
ROLES = ", ".join(sm_config.DEFAULT_ROLES)


def read(text: str) -> tuple[RawFrontMatter, list[tuple[str, int | None]]]:
    reports: list[tuple[str, int | None]] = []
    raw = read_front_matter(text, lambda message, line: reports.append((message, line)))
    return raw, reports


def guide_of(front_matter: str) -> tuple[Guide, list[tuple[str, int | None]]]:
    """Normalise a front matter block (the YAML between the fences) as the collector does."""
    raw, reports = read(f"---\n{front_matter}---\n\nBody.\n")
    guide = normalise("page", raw, VOCAB, lambda message, line: reports.append((message, line)))
    return guide, reports


def fields(guide: Guide) -> dict[str, Any]:
    """Every field of a Guide but the lines its keys were on."""
    return {k: v for k, v in dataclasses.asdict(guide).items() if k != "lines"}


# ----------------------------------------------------------------------------- splitting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("---\ntitle: A\n---\n\nBody\n", ("title: A", 2), id="block-then-body"),
        pytest.param("---\ntitle: A\nlayout: b\n---", ("title: A\nlayout: b", 2), id="no-newline"),
        pytest.param("---\ntitle: A\n...\nBody\n", ("title: A", 2), id="yaml-end-marker"),
        pytest.param("---   \ntitle: A\n---  \n", ("title: A", 2), id="trailing-spaces"),
        pytest.param("\ufeff---\ntitle: A\n---\n", ("title: A", 2), id="byte-order-mark"),
        pytest.param("---\r\ntitle: A\r\n---\r\n", ("title: A", 2), id="crlf"),
        pytest.param("---\n---\nBody\n", ("", 2), id="empty-block"),
        pytest.param("Body\n---\ntitle: A\n---\n", None, id="not-at-the-start"),
        pytest.param("---\ntitle: A\n", None, id="never-closed"),
        pytest.param("", None, id="empty-file"),
        pytest.param("----\ntitle: A\n----\n", None, id="four-dashes"),
    ],
)
def test_split_front_matter(text: str, expected: tuple[str, int] | None) -> None:
    assert split_front_matter(text) == expected


# ----------------------------------------------------------------------------- what MyST reads


def test_myst_is_handed_only_the_keys_it_or_sphinx_act_on_each_on_its_own_line() -> None:
    found = read_source(
        "---\n"
        "layout: standard\n"
        'title: "A: b"\n'
        "audience:\n"
        "  primary: [developers]\n"
        "orphan: true\n"
        "myst:\n"
        "  heading_anchors: 2\n"
        "phases: [alpha]\n"
        "---\n"
        "\n"
        "Body.\n"
    )
    assert found.problems == []
    assert found.text_for_parser == (
        '---\n\ntitle: "A: b"\n\n\norphan: true\nmyst:\n  heading_anchors: 2\n\n---\n\nBody.\n'
    )
    # The extension itself reads the whole block.
    assert found.raw.data["audience"] == {"primary": ["developers"]}
    assert found.raw.lines["phases"] == 9


def test_myst_is_handed_blank_lines_when_no_key_is_for_it() -> None:
    found = read_source("---\nlayout: standard\nphases: [alpha]\n---\nBody.\n")
    assert found.text_for_parser == "\n\n\n\nBody.\n"


def test_a_merge_key_that_gives_the_title_is_kept_for_myst() -> None:
    found = read_source("---\n<<: {title: Merged}\nlayout: standard\n---\n")
    assert found.raw.data == {"title": "Merged", "layout": "standard"}
    assert found.text_for_parser == "---\n<<: {title: Merged}\n\n---\n"


def test_an_impossible_date_kept_for_myst_is_quoted() -> None:
    found = read_source("---\ntitle: 2026-02-30\nlayout: standard\n---\n")
    assert found.text_for_parser == "---\ntitle: '2026-02-30'\n\n---\n"


@pytest.mark.parametrize(
    "text",
    [
        "---\nbase: &t A title\ntitle: *t\n---\n",  # an alias to another key's anchor
        "---\n{title: A, layout: standard}\n---\n",  # a mapping written in flow style
        "---\ntitle: &a [*a]\nlayout: standard\n---\n",  # a value that holds itself
    ],
)
def test_myst_is_handed_the_whole_block_when_a_shorter_one_would_read_otherwise(
    text: str,
) -> None:
    found = read_source(text)
    assert found.problems == []
    assert found.text_for_parser is None


# ----------------------------------------------------------------------------- reading


def test_read_keeps_the_line_of_every_key_and_breadcrumb() -> None:
    raw, reports = read(
        "---\n"
        "title: A\n"
        "audience:\n"
        "  primary: developers\n"
        "breadcrumbs:\n"
        "  -\n"
        "    title: Home\n"
        "    url: /service-manual\n"
        "  - title: Section\n"
        "    url: /service-manual/section\n"
        "---\n"
    )
    assert reports == []
    assert raw.data == {
        "title": "A",
        "audience": {"primary": "developers"},
        "breadcrumbs": [
            {"title": "Home", "url": "/service-manual"},
            {"title": "Section", "url": "/service-manual/section"},
        ],
    }
    assert raw.lines == {
        "title": 2,
        "audience": 3,
        "breadcrumbs": 5,
        "breadcrumbs.0": 7,
        "breadcrumbs.1": 9,
    }


# The YAML parser's own words for a problem, and where it sees it, differ between PyYAML's
# pure Python parser and libyaml (used when PyYAML has it); the page's line is ours.
YAML_PROBLEMS = {
    "unclosed-list": {
        "python": ("expected ',' or ']', but got '<stream end>'", 3),
        "libyaml": ("did not find expected ',' or ']'", 4),
    },
    "bad-indentation": {
        "python": ("mapping values are not allowed here", 3),
        "libyaml": ("mapping values are not allowed in this context", 3),
    },
}


@pytest.fixture(
    params=[
        pytest.param(yaml.SafeLoader, id="python"),
        pytest.param(
            getattr(yaml, "CSafeLoader", None),
            id="libyaml",
            marks=pytest.mark.skipif(
                not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml"
            ),
        ),
    ]
)
def yaml_parser(request, monkeypatch) -> str:
    """Read front matter with each YAML parser the extension may use."""
    monkeypatch.setattr(sm_frontmatter.reading, "_Loader", request.param)
    return "python" if request.param is yaml.SafeLoader else "libyaml"


def invalid(problem: str, parser: str) -> list[tuple[str, int]]:
    """The report for YAML that cannot be read whose ``title:`` line can: it is kept."""
    words, line = YAML_PROBLEMS[problem][parser]
    return [
        (f"front matter is not valid YAML: {words}; the page is built with only its title", line)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("No front matter.\n", [], id="none"),
        pytest.param("---\n---\n", [], id="empty"),
        pytest.param("---\n# only a comment\n---\n", [], id="only-a-comment"),
        pytest.param("---\ntitle: A\naudience: [developers\n---\n", "unclosed-list", id="unclosed"),
        pytest.param("---\ntitle: A\n  layout: b\n---\n", "bad-indentation", id="indented"),
        pytest.param(
            "---\n- title\n- layout\n---\n",
            [
                (
                    "front matter must be a mapping of keys to values, not a list; "
                    "the page is built without it",
                    2,
                )
            ],
            id="a-list",
        ),
        pytest.param(
            "---\njust text\n---\n",
            [
                (
                    "front matter must be a mapping of keys to values, not text; "
                    "the page is built without it",
                    2,
                )
            ],
            id="a-string",
        ),
        pytest.param(
            "---\ntitle: A\ncontrol: \x07\n---\n",
            None,
            id="control-character",
        ),
    ],
)
def test_read_what_cannot_be_used(
    yaml_parser: str, text: str, expected: list[tuple[str, int]] | str | None
) -> None:
    raw, reports = read(text)
    if isinstance(expected, str):
        expected = invalid(expected, yaml_parser)
    if expected is None:  # the parser's words vary; one located report is what matters
        assert [
            (m.startswith("front matter is not valid YAML: "), line) for m, line in reports
        ] == [(True, 3)]
    else:
        assert reports == expected
    # Of front matter that is not YAML, a title line that is itself readable is kept.
    not_yaml = bool(reports) and reports[0][0].startswith("front matter is not valid YAML")
    assert raw.data == ({"title": "A"} if not_yaml and "title: A\n" in text else {})


# ----------------------------------------------------------------------------- normalising

# Every form the 2016 data uses, and what it means. None of them warns.
FORMS = [
    pytest.param(
        "audience:\n  primary: service-managers, tech-archs\n",
        {"audience_primary": ("service-managers", "tech-archs")},
        id="comma-separated-roles",
    ),
    pytest.param(
        'audience:\n  primary: " service-managers ,tech-archs , "\n',
        {"audience_primary": ("service-managers", "tech-archs")},
        id="stray-spaces-and-trailing-comma",
    ),
    pytest.param(
        "audience:\n  primary: [developers, designers,]\n",
        {"audience_primary": ("developers", "designers")},
        id="yaml-list-with-trailing-comma",
    ),
    pytest.param(
        "audience:\n  primary:\n    - developers, designers\n    - qa\n",
        {"audience_primary": ("developers", "designers", "qa")},
        id="list-items-holding-commas",
    ),
    pytest.param(
        "audience:\n  primary: [service-manager, tech-arch, delivery-manager, developer]\n",
        {
            "audience_primary": (
                "service-managers",
                "tech-archs",
                "delivery-managers",
                "developers",
            )
        },
        id="singular-aliases",
    ),
    pytest.param(
        "audience:\n  primary: technical-architect, webops, CTO, Designer\n",
        {
            "audience_primary": (
                "tech-archs",
                "web-ops",
                "chief-technology-officers",
                "designers",
            )
        },
        id="other-spellings-and-case",
    ),
    pytest.param(
        "audience: developers\n",
        {"audience_primary": ("developers",), "audience_secondary": ()},
        id="audience-as-plain-text",
    ),
    pytest.param(
        "audience: developer, web-ops\n",
        {"audience_primary": ("developers", "web-ops")},
        id="audience-as-comma-separated-text",
    ),
    pytest.param(
        "audience: [developers, designers]\n",
        {"audience_primary": ("developers", "designers")},
        id="audience-as-a-list",
    ),
    pytest.param(
        "audience:\n  primary: web-ops\n  secondary:\n",
        {"audience_primary": ("web-ops",), "audience_secondary": ()},
        id="secondary-with-no-value",
    ),
    pytest.param(
        "audience:\n  primary: [developer, developers]\n  secondary: [developers, qa, tester]\n",
        {"audience_primary": ("developers",), "audience_secondary": ("qa",)},
        id="duplicates-and-primary-wins",
    ),
    pytest.param(
        "audience: designers\nsecondary-audience: content-designer, user-researcher\n",
        {
            "audience_primary": ("designers",),
            "audience_secondary": ("content-designers", "user-researchers"),
        },
        id="secondary-audience-key",
    ),
    pytest.param("phases:\n", {"phases": ()}, id="phases-with-no-value"),
    pytest.param(
        "phases: discovery, alpha,\n", {"phases": ("discovery", "alpha")}, id="phases-as-text"
    ),
    pytest.param(
        "phases:\n  - Beta\n  - beta\n  - live\n",
        {"phases": ("beta", "live")},
        id="phases-list-any-case-no-repeats",
    ),
    pytest.param(
        "status: draft\ncategory: the-team\ntype: guide\ntheme: agile\nphase: alpha\n",
        {
            "status": "draft",
            "category": "the-team",
            "type": "guide",
            "theme": "agile",
            "phase": "alpha",
        },
        id="choices",
    ),
    pytest.param(
        "status: Draft\ncategory: The-Team\n",
        {"status": "draft", "category": "the-team"},
        id="choices-in-another-case",
    ),
    pytest.param(
        "title: '  A title  '\nsubtitle: ''\n",
        {"title": "A title", "subtitle": None},
        id="text-trimmed-and-empty-is-none",
    ),
    pytest.param("", {"layout": "detailed-guidance", "breadcrumbs": None}, id="defaults"),
    pytest.param("layout: role-index\n", {"layout": "role-index"}, id="layout"),
    pytest.param("breadcrumbs:\n", {"breadcrumbs": ()}, id="breadcrumbs-with-no-value"),
    pytest.param(
        "breadcrumbs:\n  -\n    title: Home\n    url: /service-manual\n  - title: ' Team '\n",
        {
            "breadcrumbs": (
                Breadcrumb("Home", "/service-manual", 4),
                Breadcrumb("Team", "", 6),
            )
        },
        id="breadcrumbs",
    ),
    pytest.param("exclude_from_search: true\n", {"exclude_from_search": True}, id="exclude-true"),
    pytest.param(
        "exclude_from_search: 'yes'\n", {"exclude_from_search": True}, id="exclude-yes-as-text"
    ),
    pytest.param(
        "exclude_from_search: false\n", {"exclude_from_search": False}, id="exclude-false"
    ),
    pytest.param("hero: Web operations skills\n", {"hero": "Web operations skills"}, id="hero"),
    pytest.param(
        "hero:\n  title: Design principles\n  subtitle: Ten of them\n"
        "  url: https://www.gov.uk/design-principles\n",
        {
            "hero": "Design principles",
            "hero_subtitle": "Ten of them",
            "hero_url": "https://www.gov.uk/design-principles",
        },
        id="hero-outside-the-manual",
    ),
    pytest.param(
        "hero:\n  title: Testing code\n",
        {"hero": "Testing code", "hero_subtitle": None, "hero_url": None},
        id="hero-as-a-mapping-naming-a-page",
    ),
    pytest.param(
        "summary: ' A short phase. '\n", {"summary": "A short phase."}, id="phase-summary"
    ),
    pytest.param(
        "long-title: The long one\npage_class: wide\n",
        {"extra": {"long-title": "The long one", "page_class": "wide"}},
        id="known-extra-keys-kept",
    ),
]


@pytest.mark.parametrize(("front_matter", "expected"), FORMS)
def test_normalise_accepts_every_form_of_the_data(
    front_matter: str, expected: dict[str, Any]
) -> None:
    guide, reports = guide_of(front_matter)
    assert reports == []
    assert {key: getattr(guide, key) for key in expected} == expected


def test_normalise_the_seed_guide_front_matter() -> None:
    guide, reports = guide_of(
        "layout: detailed-guidance\n"
        "title: Web operations skills\n"
        "subtitle: Helping develop secure, maintainable and available systems\n"
        "category: the-team\n"
        "type: guide\n"
        "audience:\n"
        "  primary: web-ops\n"
        "  secondary:\n"
        "status: draft\n"
        "phases:\n"
        "  - discovery\n"
        "breadcrumbs:\n"
        "  -\n"
        "    title: Home\n"
        "    url: /service-manual\n"
        "  -\n"
        "    title: The team\n"
        "    url: /service-manual/the-team\n"
    )
    assert reports == []
    assert guide == Guide(
        docname="page",
        title="Web operations skills",
        subtitle="Helping develop secure, maintainable and available systems",
        layout="detailed-guidance",
        category="the-team",
        type="guide",
        audience_primary=("web-ops",),
        audience_secondary=(),
        status="draft",
        phases=("discovery",),
        breadcrumbs=(
            Breadcrumb("Home", "/service-manual", 15),
            Breadcrumb("The team", "/service-manual/the-team", 18),
        ),
        lines={
            "layout": 2,
            "title": 3,
            "subtitle": 4,
            "category": 5,
            "type": 6,
            "audience": 7,
            "status": 10,
            "phases": 11,
            "breadcrumbs": 13,
            "breadcrumbs.0": 15,
            "breadcrumbs.1": 18,
        },
    )


# What cannot be used: a warning at the key's line (the block starts on line 2), and the
# value the page gets instead.
MISTAKES = [
    pytest.param(
        "phases: [discovery, gamma]\n",
        [(f"unknown phase 'gamma' in 'phases'; expected one of: {PHASES}", 2)],
        {"phases": ("discovery",)},
        id="unknown-phase",
    ),
    pytest.param(
        "title: T\naudience:\n  primary: developers, wizards\n",
        [(f"unknown role 'wizards' in 'audience'; expected one of: {ROLES}", 3)],
        {"audience_primary": ("developers",)},
        id="unknown-role",
    ),
    pytest.param(
        "audience:\n  tertiary: qa\n",
        [("unknown key 'tertiary' in 'audience'; expected 'primary' or 'secondary'", 2)],
        {"audience_primary": (), "audience_secondary": ()},
        id="unknown-audience-key",
    ),
    pytest.param(
        "layout: two-columns\n",
        [
            (
                "unknown layout 'two-columns'; using 'detailed-guidance' (known layouts: "
                + ", ".join(sm_config.DEFAULT_LAYOUTS)
                + ")",
                2,
            )
        ],
        {"layout": "detailed-guidance"},
        id="unknown-layout",
    ),
    pytest.param(
        "hero:\n  title: Principles\n  url: javascript:alert(1)\n  colour: red\n",
        [
            ("unknown key 'colour' in 'hero'; expected one of: title, subtitle, url", 2),
            (
                "'hero' url 'javascript:alert(1)' is not an http or https URL; the hero names "
                "a page of the manual by its title instead",
                2,
            ),
        ],
        {"hero": "Principles", "hero_url": None},
        id="hero-url-not-allowed",
    ),
    pytest.param(
        "hero:\n  subtitle: [a]\n  url: https://example.org\n",
        [
            ("'hero' subtitle must be text, not a list; it is ignored", 2),
            ("'hero' has no 'title'; no promo is shown", 2),
        ],
        {"hero": None, "hero_subtitle": None, "hero_url": None},
        id="hero-without-a-title",
    ),
    pytest.param(
        "status: archived\n",
        [("unknown status 'archived' in 'status'; expected one of: draft, beta, published", 2)],
        {"status": None},
        id="unknown-status",
    ),
    pytest.param(
        "colour: blue\n",
        [("unknown front matter key 'colour'; it is kept but not used", 2)],
        {"extra": {"colour": "blue"}},
        id="unknown-key-kept",
    ),
    pytest.param(
        "title: 42\n",
        [("'title' should be text, not a number; read as '42'", 2)],
        {"title": "42"},
        id="number-as-text",
    ),
    pytest.param(
        "subtitle: [a, b]\n",
        [("'subtitle' must be text, not a list; it is ignored", 2)],
        {"subtitle": None},
        id="list-as-text",
    ),
    pytest.param(
        "category: true\n",
        [("'category' must be text, not true/false; it is ignored", 2)],
        {"category": None},
        id="boolean-as-text",
    ),
    pytest.param(
        "audience: 5\n",
        [("'audience' must be a list or comma-separated text, not a number", 2)],
        {"audience_primary": ()},
        id="number-as-roles",
    ),
    pytest.param(
        "phases:\n  - discovery\n  - 3\n",
        [("'phases' items must be text, not a number; 3 is ignored", 2)],
        {"phases": ("discovery",)},
        id="number-in-a-list",
    ),
    pytest.param(
        "exclude_from_search: sometimes\n",
        [("'exclude_from_search' must be true or false, not 'sometimes'; read as false", 2)],
        {"exclude_from_search": False},
        id="not-a-boolean",
    ),
    pytest.param(
        "breadcrumbs: Home\n",
        [
            (
                "'breadcrumbs' must be a list of {title, url} items, not text; "
                "breadcrumbs come from the table of contents instead",
                2,
            )
        ],
        {"breadcrumbs": None},
        id="breadcrumbs-not-a-list",
    ),
    pytest.param(
        "breadcrumbs:\n  - Home\n  - url: /x\n  - title: T\n    url: 7\n",
        [
            ("breadcrumb 1 must be a mapping with title and url, not text", 3),
            ("breadcrumb 2 has no 'title' text; it is left out", 4),
            ("breadcrumb 3 'url' must be text, not a number", 5),
        ],
        {"breadcrumbs": (Breadcrumb("T", "", 5),)},
        id="bad-breadcrumb-items",
    ),
]


@pytest.mark.parametrize(("front_matter", "warnings", "expected"), MISTAKES)
def test_normalise_reports_what_it_cannot_use(
    front_matter: str, warnings: list[tuple[str, int]], expected: dict[str, Any]
) -> None:
    guide, reports = guide_of(front_matter)
    assert reports == warnings
    assert {key: getattr(guide, key) for key in expected} == expected


def test_sphinx_file_wide_keys_are_not_unknown() -> None:
    _guide, reports = guide_of("title: T\norphan: true\nnosearch: true\ntocdepth: 2\n")
    assert reports == []


def test_metadata_of_other_source_formats_is_read_from_strings() -> None:
    """Documents that are not Markdown: Sphinx's metadata holds lists and dicts as JSON."""
    raw = from_metadata(
        {
            "title": "From metadata",
            "audience": '{"primary": "developer, qa", "secondary": ["designers"]}',
            "phases": '["alpha", "beta"]',
            "status": "draft",
            "layout": "[not json",
            "wordcount": {"words": 3, "minutes": 0},
            "nosearch": "",
            "orphan": "",
            "tocdepth": "2",
        }
    )
    assert raw.lines == {}
    assert raw.data == {
        "title": "From metadata",
        "audience": {"primary": "developer, qa", "secondary": ["designers"]},
        "phases": ["alpha", "beta"],
        "status": "draft",
        "layout": "[not json",
    }
    reports: list[tuple[str, int | None]] = []
    guide = normalise("page", raw, VOCAB, lambda message, line: reports.append((message, line)))
    assert (guide.audience_primary, guide.audience_secondary, guide.phases) == (
        ("developers", "qa"),
        ("designers",),
        ("alpha", "beta"),
    )
    assert [line for _message, line in reports] == [None]  # the unknown layout, no line known


def _tags(guide: Guide) -> list[tuple[str, list[tuple[str, str, str]]]] | None:
    env = SimpleNamespace(
        config=SimpleNamespace(
            service_manual_roles=sm_config.DEFAULT_ROLES,
            service_manual_phases=sm_config.DEFAULT_PHASES,
            service_manual_statuses=sm_config.DEFAULT_STATUSES,
            service_manual_categories=sm_config.DEFAULT_CATEGORIES,
        )
    )
    # Every tag links to "kind/slug", so that the link tells both.
    fields = sm_header.tag_fields(guide, env, lambda kind, slug: f"{kind}/{slug}")
    if not fields:
        return None
    return [
        (label, [(kind, href.split("/")[1], text) for kind, text, href in tags])
        for label, tags in fields
    ]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("draft", [("Status", [("status", "draft", "Draft")])]),
        ("beta", [("Status", [("status", "beta", "Beta")])]),
        ("published", None),
        (None, None),
    ],
)
def test_status_tag(status: str | None, expected) -> None:
    assert _tags(Guide("page", status=status)) == expected


def test_tags_tell_primary_and_secondary_audiences_apart() -> None:
    guide = Guide(
        "page",
        audience_primary=("web-ops", "developers"),
        audience_secondary=("qa",),
        phases=("discovery", "live"),
        category="the-team",
    )
    assert _tags(guide) == [
        (
            "For",
            [("primary", "web-ops", "Web operations"), ("primary", "developers", "Developers")],
        ),
        ("Also useful for", [("secondary", "qa", "Quality assurance testers")]),
        ("Phases", [("phase", "discovery", "Discovery"), ("phase", "live", "Live")]),
        ("Category", [("category", "the-team", "The team")]),
    ]


# ----------------------------------------------------------------------------- the built pages

TITLES = {
    "index": "Front matter forms",
    "comma-roles": "Roles as comma-separated text",
    "aliases": "Roles by their other names",
    "plain-audience": "Audience as plain text",
    "empty-values": "Keys with no value",
    "every-key": "A page with every key",
    "role-page": "Web operations",
}


@pytest.fixture(scope="module")
def frontmatter(build):
    return build("frontmatter")


def test_frontmatter_root_builds_without_warnings(frontmatter) -> None:
    assert frontmatter.warnings == []
    assert sorted(p.stem for p in frontmatter.outdir.glob("*.html")) == sorted(
        [*TITLES, "404", "genindex", "search"]
    )


EXPECTED_GUIDES = {
    "index": Guide("index", title=TITLES["index"], layout="homepage"),
    "comma-roles": Guide(
        "comma-roles",
        title=TITLES["comma-roles"],
        audience_primary=("service-managers", "tech-archs"),
        audience_secondary=("developers", "designers"),
        phases=("discovery", "alpha"),
    ),
    "aliases": Guide(
        "aliases",
        title=TITLES["aliases"],
        audience_primary=("service-managers", "tech-archs"),
        audience_secondary=("web-ops",),
        phases=("beta",),
    ),
    "plain-audience": Guide(
        "plain-audience",
        title=TITLES["plain-audience"],
        audience_primary=("developers",),
        audience_secondary=("content-designers", "user-researchers"),
    ),
    "empty-values": Guide(
        "empty-values",
        title=TITLES["empty-values"],
        audience_primary=("web-ops",),
        breadcrumbs=(),
    ),
    "every-key": Guide(
        "every-key",
        title=TITLES["every-key"],
        subtitle="Each key the manual reads, with a value",
        layout="standard",
        category="agile",
        type="resource",
        audience_primary=("delivery-managers",),
        audience_secondary=("performance-analysts", "qa"),
        status="draft",
        phases=("alpha", "live"),
        breadcrumbs=(Breadcrumb("Home", "/service-manual", 13),),
        exclude_from_search=True,
        hero="Audience as plain text",
        phase="live",
        theme="getting-started",
        extra={"long-title": "The long title of a page with every key", "page_class": "wide-page"},
    ),
    "role-page": Guide(
        "role-page", title=TITLES["role-page"], layout="role-index", audience_primary=("web-ops",)
    ),
}


@pytest.mark.parametrize("docname", EXPECTED_GUIDES)
def test_collector_holds_one_typed_guide_per_page(frontmatter, docname: str) -> None:
    held = guides(frontmatter.app.env)
    assert sorted(held) == sorted(EXPECTED_GUIDES)
    assert fields(held[docname]) == fields(EXPECTED_GUIDES[docname])


def test_front_matter_ending_the_file_without_newline_is_read(frontmatter) -> None:
    source = (frontmatter.srcdir / "role-page.md").read_bytes()
    assert source.endswith(b"\n---")
    page = frontmatter.html("role-page")
    assert [heading_text(h) for h in page.find_all("h1")] == ["Web operations"]


@pytest.mark.parametrize("docname", TITLES)
def test_title_is_the_one_h1_and_the_html_title(frontmatter, docname: str) -> None:
    page = frontmatter.html(docname)
    assert [heading_text(h) for h in page.find_all("h1")] == [TITLES[docname]]
    assert page.title.get_text().startswith(TITLES[docname] + " \N{EM DASH} ")


def test_sections_are_h2_under_the_title(frontmatter) -> None:
    page = frontmatter.html("every-key")
    body = page.find("main").find("section")
    assert [heading_text(h) for h in body.find_all("h2", class_=False)] == [
        "First part",
        "Second part",
    ]
    assert [heading_text(h) for h in body.find_all("h3")] == ["A smaller heading"]


def test_title_is_the_toctree_title(frontmatter) -> None:
    links = frontmatter.html("index").select("div.toctree-wrapper li.toctree-l1 > a")
    assert [(a["href"], a.get_text()) for a in links] == [
        (f"{docname}.html", TITLES[docname]) for docname in list(TITLES)[1:]
    ]


def test_sphinx_metadata_holds_only_the_keys_myst_or_sphinx_act_on(frontmatter) -> None:
    metadata = frontmatter.app.env.metadata
    made_by_myst = {"myst_slugs", "wordcount"}  # heading slugs and word counts, not keys
    for docname in TITLES:
        assert set(metadata[docname]) - made_by_myst <= FOR_MYST, docname
    assert set(metadata["every-key"]) - made_by_myst == {"title"}
    # What the extension reads comes from its own parse of the whole block.
    every_key = guides(frontmatter.app.env)["every-key"]
    assert every_key.phases == ("alpha", "live")
    assert every_key.subtitle == "Each key the manual reads, with a value"


def test_title_is_the_search_title(frontmatter) -> None:
    titles = search_titles(frontmatter.outdir)
    # every-key sets exclude_from_search: as in 2016, that is data for a site-wide search,
    # not a page missing from the manual's own (Sphinx's nosearch does that).
    assert titles == TITLES
    assert "nosearch" not in frontmatter.app.env.metadata["every-key"]


def test_subtitle_is_a_paragraph_right_under_the_title(frontmatter) -> None:
    page = frontmatter.html("every-key")
    h1 = page.find("h1")
    subtitle = h1.find_next_sibling()
    assert subtitle.name == "p"
    assert subtitle["class"] == ["sm-subtitle"]
    assert subtitle.get_text() == "Each key the manual reads, with a value"
    headings = page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    assert all("Each key the manual reads" not in h.get_text() for h in headings)
    assert len(page.select(".sm-subtitle")) == 1


@pytest.mark.parametrize("docname", ["comma-roles", "empty-values", "role-page"])
def test_no_subtitle_no_subtitle_paragraph(frontmatter, docname: str) -> None:
    assert frontmatter.html(docname).select(".sm-subtitle") == []


def test_empty_breadcrumbs_key_shows_no_breadcrumbs(frontmatter) -> None:
    assert breadcrumb_items(frontmatter.html("empty-values")) is None


# ----------------------------------------------------------------------------- breadcrumbs


@pytest.fixture(scope="module")
def crumbs(build):
    return build("breadcrumbs")


def test_breadcrumbs_root_builds_without_warnings(crumbs) -> None:
    assert crumbs.warnings == []


def test_written_breadcrumbs_resolve_2016_urls(crumbs) -> None:
    assert breadcrumb_items(crumbs.html("section/written")) == [
        ("Home", "../index.html"),
        ("Section, as a folder", "index.html"),
        ("Section, with a slash", "index.html"),
        ("Page, as an HTML file", "inherited.html"),
        ("Page, at a heading", "inherited.html#a-part"),
        ("Page, without the prefix", "inherited.html"),
        ("GOV.UK", "https://www.gov.uk/service-manual"),
        ("No link at all", None),
    ]


@pytest.mark.parametrize(
    ("docname", "expected"),
    [
        ("section/index", [("Home", "../index.html")]),
        ("section/inherited", [("Home", "../index.html"), ("A section", "index.html")]),
        (
            "section/child",
            [
                ("Home", "../index.html"),
                ("A section", "index.html"),
                ("Inherited breadcrumbs", "inherited.html"),
            ],
        ),
    ],
)
def test_breadcrumbs_without_the_key_follow_the_toctree(crumbs, docname, expected) -> None:
    assert breadcrumb_items(crumbs.html(docname)) == expected


def test_home_page_has_no_breadcrumbs(crumbs) -> None:
    assert breadcrumb_items(crumbs.html("index")) is None


def test_breadcrumbs_come_before_the_title(crumbs) -> None:
    page = crumbs.html("section/written")
    nav = page.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert nav.find_next("h1") is page.find("h1")


def test_legacy_prefix_is_configurable(build) -> None:
    site = build("breadcrumbs", service_manual_legacy_prefix="/manual")
    written = "<srcdir>/section/written.md"
    nowhere = "which is no page of this site; it is shown as plain text [service_manual.breadcrumb]"
    assert site.warnings == sorted(
        f"{written}:{line}: WARNING: breadcrumb {title!r} links to {url!r}, {nowhere}"
        for line, title, url in [
            (4, "Home", "/service-manual"),
            (6, "Section, as a folder", "/service-manual/section"),
            (8, "Section, with a slash", "/service-manual/section/"),
            (10, "Page, as an HTML file", "/service-manual/section/inherited.html"),
            (12, "Page, at a heading", "/service-manual/section/inherited#a-part"),
        ]
    )
    assert breadcrumb_items(site.html("section/written"))[5:] == [
        ("Page, without the prefix", "inherited.html"),
        ("GOV.UK", "https://www.gov.uk/service-manual"),
        ("No link at all", None),
    ]


def _env(prefix: str, docs: set[str]) -> Any:
    return SimpleNamespace(
        config=SimpleNamespace(service_manual_legacy_prefix=prefix, root_doc="index"),
        found_docs=docs,
    )


DOCS = {"index", "the-team/index", "the-team/web-operations", "phases/discovery"}


@pytest.mark.parametrize(
    ("prefix", "url", "expected"),
    [
        ("/service-manual", "/service-manual", ("index", "")),
        ("/service-manual", "/service-manual/", ("index", "")),
        ("/service-manual", "/service-manual/the-team", ("the-team/index", "")),
        ("/service-manual", "/service-manual/the-team/", ("the-team/index", "")),
        ("/service-manual", "/service-manual/the-team/index.html", ("the-team/index", "")),
        (
            "/service-manual",
            "/service-manual/the-team/web-operations.html",
            ("the-team/web-operations", ""),
        ),
        (
            "/service-manual",
            "/service-manual/the-team/web-operations#skills",
            ("the-team/web-operations", "skills"),
        ),
        ("/service-manual", "/phases/discovery", ("phases/discovery", "")),
        ("/service-manual", "/service-manual/nowhere", None),
        ("/service-manual", "/service-manual/../etc/passwd", None),
        ("/service-manual", "the-team", None),
        ("/service-manual", "https://www.gov.uk/service-manual/the-team", None),
        ("/service-manual", "/service-manualx/the-team", None),
        ("/guidance/", "/guidance/the-team", ("the-team/index", "")),
        ("/guidance", "/service-manual/the-team", None),
        ("", "/the-team/web-operations.html", ("the-team/web-operations", "")),
    ],
)
def test_legacy_docname(prefix: str, url: str, expected: tuple[str, str] | None) -> None:
    assert legacy_docname(_env(prefix, DOCS), url) == expected


# ----------------------------------------------------------------------------- header tags


@pytest.fixture(scope="module")
def seed(build):
    return build("seed")


def test_seed_root_builds_without_warnings(seed) -> None:
    assert seed.warnings == []


def tag_fields(page) -> dict[str, list[tuple[str, str, str | None]]]:
    """label -> [(kind, text, href or None)] of the page's header tags, checking their
    markup on the way: GOV.UK Frontend's summary list, a row (key, value) a field."""
    (box,) = page.select("dl.govuk-summary-list.sm-tags")
    result = {}
    for row in box.find_all(recursive=False):
        assert row.name == "div" and row["class"] == ["govuk-summary-list__row"], row
        dt, dd = row.find_all(recursive=False)
        assert (dt.name, dt["class"]) == ("dt", ["govuk-summary-list__key"]), row
        assert (dd.name, dd["class"]) == ("dd", ["govuk-summary-list__value"]), row
        tags = dd.select(".sm-tag")
        kinds = [[c for c in t["class"] if c.startswith("sm-tag--")] for t in tags]
        result[dt.find(string=True).strip()] = [
            (
                kind[0].removeprefix("sm-tag--"),
                t.get_text(),
                t.get("href") if t.name == "a" else None,
            )
            for kind, t in zip(kinds, tags, strict=True)
        ]
    return result


def test_header_tags_link_to_their_index_pages(seed) -> None:
    assert tag_fields(seed.html("team/operations")) == {
        "For": [("primary", "Web operations", "../roles/web-ops.html")],
        "Also useful for": [("secondary", "Developers", "../roles/developers.html")],
        "Phases": [
            ("phase", "Discovery", "../phases/discovery.html"),
            ("phase", "Live", "../phases/live.html"),
        ],
        "Status": [("status", "Draft", None)],
        "Category": [("category", "The team", "index.html")],
    }


def test_tags_without_an_index_page_are_plain_text(frontmatter) -> None:
    assert tag_fields(frontmatter.html("every-key")) == {
        "For": [("primary", "Delivery managers", None)],
        "Also useful for": [
            ("secondary", "Performance analysts", None),
            ("secondary", "Quality assurance testers", None),
        ],
        "Phases": [("phase", "Alpha", None), ("phase", "Live", None)],
        "Status": [("status", "Draft", None)],
        "Category": [("category", "Agile", None)],
    }


def test_draft_tag_is_visible_text(seed) -> None:
    (draft,) = seed.html("team/operations").select(".sm-tag--status")
    assert draft.get_text() == "Draft"
    assert "govuk-tag" in draft["class"]
    assert "govuk-visually-hidden" not in draft.get("class", [])
    assert draft.find_parent(attrs={"hidden": True}) is None


def test_index_pages_have_no_header_tags(seed) -> None:
    for docname in ["index", "team/index", "roles/web-ops", "phases/discovery"]:
        assert seed.html(docname).select(".sm-tags") == [], docname


# ----------------------------------------------------------------------------- layouts


@pytest.mark.parametrize(
    ("docname", "layout", "wrapper"),
    [
        ("index", "homepage", "sm-index-page"),
        ("team/index", "category-index", "sm-index-page"),
        ("team/operations", "detailed-guidance", "sm-guide"),
        ("team/plain", "detailed-guidance", "sm-guide"),
        ("roles/web-ops", "role-index", "sm-index-page"),
        # 2016's phase pages were detailed guidance around their text.
        ("phases/discovery", "phases", "sm-guide"),
    ],
)
def test_layout_picks_the_template(seed, docname: str, layout: str, wrapper: str) -> None:
    page = seed.html(docname)
    assert page.body["class"] == ["govuk-template__body", f"sm-layout--{layout}"]
    main = page.find("main")
    (body,) = main.select("div.body")
    assert body["class"] == ["body", "sm-prose", wrapper]


def test_detailed_guidance_shows_its_parts_in_order(build) -> None:
    site = build(
        "seed",
        service_manual_repository_url="https://github.com/example/manual",
        service_manual_repository_branch="main",
        service_manual_repository_path="docs",
    )
    assert site.warnings == []
    main = site.html("team/operations").find("main")
    parts = main.select(
        "nav.govuk-breadcrumbs, h1, p.sm-subtitle, dl.sm-tags, nav.sm-contents, "
        "figure.sm-video, section > section > h2, aside.sm-page-tools"
    )
    assert [p.name + "." + ".".join(p.get("class", [])) for p in parts] == [
        "nav.govuk-breadcrumbs",
        "h1.",
        "p.sm-subtitle",
        "dl.govuk-summary-list.govuk-summary-list--no-border.sm-tags",
        "nav.sm-contents",
        "figure.sm-video.govuk-inset-text",
        "h2.",
        "h2.",
        "h2.",
        "aside.sm-page-tools",
    ]
    contents = main.select_one("nav.sm-contents")
    assert heading_text(contents.find("h2")) == "Contents"
    assert [(a.get_text(), a["href"]) for a in contents.select("ol > li > a")] == [
        (heading_text(h), "#" + h.parent["id"]) for h in main.select("section > section > h2")
    ]
    tools = main.select_one("aside.sm-page-tools")
    assert [(a.get_text(), a["href"]) for a in tools.find_all("a")] == [
        (
            "View the source of this page",
            "https://github.com/example/manual/blob/main/docs/team/operations.md",
        ),
        (
            "See the history of this page",
            "https://github.com/example/manual/commits/main/docs/team/operations.md",
        ),
    ]


def test_no_page_tools_without_a_repository(seed) -> None:
    assert seed.html("team/operations").select("aside.sm-page-tools") == []


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        pytest.param("title: A guide\naudience: [x", ("A guide", 0), id="plain"),
        pytest.param("layout: x\ntitle: 'Quoted: yes'\n  bad", ("Quoted: yes", 1), id="quoted"),
        pytest.param("title: [not, text\n", None, id="not-text"),
        pytest.param("title:\n", None, id="empty"),
        pytest.param("subtitle: only\n", None, id="no-title"),
    ],
)
def test_salvage_title(yaml_text: str, expected: tuple[str, int] | None) -> None:
    assert sm_frontmatter.salvage_title(yaml_text) == expected
