"""A writer moves a page and keeps its old URLs: ``old_paths`` in the front matter.

The ``old-paths`` root has a guide moved from ``team/`` to ``operations/`` that lists where it
was, and a guide whose ``old_paths`` hold every kind of mistake. Each old path gets a valid
redirect page (doctype, ``lang``, title, canonical link, a visible link, a refresh without
JavaScript and a script file that keeps the ``#fragment``); each mistake warns at the
``old_paths`` line. An incremental build, as a guide gains and loses old paths and a page is
made where a guide used to be, writes exactly what a fresh build writes.
"""

from __future__ import annotations

import json
import posixpath
import zipfile
from pathlib import Path

import pytest
from conftest import SRCDIR, Site, build_root, heading_text, soup
from index_pages_support import Project, Result
from redirect_support import redirect_of
from service_manual.old_paths import old_path

PREFIX = f"{SRCDIR}/operations/monitoring.md:5: WARNING: "
EXPECTED_WARNINGS = sorted(
    [
        f"{PREFIX}old path 'https://www.gov.uk/service-manual/operations/monitoring' is a URL, "
        "not a path of this site (write the path from the site's root, such as "
        "/old-folder/old-page); it is ignored [service_manual.old_path]",
        f"{PREFIX}old path '../monitoring.html' has '.' or '..' in it; write the path from the "
        "site's root; it is ignored [service_manual.old_path]",
        f"{PREFIX}'old_paths' items must be text, not a number; 404 is ignored "
        "[service_manual.old_path]",
        f"{PREFIX}old path '/assets/monitoring.pdf' is the path of a file (.pdf), not of a "
        "page; it is ignored [service_manual.old_path]",
        f"{PREFIX}old path '/monitoring?page=2' has a ?query or #fragment, which a redirect "
        "page cannot answer; it is ignored [service_manual.old_path]",
        f"{PREFIX}old path 'operations/monitoring' is this page's own path; no redirect page "
        "is made for it [service_manual.old_path]",
        f"{PREFIX}old path 'search' is the path of 'search', a page the build makes; no "
        "redirect page is made for it [service_manual.old_path]",
        f"{PREFIX}old path 'team/index' is the path of the page 'team/index', which is still "
        "there; no redirect page is made for it [service_manual.old_path]",
        f"{PREFIX}old path 'team/web-ops' is claimed by 2 pages ('operations/monitoring', "
        "'operations/web-operations'); its redirect page leads to 'operations/monitoring' "
        "[service_manual.old_path]",
        f"{SRCDIR}/operations/web-operations.md:6: WARNING: old path 'team/web-ops' is claimed "
        "by 2 pages ('operations/monitoring', 'operations/web-operations'); its redirect page "
        "leads to 'operations/monitoring' [service_manual.old_path]",
    ]
)

# Redirect page -> the page it leads to, for the html builder.
REDIRECTS = {
    "team/web-operations.html": "operations/web-operations.html",
    "team/retired/index.html": "operations/web-operations.html",
    "team/web-ops.html": "operations/monitoring.html",  # claimed twice: the first by name
    "operations/alerts.html": "operations/monitoring.html",
}


# ----------------------------------------------------------------------------- the forms


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("/the-team/old-name.html", "the-team/old-name"),
        ("the-team/old-name.html", "the-team/old-name"),
        ("/old-folder/guide", "old-folder/guide"),
        ("old-folder/guide", "old-folder/guide"),
        ("/retired-section/", "retired-section/index"),
        ("/", "index"),
        ("  /padded.html  ", "padded"),
        ("/guides/release-1.2", "guides/release-1.2"),
        ("/cymraeg/tîm", "cymraeg/tîm"),
    ],
)
def test_accepted_forms(written: str, normalised: str) -> None:
    assert old_path(written) == (normalised, None)


@pytest.mark.parametrize(
    "written",
    [
        "",
        "https://example.com/page",
        "//example.com/page",
        "mailto:someone@example.com",
        "javascript:alert(1)",
        "../outside",
        "/a/../../outside",
        "/a/./b",
        "/a//b",
        "/a?b=c",
        "/a#section",
        "/a\\b",
        "/a b",
        "/a%20b",
        "/a\x00b",
        "/_static/page",
        "/.git/config",
        "/a/.html",
        "/file.pdf",
        "/page.htm",
        "/page.md",
    ],
)
def test_refused_forms(written: str) -> None:
    path, problem = old_path(written)
    assert path == "" and problem


