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
- every 2016 layout shows the blocks it showed in 2016, one test a layout, each list checked
  against the 2016 front matter it comes from, never against a copied list of titles (these
  tests share the build: under ``make test``'s pytest-xdist, one module is one worker, and a
  fixture shared with another module would be built again there).
- in Chromium, the search page finds the page you mean: a page's exact title puts it first,
  a category's name puts its category page in the top 3, and results show subtitles.

The 2016 side is read straight from the corpus here, not through ``migrate_jekyll``, so a
mistake in the migration cannot hide itself. Needs ``../shared/corpus``: skipped without it,
failed with ``CI=true`` (the ``corpus`` fixture of :mod:`.test_migrate_corpus`).
"""

from __future__ import annotations

import hashlib
import html
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
from service_manual.core.vocabulary import DEFAULT_CATEGORIES, DEFAULT_PHASES, make_vocabulary
from validity import Found, check_book, check_html, errors

from . import test_migrate_corpus

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
PREFIX = "/service-manual"

# The fixture that finds the corpus (and skips, or fails in CI), shared with that module.
corpus = test_migrate_corpus.corpus

# The build's warnings: each a defect of the 2016 sources, which the migration keeps as it is
# (the .indd was never in the snapshot; two heroes name pages the manual does not have; two
# roles that guides name have no role page). The two heroes that 2016 wrote into their role
# layouts are the pages' heroes now.
EXPECTED_WARNINGS = [
    "agile/features-of-agile.md:7: WARNING: no index page for role 'delivery-managers' (a page "
    "with layout: role-index and audience: delivery-managers); its tags on 15 page(s) are shown "
    "as plain text [service_manual.index]",
    "agile/features-of-agile.md:7: WARNING: no index page for role 'qa' (a page with layout: "
    "role-index and audience: qa); its tags on 20 page(s) are shown as plain text "
    "[service_manual.index]",
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


# ---------------------------------------------------------------------- the 2016 layouts
#
# Where the migrated site deliberately differs from what 2016's Liquid gave, the expected lists
# follow the README's "Differences from the 2016 site" (roles matched as slugs, with their
# 2016 spellings; the hero not listed again under "Guides").

VOCABULARY = make_vocabulary()
ROLE_ORDER = list(VOCABULARY.roles)


@pytest.fixture(scope="module")
def fronts(corpus: Path) -> dict[str, dict[str, Any]]:
    """docname -> the page's 2016 front matter (the home page has none)."""
    return {docname: front_matter(path) for docname, path in source_pages(corpus).items()}


def with_layout(fronts: dict[str, dict[str, Any]], prefix: str) -> list[str]:
    return sorted(d for d, f in fronts.items() if str(f.get("layout", "")).startswith(prefix))


def roles(front: dict[str, Any], tier: str) -> list[str]:
    """The role slugs of one tier of a page's audience, 2016 spellings resolved."""
    audience = front.get("audience")
    value = audience.get(tier) if isinstance(audience, dict) else None
    if isinstance(audience, str) and tier == "primary":  # a role page's own role
        value = audience
    if tier == "secondary" and front.get("secondary-audience"):
        value = f"{value or ''},{front['secondary-audience']}"
    found = []
    for part in str(value or "").split(","):
        slug = VOCABULARY.role_slug(part) if part.strip() else None
        if slug and slug not in found:
            found.append(slug)
    if tier == "secondary":  # a role that a page is for is not "also useful for" it
        found = [r for r in found if r not in roles(front, "primary")]
    return found


def by_title(titles: list[str]) -> list[str]:
    return sorted(titles, key=str.casefold)


def page(build: Build, docname: str) -> BeautifulSoup:
    return build.site.soup(build.site.docnames[docname])


def section(build: Build, docname: str) -> Tag:
    found = page(build, docname).find("main").find("section")
    assert isinstance(found, Tag), docname
    return found


def target(build: Build, docname: str, href: str) -> str:
    """The docname a link on ``docname``'s page leads to."""
    here = posixpath.dirname(build.site.docnames[docname])
    file = posixpath.normpath(posixpath.join(here, href.partition("#")[0]))
    return str(build.site.pages[file]["docname"])


# ---------------------------------------------------------------------------------- cards


