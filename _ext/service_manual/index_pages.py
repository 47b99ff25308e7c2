"""Index pages made from front matter alone, as in 2016.

- ``layout: phases`` with ``phase: X``: the guides for phase X, grouped by category in the
  configured category order;
- ``layout: role-index`` with ``audience: R``: the role page (``role_pages.py``);
- ``layout: browse``: a Contents of the categories, then every category in order, its
  category-index pages first, then its guides;
- ``layout: themes``: the guides of each theme;
- ``layout: cards``: a printable card for every page (``cards.py``).

Each page gets one :class:`~.listing.guide_index` placeholder after its own text; it is
filled in when the doctree is resolved, as are the placeholders of the directives that list
pages (``{guide-list}``, ``{phase-navigation}``, ``{role-links}``) and of a series' Contents
(``series.py``): :data:`RESOLVERS` knows them all.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation

from . import census
from .cards import CARDS_LAYOUT, resolve_cards
from .collector import guide_of, guides
from .contents import page_contents
from .diagnostics import warn
from .doctree import top_section
from .guide_list import resolve_guide_list
from .listing import (
    ANY,
    LISTED_TYPES,
    Criteria,
    Titled,
    as_bullet_lists,
    guide_index,
    guide_links,
    heading,
    in_a_list,
    list_node,
    select,
    visit_guide_links_html,
)
from .phase_navigation import resolve_phase_navigation
from .role_pages import ROLE_LAYOUT, resolve_role_links, resolve_role_page, role_page_criteria
from .series import resolve_series, series_criteria
from .site import site_map
from .visitors import add_node, add_web_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .frontmatter import Guide

_ = get_translation("service_manual")


def index_kind(guide: Guide) -> str | None:
    """Which generated list a page's layout puts after its text, if any."""
    layout = guide.layout
    if layout == "phases" and guide.phase:
        return "phases"
    if layout.startswith(ROLE_LAYOUT) and guide.audience_primary:
        return "role"
    if layout in ("browse", "themes", CARDS_LAYOUT):
        return layout
    return None


def page_criteria(env: BuildEnvironment, docname: str) -> list[Criteria]:
    """Every criterion the layout of ``docname`` lists guides by (empty for other pages)."""
    guide = guide_of(env, docname)
    if guide is None:
        return []
    if guide.layout in env.config.service_manual_series_layouts:
        return series_criteria(guide)
    kind = index_kind(guide)
    if kind == "phases":
        return [Criteria(phase=guide.phase)]
    if kind == "role":
        return role_page_criteria(guide)
    if kind == "browse":
        return [Criteria(category=ANY, types=(*LISTED_TYPES, "category-index"))]
    if kind == "themes":
        return [Criteria(theme=ANY)]
    if kind == CARDS_LAYOUT:
        return [Criteria(types=None)]  # every page: its title, subtitle and address
    return []


