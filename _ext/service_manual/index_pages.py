"""Index pages made from front matter alone, as in 2016.

- ``layout: phases`` with ``phase: X``: the guides for phase X, grouped by category in the
  configured category order;
- ``layout: role-index`` with ``audience: R``: a hero promo (front matter ``hero``, a guide's
  title), "Guides" (primary audience R), "More guides from the manual" (secondary audience R)
  and links to the other role pages;
- ``layout: browse``: every category in order, its category-index pages first, then its guides;
- ``layout: themes``: the guides of each theme.

Each page gets one :class:`~.listing.guide_index` placeholder after its own text; it is
filled in when the doctree is resolved.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation

from .collector import guide_of, guides
from .diagnostics import warn
from .doctree import top_section
from .guide_list import resolve_guide_list
from .listing import (
    ANY,
    LISTED_TYPES,
    Criteria,
    Titled,
    guide_index,
    heading,
    list_node,
    select,
)
from .site import site_map
from .visitors import CHILDREN_ONLY

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_ = get_translation("service_manual")

INDEX_LAYOUTS = ("phases", "role-index", "browse", "themes")


def page_criteria(env: BuildEnvironment, docname: str) -> list[Criteria]:
    """Every criterion the layout of ``docname`` lists guides by (empty for other pages)."""
    guide = guide_of(env, docname)
    if guide is None:
        return []
    layout = guide.layout
    if layout == "phases" and guide.phase:
        return [Criteria(phase=guide.phase)]
    if layout.startswith("role-index") and guide.audience_primary:
        role = guide.audience_primary[0]
        crits = [
            Criteria(audience=role, tier="any"),
            Criteria(layout_prefix="role-index", types=None),
        ]
        if guide.hero:
            crits.append(Criteria(title=guide.hero, types=None))
        return crits
    if layout == "browse":
        return [Criteria(category=ANY, types=(*LISTED_TYPES, "category-index"))]
    if layout == "themes":
        return [Criteria(theme=ANY)]
    return []


def add_index_placeholder(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    guide = guide_of(app.env, docname)
    section = top_section(doctree)
    if guide is None or section is None or not page_criteria(app.env, docname):
        return
    kind = "role" if guide.layout.startswith("role-index") else guide.layout
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
    # Guides of this phase with no category still appear, last.
    uncategorised = [
        i
        for i in select(listed, Criteria(phase=guide.phase), skip=docname)
        if i.guide.category is None
    ]
    for title, crit in groups:
        items = select(listed, crit, skip=docname)
        if items:
            out += [heading(_(title)), list_node(items, app.builder, here, "")]
    if uncategorised:
        out += [heading(_("Other guides")), list_node(uncategorised, app.builder, here, "")]
    if not out:
        text = _(app.config.service_manual_empty_list_text)
        out.append(nodes.paragraph(text, text, classes=["sm-guide-list__empty"]))
    return out


def _role_page(app: Sphinx, node: guide_index, here: str, listed: list[Titled]) -> list[nodes.Node]:
    docname = node["docname"]
    env = app.env
    guide = guide_of(env, docname)
    assert guide is not None and guide.audience_primary
    role = guide.audience_primary[0]
    site = site_map(env)
    out: list[nodes.Node] = []
    hero_doc = site.by_title.get(guide.hero) if guide.hero else None
    if hero_doc is not None:
        hero = next(i for i in listed if i.docname == hero_doc)
        promo = nodes.container(classes=["sm-hero"])
        promo += list_node([hero], app.builder, here, "")
        out.append(promo)
    empty = _("There are no guides for this role yet.")
    exclude = (guide.hero,) if guide.hero else ()
    primary = select(listed, Criteria(audience=role, tier="primary", exclude=exclude), skip=docname)
    secondary = select(
        listed, Criteria(audience=role, tier="secondary", exclude=exclude), skip=docname
    )
    out += [heading(_("Guides")), list_node(primary, app.builder, here, empty)]
    out += [
        heading(_("More guides from the manual")),
        list_node(secondary, app.builder, here, empty),
    ]
    others = [
        i
        for role_slug, role_doc in site.role_pages.items()
        if role_slug != role
        for i in listed
        if i.docname == role_doc
    ]
    if others:
        others.sort(key=lambda i: i.title.casefold())
        out += [heading(_("Other roles")), list_node(others, app.builder, here, "")]
    return out


def _browse_page(
    app: Sphinx, node: guide_index, here: str, listed: list[Titled]
) -> list[nodes.Node]:
    docname = node["docname"]
    out: list[nodes.Node] = []
    for slug, title in app.config.service_manual_categories.items():
        indexes = select(listed, Criteria(category=slug, types=("category-index",)), skip=docname)
        items = select(listed, Criteria(category=slug), skip=docname)
        if indexes or items:
            out += [heading(_(title)), list_node(indexes + items, app.builder, here, "")]
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
    "role": _role_page,
    "browse": _browse_page,
    "themes": _themes_page,
}


def resolve_index_pages(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Fill in every list of guides: the ``{guide-list}`` blocks and the index pages'."""
    listed = site_map(app.env).listed
    for node in list(doctree.findall(guide_index)):
        resolver = RESOLVERS.get(node.get("kind", ""))
        if resolver is None:
            continue
        # A LaTeX build resolves every page in one tree: the placeholder knows its page.
        node.replace_self(resolver(app, node, fromdocname, listed) or [])


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
        if guide.hero and guide.layout.startswith("role-index") and guide.hero not in site.by_title:
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
    app.add_node(
        guide_index,
        html=CHILDREN_ONLY,
        latex=CHILDREN_ONLY,
        text=CHILDREN_ONLY,
        man=CHILDREN_ONLY,
        texinfo=CHILDREN_ONLY,
    )
    app.connect("doctree-read", add_index_placeholder, priority=620)
    app.connect("doctree-resolved", resolve_index_pages)
    app.connect("env-check-consistency", check_index_pages)
