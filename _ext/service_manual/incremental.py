"""Keeping pages that show other pages right on every incremental build, even one that follows
a build that was stopped part-way.

Lists, tag links, breadcrumbs and the ``<link rel="next|prev|up">`` of a page's head are
filled in when a doctree is resolved, from data other documents own, so editing one guide
can change pages that were not edited. Before reading (``env-get-outdated``) we keep what
the site looked like; after reading (``env-updated``) we compare, and hand Sphinx exactly
the pages whose output changes:

- an index page whose criteria match the guide as it was or as it is now (``listing.py``);
- a guide whose tags link to a phase, role or category index page that moved or went;
- a page whose breadcrumbs, from its table of contents ancestry or from 2016 URLs, now
  resolve differently;
- a page whose neighbours in the table of contents (next, previous, parent), or their
  titles, changed;
- every page of a series (``series.py``) whose pages or their order in the table of
  contents changed;
- every page, when a page of the header's navigation came or went.

Only the read phase decides; the write phase then resolves from up-to-date data, so this is
as right with ``-j`` as without.

Sphinx saves the environment when reading ends, before it writes a page: a build stopped
while writing (Ctrl-C, a killed CI job) would leave the decision lost and those pages stale
for good. So the decision is written down first, in a file beside the environment
(:class:`Unfinished`), and removed only when the build finishes. The next build finds it
and reads again every page that build had to write, and every page it wrote (whose words
the stopped build never put into the search index).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from .collector import PerDocumentCollector, guides, per_document
from .frontmatter import Guide
from .index_pages import page_criteria
from .listing import Criteria, Titled, guide_index, has_lists, shown
from .navigation import navigation_pages
from .role_pages import ROLE_LAYOUT
from .site import SiteMap, ancestors, legacy_docname, site_map

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


# Our own event, emitted once a build before reading: ``handler(app, env)`` returns the
# docnames to read again although their sources did not change.
GET_OUTDATED = "service-manual-get-outdated"


def list_criteria(env: BuildEnvironment) -> dict[str, list[Criteria]]:
    return per_document(env, ListCollector.attribute)


class ListCollector(PerDocumentCollector):
    """Remembers the criteria of every ``{guide-list}`` in a document."""

    attribute = "service_manual_lists"

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        if not has_lists(app.env):
            return  # no directive made one: the page is not walked
        found = [c for node in doctree.findall(guide_index) for c in node.get("criteria", [])]
        if found:
            list_criteria(app.env)[app.env.docname] = found


# -- what a page's head shows of its neighbours

Relations = dict[str, tuple[tuple[str | None, str | None], ...]]


def relations(env: BuildEnvironment) -> Relations:
    """Each page's parent, previous and next page in the table of contents, with their
    titles: what ``<link rel="up|prev|next">`` shows."""
    titles = {d: t.astext() for d, t in env.titles.items()}
    try:
        found = env.collect_relations()
    except (KeyError, StopIteration):  # no root document yet
        return {}
    return {
        docname: tuple((other, titles.get(other) if other else None) for other in related)
        for docname, related in found.items()
    }


# -- before and after reading


@dataclass(slots=True)
class Before:
    site: SiteMap | None  # None when the environment is new: every page is read and written
    listed: dict[str, Titled]  # docname -> the guide as lists showed it, for changed documents
    touched: set[str]
    reread: set[str]
    all_docs: set[str]
    removed: set[str]
    relations: Relations


def remember(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    unfinished = Unfinished.of(app).pages(app, env)
    # Pages other features need read again (a review date passed, a commit changed a page's
    # "Last updated"): read, and recorded like any edit should this build be stopped.
    others = {d for found in app.emit(GET_OUTDATED, env) for d in found} & set(env.found_docs)
    reread = added | changed | unfinished | others
    old: SiteMap | None = getattr(env, "service_manual_site", None)
    touched = reread | removed
    listed = {item.docname: item for item in old.listed if item.docname in touched} if old else {}
    env.service_manual_before = Before(  # type: ignore[attr-defined]
        old, listed, touched, reread, set(env.all_docs), set(removed), relations(env)
    )
    return sorted((unfinished | others) - added - changed - removed)


def _tag_keys(site: SiteMap) -> dict[tuple[str, str], str]:
    keys: dict[tuple[str, str], str] = {}
    for kind, pages in (
        ("phase", site.phase_pages),
        ("role", site.role_pages),
        ("category", site.category_pages),
    ):
        for slug, docname in pages.items():
            keys[(kind, slug)] = docname
    return keys


def _chain(site: SiteMap, docname: str) -> tuple[tuple[str, str | None], ...]:
    return tuple((a, site.titles.get(a)) for a in ancestors(site, docname))


def _shows_change(criteria: Criteria, old: Titled | None, new: Titled | None) -> bool:
    was = old is not None and criteria.matches(old.guide, old.title)
    now = new is not None and criteria.matches(new.guide, new.title)
    if was != now:
        return True
    # Phases and audiences only select a guide: no list shows them.
    return was and _listed_as(old) != _listed_as(new)


def _listed_as(item: Titled | None) -> tuple[object, ...] | None:
    if item is None:
        return None
    # But a role page's audience is the role it indexes, which the role links show.
    role_page = item.guide.layout.startswith(ROLE_LAYOUT)
    return shown(item.guide, item.title, phases=False, audiences=role_page)


def _listing_pages(env: BuildEnvironment, before: Before, now: SiteMap) -> set[str]:
    """Index pages listing a guide as it was or as it is now, where what they show changes:
    it comes or goes, or something besides its phases (which only select it) differs."""
    current = {item.docname: item for item in now.listed}
    moved = [
        (before.listed.get(docname), current.get(docname))
        for docname in before.touched
        if _key(before.listed.get(docname)) != _key(current.get(docname))
    ]
    if not moved:
        return set()
    pages = {d: page_criteria(env, d) for d in env.found_docs}
    for docname, found in list_criteria(env).items():
        pages.setdefault(docname, []).extend(found)
    return {
        docname
        for docname, criteria in pages.items()
        if any(_shows_change(c, old, new) for c in criteria for old, new in moved)
    }


def _key(item: Titled | None) -> tuple[object, ...] | None:
    return None if item is None else shown(item.guide, item.title)


def _tagging_pages(env: BuildEnvironment, old: SiteMap, now: SiteMap) -> set[str]:
    """Guides whose tags link to an index page that moved, came or went."""
    old_keys, new_keys = _tag_keys(old), _tag_keys(now)
    changed = {k for k in old_keys.keys() | new_keys.keys() if old_keys.get(k) != new_keys.get(k)}
    if not changed:
        return set()
    return {docname for docname, guide in guides(env).items() if _tag_set(guide) & changed}


def _tag_set(guide: Guide) -> set[tuple[str, str]]:
    keys = {("phase", p) for p in guide.phases} | {("role", r) for r in guide.audiences}
    if guide.category:
        keys.add(("category", guide.category))
    return keys


def _breadcrumb_pages(
    env: BuildEnvironment, before: Before, old: SiteMap, now: SiteMap
) -> set[str]:
    """Breadcrumbs: table of contents ancestry, and 2016 URLs against the pages that exist."""
    found_changed = before.all_docs != set(env.found_docs)
    pages = set()
    for docname, guide in guides(env).items():
        if guide.breadcrumbs is None:
            if _chain(old, docname) != _chain(now, docname):
                pages.add(docname)
        elif found_changed and any(
            legacy_docname(env, c.url, before.all_docs) != legacy_docname(env, c.url)
            for c in guide.breadcrumbs
        ):
            pages.add(docname)
    return pages


def _navigation_pages(env: BuildEnvironment, before: Before) -> set[str]:
    """Every page, when a page of the header's navigation came or went."""
    if navigation_pages(env, before.all_docs) != navigation_pages(env):
        return set(env.found_docs)
    return set()