def add_index_placeholder(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    guide = guide_of(app.env, docname)
    section = top_section(doctree)
    kind = index_kind(guide) if guide is not None else None
    if guide is None or section is None or kind is None:
        return
    if kind == "role" and len(guide.audience_primary) > 1:
        warn(
            f"a role page names one role in 'audience', not {len(guide.audience_primary)}; "
            f"it indexes {guide.audience_primary[0]!r}",
            subtype="index",
            location=(docname, guide.line_of("audience")),
        )
    node = guide_index(kind=kind, docname=docname)
    node.source, node.line = section.source, guide.line_of("layout")
    section += node


# -- resolving: one function a kind, each returning the nodes that replace the placeholder


def _phase_page(
    app: Sphinx, node: guide_index, here: str, listed: list[Titled]
) -> list[nodes.Node]:
    docname = node["docname"]
    guide = guide_of(app.env, docname)
    assert guide is not None and guide.phase
    categories = app.config.service_manual_categories
    out: list[nodes.Node] = []
    groups = [
        (title, Criteria(phase=guide.phase, category=slug)) for slug, title in categories.items()
    ]
    # The phase's guides, sorted: each group is picked from these, not from every guide.
    in_phase = select(listed, Criteria(phase=guide.phase), skip=docname)
    # Guides of this phase with no category still appear, last.
    uncategorised = [i for i in in_phase if i.guide.category is None]
    for title, crit in groups:
        items = select(in_phase, crit)
        if items:
            out += [heading(_(title)), list_node(items, app.builder, here, "")]
    if uncategorised:
        out += [heading(_("Other guides")), list_node(uncategorised, app.builder, here, "")]
    if not out:
        text = _(app.config.service_manual_empty_list_text)
        out.append(nodes.paragraph(text, text, classes=["sm-guide-list__empty"]))
    return out


def _browse_page(
    app: Sphinx, node: guide_index, here: str, listed: list[Titled]
) -> list[nodes.Node]:
    """Each category's heading has the category's slug for its id, as in 2016
    (``browse#agile``), unless the page's own text has taken it."""
    docname = node["docname"]
    root = node
    while root.parent is not None:
        root = root.parent
    taken = {i for element in root.findall(nodes.Element) for i in element["ids"]}
    out: list[nodes.Node] = []
    entries: list[tuple[str, str]] = []
    for slug, title in app.config.service_manual_categories.items():
        # The category's pages of any type, sorted: both lists are picked from these.
        in_category = select(listed, Criteria(category=slug, types=None), skip=docname)
        indexes = select(in_category, Criteria(category=slug, types=("category-index",)))
        items = select(in_category, Criteria(category=slug))
        if indexes or items:
            group = heading(_(title))
            if slug not in taken:
                group["ids"] = [slug]
                entries.append((group.astext(), slug))
            out += [group, list_node(indexes + items, app.builder, here, "")]
    if len(entries) > 1 and app.builder.format == "html":
        out.insert(0, page_contents(entries=entries))
    return out


def _themes_page(
    app: Sphinx, node: guide_index, here: str, listed: list[Titled]
) -> list[nodes.Node]:
    docname = node["docname"]
    out: list[nodes.Node] = []
    for slug, title in app.config.service_manual_themes.items():
        items = select(listed, Criteria(theme=slug), skip=docname)
        if items:
            out += [heading(_(title)), list_node(items, app.builder, here, "")]
    return out


RESOLVERS = {
    "list": resolve_guide_list,
    "phases": _phase_page,
    "role": resolve_role_page,
    "browse": _browse_page,
    "themes": _themes_page,
    CARDS_LAYOUT: resolve_cards,
    "phase-navigation": resolve_phase_navigation,
    "role-links": resolve_role_links,
    "series": resolve_series,
}


def resolve_index_pages(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Fill in every list of guides: the ``{guide-list}`` blocks and the index pages'."""
    found = census.findall(app.env, doctree, fromdocname, guide_index)
    if not found:
        return
    listed = site_map(app.env).listed
    for node in found:
        resolver = RESOLVERS.get(node.get("kind", ""))
        if resolver is None:
            continue
        # A LaTeX build resolves every page in one tree: the placeholder knows its page.
        found = resolver(app, node, fromdocname, listed) or []
        node.replace_self(as_bullet_lists(found) if in_a_list(node) else found)


def check_index_pages(app: Sphinx, env: BuildEnvironment) -> None:
    """One warning a build for each phase or role that guides show as a tag but no page
    indexes, located at the first guide that uses it; and one for each unknown hero."""
    site = site_map(env)
    tagged = [
        (docname, guide)
        for docname, guide in sorted(guides(env).items())
        if guide.layout in env.config.service_manual_guide_layouts  # only these show tags
    ]
    first_use: dict[tuple[str, str], tuple[str, int | None]] = {}
    count: Counter[tuple[str, str]] = Counter()
    for docname, guide in tagged:
        for key in [("phase", p) for p in guide.phases] + [("role", r) for r in guide.audiences]:
            # A role may come from the 2016 'secondary-audience' key alone.
            line = guide.line_of(_FIELD[key[0]]) or guide.line_of("secondary-audience")
            first_use.setdefault(key, (docname, line))
            count[key] += 1
    for docname, guide in sorted(guides(env).items()):
        if (
            guide.hero
            and not guide.hero_url
            and guide.layout.startswith(ROLE_LAYOUT)
            and guide.hero not in site.by_title
        ):
            warn(
                f"hero {guide.hero!r} is not the title of any page; no promo is shown",
                subtype="index",
                location=(docname, guide.line_of("hero")),
            )
    for (kind, slug), location in sorted(first_use.items()):
        pages = site.phase_pages if kind == "phase" else site.role_pages
        if slug in pages:
            continue
        layout, field = ("phases", "phase") if kind == "phase" else ("role-index", "audience")
        warn(
            f"no index page for {kind} {slug!r} (a page with layout: {layout} and {field}: "
            f"{slug}); its tags on {count[(kind, slug)]} page(s) are shown as plain text",
            subtype="index",
            location=location,
        )


_FIELD = {"phase": "phases", "role": "audience"}


def setup(app: Sphinx) -> None:
    add_node(app, guide_index)
    add_web_node(app, guide_links, (visit_guide_links_html, None))
    census.track(guide_index)
    app.connect("doctree-read", add_index_placeholder, priority=620)
    app.connect("doctree-resolved", resolve_index_pages)
    app.connect("env-check-consistency", check_index_pages)
