"""Where data becomes a page's header. One handler puts it together, in order: breadcrumbs,
the caption above the title (such as "Design pattern"), the title, the subtitle, the tags
that name the guide's audiences, phases, status and category, the review box (``review/``)
and the Contents list.

The tags are a :class:`guide_tags` placeholder when the page is read. When the doctree is
resolved it gets the tags as data: each a link to the index page of its phase, role or
category where the site has one, or plain text where it has none. HTML writes them from that
data; other builders get them as a field list too, builder-neutral nodes they show as usual.
They are made that late, and as data for the web, because a full build holds every page's
doctree in memory from reading to writing and Python's garbage collector walks it all again and
again: as nodes, a guide's tags were some forty, a third of a short guide's doctree. Left out of
the search index too, as data: the name of a role, phase or category found every guide tagged
with it, ahead of the pages about it (the index pages the tags link to are searched).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform

from . import breadcrumbs, census, contents, series
from .collector import guide_of
from .doctree import raw_as_text, top_section
from .frontmatter import Guide
from .review.box import build_box
from .site import site_map
from .visitors import add_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

_ = get_translation("service_manual")


class guide_tags(nodes.General, nodes.Element):
    """The header tags of a guide. Read as a placeholder (``docname``: whose tags), given
    ``fields`` by :func:`resolve_tags`: a list of ``(label, [(kind, text, href or None)])``,
    one a kind of tag ("For", "Phases" ...)."""


#: Where a tag links: its kind (primary, secondary, phase, status or category) and slug to
#: the relative URI of the index page, or None for plain text.
TagTarget = Callable[[str, str], str | None]
TagFields = list[tuple[str, list[tuple[str, str, str | None]]]]


def tag_fields(guide: Guide, env: BuildEnvironment, target: TagTarget) -> TagFields:
    """The guide's tags, by label, each a link to ``target(kind, slug)`` or plain text."""
    config = env.config
    roles = {slug: spec["title"] for slug, spec in config.service_manual_roles.items()}
    fields: TagFields = []

    def add(label: str, kind: str, names: dict[str, str], slugs: tuple[str, ...]) -> None:
        # The vocabularies' names are in the catalogue too.
        fields.append((label, [(kind, _(names[slug]), target(kind, slug)) for slug in slugs]))

    if guide.audience_primary:
        add(_("For"), "primary", roles, guide.audience_primary)
    if guide.audience_secondary:
        add(_("Also useful for"), "secondary", roles, guide.audience_secondary)
    if guide.phases:
        add(_("Phases"), "phase", config.service_manual_phases, guide.phases)
    if config.service_manual_statuses.get(guide.status or ""):
        add(_("Status"), "status", config.service_manual_statuses, (guide.status or "",))
    if guide.category:
        add(_("Category"), "category", config.service_manual_categories, (guide.category,))
    return fields


def _classes(kind: str) -> list[str]:
    return ["sm-tag", f"sm-tag--{kind}"]


def tag_field_list(fields: TagFields) -> nodes.field_list:
    """The tags as builder-neutral nodes, for the builders that show them as text."""
    items = []
    for label, tags in fields:
        body = nodes.paragraph()
        for i, (kind, text, href) in enumerate(tags):
            if i:
                body += nodes.Text(", ")
            tag: nodes.Element = (
                nodes.reference("", text, internal=True, refuri=href)
                if href
                else nodes.inline(text, text)
            )
            tag["classes"] = _classes(kind)
            body += tag
        items.append(nodes.field("", nodes.field_name(text=label), nodes.field_body("", body)))
    return nodes.field_list("", *items, classes=["sm-tags__list"])