# ----------------------------------------------------------------------------- one build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_root("old-paths", tmp_path_factory.mktemp("old-paths"))


def test_warnings_are_located_at_the_old_paths_line(site: Site) -> None:
    assert site.warnings == EXPECTED_WARNINGS


def test_a_moved_guide_keeps_its_old_urls(site: Site) -> None:
    for file, target in REDIRECTS.items():
        said = redirect_of(soup(site.outdir / file))
        href = posixpath.relpath(target, posixpath.dirname(file))
        title = heading_text(soup(site.outdir / target).find("h1"))
        assert said == {
            "lang": "en",
            "title": "This page has moved",
            "canonical": href,
            "refresh": href,
            "script": [posixpath.relpath("_static/redirect.js", posixpath.dirname(file))],
            "link": (title, href),
            "text": f"This page has moved This page has moved to {title}.",
        }, file
    assert (site.outdir / "_static" / "redirect.js").is_file()


def test_no_redirect_page_where_a_page_still_is(site: Site) -> None:
    for file in ("team/index.html", "search.html", "operations/monitoring.html"):
        assert soup(site.outdir / file).find("meta", attrs={"http-equiv": "refresh"}) is None
    made = {
        p.relative_to(site.outdir).as_posix()
        for p in site.outdir.rglob("*.html")
        if soup(p).find("meta", attrs={"http-equiv": "refresh"}) is not None
    }
    assert made == set(REDIRECTS)


def test_guides_json_lists_the_old_paths(site: Site) -> None:
    records = {g["docname"]: g["old_paths"] for g in json.loads(site.text("guides.json"))["guides"]}
    assert records["operations/web-operations"] == [
        "team/web-operations.html",
        "team/web-ops.html",
        "team/retired/index.html",
    ]
    assert records["team/index"] == []


# ----------------------------------------------------------------------------- other builders


def test_dirhtml_puts_them_where_it_puts_pages(tmp_path: Path) -> None:
    site = build_root("old-paths", tmp_path, "dirhtml")
    said = redirect_of(soup(site.outdir / "team/web-operations/index.html"))
    assert said["refresh"] == "../../operations/web-operations/"
    assert said["script"] == ["../../_static/redirect.js"]


def test_canonical_link_from_html_baseurl(tmp_path: Path) -> None:
    site = build_root("old-paths", tmp_path, html_baseurl="https://manual.example.org/en/")
    said = redirect_of(soup(site.outdir / "team/web-operations.html"))
    assert said["canonical"] == "https://manual.example.org/en/operations/web-operations.html"
    assert said["refresh"] == "../operations/web-operations.html"


def test_a_template_of_the_projects_own(tmp_path: Path) -> None:
    def prepare(srcdir: Path) -> None:
        (srcdir / "_redirect.html").write_text(
            '<!DOCTYPE html><html lang="${lang}"><title>${title}</title>'
            '<p>Gone to <a href="${to_uri}">${to_uri}</a></p></html>\n',
            encoding="utf-8",
        )

    site = build_root(
        "old-paths", tmp_path, prepare=prepare, redirect_html_template_file="_redirect.html"
    )
    assert site.text("team/web-operations.html") == (
        '<!DOCTYPE html><html lang="en"><title>This page has moved</title>'
        '<p>Gone to <a href="../operations/web-operations.html">'
        "../operations/web-operations.html</a></p></html>\n"
    )


def test_a_template_that_cannot_be_filled_in_warns(tmp_path: Path) -> None:
    def prepare(srcdir: Path) -> None:
        (srcdir / "_redirect.html").write_text("<p>${nothing}</p>\n", encoding="utf-8")

    site = build_root(
        "old-paths", tmp_path, prepare=prepare, redirect_html_template_file="_redirect.html"
    )
    assert [w for w in site.warnings if "old_path" not in w] == [
        "WARNING: redirect_html_template_file: the template cannot be filled in "
        "(KeyError('nothing')); the extension's own template is used [service_manual.config]"
    ]
    assert redirect_of(soup(site.outdir / "team/web-operations.html"))["lang"] == "en"