def test_cards_one_card_for_every_page_with_a_title(build: Build, fronts) -> None:
    (cards_page,) = with_layout(fronts, "cards")
    cards = section(build, cards_page).select("ul.sm-cards > li.sm-card")
    # Every page whose front matter has a title, and the home page, whose title was in its
    # HTML (the migration moves it to front matter), in the order of their files.
    titled = [*sorted(d for d, f in fronts.items() if f.get("title")), "index"]
    assert len(cards) == len(titled) == 205
    found = []
    for card in cards:
        link = card.select_one(".sm-card__address a")
        docname = target(build, cards_page, link["href"]) if link["href"] != "#" else cards_page
        found.append(docname)
        front = fronts[docname] if docname != "index" else build.site.pages["index.html"]
        assert card.select_one("h2.sm-card__title").get_text() == front["title"]
        subtitle = card.select_one(".sm-card__subtitle")
        assert (subtitle.get_text() if subtitle else None) == front.get("subtitle"), docname
        # No html_baseurl in the tests: the page's path from the site's root.
        assert link.get_text() == build.site.docnames[docname]
    assert found == sorted(titled)


# ----------------------------------------------------------------------- standard-support

SERIES_LINK = re.compile(r'<a href="/service-manual/([^"]+)\.html">')


def test_standard_support_pages_link_to_each_other(build: Build, fronts, corpus: Path) -> None:
    series = with_layout(fronts, "standard-support")
    assert len(series) == 6
    # In the order the 2016 layout wrote them, which the table of contents now keeps.
    layout = (corpus.parent / "_layouts" / "standard-support.html").read_text("utf-8")
    order = SERIES_LINK.findall(layout)
    assert sorted(order) == series
    for docname in series:
        nav = section(build, docname).select_one("nav.sm-series")
        assert nav is not None, docname
        assert heading_text(nav.find("h2")) == "Contents"
        entries = nav.select(":scope > ol > li")
        listed = []
        for entry in entries:
            link = entry.find("a", recursive=False)
            if link is None:  # the page itself, not a link, its sections under it
                assert entry.get("aria-current") == "page"
                listed.append(docname)
                assert entry.find(string=True, recursive=False).strip() == fronts[docname]["title"]
            else:
                listed.append(target(build, docname, link["href"]))
                assert link.get_text() == fronts[listed[-1]]["title"]
        assert listed == order, docname


# -------------------------------------------------------------------------- design-pattern


def test_design_patterns_show_their_caption(build: Build, fronts) -> None:
    patterns = with_layout(fronts, "design-pattern")
    assert len(patterns) == 21
    for docname in patterns:
        heading = section(build, docname)
        caption = heading.find_previous_sibling()
        assert caption is not None and caption.name == "p", docname
        assert caption["class"] == ["govuk-caption-l", "sm-caption"]
        assert caption.get_text() == "Design pattern"
        # Sphinx's smart quotes apply to headings.
        assert heading_text(heading.find("h1")).translate(QUOTES) == fronts[docname]["title"]


# ------------------------------------------------------------------------------ role pages

HERO = re.compile(
    r'<div class="hero link-list">\s*<a href="([^"]+)">\s*<h3>(.*?)</h3>\s*<p>(.*?)</p>', re.S
)


def list_after(part: Tag, heading: str) -> Tag | None:
    found = part.find("h2", string=heading)
    return found.find_next_sibling() if found is not None else None


def titles_of(bullets: Tag | None) -> list[str]:
    return [a.get_text() for a in bullets.select("a.sm-guide-list__title")] if bullets else []


def test_role_pages_show_every_2016_block(build: Build, fronts, corpus: Path) -> None:
    role_pages = with_layout(fronts, "role-index")
    assert len(role_pages) == 9
    titles = {f.get("title"): d for d, f in fronts.items() if f.get("title")}
    role_of = {d: VOCABULARY.role_slug(fronts[d]["audience"]) for d in role_pages}
    for docname in role_pages:
        front, role, part = fronts[docname], role_of[docname], section(build, docname)
        # The hero: the page front matter names, or the one the variant layout wrote.
        hero = part.select_one("div.sm-hero a.sm-guide-list__title")
        if front["layout"] != "role-index":
            layout = corpus.parent / "_layouts" / f"{front['layout']}.html"
            href, title, _subtitle = HERO.search(layout.read_text("utf-8")).groups()
            url = "https://www.gov.uk" + href if href.startswith("/") else href  # as links are
            assert (hero.get_text(), hero["href"]) == (title, url)
        elif front["hero"] in titles:
            assert target(build, docname, hero["href"]) == titles[front["hero"]]
        else:
            assert hero is None  # a 2016 hero that names no page: the build warns
        shown_hero = hero.get_text() if hero else None

        def primary(kind: str, role: str = role, hero: str | None = shown_hero) -> list[str]:
            return by_title(
                [
                    f["title"]
                    for d, f in fronts.items()
                    if role in roles(f, "primary")
                    and f.get("type") == kind
                    and f.get("title") != hero
                ]
            )

        assert titles_of(list_after(part, "Guides")) == primary("guide"), docname
        resources = primary("resource")
        assert titles_of(list_after(part, "Resources")) == resources, docname
        more = by_title([f["title"] for f in fronts.values() if role in roles(f, "secondary")])
        assert titles_of(list_after(part, "More guides from the manual")) == more, docname
        # The role links: every role with a page, in the configured order, this one not a link.
        links = list_after(part, "Guides and resources for…").find_all("li")
        expected = sorted(role_pages, key=lambda d: ROLE_ORDER.index(role_of[d]))
        assert [li.get_text().strip() for li in links] == [
            VOCABULARY.roles[role_of[d]] for d in expected
        ]
        assert [target(build, docname, li.a["href"]) if li.a else docname for li in links] == (
            expected
        )
        browse = part.select_one("p.sm-browse-link a")
        assert browse.get_text() == "Browse all guides…"
        assert fronts[target(build, docname, browse["href"])]["layout"] == "browse"


