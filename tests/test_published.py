"""Published like a web site: the 404 page, ``sitemap.xml``, ``robots.txt``, each page's
description and Open Graph tags, and the data the search page reads.

The ``published`` root is built without a base URL (as a local build is), with one (as Read
the Docs builds it, at ``/service-manual/``), from Read the Docs' variable alone, as an EPUB,
and incrementally. The browser tests (``tests/browser/test_browser_not_found.py`` and the
search figures in ``tests/migration/test_migrated_build.py``) look at the same output.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, Site, run_sphinx, search_titles, soup
from service_manual import published
from sphinx.config import Config

BASE = "https://manual.example/service-manual/"
PAGES = [
    "agile/index",
    "agile/retrospectives",
    "agile/sprints",
    "browse/index",
    "index",
    "operations/hidden",
    "operations/index",
    "operations/monitoring",
    "operations/no-subtitle",
]


@pytest.fixture(scope="module")
def local(build) -> Site:
    return build("published")


@pytest.fixture(scope="module")
def online(build) -> Site:
    return build("published", html_baseurl=BASE)


def metas(page: BeautifulSoup) -> dict[str, str]:
    """name= or property= -> content, for the tags this feature writes."""
    found = {}
    for meta in page.find_all("meta"):
        key = meta.get("name") or meta.get("property")
        if key and (key == "description" or key.startswith("og:")):
            assert key not in found, key
            found[key] = meta["content"]
    return found


def locations(site: Site) -> list[str]:
    text = site.text("sitemap.xml")
    return re.findall(r"<loc>([^<]*)</loc>", text)


# ----------------------------------------------------------------------------- 404 page


def internal_urls(page: BeautifulSoup) -> list[str]:
    urls = [str(e["href"]) for e in page.find_all(["a", "link"], href=True)]
    urls += [str(e["src"]) for e in page.find_all(["script", "img"], src=True)]
    urls += [str(e["action"]) for e in page.find_all("form", action=True)]
    return [u for u in urls if not urlsplit(u).scheme and not u.startswith("#")]


def test_the_404_page_links_under_the_base_urls_path(online: Site) -> None:
    page = soup(online.outdir / "404.html")
    assert online.warnings == []
    assert page.find("h1").get_text() == "Page not found"
    assert page.title.get_text().startswith("Page not found")
    urls = internal_urls(page)
    assert urls and all(u.startswith("/service-manual/") for u in urls), urls
    assert page.find("form", role="search")["action"] == "/service-manual/search.html"
    body = page.select_one("main")
    assert [a["href"] for a in body.find_all("a")] == [
        "/service-manual/search.html",
        "/service-manual/index.html",
    ]
    # It stands for every missing URL: no canonical link, no description, no Open Graph.
    assert page.find("link", rel="canonical") is None
    assert metas(page) == {}
    assert page.find("html")["data-content_root"] == "/service-manual/"


def test_without_a_base_url_the_404_page_links_from_the_root(local: Site) -> None:
    urls = internal_urls(soup(local.outdir / "404.html"))
    assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    assert "/search.html" in urls and "/index.html" in urls


def test_url_prefix_comes_from_the_base_url_or_read_the_docs(monkeypatch) -> None:
    class Config:
        html_baseurl = ""
        language = "cy"

    for name in ("READTHEDOCS", "READTHEDOCS_VERSION", "READTHEDOCS_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    assert published.url_prefix(Config()) == "/"  # type: ignore[arg-type]
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_VERSION", "latest")
    assert published.url_prefix(Config()) == "/cy/latest/"  # type: ignore[arg-type]
    Config.html_baseurl = "https://docs.example/en/2016"
    assert published.url_prefix(Config()) == "/en/2016/"  # type: ignore[arg-type]
    assert published.base_url(Config()) == "https://docs.example/en/2016/"  # type: ignore[arg-type]
    for not_a_site in ("javascript:alert(1)", "/service-manual/", "https://[::1"):
        Config.html_baseurl = not_a_site
        assert published.base_url(Config()) == ""  # type: ignore[arg-type]


# ----------------------------------------------------------------------- sitemap, robots


def test_the_sitemap_lists_every_page_but_the_404_page(online: Site) -> None:
    assert locations(online) == [BASE + f"{docname}.html" for docname in PAGES]
    assert online.text("sitemap.xml").startswith("<?xml version='1.0' encoding='utf-8'?>")


def test_robots_txt_names_the_sitemap(online: Site) -> None:
    assert online.text("robots.txt") == (
        "# Written by the service_manual Sphinx extension.\n"
        "User-agent: *\nDisallow:\n\n"
        f"Sitemap: {BASE}sitemap.xml\n"
    )


def test_without_a_base_url_no_sitemap_no_robots_and_no_warning(local: Site) -> None:
    assert local.warnings == []
    assert not (local.outdir / "sitemap.xml").exists()
    assert not (local.outdir / "robots.txt").exists()
    assert "sphinx_sitemap" not in local.app.extensions


def test_read_the_docs_variable_is_the_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """A project whose conf.py sets no html_baseurl, built on Read the Docs, gets Read the
    Docs' canonical URL; one that sets it, even to nothing, keeps its own."""
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://rtd.example/en/latest/")

    def configured(raw: dict[str, str]) -> tuple[str, str]:
        config = Config(raw, {})
        config.add("html_baseurl", "", "html", frozenset({str}))
        at_setup = published.base_url_at_setup(SimpleNamespace(config=config))  # type: ignore[arg-type]
        published.read_the_docs_base_url(None, config)  # type: ignore[arg-type]
        return at_setup, published.base_url(config)

    assert configured({}) == ("https://rtd.example/en/latest/",) * 2
    assert configured({"html_baseurl": ""}) == ("", "")
    assert configured({"html_baseurl": "https://own.example/sm"}) == (
        "https://own.example/sm",
        "https://own.example/sm/",
    )


