"""A series: the pages of a layout in ``service_manual_series_layouts`` read as one, as 2016
read the six pages that support the Digital by Default Service Standard (``layout:
standard-support``). Where a guide shows its Contents, each page of a series shows the
Contents of the whole series, in the order of the table of contents: the other pages as
links, the page itself as text, with (in HTML) its own sections under it.

2016 wrote the six links into its layout; here they come from the pages' front matter (the
layout and their titles) and the table of contents (their order), so a page joins the series
by naming the layout. The list is filled in when the doctree is resolved; the site map keeps
each series' order, so that an incremental build rewrites the series when it changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation

from .contents import page_contents
from .listing import Criteria, Titled, guide_index
from .site import site_map
from .visitors import add_web_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

    from .frontmatter import Guide

_ = get_translation("service_manual")


class series_contents(nodes.General, nodes.Element):
    """The Contents of a series in HTML. ``pages``: (title, href, or None for the page
    itself); ``entries``: (title, id) of the page's own sections."""


def series_criteria(guide: Guide) -> list[Criteria]:
    """The pages a series page lists (their titles, and which pages they are)."""
    return [Criteria(layout_prefix=guide.layout, types=None)]


def contents(guide: Guide, config: Config, own: page_contents | None) -> nodes.Element | None:
    """What goes where a guide's Contents goes: for a page of a series, a placeholder for the
    series' Contents (keeping the page's own sections); for any other page, its own."""
    if guide.layout not in config.service_manual_series_layouts:
        return own
    entries = own["entries"] if own is not None else []
    return guide_index(kind="series", docname=guide.docname, layout=guide.layout, entries=entries)


def resolve_series(
    app: Sphinx, node: guide_index, here: str, listed: list[Titled]
) -> list[nodes.Node]:
    site = site_map(app.env)
    page = node["docname"]
    members = site.series.get(node["layout"], ())
    if len(members) < 2:  # a series of one: the page's own Contents, as any guide has
        return [page_contents(entries=node["entries"])] if len(node["entries"]) > 1 else []
    pages = [
        (
            site.titles.get(docname, docname),
            None if docname == page else app.builder.get_relative_uri(here, docname),
        )
        for docname in members
    ]
    if app.builder.format == "html":
        return [series_contents(pages=pages, entries=node["entries"])]
    # Print and text: the list of the series, without the page's sections (a book has its own
    # table of contents).
    text = _("Contents")
    items = nodes.enumerated_list(classes=["sm-series"])
    for title, href in pages:
        if href is None:
            para = nodes.paragraph(title, title)
        else:
            para = nodes.paragraph("", "", nodes.reference("", title, internal=True, refuri=href))
        items += nodes.list_item("", para)
    return [nodes.paragraph("", "", nodes.strong(text, text), classes=["sm-series__title"]), items]


def visit_series_contents_html(self: HTML5Translator, node: series_contents) -> None:
    """GOV.UK's contents list, as a guide's (``contents.py``), for the pages of the series;
    the current page is not a link, and its own sections are listed under it."""
    heading = str(_("Contents"))
    out = [
        '<nav class="sm-contents sm-series" aria-labelledby="sm-contents-title">\n'
        '<h2 class="govuk-heading-s sm-contents__title" id="sm-contents-title">'
        f"{self.encode(heading)}</h2>\n"
        '<ol class="govuk-list sm-contents__list">\n'
    ]
    for title, href in node["pages"]:
        if href is not None:
            out.append(
                f'<li><a class="sm-contents__link" href="{self.attval(href)}">'
                f"{self.encode(title)}</a></li>\n"
            )
            continue
        out.append(f'<li class="sm-series__current" aria-current="page">{self.encode(title)}')
        if node["entries"]:
            out.append('\n<ol class="govuk-list sm-contents__list sm-series__sections">\n')
            for section_title, ident in node["entries"]:
                out.append(
                    f'<li><a class="sm-contents__link" href="#{self.attval(ident)}">'
                    f"{self.encode(section_title)}</a></li>\n"
                )
            out.append("</ol>\n")
        out.append("</li>\n")
    out.append("</ol>\n</nav>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    add_web_node(app, series_contents, (visit_series_contents_html, None))
