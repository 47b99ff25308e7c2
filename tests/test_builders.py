"""The same roots built for print and plain text: no warnings, and what a reader of a PDF or a
text file needs is there (the video's caption and URL, the header tags, each download's name,
format, size and, when the site's URL is known, its full URL)."""

from __future__ import annotations

import re

import pytest
from conftest import breadcrumb_items
from sphinx.util.console import strip_escape_sequences

ROOTS = ["seed", "frontmatter", "breadcrumbs", "video", "downloads"]
BASEURL = "https://manual.example.org/"

# LaTeX of the test roots: `latex_documents` defaults to this name when `project` is unset.
TEX = "projectnamenotset.tex"


@pytest.mark.parametrize("buildername", ["latex", "text"])
@pytest.mark.parametrize("root", ROOTS)
def test_valid_roots_build_without_warnings(build, root: str, buildername: str) -> None:
    site = build(root, buildername)
    assert site.warnings == []
    if buildername == "text":
        written = sorted(str(p.relative_to(site.outdir)) for p in site.outdir.rglob("*.txt"))
        sources = sorted(
            str(p.relative_to(site.srcdir).with_suffix(".txt"))
            for p in site.srcdir.rglob("*.md")
            if "_build" not in p.parts
        )
        assert written == sources
    else:
        assert (site.outdir / TEX).is_file()


def unwrap(text: str) -> str:
    """Join the lines Sphinx's text writer wrapped (it breaks long URLs mid-word)."""
    return re.sub(r"\n +", "", text)


def test_text_shows_the_guide_header_video_and_downloads(build) -> None:
    site = build("seed", "text")
    text = site.text("team/operations.txt")
    assert text.startswith("Running the service\n*******************\n\n")
    assert "Keeping the service up, safe and quick" in text
    assert re.findall(r"^(\S[^\n]*):\n   ([^\n]+)$", text, flags=re.MULTILINE) == [
        ("For", "Web operations"),
        ("Also useful for", "Developers"),
        ("Phases", "Discovery, Live"),
        ("Status", "Draft"),
        ("Category", "The team"),
    ]
    assert (
        "Video:\n\nA site reliability engineer explains how the team is paged at night.\n\n"
        "Watch: https://www.youtube.com/watch?v=AbCdEfGhIjK\n"
    ) in text
    assert "Rota templates\n\n" in text
    assert "* Rota as a spreadsheet (rota.csv) Comma-separated values, CSV, 3 KB\n" in text
    assert "* Handbook as plain text (handbook.txt) Plain text, TXT, 2 KB\n" in text
    # HTML-only parts are left out: breadcrumbs, the Contents list.
    assert "Contents" not in text
    assert "Our team" not in text


def test_text_gives_full_download_urls_when_the_site_url_is_known(build) -> None:
    site = build("seed", "text", html_baseurl=BASEURL)
    assert site.warnings == []
    text = unwrap(site.text("team/operations.txt"))
    urls = re.findall(r"https://manual\.example\.org/_downloads/[0-9a-f]{32}/\S+", text)
    assert [u.rsplit("/", 1)[1] for u in urls] == ["rota.csv", "handbook.txt"]
    assert "* Rota as a spreadsheet (rota.csv) Comma-separated values, CSV, 3 KB https://" in text


def test_text_shows_each_video_caption_and_url(build) -> None:
    text = build("video", "text").text("forms.txt")
    found = re.findall(r"Video:\n\n(.+?)\n\nWatch: (\S+)\n", text, flags=re.DOTALL)
    assert found == [
        (
            "A designer shows a paper prototype to *two* users.",
            "https://www.youtube.com/watch?v=Ab0_-cDeF12",
        ),
        (
            "A developer explains continuous delivery.",
            "https://www.youtube.com/watch?v=Zy9xW8vU7t6&t=90s",
        ),
        (
            "A user researcher describes a lab session.",
            "https://www.youtube.com/watch?v=Qq1Ww2Ee3Rr&t=45s",
        ),
        ("A service manager talks about the alpha assessment.", "https://vimeo.com/123456789"),
    ]


def test_text_lists_downloads_with_format_and_size(build) -> None:
    text = build("downloads", "text", html_baseurl=BASEURL).text("guides/templates.txt")
    lines = unwrap(text).splitlines()
    items = [
        re.sub(r"_downloads/[0-9a-f]{32}/", "_downloads/H/", x) for x in lines if x[:2] == "* "
    ]
    assert items == [
        f"* plan.csv Comma-separated values, CSV, 9 KB {BASEURL}_downloads/H/plan.csv",
        f"* checklist.txt Plain text, TXT, 898 bytes {BASEURL}_downloads/H/checklist.txt",
        f"* Checklist for the team (checklist.txt) Plain text, TXT, 898 bytes "
        f"{BASEURL}_downloads/H/checklist.txt",
        f"* A one-line note (note.txt) Plain text, TXT, 18 bytes {BASEURL}_downloads/H/note.txt",
    ]