# ----------------------------------------------------------------------------- metadata


def test_each_page_has_a_description_and_open_graph_tags(online: Site) -> None:
    assert metas(online.html("agile/sprints")) == {
        "description": "Agile teams work in agile sprints",
        "og:title": "Agile sprints",
        "og:description": "Agile teams work in agile sprints",
        "og:type": "article",
        "og:site_name": "Publishing test manual",
        "og:url": BASE + "agile/sprints.html",
    }
    home = metas(online.html("index"))
    assert (home["og:type"], home["og:url"]) == ("website", BASE + "index.html")
    for docname in PAGES:
        page = online.html(docname)
        assert {"description", "og:title", "og:description"} <= set(metas(page)), docname
        assert page.find("meta", property="og:image") is None


def test_without_a_subtitle_the_description_is_the_first_paragraph(online: Site) -> None:
    tags = metas(online.html("operations/no-subtitle"))
    assert tags["og:title"] == "People's names"  # as the front matter writes it
    description = tags["description"]
    assert description.startswith("Ask for a person\u2019s full name in one field")
    assert description.endswith("\u2026") and len(description) <= 200
    assert "note" not in description


def test_without_a_base_url_there_is_no_og_url(local: Site) -> None:
    tags = metas(local.html("agile/sprints"))
    assert "og:url" not in tags and tags["og:title"] == "Agile sprints"


def test_the_epub_has_descriptions_only(build) -> None:
    epub = build("published", "epub", html_baseurl=BASE)
    # (The EPUB theme has none of our layouts: each page says so, as in any EPUB build.)
    assert [w for w in epub.warnings if "[service_manual.layout]" not in w] == []
    page = soup(epub.outdir / "agile" / "sprints.xhtml")
    assert metas(page) == {"description": "Agile teams work in agile sprints"}
    for name in ("404.xhtml", "sitemap.xml", "robots.txt", "_static/search/pages-*.js"):
        assert not list(epub.outdir.glob(name)), name


# ------------------------------------------------------------------------------- search


def data_file(outdir: Path) -> str:
    """The search page's data file (named by its content), under the output folder."""
    (path,) = (outdir / "_static" / "search").glob("pages-*.js")
    return str(path.relative_to(outdir))