class TitleAsText(SphinxTransform):
    """A front matter ``title`` is text (the README says so, and lists and breadcrumbs print
    it escaped), but MyST renders it as a Markdown heading, where raw HTML passes through:
    ``title: <script>...`` became a script in the page's ``<h1>``. This runs while the
    document is parsed, before Sphinx collects titles, so the ``<title>``, tables of contents
    and lists agree with the heading."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        if "title" not in self.env.metadata.get(self.env.docname, {}):
            return
        section = top_section(self.document)
        if section is not None and isinstance(section[0], nodes.title):
            raw_as_text(section[0])


def caption(guide: Guide, env: BuildEnvironment) -> nodes.paragraph | None:
    """The label shown above a page's title, such as "Design pattern" (by layout): GOV.UK's
    caption, which goes before the heading."""
    text = env.config.service_manual_layout_captions.get(guide.layout)
    if not text:
        return None
    return nodes.paragraph(text, _(text), classes=["govuk-caption-l", "sm-caption"])


def caption_under_title(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """In a book or a text file a caption before the title would end the page before (the
    title starts a chapter or section): there it goes just under the title."""
    if app.builder.format == "html":
        return
    for node in list(doctree.findall(nodes.paragraph)):
        following = node.next_node(descend=False, siblings=True)
        if "sm-caption" not in node["classes"] or not isinstance(following, nodes.section):
            continue
        node.parent.remove(node)
        following.insert(1, nodes.paragraph("", "", nodes.emphasis(node.astext(), node.astext())))


def subtitle(guide: Guide) -> nodes.paragraph | None:
    if not guide.subtitle:
        return None
    return nodes.paragraph(guide.subtitle, guide.subtitle, classes=["sm-subtitle"])


def assemble_header(app: Sphinx, doctree: nodes.document) -> None:
    """Put a page's header together, in order: breadcrumbs and caption before the title;
    subtitle, tags, review box and contents after it."""
    env = app.env
    docname = env.docname
    guide = guide_of(env, docname)
    section = top_section(doctree)
    crumbs = breadcrumbs.placeholder(app, docname)
    if guide is None or section is None or not isinstance(section[0], nodes.title):
        if crumbs is not None:
            doctree.insert(0, crumbs)
        return
    is_guide = guide.layout in app.config.service_manual_guide_layouts
    before = [crumbs, caption(guide, env)]
    after = [
        subtitle(guide),
        guide_tags(docname=docname, classes=["sm-tags"]) if is_guide else None,
        build_box(guide, env, is_guide),
        series.contents(guide, app.config, contents.build_contents(section) if is_guide else None),
    ]
    position = doctree.index(section)
    for node in before:
        if node is not None:
            doctree.insert(position, node)
            position += 1
    position = 1
    for node in after:
        if node is not None:
            node.source, node.line = section.source, guide.line_of("title")
            section.insert(position, node)
            position += 1


def resolve_tags(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Fill in each page's tags: each a link to its index page, or plain text where there is
    none (or where it is the page itself)."""
    env = app.env
    found = census.findall(env, doctree, fromdocname, guide_tags)
    if not found:
        return
    site = site_map(env)
    pages = {
        "primary": site.role_pages,
        "secondary": site.role_pages,
        "phase": site.phase_pages,
        "category": site.category_pages,
    }

    def target(kind: str, slug: str) -> str | None:
        page = pages.get(kind, {}).get(slug)
        if page is None or page == fromdocname:
            return None
        return app.builder.get_relative_uri(fromdocname, page)

    for node in found:
        guide = guide_of(env, node["docname"])
        fields = tag_fields(guide, env, target) if guide is not None else []
        if not fields:
            node.parent.remove(node)
            continue
        node["fields"] = fields
        if app.builder.format != "html":
            node += tag_field_list(fields)


def visit_guide_tags_html(self: HTML5Translator, node: guide_tags) -> None:
    """GOV.UK Frontend's summary list: a row a field ("For", "Phases" ...), its key the
    label, its value the tags. The status is a GOV.UK tag (a status is what that component is
    for); a phase, role or category is a link to its index page, or text where there is none.
    """

    def value(kind: str, text: str, href: str | None) -> str:
        text = self.encode(text)
        classes = self.attval(" ".join(_classes(kind)))
        if kind == "status":
            return f'<strong class="govuk-tag govuk-tag--yellow {classes}">{text}</strong>'
        if href:
            return f'<a class="govuk-link {classes}" href="{self.attval(href)}">{text}</a>'
        return f'<span class="{classes}">{text}</span>'

    rows = []
    for label, tags in node["fields"]:
        values = self.encode(", ").join(value(*tag) for tag in tags)
        rows.append(
            '<div class="govuk-summary-list__row">'
            f'<dt class="govuk-summary-list__key">{self.encode(label)}</dt>'
            f'<dd class="govuk-summary-list__value">{values}</dd></div>\n'
        )
    classes = self.attval(
        " ".join(["govuk-summary-list", "govuk-summary-list--no-border", *node["classes"]])
    )
    self.body.append(f'<dl class="{classes}">\n{"".join(rows)}</dl>\n')
    raise nodes.SkipNode


def depart_guide_tags_html(self: HTML5Translator, node: guide_tags) -> None:
    """Not reached: the visitor writes the whole list."""


def visit_guide_tags_latex(self: LaTeXTranslator, node: guide_tags) -> None:
    """Print has room for one line: "For: Web operations. Phases: Discovery. ..."."""
    parts = [
        f"\\textbf{{{self.encode(label)}:}} {self.encode(', '.join(tag[1] for tag in tags))}"
        for label, tags in node["fields"]
    ]
    self.body.append("\n\n\\noindent{}" + ". ".join(parts) + ".\n\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    add_node(
        app,
        guide_tags,
        html=(visit_guide_tags_html, depart_guide_tags_html),
        latex=(visit_guide_tags_latex, None),
    )
    census.track(guide_tags)
    app.add_transform(TitleAsText)
    app.connect("doctree-read", assemble_header, priority=600)
    app.connect("doctree-resolved", resolve_tags)
    app.connect("doctree-resolved", caption_under_title)
