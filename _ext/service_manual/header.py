"""Where data becomes a page's header. One handler puts it together, in order: breadcrumbs,
the caption above the title (such as "Design pattern"), the title, the subtitle, the tags
that name the guide's audiences, phases, status and category, the review box (``review/``)
and the Contents list.

The tags are a :class:`guide_tags` placeholder when the page is read. When the doctree is
resolved it becomes builder-neutral nodes: a field list whose values link to the index page of
each phase, role or category where the site has one, or are plain text where it has none.
They are made that late because a full build holds every page's doctree in memory from
reading to writing: a guide's tags are some forty nodes, a third of a short guide's doctree,
and Python's garbage collector walks all of them again and again while the site is read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform

from . import breadcrumbs, contents, series
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
    """The header tags of a guide: a field list, one field a kind of tag. Read as an empty
    placeholder (``docname``: whose tags), filled in by :func:`resolve_tags`."""


#: Where a tag links: its kind (primary, secondary, phase, status or category) and slug to
#: the relative URI of the index page, or None for plain text.
TagTarget = Callable[[str, str], str | None]


def _field(label: str, tags: list[nodes.Element]) -> nodes.field:
    body = nodes.paragraph()
    for i, item in enumerate(tags):
        if i:
            body += nodes.Text(", ")
        body += item
    return nodes.field("", nodes.field_name(text=label), nodes.field_body("", body))


def build_tags(guide: Guide, env: BuildEnvironment, target: TagTarget) -> guide_tags | None:
    """The guide's tags, each a link to ``target(kind, slug)`` or plain text; None if none."""
    config = env.config
    roles = {slug: spec["title"] for slug, spec in config.service_manual_roles.items()}
    fields: list[nodes.field] = []

    def make(kind: str, slug: str, name: str) -> nodes.Element:
        text = _(name)  # the vocabularies' names are in the catalogue too
        href = target(kind, slug)
        node: nodes.Element = (
            nodes.reference("", text, internal=True, refuri=href)
            if href
            else nodes.inline(text, text)
        )
        node["classes"] = ["sm-tag", f"sm-tag--{kind}"]
        return node

    if guide.audience_primary:
        fields.append(
            _field(_("For"), [make("primary", r, roles[r]) for r in guide.audience_primary])
        )
    if guide.audience_secondary:
        fields.append(
            _field(
                _("Also useful for"),
                [make("secondary", r, roles[r]) for r in guide.audience_secondary],
            )
        )
    if guide.phases:
        phases = config.service_manual_phases
        fields.append(_field(_("Phases"), [make("phase", p, phases[p]) for p in guide.phases]))
    status_label = config.service_manual_statuses.get(guide.status or "", "")
    if status_label:
        fields.append(_field(_("Status"), [make("status", guide.status or "", status_label)]))
    if guide.category:
        title = config.service_manual_categories[guide.category]
        fields.append(_field(_("Category"), [make("category", guide.category, title)]))
    if not fields:
        return None
    return guide_tags(
        "", nodes.field_list("", *fields, classes=["sm-tags__list"]), classes=["sm-tags"]
    )


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
        guide_tags(docname=docname) if is_guide else None,
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

    for node in list(doctree.findall(guide_tags)):
        guide = guide_of(env, node["docname"])
        tags = build_tags(guide, env, target) if guide is not None else None
        if tags is None:
            node.parent.remove(node)
        else:
            tags.source, tags.line = node.source, node.line
            node.replace_self(tags)


def visit_guide_tags_html(self: HTML5Translator, node: guide_tags) -> None:
    """GOV.UK Frontend's summary list: a row a field ("For", "Phases" ...), its key the
    label, its value the tags. The status is a GOV.UK tag (a status is what that component is
    for); a phase, role or category is a link to its index page, or text where there is none.
    """

    def value(child: nodes.Node) -> str:
        if not isinstance(child, nodes.Element):
            return self.encode(child.astext())  # the ", " between values
        text = self.encode(child.astext())
        classes = self.attval(" ".join(child["classes"]))
        if "sm-tag--status" in child["classes"]:
            return f'<strong class="govuk-tag govuk-tag--yellow {classes}">{text}</strong>'
        if isinstance(child, nodes.reference) and child.get("refuri"):
            href = self.attval(child["refuri"])
            return f'<a class="govuk-link {classes}" href="{href}">{text}</a>'
        return f'<span class="{classes}">{text}</span>'

    rows = []
    for field in node.findall(nodes.field):
        name, body = field[0], field[1]
        values = "".join(
            value(child) for paragraph in body.findall(nodes.paragraph) for child in paragraph
        )
        rows.append(
            '<div class="govuk-summary-list__row">'
            f'<dt class="govuk-summary-list__key">{self.encode(name.astext())}</dt>'
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
        f"\\textbf{{{self.encode(field[0].astext())}:}} {self.encode(field[1].astext())}"
        for field in node.findall(nodes.field)
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
    app.add_transform(TitleAsText)
    app.connect("doctree-read", assemble_header, priority=600)
    app.connect("doctree-resolved", resolve_tags)
    app.connect("doctree-resolved", caption_under_title)
