"""The 2016 manual, migrated and built with the project's conf.py: clean, whole, every URL kept.

One migration and one build for the module, with the command lines a person runs
(``python -m migrate_jekyll SRC DEST`` and ``python -m sphinx -b html -n --keep-going -c .``);
then checks on what they wrote:

- the build warns about the genuine defects of the 2016 sources and nothing else, and the
  migration report lists each of them;
- every page is reached from the home page through toctrees;
- every distinct ``/service-manual/...`` link target in the 2016 sources leads to a built page,
  a redirect page to it, or a copy of the file, linked from the page that linked it;
- every 2016 URL of every page is served, as a static host serves the site at
  ``/service-manual/``, by the page itself or by a redirect page to it;
- the themes page lists what the 2016 Liquid loops listed; ``guides.json`` lists every page;
- the Nu HTML Checker finds no error on any page, redirect pages included, and EPUBCheck none
  in the EPUB built from the same doctrees (both run in the background while the other tests
  do: ``validity.py``).
- in Chromium, the search page finds the page you mean: a page's exact title puts it first,
  a category's name puts its category page in the top 3, and results show subtitles.

The 2016 side is read straight from the corpus here, not through ``migrate_jekyll``, so a
mistake in the migration cannot hide itself. Needs ``../shared/corpus``: skipped without it,
failed with ``CI=true`` (the ``corpus`` fixture of :mod:`.test_migrate_corpus`).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import posixpath
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from served_site import chromium, serve
from validity import Found, check_book, check_html, errors

from . import test_migrate_corpus

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
PREFIX = "/service-manual"

# The fixture that finds the corpus (and skips, or fails in CI), shared with that module.
corpus = test_migrate_corpus.corpus

# The build's warnings: each a defect of the 2016 sources, which the migration keeps as it is
# (the .indd was never in the snapshot; four heroes name pages the manual does not have; two
# roles that guides name have no role page).
EXPECTED_WARNINGS = [
    "agile/features-of-agile.md:7: WARNING: no index page for role 'delivery-managers' (a page "
    "with layout: role-index and audience: delivery-managers); its tags on 15 page(s) are shown "
    "as plain text [service_manual.index]",
    "agile/features-of-agile.md:7: WARNING: no index page for role 'qa' (a page with layout: "
    "role-index and audience: qa); its tags on 20 page(s) are shown as plain text "
    "[service_manual.index]",
    "content-designers/index.md:6: WARNING: hero 'GOV.UK design principles' is not the title "
    "of any page; no promo is shown [service_manual.index]",
    "designers/index.md:6: WARNING: hero 'GOV.UK design principles' is not the title of any "
    "page; no promo is shown [service_manual.index]",
    "performance-analysts/index.md:6: WARNING: hero 'KPIs' is not the title of any page; no "
    "promo is shown [service_manual.index]",
    "user-centred-design/print-forms.md:126: WARNING: download "
    "'/assets/documents/print-forms/template-form.indd' does not exist; it is not copied "
    "[service_manual.download]",
    "user-researchers/index.md:6: WARNING: hero 'An introduction to user research' is not the "
    "title of any page; no promo is shown [service_manual.index]",
]
WARNING = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): WARNING: (?P<message>.*) \[[\w.]+\]$")
# How a warning names its defect, the report's kind for it, and what the report's message says.
DEFECTS = [
    (re.compile(r"^download '(?P<what>[^']+)' does not exist"), "downloads.missing", "{what}"),
    (re.compile(r"^hero '(?P<what>[^']+)' is not"), "front_matter.hero", "hero '{what}'"),
    (
        re.compile(r"^no index page for role '(?P<what>[^']+)'"),
        "front_matter.role_page",
        "role '{what}'",
    ),
]

# 2016 link targets: Markdown links and images, and href= in the raw HTML (NOTICE.md's count).
MARKDOWN_LINK = re.compile(r"\]\(\s*<?(/service-manual[^)\s>]*)")
HTML_HREF = re.compile(r"""\bhref\s*=\s*["'](/service-manual[^"']*)["']""")
MISSING_FILE = "/service-manual/assets/documents/print-forms/template-form.indd"
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)^---\s*$", re.S | re.M)
THEME_SECTION = re.compile(r"<h3>(?P<title>.*?)</h3>.*?p\.theme\s*==\s*'(?P<theme>[\w-]+)'", re.S)
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".svg"}
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


# ---------------------------------------------------------------------- the 2016 side


def source_pages(corpus: Path) -> dict[str, Path]:
    """docname -> 2016 source: every Markdown page, and ``index.html`` (the home page)."""
    found = {str(p.relative_to(corpus).with_suffix("")): p for p in corpus.rglob("*.md")}
    found["index"] = corpus / "index.html"
    return dict(sorted(found.items()))


def front_matter(path: Path) -> dict[str, Any]:
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def link_targets(corpus: Path) -> dict[str, set[str]]:
    """Every distinct internal target, ``#fragment`` stripped -> the docnames that link to it."""
    targets: dict[str, set[str]] = {}
    for docname, path in source_pages(corpus).items():
        text = path.read_text(encoding="utf-8")
        for pattern in (MARKDOWN_LINK, HTML_HREF):
            for match in pattern.finditer(text):
                targets.setdefault(match.group(1).partition("#")[0], set()).add(docname)
    return targets


