"""Escaping: markup, script, template and TeX payloads in every field we print stay text.

The ``hostile-escaping`` root puts the payloads into titles, subtitles, breadcrumbs, the
hero (a page's title, or a promo's title, subtitle and URL), a phase's summary, video captions
and URLs, download titles and labels, printable cards and every kind of index list;
the test adds download files whose names are payloads. In HTML no payload becomes an element,
an attribute or a script URL, and ``{{ 7*7 }}`` is never evaluated; in LaTeX no payload is a
TeX command; the search index and ``guides.json`` stay valid and hold the payloads as text.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import Site, breadcrumb_items, build_root, heading_text, search_titles
from hostile_support import assert_no_traceback, html_pages, unlocated_or_untyped

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ 7*7 }}"
RAW = "{% raw %}"
TEX_INPUT = r"\input{/etc/passwd}"
TEX_WRITE = r"\write18{id}"
ALL = (SCRIPT, IMG, TEMPLATE, RAW, TEX_INPUT, TEX_WRITE)

TITLE = f"Title {SCRIPT} {IMG} {TEMPLATE} {RAW} {TEX_INPUT} {TEX_WRITE}"
OVERVIEW = f"Overview {SCRIPT} {IMG} {TEMPLATE} {TEX_INPUT}"

# Download files the test creates: their names are payloads too.
HOSTILE_FILES = [f"{IMG}.txt", "<script>alert(1).txt", f"{TEMPLATE}.txt", "$(id);`id`.txt"]

UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "srcset", "xlink:href"}


def make_hostile_files(srcdir: Path) -> None:
    for name in HOSTILE_FILES:
        (srcdir / "files" / name).write_text(f"the file {name}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build_root(
        "hostile-escaping", tmp_path_factory.mktemp("escaping"), prepare=make_hostile_files
    )


@pytest.fixture(scope="module")
def latex(tmp_path_factory: pytest.TempPathFactory) -> Site:
    # The project's PDF settings (conf.py): xelatex, no xindy.
    return build_root(
        "hostile-escaping",
        tmp_path_factory.mktemp("escaping-latex"),
        "latex",
        prepare=make_hostile_files,
        latex_engine="xelatex",
        latex_use_xindy=False,
    )


def plain(text: str) -> str:
    """Text as a reader sees it: Sphinx's smart quotes turned back, spaces collapsed."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r"\s+", " ", text)


PAGES = [
    "index",
    "guides/payload",
    "guides/overview",
    "guides/lists",
    "phases/alpha",
    "roles/developers",
    "roles/designers",
    "browse",
    "themes",
    "cards",
]


def test_the_site_builds_with_located_typed_warnings(site: Site) -> None:
    assert_no_traceback(*site.warnings)
    assert unlocated_or_untyped(site.warnings) == []
    assert sorted(str(p.relative_to(site.outdir)) for p in html_pages(site.outdir)) == sorted(
        [f"{page}.html" for page in PAGES] + ["404.html", "genindex.html", "search.html"]
    )


@pytest.mark.parametrize("docname", [*PAGES, "search", "genindex", "404"])
def test_no_payload_becomes_markup(site: Site, docname: str) -> None:
    page = site.html(docname)
    for script in page.find_all("script"):
        # Sphinx's and our own scripts, all files of the site; none inline.
        src = urlsplit(script.get("src", ""))
        assert src.path.endswith(".js") and not (src.scheme or src.netloc), script
        assert not script.get_text().strip(), script
    assert page.find_all("img") == []
    assert page.find_all(["iframe", "object", "embed", "svg", "math", "base", "meta"]) == [
        meta
        for meta in page.find_all("meta")
        if set(meta.attrs) <= {"charset", "name", "content"}
        or (set(meta.attrs) == {"property", "content"} and meta["property"].startswith("og:"))
    ]
    for element in page.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), element
            if name in URL_ATTRIBUTES or name.endswith("-url"):
                url = re.sub(r"[\x00-\x20]", "", str(value)).lower()
                assert not url.startswith(UNSAFE_SCHEMES), element
    # The template payload is shown as written, never evaluated.
    assert "49" not in page.get_text()


def texts(page: BeautifulSoup, selector: str) -> str:
    found = page.select(selector)
    assert found, selector
    return plain(" ".join(heading_text(e) if e.name == "h1" else e.get_text() for e in found))