def _series_pages(old: SiteMap, now: SiteMap) -> set[str]:
    """Every page of a series that gained or lost a page, or was put in another order."""
    pages: set[str] = set()
    for layout in old.series.keys() | now.series.keys():
        was, is_now = old.series.get(layout, ()), now.series.get(layout, ())
        if was != is_now:
            pages |= set(was) | set(is_now)
    return pages


def _neighbour_pages(env: BuildEnvironment, before: Before) -> set[str]:
    now = relations(env)
    return {d for d in now if now[d] != before.relations.get(d)}


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    before: Before | None = getattr(env, "service_manual_before", None)
    env.service_manual_before = None  # type: ignore[attr-defined]
    if before is None:
        return []
    rewrite: set[str] = set()
    old = before.site
    if old is not None:
        now = site_map(env)
        rewrite = (
            _listing_pages(env, before, now)
            | _tagging_pages(env, old, now)
            | _breadcrumb_pages(env, before, old, now)
            | _neighbour_pages(env, before)
            | _navigation_pages(env, before)
            | _series_pages(old, now)
        )
        rewrite = (rewrite - before.touched) & env.found_docs
    # Written down before Sphinx saves the environment and writes the first page.
    Unfinished.of(app).begin((before.reread | rewrite) & env.found_docs)
    return sorted(rewrite)


