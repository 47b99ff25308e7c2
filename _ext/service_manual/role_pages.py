"""Role pages (``layout: role-index``) and the links between them, as the 2016 layout
showed them. After the page's own text a role page lists:

- the hero: a promo of the page whose title ``hero`` names, or of a page outside the manual
  (``hero`` with ``title``, ``subtitle`` and ``url``);
- "Guides": the guides whose primary audience is the role, but the hero, by title;
- "Resources": the resources whose primary audience is the role, where there are any;
- "More guides from the manual": the pages of any type whose secondary audience is the role,
  with their subtitles, where there are any;
- "Guides and resources for…": every role that has a role page, in the order of
  ``service_manual_roles`` (the ``{role-links}`` directive puts the same block on any page);
- "Browse all guides…": a link to the page with ``layout: browse``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from .collector import guide_of
from .listing import Criteria, Titled, guide_index, heading, list_node, list_placeholder, select
from .site import site_map

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .frontmatter import Guide

_ = get_translation("service_manual")

ROLE_LAYOUT = "role-index"  # and the 2016 variants, whose names start with it


def role_page_criteria(guide: Guide) -> list[Criteria]:
    """What a role page lists, for incremental builds."""
    role = guide.audience_primary[0]
    criteria = [
        Criteria(audience=role, tier="primary"),
        Criteria(audience=role, tier="secondary", types=None),
        *ROLE_LINKS_CRITERIA,
        Criteria(layout_prefix="browse", types=None),
    ]
    if guide.hero and not guide.hero_url:
        criteria.append(Criteria(title=guide.hero, types=None))
    return criteria


# What the role links show: the role pages (which role each indexes comes with them).
ROLE_LINKS_CRITERIA = (Criteria(layout_prefix=ROLE_LAYOUT, types=None),)


def section_level(node: nodes.Node) -> int:
    """The heading level of a block at ``node``: one below the section it is in."""
    depth = sum(1 for ancestor in _ancestors(node) if isinstance(ancestor, nodes.section))
    return min(max(depth, 1) + 1, 6)


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def role_links(app: Sphinx, here: str, page: str, level: int) -> list[nodes.Node]:
    """ "Guides and resources for…" and a link to each role page; on a role page (``page``,
    which ``here`` is but in a LaTeX build, resolved as one tree) its own role is named, not
    linked."""
    site = site_map(app.env)
    names = {slug: spec["title"] for slug, spec in app.config.service_manual_roles.items()}
    bullets = nodes.bullet_list(classes=["sm-role-links"])
    for slug, name in names.items():
        target = site.role_pages.get(slug)
        if target is None:
            continue
        text = _(name)
        if target == page:
            para = nodes.paragraph(
                "", "", nodes.strong(text, text), classes=["sm-role-links__current"]
            )
        else:
            ref = nodes.reference(
                "", text, internal=True, refuri=app.builder.get_relative_uri(here, target)
            )
            para = nodes.paragraph("", "", ref)
        bullets += nodes.list_item("", para)
    if not bullets.children:
        return []
    return [heading(_("Guides and resources for…"), level), bullets]


def browse_link(app: Sphinx, here: str, page: str) -> list[nodes.Node]:
    """ "Browse all guides…", linking to the browse page, where the site has one."""
    browse = site_map(app.env).browse_page
    if browse is None or browse == page:
        return []
    text = _("Browse all guides…")
    href = app.builder.get_relative_uri(here, browse)
    ref = nodes.reference("", text, internal=True, refuri=href)
    return [nodes.paragraph("", "", nodes.strong("", "", ref), classes=["sm-browse-link"])]


def _promo(title: str, subtitle: str | None, ref: nodes.reference) -> nodes.container:
    """A hero: one item in the markup of a list of guides, in a box of its own."""
    ref["classes"] = ["sm-guide-list__title"]
    ref += nodes.Text(title)
    entry = nodes.list_item("", nodes.paragraph("", "", ref), classes=["sm-guide-list__item"])
    if subtitle:
        entry += nodes.paragraph(subtitle, subtitle, classes=["sm-guide-list__subtitle"])
    return nodes.container(
        "", nodes.bullet_list("", entry, classes=["sm-guide-list"]), classes=["sm-hero"]
    )


def hero(app: Sphinx, guide: Guide, here: str, listed: list[Titled]) -> list[nodes.Node]:
    if not guide.hero:
        return []
    if guide.hero_url:
        ref = nodes.reference("", "", refuri=guide.hero_url)
        return [_promo(guide.hero, guide.hero_subtitle, ref)]
    found = site_map(app.env).by_title.get(guide.hero)
    item = next((i for i in listed if i.docname == found), None)
    if item is None:
        return []  # check_index_pages warns, once a build
    ref = nodes.reference(
        "", "", internal=True, refuri=app.builder.get_relative_uri(here, item.docname)
    )
    return [_promo(item.title, guide.hero_subtitle or item.guide.subtitle, ref)]


def resolve_role_page(
    app: Sphinx, node: guide_index, here: str, listed: list[Titled]
) -> list[nodes.Node]:
    docname = node["docname"]
    guide = guide_of(app.env, docname)
    assert guide is not None and guide.audience_primary
    role = guide.audience_primary[0]
    out: list[nodes.Node] = hero(app, guide, here, listed)
    # 2016's condition meant to leave the hero out of "Guides"; Liquid's reading of it did not.
    exclude = (guide.hero,) if guide.hero else ()
    # The pages for the role, sorted: each list below is picked from these.
    for_role = select(listed, Criteria(audience=role, types=None), skip=docname)

    def primary(kind: str) -> list[Titled]:
        wanted = Criteria(audience=role, tier="primary", types=(kind,), exclude=exclude)
        return select(for_role, wanted)

    def titles_only(items: list[Titled], empty: str = "") -> nodes.Element:
        return list_node(items, app.builder, here, empty, subtitles=False)

    guides, resources = primary("guide"), primary("resource")
    more = select(for_role, Criteria(audience=role, tier="secondary", types=None))
    out += [heading(_("Guides")), titles_only(guides, _("There are no guides for this role yet."))]
    if resources:
        out += [heading(_("Resources")), titles_only(resources)]
    if more:
        out += [heading(_("More guides from the manual")), list_node(more, app.builder, here, "")]
    out += role_links(app, here, docname, 2)
    out += browse_link(app, here, docname)
    return out


class RoleLinksDirective(SphinxDirective):
    """``{role-links}``: "Guides and resources for…" and a link to each role page, as on the
    2016 home page."""

    has_content = False
    option_spec: ClassVar[dict[str, object]] = {}

    def run(self) -> list[nodes.Node]:
        node = list_placeholder(
            self.env,
            kind="role-links",
            docname=self.env.docname,
            criteria=list(ROLE_LINKS_CRITERIA),
        )
        self.set_source_info(node)
        return [node]


def resolve_role_links(
    app: Sphinx, node: guide_index, here: str, listed: list[Titled]
) -> list[nodes.Node]:
    return role_links(app, here, node["docname"], section_level(node))


def setup(app: Sphinx) -> None:
    app.add_directive("role-links", RoleLinksDirective)
