"""GOV.UK Frontend in the theme: the vendored files, and what every page of the manual loads.

The site is not on a gov.uk domain: no GDS Transport font and no GOV.UK brand image, so no
page may ask for a font or an ``/assets/`` file. Nothing is inline (no script body, style
attribute or element, or event attribute), so the pages work under
``Content-Security-Policy: default-src 'self'`` (``tests/browser/test_browser_csp.py`` checks
that in Chromium). Every file a page loads is one the build wrote.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, soup

THEME_STATIC = REPO / "_ext" / "service_manual" / "theme" / "static"
VENDORED = THEME_STATIC / "govuk-frontend"

# What a page loads as it opens: (element, attribute).
LOADED = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")}
FONT_SUFFIXES = {".woff", ".woff2", ".ttf", ".otf", ".eot"}


def pinned_version() -> str:
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    version = package["devDependencies"]["govuk-frontend"]
    assert lock["packages"]["node_modules/govuk-frontend"]["version"] == version
    return str(version)


def test_one_exact_6x_version_is_pinned_and_named_beside_the_files() -> None:
    version = pinned_version()
    assert re.fullmatch(r"6\.\d+\.\d+", version), version
    licence = (VENDORED / "LICENCE.txt").read_text(encoding="utf-8")
    assert licence.startswith(f"GOV.UK Frontend {version}\n")
    assert "The MIT License (MIT)" in licence
    css = (VENDORED / "govuk-frontend.min.css").read_text(encoding="utf-8")
    assert re.search(rf'--govuk-frontend-version: ?"{re.escape(version)}"', css)
    assert "\ufffd" not in css
    js = (VENDORED / "govuk-frontend.min.js").read_text(encoding="utf-8")
    assert js.startswith(f'const version="{version}";')


def test_the_vendored_css_has_no_font_and_no_image() -> None:
    css = (VENDORED / "govuk-frontend.min.css").read_text(encoding="utf-8")
    assert "@font-face" not in css
    assert "GDS Transport" not in css
    assert "url(" not in css
    # Frontend's fallback for sites off gov.uk, and nothing else.
    families = set(re.findall(r"font-family:([^;}]+)", css))
    assert families <= {"helvetica,arial,sans-serif", "sans-serif"}, families


def test_the_vendored_javascript_names_no_file_that_is_not_shipped() -> None:
    js = (VENDORED / "govuk-frontend.min.js").read_text(encoding="utf-8")
    assert "sourceMappingURL" not in js
    assert sorted(p.name for p in VENDORED.iterdir()) == [
        "LICENCE.txt",
        "govuk-frontend.min.css",
        "govuk-frontend.min.js",
    ]


def test_our_own_stylesheet_loads_nothing() -> None:
    css = (THEME_STATIC / "service-manual.css").read_text(encoding="utf-8")
    assert "url(" not in css
    assert "@import" not in css
    assert "@font-face" not in css


def html_pages(outdir: Path) -> list[Path]:
    return sorted(p for p in outdir.rglob("*.html") if "_static" not in p.parts)


@pytest.fixture(scope="module")
def pages(docs_html: Path) -> dict[str, BeautifulSoup]:
    found = {str(p.relative_to(docs_html)): soup(p) for p in html_pages(docs_html)}
    assert "the-team/web-operations.html" in found and "search.html" in found
    return found


def test_nothing_is_inline(pages: dict[str, BeautifulSoup]) -> None:
    for name, page in pages.items():
        assert page.find_all("style") == [], name
        for script in page.find_all("script"):
            assert script.get("src") and not script.get_text().strip(), (name, script)
        for element in page.find_all(True):
            attributes = set(element.attrs)
            assert "style" not in attributes, (name, element)
            assert not [a for a in attributes if a.lower().startswith("on")], (name, element)
        # Frontend's page template sets these classes with an inline script; we do not.
        assert "js-enabled" not in page.body.get("class", []), name


def test_every_file_a_page_loads_is_shipped(
    docs_html: Path, pages: dict[str, BeautifulSoup]
) -> None:
    for name, page in pages.items():
        base = f"http://127.0.0.1/{name}"
        for element in page.find_all(True):
            for tag, attribute in LOADED:
                if element.name != tag or not element.get(attribute):
                    continue
                if tag == "link" and not {"stylesheet", "icon"} & set(element.get("rel", [])):
                    continue  # a link to follow, not a file to load
                url = urlsplit(urljoin(base, element[attribute]))
                assert url.netloc == "127.0.0.1", (name, element)
                path = docs_html / unquote(url.path).lstrip("/")
                assert path.is_file(), (name, element)
                assert path.suffix not in FONT_SUFFIXES, (name, element)


def test_no_font_file_is_shipped(docs_html: Path) -> None:
    assert [p for p in docs_html.rglob("*") if p.suffix in FONT_SUFFIXES] == []


def test_scripts_never_block_the_page(pages: dict[str, BeautifulSoup]) -> None:
    """Pages open before any script runs, but the search page, where Sphinx's search needs
    its scripts in order."""
    for name, page in pages.items():
        if name == "search.html":
            continue
        for script in page.find_all("script"):
            assert script.get("type") == "module" or script.has_attr("defer"), (name, script)


def test_frontend_is_started_from_a_module_file(docs_html: Path, pages) -> None:
    page = pages["the-team/web-operations.html"]
    (init,) = [s for s in page.find_all("script") if "init.js" in s["src"]]
    assert init["type"] == "module"
    source = (docs_html / "_static" / "init.js").read_text(encoding="utf-8")
    assert 'from "./govuk-frontend/govuk-frontend.min.js"' in source
    assert "govuk-frontend-supported" in source
    assert (docs_html / "_static" / "govuk-frontend" / "govuk-frontend.min.js").is_file()


def test_every_page_has_the_frame_in_frontend_markup(pages: dict[str, BeautifulSoup]) -> None:
    for name, page in pages.items():
        assert page.html["class"] == ["govuk-template"], name
        assert "govuk-template__body" in page.body["class"], name
        skip = page.body.find("a")
        assert skip["class"] == ["govuk-skip-link"] and skip["href"] == "#main-content", name
        (header,) = page.select("header.govuk-template__header")
        # Not on a gov.uk domain: the generic header, no crown, no GOV.UK logotype.
        assert header.select(".govuk-generic-header__homepage-link"), name
        assert header.select(".govuk-header, svg") == [], name
        assert "GOV.UK" not in header.get_text(), name
        assert page.select("main#main-content.govuk-main-wrapper"), name
        (footer,) = page.select("footer.govuk-template__footer .govuk-footer")
        assert footer.select(".govuk-footer__crown, .govuk-footer__copyright-logo, svg") == []


def test_service_navigation_links_home_browse_and_phases(pages) -> None:
    def navigation(name: str) -> list[tuple[str, str, str | None]]:
        (nav,) = pages[name].select("nav.govuk-service-navigation__wrapper")
        return [
            (a.get_text(strip=True), a["href"], a.get("aria-current"))
            for a in nav.select("li.govuk-service-navigation__item > a")
        ]

    assert navigation("the-team/web-operations.html") == [
        ("Home", "../index.html", None),
        ("Browse guides", "../browse/index.html", None),
        ("Phases", "../phases/index.html", None),
    ]
    assert navigation("index.html")[0] == ("Home", "#", "page")
    assert navigation("browse/index.html")[1] == ("Browse guides", "#", "page")
    assert navigation("phases/discovery.html")[2] == ("Phases", "index.html", "true")


def test_search_forms_are_valid_and_use_frontend_markup(pages) -> None:
    (header_form,) = pages["index.html"].select("header form[role=search]")
    assert header_form["action"] == "search.html" and header_form["method"] == "get"
    label = header_form.find("label")
    field = header_form.find("input", attrs={"name": "q"})
    assert label["for"] == field["id"] and "govuk-input" in field["class"]
    assert "govuk-button" in header_form.find("button", type="submit")["class"]

    search = pages["search.html"]
    # No header search on the search page: one search form, one input named q.
    (form,) = search.select("form")
    assert form["action"] and form["method"] == "get"
    (field,) = form.select("input.govuk-input[name=q]")
    assert search.find("label", attrs={"for": field["id"]}).get_text() == "Search the manual"
    assert field["aria-describedby"] == form.select_one(".govuk-hint")["id"]
    assert "govuk-button" in form.find("button", type="submit")["class"]
    # Sphinx's search writes its progress and results into these.
    assert search.find(id="search-progress") and search.find(id="search-results")
    scripts = [s["src"].split("?")[0] for s in search.find_all("script")]
    assert {"_static/searchtools.js", "_static/doctools.js", "searchindex.js"} <= set(scripts)