def old_urls(docname: str) -> list[str]:
    """The URLs 2016 served a page at, with and without ``.html``, and its folder's."""
    urls = [f"{PREFIX}/{docname}", f"{PREFIX}/{docname}.html"]
    if docname == "index" or docname.endswith("/index"):
        folder = PREFIX + "/" + docname[: -len("index")]
        urls += [folder, folder.rstrip("/")]
    return urls


# ---------------------------------------------------------------------- the built side


@dataclass
class Landing:
    """Where a served file takes a reader: ``how`` is "page" or "redirect"."""

    how: str
    docname: str


@dataclass
class BuiltSite:
    """The HTML output as a static host serves it at ``/service-manual/``."""

    out: Path
    guides: list[dict[str, Any]]
    _soups: dict[str, BeautifulSoup] = field(default_factory=dict)

    @cached_property
    def pages(self) -> dict[str, dict[str, Any]]:
        """Built page file (``a/b.html``) -> its guides.json entry."""
        return {guide["url"]: guide for guide in self.guides}

    @cached_property
    def docnames(self) -> dict[str, str]:
        return {guide["docname"]: url for url, guide in self.pages.items()}

    def soup(self, file: str) -> BeautifulSoup:
        if file not in self._soups:
            text = (self.out / file).read_text(encoding="utf-8")
            self._soups[file] = BeautifulSoup(text, "html.parser")
        return self._soups[file]

    @staticmethod
    def served_file(url: str) -> str:
        """The file a static host answers ``url`` with: ``x/y.html`` as it is; a folder URL
        (``x/``) or an extension-less one (``x/y``, after the host's slash redirect) with the
        folder's ``index.html``."""
        assert url == PREFIX or url.startswith(PREFIX + "/"), url
        path = unquote(urlsplit(url).path)[len(PREFIX) :].strip("/")
        if path and PurePosixPath(path).suffix:
            return path
        return f"{path}/index.html" if path else "index.html"

    def heading(self, file: str) -> str:
        headings = self.soup(file).find_all("h1")
        assert len(headings) == 1, (file, headings)
        return " ".join(heading_text(headings[0]).split()).translate(QUOTES)

    def page_at(self, file: str) -> str | None:
        """The docname of the page ``file`` is, checked against its ``<h1>``; None if none."""
        guide = self.pages.get(file)
        if guide is None or not (self.out / file).is_file():
            return None
        assert self.heading(file) == " ".join(guide["title"].split()), file
        return str(guide["docname"])

    def land(self, file: str) -> Landing | None:
        """What serving ``file`` shows: a page, a redirect page to a page, or nothing."""
        if not file.endswith(".html") or not (self.out / file).is_file():
            return None
        docname = self.page_at(file)
        if docname is not None:
            return Landing("page", docname)
        refresh = self.soup(file).find("meta", attrs={"http-equiv": "refresh"})
        if not isinstance(refresh, Tag):
            return None
        delay, _, url = str(refresh["content"]).partition(";")
        url = url.strip()
        assert delay.strip() == "0" and url.startswith("url="), (file, refresh)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(file), url[len("url=") :]))
        docname = self.page_at(target)
        return Landing("redirect", docname) if docname is not None else None

    def linked_files(self, docname: str) -> dict[str, str]:
        """sha256 -> path of every file under ``_images/`` or ``_downloads/`` that the page
        links to or shows."""
        page = self.docnames[docname]
        found = {}
        for element in self.soup(page).find_all(["a", "img"]):
            url = element.get("href" if element.name == "a" else "src")
            if not url or urlsplit(str(url)).scheme or str(url).startswith(("#", "/")):
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(page), str(url)))
            if path.startswith(("_images/", "_downloads/")) and (self.out / path).is_file():
                found[sha256(self.out / path)] = path
        return found