def search_data(site: Site) -> dict:
    text = site.text(data_file(site.outdir))
    prefix = "window.serviceManualSearch = "
    start = text.index(prefix) + len(prefix)
    return json.loads(text[start : text.rindex(";")])


def test_the_search_page_loads_the_scorer_and_the_page_data(online: Site) -> None:
    page = online.html("search")
    scripts = [urlsplit(s["src"]).path for s in page.find_all("script", src=True)]
    data = data_file(online.outdir)
    assert scripts.index(data) < scripts.index("_static/searchtools.js")
    assert "_static/search/subtitles.js" in scripts
    language_data = online.text("_static/language_data.js")
    assert "const EXACT_TITLE" in language_data  # html_search_scorer, inlined by Sphinx
    assert data not in online.html("index").decode()


def test_the_search_data_holds_subtitles_and_topics(online: Site) -> None:
    data = search_data(online)
    assert data["topics"] == [
        ["Agile", "agile/index"],
        ["Operations", "operations/index"],
        ["agile", "agile/index"],
        ["operations", "operations/index"],
    ]
    assert data["pages"]["agile/sprints"] == {
        "url": "agile/sprints.html",
        "subtitle": "Agile teams work in agile sprints",
    }
    assert "operations/no-subtitle" not in data["pages"]  # nothing to show
    assert "operations/hidden" not in data["pages"]  # not searched


def test_exclude_from_search_is_data_and_nosearch_leaves_a_page_out(online: Site) -> None:
    titles = search_titles(online.outdir)
    assert "agile/index" in titles  # exclude_from_search: true, as on the 2016 category pages
    assert "operations/hidden" not in titles  # nosearch: true
    export = {r["docname"]: r for r in json.loads(online.text("guides.json"))["guides"]}
    assert export["agile/index"]["exclude_from_search"] is True


# -------------------------------------------------------------------------- incremental


def output_files(outdir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
    }


def edit(path: Path, old: str, new: str, step: int) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stamp = time.time_ns() + step * 2_000_000_000  # later than any build, however fast
    os.utime(path, ns=(stamp, stamp))


def test_an_incremental_build_writes_what_a_fresh_one_does(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-published", srcdir)
    builddir = tmp_path / "incremental"
    run_sphinx(srcdir, builddir=builddir, html_baseurl=BASE)
    # A new page, and a subtitle changed: most pages are not written again. (The new page is
    # an orphan: a page added to a toctree changes its neighbours' prev/next links, which
    # Sphinx does not rewrite on an incremental build, sitemap or not.)
    (srcdir / "agile" / "pairing.md").write_text(
        "---\norphan: true\ntitle: Pairing\nsubtitle: Two people, one task\n---\n\nPair up.\n",
        encoding="utf-8",
    )
    edit(srcdir / "agile" / "sprints.md", "work in agile sprints", "plan in sprints", 1)
    # Built again in the same process, as a live preview does.
    incremental = run_sphinx(srcdir, builddir=builddir, freshenv=False, html_baseurl=BASE)
    written = re.findall(r"writing output\.\.\. \[[ \d%]+\] (\S+)", incremental.status.getvalue())
    assert "operations/monitoring" not in written  # so the sitemap did not see it written
    fresh = run_sphinx(srcdir, builddir=tmp_path / "fresh", html_baseurl=BASE)
    got, want = output_files(Path(incremental.outdir)), output_files(Path(fresh.outdir))
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []
    assert BASE + "operations/monitoring.html" in want["sitemap.xml"].decode()
    assert BASE + "agile/pairing.html" in want["sitemap.xml"].decode()
    assert "Two people, one task" in want[data_file(Path(fresh.outdir))].decode()
    # Built again without a base URL: the sitemap and robots.txt it published are gone.
    local = run_sphinx(srcdir, builddir=builddir, freshenv=False)
    assert not (Path(local.outdir) / "sitemap.xml").exists()
    assert not (Path(local.outdir) / "robots.txt").exists()
