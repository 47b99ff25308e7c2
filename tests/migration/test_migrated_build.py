"""The 2016 manual, migrated and built with the project's conf.py: clean, whole, every URL kept.

One migration and one build for the session (``migrated_site.py``, the ``build`` fixture),
with the command lines a person runs; then checks on what they wrote:

- the build warns about the genuine defects of the 2016 sources and nothing else, and the
  migration report lists each of them;
- every page is reached from the home page through toctrees;
- every distinct ``/service-manual/...`` link target in the 2016 sources leads to a built page,
  a redirect page to it, or a copy of the file, linked from the page that linked it;
- every 2016 URL of every page is served, as a static host serves the site at
  ``/service-manual/``, by the page itself or by a redirect page to it;
- the themes page lists what the 2016 Liquid loops listed; ``guides.json`` lists every page.

The 2016 side is read straight from the corpus here, not through ``migrate_jekyll``, so a
mistake in the migration cannot hide itself. Needs ``../shared/corpus``: skipped without it,
failed with ``CI=true`` (the ``corpus`` fixture, ``conftest.py``).
"""

from __future__ import annotations

import pickle
import posixpath
import re
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

import pytest
import yaml

from .migrated_site import PREFIX, Build, heading_text, sha256

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

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
