"""Every page's head names its neighbours, ``<link rel="prev">`` and ``<link rel="next">`` with
their titles, from the table of contents (and a template may show the page's ancestors).
Sphinx rewrites a page when its own source changes, not when a guide is added beside it in
its section or its neighbour's title changes; so before reading (``env-get-outdated``) we
keep each page's previous and next page and ancestors, with their titles, and after reading
(``env-updated``) hand Sphinx the pages where any of them differs.

The same goes for the header links the theme shows only when their page exists
(``hasdoc()``): when such a page comes or goes, every page is written again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# Pages whose existence the templates check (basic's <head> and our header); see layout.html.
CHECKED_BY_TEMPLATES = frozenset({"about", "copyright", "browse/index", "phases/index"})

Neighbours = dict[str, tuple[tuple[str | None, str | None], ...]]


def _title(env: BuildEnvironment, docname: str | None) -> str | None:
    node = env.titles.get(docname) if docname else None
    return str(node) if node is not None else None


def neighbours(env: BuildEnvironment) -> Neighbours:
    """Each page's previous and next page and its ancestors, each with its title: what
    Sphinx's ``get_doc_context`` gives a template as ``prev``, ``next`` and ``parents``."""
    relations = env.collect_relations()
    found: Neighbours = {}
    for docname, (parent, prev, next_) in relations.items():
        chain: list[str | None] = [prev, next_]
        seen = {docname}
        while parent is not None and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = relations.get(parent, [None])[0]
        found[docname] = tuple((other, _title(env, other)) for other in chain)
    return found


def remember(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    fresh = not env.all_docs
    env.service_manual_neighbours = None if fresh else neighbours(env)  # type: ignore[attr-defined]
    env.service_manual_checked_pages = {  # type: ignore[attr-defined]
        name for name in CHECKED_BY_TEMPLATES if name in env.all_docs
    }
    return []


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    before: Neighbours | None = getattr(env, "service_manual_neighbours", None)
    checked: set[str] = getattr(env, "service_manual_checked_pages", set())
    env.service_manual_neighbours = None  # type: ignore[attr-defined]
    env.service_manual_checked_pages = set()  # type: ignore[attr-defined]
    if before is None:
        return []
    if checked != {name for name in CHECKED_BY_TEMPLATES if name in env.found_docs}:
        return sorted(env.found_docs)
    now = neighbours(env)
    return sorted(name for name, related in now.items() if before.get(name) != related)


def setup(app: Sphinx) -> None:
    app.connect("env-get-outdated", remember)
    app.connect("env-updated", pages_to_rewrite, priority=650)