@pytest.mark.parametrize(
    ("docname", "selector", "payloads"),
    [
        ("guides/payload", "title", ALL),
        ("guides/payload", "h1", ALL),
        ("guides/payload", "p.sm-subtitle", ALL),
        ("guides/payload", "nav.govuk-breadcrumbs li", (SCRIPT, IMG, TEMPLATE, TEX_INPUT)),
        ("guides/payload", "figcaption", ALL),
        ("guides/payload", "p.sm-downloads__title", ALL),
        ("guides/payload", ".sm-download__name", (SCRIPT, IMG, TEMPLATE, TEX_WRITE)),
        ("guides/overview", "h1", (SCRIPT, IMG, TEMPLATE, TEX_INPUT)),
        ("guides/lists", "ul.sm-guide-list a.sm-guide-list__title", ALL),
        ("guides/lists", "p.sm-guide-list__subtitle", ALL),
        ("guides/lists", "p.sm-guide-list__empty", (SCRIPT, IMG, TEMPLATE, TEX_INPUT)),
        ("phases/alpha", "a.sm-guide-list__title", ALL),
        ("roles/developers", ".sm-hero a.sm-guide-list__title", ALL),
        ("roles/designers", "a.sm-guide-list__title", (SCRIPT, IMG, TEMPLATE, TEX_INPUT)),
        ("browse", "a.sm-guide-list__title", ALL),
        ("themes", "a.sm-guide-list__title", ALL),
        ("roles/designers", ".sm-hero a.sm-guide-list__title", ALL),
        ("roles/designers", ".sm-hero .sm-guide-list__subtitle", ALL),
        ("index", "p.sm-phases__summary", ALL),
        ("cards", "h1", (SCRIPT, TEMPLATE, TEX_INPUT)),
        ("cards", "h2.sm-card__title", ALL),
        ("cards", "p.sm-card__subtitle", ALL),
        ("guides/payload", "a.sm-tag", ()),
    ],
)
def test_every_printed_field_shows_its_payload_as_text(
    site: Site, docname: str, selector: str, payloads: tuple[str, ...]
) -> None:
    shown = texts(site.html(docname), selector)
    for payload in payloads:
        assert payload in shown, (payload, shown)


@pytest.mark.parametrize(
    ("docname", "key", "payloads"),
    [
        ("guides/payload", "description", ALL),
        ("guides/payload", "og:title", ALL),
        ("guides/payload", "og:description", ALL),
        ("guides/overview", "og:title", (SCRIPT, IMG, TEMPLATE, TEX_INPUT)),
        ("guides/overview", "description", (SCRIPT, TEMPLATE, TEX_WRITE)),
    ],
)
def test_page_metadata_holds_the_payloads_as_text(
    site: Site, docname: str, key: str, payloads: tuple[str, ...]
) -> None:
    page = site.html(docname)
    (meta,) = page.find_all("meta", attrs={"property" if key.startswith("og:") else "name": key})
    for payload in payloads:
        assert payload in meta["content"], (payload, meta)
    assert page.find("meta", property="og:url") is None  # no base URL: no page URL made up


def test_the_video_caption_is_text_in_its_attribute_too(site: Site) -> None:
    figure = site.html("guides/payload").select("figure.sm-video")[0]
    assert plain(figure["data-title"]).startswith(f"Caption {SCRIPT} {IMG} {TEMPLATE}")
    assert figure["data-embed-url"].startswith("https://www.youtube-nocookie.com/embed/")


def test_a_hero_url_is_an_attribute_and_nothing_more(site: Site) -> None:
    (link,) = site.html("roles/designers").select(".sm-hero a")
    assert link["href"] == f"https://example.com/{IMG}"


def test_only_safe_breadcrumb_links(site: Site) -> None:
    items = breadcrumb_items(site.html("guides/payload"))
    assert items is not None
    assert [(plain(text), href) for text, href in items] == [
        (f"Crumb {SCRIPT} {IMG} {TEMPLATE} {TEX_INPUT}", "../index.html"),
        ("Script URL", None),
        ("Mixed case script URL", None),
        ("Script URL behind a tab", None),
        ("Script URL behind a control character", None),
        ("Data URL", None),
        ("Attribute break", None),
        ("Attribute break in an allowed URL", f"https://example.com/{IMG}"),
        ("Protocol-relative", None),
        ("Template URL", None),
    ]