def test_text_without_site_url_has_no_download_urls(build) -> None:
    text = build("downloads", "text").text("guides/templates.txt")
    assert "_downloads" not in text
    assert "* plan.csv Comma-separated values, CSV, 9 KB\n" in text


RAW_HTML = re.compile(r"<\s*/?\s*(figure|figcaption|iframe|script|nav|div|span|a|p|dl|img)\b")


@pytest.mark.parametrize("root", ROOTS)
def test_latex_has_no_raw_html(build, root: str) -> None:
    assert not RAW_HTML.search(build(root, "latex").text(TEX))


def test_latex_shows_video_caption_and_url(build) -> None:
    tex = build("video", "latex").text(TEX)
    assert re.findall(r"\\begin\{quote\}\\textbf\{Video:\} (.*?)\\end\{quote\}", tex, re.S) == [
        "\n\\sphinxAtStartPar\nA designer shows a paper prototype to \\sphinxstyleemphasis{two} "
        "users.\n\\par\\sphinxurl{https://www.youtube.com/watch?v=Ab0\\_-cDeF12}",
        "\n\\sphinxAtStartPar\nA developer explains continuous delivery.\n"
        "\\par\\sphinxurl{https://www.youtube.com/watch?v=Zy9xW8vU7t6\\&t=90s}",
        "\n\\sphinxAtStartPar\nA user researcher describes a lab session.\n"
        "\\par\\sphinxurl{https://www.youtube.com/watch?v=Qq1Ww2Ee3Rr\\&t=45s}",
        "\n\\sphinxAtStartPar\nA service manager talks about the alpha assessment.\n"
        "\\par\\sphinxurl{https://vimeo.com/123456789}",
    ]


def test_latex_shows_tags_and_downloads(build) -> None:
    tex = build("seed", "latex", html_baseurl=BASEURL).text(TEX)
    assert "\\sphinxurl{https://www.youtube.com/watch?v=AbCdEfGhIjK}" in tex
    # The tags are one line of print: "For: ... Phases: ... Category: ...".
    line = next(ln for ln in tex.splitlines() if ln.startswith("\\noindent{}\\textbf{For:}"))
    assert re.findall(r"\\textbf\{([^}]*):\}", line) == [
        "For",
        "Also useful for",
        "Phases",
        "Status",
        "Category",
    ]
    for text in ["Web operations", "Developers", "Discovery", "Live", "Draft", "The team"]:
        assert text in line
    assert (
        "\\DUrole{sm-download__name}{Rota as a spreadsheet} (rota.csv) "
        "\\DUrole{sm-download__meta}{Comma\\sphinxhyphen{}separated values, CSV, 3 KB} "
        "\\sphinxurl{https://manual.example.org/\\_downloads/"
    ) in tex
    assert "Plain text, TXT, 2 KB} \\sphinxurl{https://manual.example.org/" in tex


@pytest.mark.parametrize("buildername", ["latex", "text"])
def test_bad_input_print_and_text_builds_warn_the_same(build, buildername: str) -> None:
    """The same located warnings of ours as HTML, but for breadcrumb links, which only HTML
    shows. (Sphinx's own toctree warnings depend on the builder.)"""
    html = build("bad-input")
    other = build("bad-input", buildername)

    def ours(warnings: list[str]) -> list[str]:
        return [w for w in warnings if re.search(r"\[(service_manual|myst)\.\w+\]$", w)]

    assert ours(other.warnings) == [
        w for w in ours(html.warnings) if not w.endswith("[service_manual.breadcrumb]")
    ]
    assert set(other.warnings) <= set(html.warnings)
    assert any(w.endswith("[service_manual.breadcrumb]") for w in html.warnings)


# ----------------------------------------------------------------------------- other builders


@pytest.mark.parametrize(
    "buildername",
    [
        "singlehtml",
        "dirhtml",
        "xml",
        "pseudoxml",
        "man",
        "texinfo",
    ],
)
def test_other_builders_build_the_seed_cleanly(build, buildername: str) -> None:
    site = build("seed", buildername)
    assert site.warnings == []


def test_dirhtml_breadcrumbs_and_tags_follow_its_urls(build) -> None:
    site = build("seed", "dirhtml")
    page = site.html("team/operations/index")
    assert breadcrumb_items(page) == [("Home", "../../"), ("Our team", "../")]
    assert [a["href"] for a in page.select("a.sm-tag")] == [
        "../../roles/web-ops/",
        "../../roles/developers/",
        "../../phases/discovery/",
        "../../phases/live/",
        "../",
    ]


def test_parallel_build_gives_the_same_pages(build) -> None:
    serial = build("seed")
    parallel = build("seed", parallel=2)
    assert parallel.warnings == []
    # With colour on, progress lines are rewritten in place with carriage returns.
    status = strip_escape_sequences(parallel.app.status.getvalue()).replace("\r", "\n")
    assert re.search(r"^reading sources\.\.\. \[ *\d+%\] \S+ \.\. \S+$", status, re.M)
    for docname in ["team/operations", "team/plain", "roles/web-ops", "phases/discovery"]:
        assert str(parallel.html(docname).find("main")) == str(serial.html(docname).find("main"))
