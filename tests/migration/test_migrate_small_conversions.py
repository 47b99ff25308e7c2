"""Tables, abbreviations, Liquid, toctrees and the redirect map."""

from __future__ import annotations

from pathlib import PurePosixPath

from migrate_jekyll import abbreviations, liquid, redirects, tables, toctree
from migrate_jekyll.document import Page
from migrate_jekyll.report import Report

from .migration_helpers import lines, texts


def test_kramdown_table_with_separators_and_short_rows() -> None:
    report = Report()
    text = "|---\n| Name |\n|---\n| **A:** | b | c\n| **D:** | e | f\n|---"
    assert texts(tables.convert(lines(text), "p.md", report)) == (
        "| Name |  |  |\n| --- | --- | --- |\n| **A:** | b | c |\n| **D:** | e | f |"
    )


def test_table_without_header_uses_its_first_row() -> None:
    report = Report()
    text = "| a | b |\n| c | |"
    assert texts(tables.convert(lines(text), "p.md", report)) == (
        "| a | b |\n| --- | --- |\n| c |  |"
    )
    assert report.issues[0].kind == "tables.header"


def test_valid_pipe_table_untouched() -> None:
    report = Report()
    text = "| a | b |\n|---|---|\n| c | d |"
    assert texts(tables.convert(lines(text), "p.md", report)) == text
    assert report.counts["tables"] == 0


def test_abbreviations_mark_the_first_use() -> None:
    report = Report()
    text = "## API basics\n\nAn API and [API docs](/x) and API.\n\n*[API]: application interface"
    assert texts(abbreviations.convert(lines(text), "p.md", report)) == (
        "## API basics\n\nAn {abbr}`API (application interface)` and [API docs](/x) and API.\n"
    )


def page(source: str, front: dict, body: str = "") -> Page:
    return Page(PurePosixPath(source), front, lines(body) if body else [])


def test_theme_loops_become_guide_lists() -> None:
    report = Report()
    body = (
        '<div class="link-list">\n  <h3>Getting started</h3>\n<ul>\n{% for p in site.pages %}\n'
        "  {% if p.theme == 'getting-started' %}\n  <li>{{ p.title }}</li>\n  {% endif %}\n"
        "{% endfor %}\n</ul>\n</div>"
    )
    themes = page("themes/index.md", {"layout": "wide", "title": "Themes"}, body)
    liquid.convert(themes, {}, "themes/index.md", report)
    assert texts(themes.body) == (
        "## Getting started\n\n```{guide-list}\n:theme: getting-started\n"
        ":type: any\n:sort: source\n```\n"
    )


def test_browse_page_keeps_only_its_front_matter() -> None:
    report = Report()
    browse = page("browse/index.md", {"layout": "browse"}, "<h2>A</h2>\n{% include _x.html %}")
    liquid.convert(browse, {}, "browse/index.md", report)
    assert browse.body == []


def test_includes_of_lists_of_pages_become_directives() -> None:
    report = Report()
    body = "<div>\n  {% include _phases.html %}\n</div>\n\n{% include _role-links.html %}"
    index = page("phases/index.md", {"layout": "phases-index"}, body)
    liquid.convert(index, {}, "phases/index.md", report)
    assert texts(index.body) == body  # kept through the HTML pass, then:
    assert texts(
        liquid.include_directives(lines("  {% include _phases.html %}\nText"), report)
    ) == ("\n```{phase-navigation}\n```\n\nText")
    assert texts(liquid.include_directives(lines("{% include _role-links.html %}"), report)) == (
        "\n```{role-links}\n```\n"
    )
    assert report.issues == []
    assert report.counts["liquid.include"] == 2


def test_unknown_liquid_reported() -> None:
    report = Report()
    other = page("a.md", {}, "{% capture x %}")
    liquid.convert(other, {}, "a.md", report)
    assert report.issues[0].kind == "liquid"


def test_home_page_header_moves_to_front_matter() -> None:
    report = Report()
    body = '<header>\n<h1>Manual</h1>\n<h2 class="subtitle">Build well</h2>\n</header>\n\n<p>Hi</p>'
    home = page("index.html", {"layout": "homepage"}, body)
    liquid.home_page(home, report)
    assert (home.front["title"], home.front["subtitle"]) == ("Manual", "Build well")
    assert texts(home.body) == "\n<p>Hi</p>"


def test_every_page_has_a_parent_index() -> None:
    names = {"index", "a/index", "a/b", "a/c/d", "a/e/index", "f/g"}
    assert toctree.children(names) == {
        "index": ["a/index", "f/g"],
        "a/index": ["a/b", "a/c/d", "a/e/index"],
    }
    entries = [line.text for line in toctree.toctree_lines("a/index", ["a/c/d"], 1)]
    assert entries[-2:] == ["c/d", "```"]


def test_redirect_map() -> None:
    data = redirects.build(["index", "a/index", "a/b"])
    # /a/index: 2016 pages link to folder pages without .html too.
    assert data["redirects"] == {
        "a/b/index": "../b.html",
        "a/index/index": "../index.html",
        "index/index": "../index.html",
    }
    assert data["pages"] == {
        "/service-manual": "index",
        "/service-manual/": "index",
        "/service-manual/index": "index",
        "/service-manual/index.html": "index",
        "/service-manual/a": "a/index",
        "/service-manual/a/": "a/index",
        "/service-manual/a/index": "a/index",
        "/service-manual/a/index.html": "a/index",
        "/service-manual/a/b": "a/b",
        "/service-manual/a/b.html": "a/b",
    }