def test_role_pages_list_resources_apart(build: Build, fronts) -> None:
    """At least one role page has resources, so the test above checks that list too."""
    with_resources = [
        d
        for d in with_layout(fronts, "role-index")
        if list_after(section(build, d), "Resources") is not None
    ]
    assert "user-researchers/index" in with_resources


# ------------------------------------------------------------------------ phase navigation

PHASE_ITEM = re.compile(r"<li\b[^>]*>(.*?)</li>", re.S)
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
TAGS = re.compile(r"<[^>]+>")


def include_sentences(corpus: Path) -> dict[str, str]:
    """Phase page docname -> its sentence in the 2016 ``_phases.html`` include."""
    text = (corpus.parent / "_includes" / "_phases.html").read_text("utf-8")
    found = {}
    for item in PHASE_ITEM.findall(text):
        href = re.search(r'href="/service-manual/([^"]+)\.html"', item)[1]
        sentence = next(p for p in PARAGRAPH.findall(item) if "<a" not in p)
        found[href] = " ".join(html.unescape(TAGS.sub("", sentence)).split())
    return found


@pytest.mark.parametrize("layout", ["homepage", "phases-index"])
def test_home_and_phases_pages_have_the_phase_navigation(
    build: Build, fronts, corpus: Path, layout: str
) -> None:
    docnames = with_layout(fronts, layout)
    assert len(docnames) == 1
    phase_pages: dict[str, str] = {}
    for docname, front in sorted(fronts.items()):  # a phase's page: the first, by file name
        if front.get("layout") == "phases":
            phase_pages.setdefault(front["phase"], docname)
    expected = [phase_pages[p] for p in DEFAULT_PHASES if p in phase_pages]
    assert len(expected) == 5
    sentences = include_sentences(corpus)
    phases = section(build, docnames[0]).select("ol.sm-phases > li")
    assert [li.find(["h2", "h3"]).get_text() for li in phases] == [
        DEFAULT_PHASES[fronts[d]["phase"]] for d in expected
    ]
    for li, docname in zip(phases, expected, strict=True):
        links = li.find_all("a")
        assert {target(build, docnames[0], a["href"]) for a in links} == {docname}
        assert links[-1].get_text() == f"Learn about the {fronts[docname]['phase']} phase"
        summary = li.select_one(".sm-phases__summary").get_text()
        assert summary == sentences.get(docname, fronts[docname].get("subtitle"))


# ---------------------------------------------------------------------------------- browse

BROWSE_ANCHOR = re.compile(r'<h2 id="([\w-]+)">')


def test_browse_page_lists_every_category_and_keeps_its_anchors(
    build: Build, fronts, corpus: Path
) -> None:
    (browse,) = with_layout(fronts, "browse")
    part = section(build, browse)
    groups = {}
    for heading in part.select(":scope > h2.sm-guide-list__heading"):
        groups[heading.get("id") or heading.get_text()] = titles_of(heading.find_next_sibling())
    expected = {}
    for slug in DEFAULT_CATEGORIES:
        of = [f for d, f in fronts.items() if f.get("category") == slug and d != browse]
        overviews = by_title([f["title"] for f in of if f.get("type") == "category-index"])
        listed = by_title([f["title"] for f in of if f.get("type") in ("guide", "resource")])
        if overviews or listed:
            expected[slug] = overviews + listed
    assert groups == expected
    # 2016 links to browse#agile and the like still land on the category.
    old = BROWSE_ANCHOR.findall((corpus / "browse" / "index.md").read_text("utf-8"))
    assert set(old) <= set(groups)
    contents = [a["href"] for a in part.select("nav.sm-contents a")]
    assert contents == [f"#{slug}" for slug in groups]


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
