"""The site map derived from every guide: which page is the index of each phase, role and
category, which page has which title, and each page's parent in the table of contents.

It is derived, never stored per document: :func:`rebuild_site_map` makes it anew after every
read phase (``env-updated``, in the main process, before any parallel writer forks), so that
resolving a page is a dictionary look-up rather than a scan of the whole site.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .collector import guides
from .core import urls
from .frontmatter import Guide
from .listing import Titled

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


@dataclass(slots=True)
class SiteMap:
    phase_pages: dict[str, str] = field(default_factory=dict)
    role_pages: dict[str, str] = field(default_factory=dict)
    category_pages: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    by_title: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    listed: list[Titled] = field(default_factory=list)  # every guide, by docname
    browse_page: str | None = None  # the page with layout: browse
    # Each series layout's pages, in the order of the table of contents (then by docname).
    series: dict[str, tuple[str, ...]] = field(default_factory=dict)


def build_site_map(env: BuildEnvironment) -> SiteMap:
    site = SiteMap()
    for docname in sorted(guides(env)):
        guide = guides(env)[docname]
        if guide.layout == "phases" and guide.phase:
            site.phase_pages.setdefault(guide.phase, docname)
        elif guide.layout.startswith("role-index") and guide.audience_primary:
            site.role_pages.setdefault(guide.audience_primary[0], docname)
        elif guide.type == "category-index" and guide.category:
            site.category_pages.setdefault(guide.category, docname)
        if guide.layout == "browse" and site.browse_page is None:
            site.browse_page = docname
        title = title_of(env, guide)
        if title:
            site.titles[docname] = title
            site.by_title.setdefault(title, docname)
        site.listed.append(Titled(guide, title or docname))
    for parent in sorted(env.toctree_includes):
        for child in env.toctree_includes[parent]:
            if child != parent:
                site.parents.setdefault(child, parent)
    site.series = series_in_toc_order(env)
    return site


def toc_order(env: BuildEnvironment) -> dict[str, int]:
    """Each page's place in the table of contents, read depth first from the root (the order
    of "next" and "previous"); pages no toctree reaches have none."""
    order: dict[str, int] = {}
    todo = [env.config.root_doc]
    while todo:
        docname = todo.pop()
        if docname in order:
            continue
        order[docname] = len(order)
        todo.extend(reversed(env.toctree_includes.get(docname, [])))
    return order


def series_in_toc_order(env: BuildEnvironment) -> dict[str, tuple[str, ...]]:
    layouts = env.config.service_manual_series_layouts
    members: dict[str, list[str]] = {}
    for docname, guide in guides(env).items():
        if guide.layout in layouts:
            members.setdefault(guide.layout, []).append(docname)
    if not members:
        return {}
    order = toc_order(env)
    unreached = len(order)
    return {
        layout: tuple(sorted(pages, key=lambda d: (order.get(d, unreached), d)))
        for layout, pages in sorted(members.items())
    }


def title_of(env: BuildEnvironment, guide: Guide) -> str:
    """A page's title: its front matter ``title``, or else its first heading ("" if none)."""
    if guide.title:
        return guide.title
    heading = env.titles.get(guide.docname)
    return heading.astext() if heading is not None else ""


def site_map(env: BuildEnvironment) -> SiteMap:
    site = getattr(env, "service_manual_site", None)
    if site is None:
        site = build_site_map(env)
        env.service_manual_site = site  # type: ignore[attr-defined]
    return site


def rebuild_site_map(app: Sphinx, env: BuildEnvironment) -> list[str]:
    env.service_manual_site = build_site_map(env)  # type: ignore[attr-defined]
    return []


def ancestors(site: SiteMap, docname: str) -> list[str]:
    """The page's ancestors in the table of contents, nearest first."""
    chain: list[str] = []
    seen = {docname}
    current = site.parents.get(docname)
    while current is not None and current not in seen:
        chain.append(current)
        seen.add(current)
        current = site.parents.get(current)
    return chain


def legacy_docname(
    env: BuildEnvironment, url: str, found_docs: set[str] | None = None
) -> tuple[str, str] | None:
    """Resolve a 2016 URL (``/service-manual/x``, ``/service-manual/x/y.html``, ``/x/``)
    to ``(docname, anchor)``, or None when no document answers to it."""
    if found_docs is None:
        found_docs = env.found_docs
    prefix = env.config.service_manual_legacy_prefix.rstrip("/")
    parts = urls.parse(url)
    if parts is None:
        return None
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :]
    elif not path.startswith("/"):
        return None
    path = posixpath.normpath("/" + path.strip("/")).strip("/")
    if path.startswith(".."):
        return None
    for suffix in (".html", ".md"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    index = env.config.root_doc  # a folder's URL is its index page, as in 2016
    if not path or path == index or path.endswith("/" + index):
        candidates = [path or index]
    else:
        candidates = [path, f"{path}/{index}"]
    for candidate in candidates:
        if candidate in found_docs:
            return candidate, parts.fragment
    return None


def setup(app: Sphinx) -> None:
    app.connect("env-updated", rebuild_site_map, priority=400)