def test_a_template_that_is_not_there_warns(tmp_path: Path) -> None:
    site = build_root("old-paths", tmp_path, redirect_html_template_file="_missing.html")
    assert [w for w in site.warnings if "old_path" not in w] == [
        f"WARNING: redirect_html_template_file: {SRCDIR}/_missing.html cannot be read ([Errno 2] "
        f"No such file or directory: '{SRCDIR}/_missing.html'); the extension's own template is "
        "used [service_manual.config]"
    ]
    assert redirect_of(soup(site.outdir / "team/web-operations.html"))["lang"] == "en"


def test_the_epub_has_no_redirect_pages(tmp_path: Path) -> None:
    site = build_root("old-paths", tmp_path, "epub", version="1")
    (book,) = site.outdir.glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        names = set(epub.namelist())
    assert "operations/web-operations.xhtml" in names
    assert not {n for n in names if n.startswith(("team/web", "team/retired", "operations/al"))}
    assert not (site.outdir / "_static" / "redirect.js").exists()


# ----------------------------------------------------------------------------- incremental


GUIDE = "operations/web-operations.md"


def gain_a_path(p: Project) -> None:
    p.replace(GUIDE, "  - /team/retired/\n", "  - /team/retired/\n  - /ops/web-operations\n")


def lose_a_path(p: Project) -> None:
    p.replace(GUIDE, "  - /team/web-operations.html\n", "")


def page_made_at_an_old_path(p: Project) -> None:
    p.write("team/retired/index.md", "---\ntitle: Retired guides\norphan: true\n---\n\nNone.\n")


def that_page_deleted(p: Project) -> None:
    p.delete("team/retired/index.md")


def guide_moved_again(p: Project) -> None:
    text = p.path(GUIDE).read_text(encoding="utf-8")
    p.delete(GUIDE)
    p.write(
        "run/web-operations.md",
        text.replace("old_paths:\n", "old_paths:\n  - /operations/web-operations.html\n"),
    )
    p.replace("index.md", "operations/web-operations\n", "run/web-operations\n")


STEPS = [gain_a_path, lose_a_path, page_made_at_an_old_path, that_page_deleted, guide_moved_again]


Files = dict[str, bytes]


def files(result: Result) -> Files:
    """Every file a build wrote, read at once: the next step builds over the same folder."""
    return {
        p.relative_to(result.outdir).as_posix(): p.read_bytes()
        for p in sorted(result.outdir.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Files, Files]]:
    """(incremental, fresh) output after each step."""
    project = Project("old-paths", tmp_path_factory.mktemp("old-paths-incremental"))
    project.build()
    steps = []
    for edit in STEPS:
        edit(project)
        incremental = files(project.build())
        fresh = files(project.fresh_build(tmp_path_factory.mktemp(f"fresh-{edit.__name__}")))
        steps.append((incremental, fresh))
    return steps


@pytest.mark.parametrize("step", range(len(STEPS)), ids=[s.__name__ for s in STEPS])
def test_incremental_builds_write_what_a_fresh_build_writes(history, step: int) -> None:
    """Every file, the search index and the neighbours' <link rel="prev|next"> included."""
    got, expected = history[step]
    assert sorted(got) == sorted(expected)
    assert {f for f in expected if got[f] != expected[f]} == set()


def test_the_steps_change_the_redirect_pages(history) -> None:
    def redirects(output: Files) -> set[str]:
        return {
            name
            for name, data in output.items()
            if name.endswith(".html") and b'http-equiv="refresh"' in data
        }

    made = [redirects(fresh) for _incremental, fresh in history]
    assert made[0] == set(REDIRECTS) | {"ops/web-operations.html"}
    assert made[1] == made[0] - {"team/web-operations.html"}
    assert made[2] == made[1] - {"team/retired/index.html"}
    assert made[3] == made[1]
    assert made[4] == made[3] | {"operations/web-operations.html"}