def heading_text(heading: Tag) -> str:
    """A heading's text without Sphinx's permalink."""
    for link in heading.find_all("a", class_="headerlink"):
        link.extract()
    return heading.get_text()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Build:
    dest: Path
    out: Path
    warnings: list[str]
    report: dict[str, Any]
    redirects: dict[str, Any]
    site: BuiltSite


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def build(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """``make migrate`` and ``make html SOURCEDIR=<DEST>``, once, into a temporary folder."""
    root = tmp_path_factory.mktemp("migrated-build")
    dest, out = root / "docs", root / "html"
    run([sys.executable, "-m", "migrate_jekyll", str(corpus), str(dest), "-q"], cwd=root)
    # The project's conf.py; the extension finds DEST/../redirects.json by itself.
    sphinx = [sys.executable, "-m", "sphinx", "-b", "html", "-n", "--keep-going"]
    result = run([*sphinx, "-c", str(REPO), str(dest), str(out)], cwd=root)
    warnings = sorted(
        line.replace(f"{dest}{os.sep}", "") for line in result.stderr.splitlines() if line.strip()
    )
    guides = json.loads((out / "guides.json").read_text(encoding="utf-8"))["guides"]
    return Build(
        dest=dest,
        out=out,
        warnings=warnings,
        report=json.loads((root / "migration-report.json").read_text(encoding="utf-8")),
        redirects=json.loads((root / "redirects.json").read_text(encoding="utf-8")),
        site=BuiltSite(out, guides),
    )


@dataclass
class Checks:
    html: Future[Found]
    book: Future[Found]


@pytest.fixture(scope="module", autouse=True)
def checks(build: Build) -> Iterator[Checks]:
    """The Nu HTML Checker over the site, and an EPUB of the same doctrees with EPUBCheck,
    started as soon as the site is built, so that they run while the other tests do."""
    html = check_html(build.out)
    book = check_book(build.dest, build.out / ".doctrees", build.out.parent / "epub")
    yield Checks(html, book)
    for check in (html, book):
        check.exception()


# ---------------------------------------------------------------------- the tests


def test_warnings_are_the_2016_defects(build: Build) -> None:
    assert build.warnings == EXPECTED_WARNINGS


def test_each_warning_is_in_the_report(build: Build) -> None:
    issues = build.report["issues"]
    kinds = {kind for _, kind, _ in DEFECTS}
    matched = []
    for warning in build.warnings:
        located = WARNING.match(warning)
        assert located, warning
        found = [
            (kind, detail.format(**m.groupdict()))
            for pattern, kind, detail in DEFECTS
            if (m := pattern.match(located["message"]))
        ]
        assert len(found) == 1, f"not a known 2016 defect: {warning}"
        kind, detail = found[0]
        listed = [
            issue
            for issue in issues
            if issue["kind"] == kind
            and issue["file"] == located["file"]
            and detail in issue["message"]
        ]
        assert len(listed) == 1, f"the report does not list: {warning}"
        matched.append(listed[0])
    # ... and the report lists no such defect that the build does not warn about.
    assert sorted(matched, key=str) == sorted(
        (issue for issue in issues if issue["kind"] in kinds), key=str
    )


def test_every_guide_in_the_toctree(build: Build) -> None:
    assert not [w for w in build.warnings if "isn't included in any toctree" in w]
    with (build.out / ".doctrees" / "environment.pickle").open("rb") as file:
        env = pickle.load(file)
    docnames = {str(p.relative_to(build.dest).with_suffix("")) for p in build.dest.rglob("*.md")}
    assert len(docnames) == 205
    assert set(env.found_docs) == docnames
    reached, todo = set(), [env.config.root_doc]
    while todo:
        docname = todo.pop()
        if docname not in reached:
            reached.add(docname)
            todo += env.toctree_includes.get(docname, [])
    assert reached == docnames


def test_every_link_target_of_2016_resolves(build: Build, corpus: Path) -> None:
    site = build.site
    targets = link_targets(corpus)
    assert len(targets) == 347  # NOTICE.md
    failed: set[str] = set()
    landed: Counter[str] = Counter()
    for target, linked_from in sorted(targets.items()):
        landing = site.land(site.served_file(target))
        if landing is not None:
            landed[landing.how] += 1
            continue
        # Not a page, so a file: every page that linked it links to a copy, byte for byte.
        # Images are shown, so Sphinx copies them to _images/; documents go to _downloads/.
        source = corpus / unquote(target)[len(PREFIX) + 1 :]
        folder = "_images" if source.suffix.lower() in IMAGES else "_downloads"
        digest = sha256(source) if source.is_file() else ""
        copies = [site.linked_files(docname).get(digest) for docname in sorted(linked_from)]
        if not all(copies):
            assert not any(copies), (target, linked_from, copies)
            failed.add(target)
            continue
        for copy in copies:
            assert copy is not None and PurePosixPath(copy).parts[0] == folder, (target, copy)
            assert PurePosixPath(copy).name.startswith(source.stem), (target, copy)
        # And at its 2016 path, for links from outside the manual.
        kept = site.out / site.served_file(target)
        assert kept.is_file() and sha256(kept) == digest, target
        landed[folder] += 1
    assert failed == {MISSING_FILE}
    assert landed == {"page": 162, "redirect": 105, "_images": 11, "_downloads": 68}, landed


def test_every_2016_url_serves_its_page(build: Build, corpus: Path) -> None:
    site = build.site
    checked: dict[str, str] = {}
    hows: Counter[str] = Counter()
    for docname in source_pages(corpus):
        for url in old_urls(docname):
            landing = site.land(site.served_file(url))
            assert landing is not None, f"{url} ({site.served_file(url)}) serves nothing"
            assert landing.docname == docname, (url, landing)
            checked[url] = docname
            hows[landing.how] += 1
    assert len(checked) == 4 * 35 + 2 * 170
    # x/y and x/index (no .html) are redirect pages; the rest are the pages themselves.
    assert hows == {"page": 170 + 3 * 35, "redirect": 170 + 35}, hows
    # The redirect map the migration wrote beside DEST knows the same URLs and pages.
    assert build.redirects["prefix"] == PREFIX
    assert build.redirects["pages"] == checked


def test_redirect_pages_come_from_the_map(build: Build) -> None:
    redirects = build.redirects["redirects"]
    assert len(redirects) == 205
    for source, target in redirects.items():
        landing = build.site.land(f"{source}.html")
        assert landing is not None and landing.how == "redirect", source
        assert build.site.docnames[landing.docname] == posixpath.normpath(
            posixpath.join(posixpath.dirname(source), target)
        )


def test_themes_page_lists_what_the_2016_loops_listed(build: Build, corpus: Path) -> None:
    fronts = {docname: front_matter(path) for docname, path in source_pages(corpus).items()}
    text = (corpus / "themes" / "index.md").read_text(encoding="utf-8")
    expected = {
        m["title"]: {d for d, front in fronts.items() if front.get("theme") == m["theme"]}
        for m in THEME_SECTION.finditer(text)
    }
    assert len(expected) == 5 and len(expected["Getting started"]) == 10
    page = build.site.docnames["themes/index"]
    listed = {}
    for section in build.site.soup(page).find_all("section"):
        heading = section.find("h2", recursive=False)
        if heading is None:
            continue
        links = section.select("ul.sm-guide-list a.sm-guide-list__title")
        listed[heading_text(heading).strip()] = {
            build.site.pages[posixpath.normpath(posixpath.join("themes", a["href"]))]["docname"]
            for a in links
        }
    assert listed == expected


def test_guides_json_lists_every_page(build: Build, corpus: Path) -> None:
    assert len(build.site.guides) == 205
    assert set(build.site.docnames) == set(source_pages(corpus))


def test_every_page_is_valid_html(checks: Checks) -> None:
    assert errors(checks.html) == []


def test_the_book_is_a_valid_epub(checks: Checks) -> None:
    assert errors(checks.book) == []


def test_make_review_lists_every_page_unreviewed_under_the_default_owner(
    build: Build, tmp_path: Path
) -> None:
    """The 2016 manual has no review dates: every page is unreviewed, under the default owner
    (set here: the project's conf.py knows none)."""
    output = tmp_path / "review.json"
    owner = "Service manual team"
    result = run(
        [sys.executable, "-m", "service_manual.review", str(build.dest), "-c", str(REPO),
         "-o", str(output), "-D", f"service_manual_default_owner={owner}"],
        cwd=tmp_path,
    )  # fmt: skip
    assert result.stderr == ""
    pages = json.loads(output.read_text(encoding="utf-8"))["pages"]
    assert sorted(p["docname"] for p in pages) == sorted(g["docname"] for g in build.site.guides)
    assert {(p["status"], p["owner"]["name"], p["review_by"]) for p in pages} == {
        ("unreviewed", owner, None)
    }
    lines = result.stdout.splitlines()
    assert lines[0] == f"{owner} ({len(pages)} pages)"
    assert lines[-2].endswith(
        f": 0 overdue, 0 due within 30 days, {len(pages)} never reviewed, 0 current."
    )
    # The build's own export says the same, with no owner as conf.py stands.
    assert {(g["review"]["status"], g["review"]["owner"]) for g in build.site.guides} == {
        ("unreviewed", None)
    }


# ---------------------------------------------------------------------- search

#: Searching a page's exact title puts that page first for at least this share of the pages.
EXACT_TITLE_FIRST = 0.95
#: One-word topics that are category names: each puts its category's page in the top 3.
CATEGORY_WORDS = ("agile", "governance", "operations", "measurement", "technology", "phases")

# What search.html?q= runs before it lists the results (searchtools.js), for many queries in
# one visit; the scorer reads the query from the address, as Search.init does, so the address
# is set to each query first. Sphinx lists the results from the end of the array.
FIRST_RESULTS = """(queries) => queries.map((query) => {
  history.replaceState(null, "", "?q=" + encodeURIComponent(query));
  const results = Search._performSearch(...Search._parseQuery(query));
  return results.slice(-3).reverse().map((result) => result[0]);
})"""
LISTED = """(items) => items.map((item) => [
  item.querySelector("a").getAttribute("href"),
  item.querySelector(".sm-search-subtitle")?.textContent ?? null,
])"""


@pytest.mark.browser
def test_search_finds_the_page_you_mean(build: Build) -> None:
    """The real search page, in Chromium: ``search.html?q=agile`` as a reader opens it (the
    listed results and their subtitles), then every category word and every page's exact
    title through the same page's search, in that one visit."""
    guides = build.site.guides
    subtitles = {g["url"]: " ".join(g["subtitle"].split()) for g in guides if g["subtitle"]}
    category_pages: dict[str, set[str]] = {}
    for guide in guides:
        if guide["type"] == "category-index" and guide["category"]:
            category_pages.setdefault(guide["category"], set()).add(guide["docname"])
    titled = [(g["docname"], g["title"]) for g in guides if g["title"]]
    with serve(build.out) as url, chromium() as browser:
        page = browser.new_page()
        # Sphinx fetches every listed page for its summary; nothing here reads them.
        page.route(
            "**/*",
            lambda route: (
                route.abort() if route.request.resource_type == "fetch" else route.continue_()
            ),
        )
        page.goto(f"{url}search.html?q=agile")
        page.wait_for_selector("#search-results ul.search > li:nth-child(3)")
        listed = page.eval_on_selector_all("#search-results ul.search > li", LISTED)
        top3 = dict(zip(CATEGORY_WORDS, page.evaluate(FIRST_RESULTS, CATEGORY_WORDS), strict=True))
        firsts = page.evaluate(FIRST_RESULTS, [title for _docname, title in titled])
    # The page lists what its search found, each page with its subtitle.
    shown = [href.split("#")[0].removesuffix(".html") for href, _subtitle in listed[:3]]
    assert shown == top3["agile"]
    for href, subtitle in listed:
        assert subtitle == subtitles.get(href), href
    assert sum(subtitle is not None for _href, subtitle in listed) >= 10
    ranks = {w: [top3[w].index(d) + 1 for d in sorted(category_pages[w]) if d in top3[w]]
             for w in CATEGORY_WORDS}  # fmt: skip
    missed = [(title, first) for (docname, title), first in zip(titled, firsts, strict=True)
              if first[:1] != [docname]]  # fmt: skip
    share = 1 - len(missed) / len(titled)
    print(f"exact title first: {len(titled) - len(missed)}/{len(titled)} ({share:.1%})")
    print(f"rank of each category's page: {ranks}")
    assert all(ranks.values()), ranks
    assert share >= EXACT_TITLE_FIRST, missed
