"""Keeping pages that show other pages right on every incremental build.

Lists, tag links and breadcrumbs are filled in when a doctree is resolved, from data other
documents own, so editing one guide can change pages that were not edited. Before reading
(``env-get-outdated``) we keep what the site looked like; after reading (``env-updated``) we
compare, and hand Sphinx exactly the pages whose output changes:

- an index page whose criteria match the guide as it was or as it is now (``listing.py``);
- a guide whose tags link to a phase, role or category index page that moved or went;
- a page whose breadcrumbs, from its table of contents ancestry or from 2016 URLs, now
  resolve differently.

Only the read phase decides; the write phase then resolves from up-to-date data, so this is
as right with ``-j`` as without.
"""

from __future__ import annotations

import glob
import posixpath
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from .collector import PerDocumentCollector, guides, per_document
from .index_pages import page_criteria
from .listing import Criteria, Listing, guide_index
from .site import SiteMap, ancestors, legacy_docname, site_map

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def list_criteria(env: BuildEnvironment) -> dict[str, list[Criteria]]:
    return per_document(env, ListCollector.attribute)


class ListCollector(PerDocumentCollector):
    """Remembers the criteria of every ``{guide-list}`` in a document."""

    attribute = "service_manual_lists"

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        found = [c for node in doctree.findall(guide_index) for c in node.get("criteria", [])]
        if found:
            list_criteria(app.env)[app.env.docname] = found


@dataclass(slots=True)
class Before:
    site: SiteMap
    listings: dict[str, Listing]  # docname -> listing, for the documents about to change
    touched: set[str]
    all_docs: set[str]
    removed: set[str]


def remember(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    old = getattr(env, "service_manual_site", None)
    if old is None:  # a fresh environment: every page is read and written anyway
        env.service_manual_before = None  # type: ignore[attr-defined]
        return []
    touched = added | changed | removed
    listings = {item.docname: item for item in old.listings if item.docname in touched}
    before = Before(old, listings, touched, set(env.all_docs), set(removed))
    env.service_manual_before = before  # type: ignore[attr-defined]
    return []


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


def _shows_change(criteria: Criteria, old: Listing | None, new: Listing | None) -> bool:
    was = old is not None and criteria.matches(old)
    now = new is not None and criteria.matches(new)
    if was != now:
        return True
    return was and replace(old, phases=()) != replace(new, phases=())  # type: ignore[type-var]


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    before: Before | None = getattr(env, "service_manual_before", None)
    env.service_manual_before = None  # type: ignore[attr-defined]
    if before is None:
        return []
    now = site_map(env)
    current = {item.docname: item for item in now.listings}
    rewrite: set[str] = set()

    # Index pages listing a guide as it was or as it is now, where what they show changes:
    # it comes or goes, or something besides its phases (which only select it) differs.
    moved = [
        (before.listings.get(docname), current.get(docname))
        for docname in before.touched
        if before.listings.get(docname) != current.get(docname)
    ]
    if moved:
        pages = {d: page_criteria(env, d) for d in env.found_docs}
        for docname, found in list_criteria(env).items():
            pages.setdefault(docname, []).extend(found)
        for docname, criteria in pages.items():
            if any(_shows_change(c, old, new) for c in criteria for old, new in moved):
                rewrite.add(docname)

    # Guides whose tags link to an index page that moved, came or went.
    old_keys, new_keys = _tag_keys(before.site), _tag_keys(now)
    changed_keys = {
        k for k in old_keys.keys() | new_keys.keys() if old_keys.get(k) != new_keys.get(k)
    }
    if changed_keys:
        for docname, guide in guides(env).items():
            keys = {("phase", p) for p in guide.phases} | {("role", r) for r in guide.audiences}
            if guide.category:
                keys.add(("category", guide.category))
            if keys & changed_keys:
                rewrite.add(docname)

    # Breadcrumbs: table of contents ancestry, and 2016 URLs against the pages that exist.
    found_changed = before.all_docs != set(env.found_docs)
    for docname, guide in guides(env).items():
        if guide.breadcrumbs is None:
            if _chain(before.site, docname) != _chain(now, docname):
                rewrite.add(docname)
        elif found_changed and any(
            legacy_docname(env, c.url, before.all_docs) != legacy_docname(env, c.url)
            for c in guide.breadcrumbs
        ):
            rewrite.add(docname)

    return sorted((rewrite - before.touched) & env.found_docs)


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
    app.add_env_collector(ListCollector)
    app.connect("env-get-outdated", remember)
    app.connect("env-updated", remove_deleted_pages, priority=550)
    app.connect("env-updated", pages_to_rewrite, priority=600)