def test_refused_videos_link_nowhere(site: Site) -> None:
    figures = site.html("guides/payload").select("figure.sm-video")
    linked = [(f.get("data-embed-url"), [a["href"] for a in f.find_all("a")]) for f in figures]
    assert linked == [
        (
            "https://www.youtube-nocookie.com/embed/Ab0_-cDeF12?autoplay=1&rel=0",
            ["https://www.youtube.com/watch?v=Ab0_-cDeF12"],
        ),
        (None, []),
        (None, []),
        # The start time that tried to break out is not a time: the video starts at 0.
        (
            "https://www.youtube-nocookie.com/embed/Ab0_-cDeF12?autoplay=1&rel=0",
            ["https://www.youtube.com/watch?v=Ab0_-cDeF12"],
        ),
        (None, []),
        (None, []),
    ]


def test_hostile_file_names_are_copied_and_shown_as_text(site: Site) -> None:
    blocks = site.html("guides/payload").select("div.sm-downloads")
    links = blocks[-1].select("li.sm-download a")
    assert [plain(a.get_text()) for a in links] == HOSTILE_FILES
    copied = {p.name: p for p in (site.outdir / "_downloads").rglob("*") if p.is_file()}
    for link, name in zip(links, HOSTILE_FILES, strict=True):
        assert link["href"].startswith("../_downloads/")
        assert name in copied
    assert sorted(copied) == sorted([*HOSTILE_FILES, "plain.txt"])


def test_the_search_index_holds_the_payloads_as_text(site: Site) -> None:
    titles = search_titles(site.outdir)
    assert plain(titles["guides/payload"]) == TITLE
    assert plain(titles["guides/overview"]) == OVERVIEW


def test_guides_json_holds_the_payloads_as_text(site: Site) -> None:
    data = json.loads(site.text("guides.json"))
    records = {r["docname"]: r for r in data["guides"]}
    payload = records["guides/payload"]
    assert payload["title"] == TITLE
    assert payload["subtitle"].startswith(f"Subtitle {SCRIPT} {IMG} {TEMPLATE}")
    assert payload["breadcrumbs"][0]["title"] == f"Crumb {SCRIPT} {IMG} {TEMPLATE} {TEX_INPUT}"
    assert records["roles/developers"]["hero"] == TITLE


# ----------------------------------------------------------------------------- LaTeX


def tex_source(latex: Site) -> str:
    (tex,) = latex.outdir.glob("*.tex")
    return tex.read_text(encoding="utf-8")


def test_latex_has_no_payload_commands(latex: Site) -> None:
    assert_no_traceback(*latex.warnings)
    tex = tex_source(latex)
    for command in ("input{/etc/passwd}", "write18{id}", "input\\{/etc/passwd\\}"):
        for match in re.finditer(re.escape(command), tex):
            before = tex[max(0, match.start() - 16) : match.start()]
            assert before.endswith("\\textbackslash{}"), tex[match.start() - 40 : match.end()]
    assert tex.count("\\textbackslash{}input\\{/etc/passwd\\}") >= 5
    assert tex.count("\\textbackslash{}write18\\{id\\}") >= 5
    assert tex.count("\\{\\{ 7*7 \\}\\}") >= 5


@pytest.mark.latex
@pytest.mark.slow
def test_latex_compiles_without_running_a_payload(latex: Site) -> None:
    from tooling import require_tool

    latexmk = require_tool("latexmk")
    require_tool("xelatex")
    (tex,) = latex.outdir.glob("*.tex")
    # latexmk as Sphinx's own Makefile runs it; TeX's shell escape stays at its default (off).
    result = subprocess.run(
        [latexmk, "-pdfxe", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=latex.outdir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    log = tex.with_suffix(".log").read_text(encoding="latin-1")
    assert result.returncode == 0, log[-3000:]
    assert tex.with_suffix(".pdf").stat().st_size > 0
    assert "/etc/passwd" not in re.sub(r"\\textbackslash \{\}input\\\{/etc/passwd\\\}", "", log)
    assert "runsystem" not in log