# -- a build stopped part-way


@dataclass(frozen=True, slots=True)
class Unfinished:
    """The record of a build that has begun writing and not finished: the pages it was to
    rewrite. One file per output folder, beside the saved environment."""

    path: Path

    @classmethod
    def of(cls, app: Sphinx) -> Unfinished:
        outdir = os.path.realpath(app.outdir)
        tag = hashlib.sha256(f"{app.builder.name}\0{outdir}".encode()).hexdigest()[:16]
        return cls(Path(app.doctreedir) / f"service_manual-unfinished-{tag}.json")

    def pages(self, app: Sphinx, env: BuildEnvironment) -> set[str]:
        """What a stopped build left to do: every page it was to rewrite, and every page it
        wrote (empty when the last build finished)."""
        try:
            started = self.path.stat().st_mtime
            recorded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set()
        pages = {d for d in recorded.get("pages", []) if isinstance(d, str)}
        outfilename = getattr(app.builder, "get_outfilename", None)
        if outfilename is not None:
            for docname in env.found_docs:
                try:
                    if Path(outfilename(docname)).stat().st_mtime >= started:
                        pages.add(docname)
                except OSError:
                    continue
        return pages & set(env.found_docs)

    def begin(self, pages: set[str]) -> None:
        if not pages:
            self.finish()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"pages": sorted(pages)}), encoding="utf-8")
        os.replace(temporary, self.path)

    def finish(self) -> None:
        self.path.unlink(missing_ok=True)


def finish_unfinished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None:
        Unfinished.of(app).finish()


def remove_deleted_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Sphinx leaves the page of a deleted source in the output, where it would still be
    published (and found by old links); take it, and its copied source, out."""
    before: Before | None = getattr(env, "service_manual_before", None)
    outfilename = getattr(app.builder, "get_outfilename", None)
    if before is None or outfilename is None:
        return []
    outdir = Path(app.outdir)
    for docname in sorted(before.removed - set(env.found_docs)):
        page = Path(outfilename(docname))
        if page.is_file() and page.resolve().is_relative_to(outdir.resolve()):
            page.unlink()
        sources = outdir / "_sources" / posixpath.dirname(docname)
        stem = posixpath.basename(docname)
        for copied in sources.glob(f"{glob.escape(stem)}.*.txt") if sources.is_dir() else ():
            copied.unlink()
    return []


def setup(app: Sphinx) -> None:
    app.add_event(GET_OUTDATED)
    app.add_env_collector(ListCollector)
    app.connect("env-get-outdated", remember)
    app.connect("env-updated", remove_deleted_pages, priority=550)
    app.connect("env-updated", pages_to_rewrite, priority=600)
    app.connect("build-finished", finish_unfinished)
