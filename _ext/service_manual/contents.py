"""The "Contents" list at the top of a guide: a link to each of its ``##`` sections.

Read from the doctree into a :class:`page_contents` node that holds plain data (titles and
ids), so it stays builder-neutral; HTML shows it as a ``<nav>``, while print and text leave it
out (they have a table of contents of their own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation

from .visitors import add_web_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("service_manual")


class page_contents(nodes.General, nodes.Element):
    """``entries``: a list of ``(title, id)`` of the page's sections."""


def build_contents(section: nodes.section) -> page_contents | None:
    """The Contents list of a page whose top section holds two or more sections."""
    entries = [
        (child[0].astext(), child["ids"][0])
        for child in section.children
        if isinstance(child, nodes.section) and child["ids"] and isinstance(child[0], nodes.title)
    ]
    if len(entries) < 2:
        return None
    return page_contents(entries=entries)


def visit_page_contents_html(self: HTML5Translator, node: page_contents) -> None:
    """GOV.UK's contents list: a "Contents" heading and a list of links, each after a dash.
    The links are styled as every link is (Frontend's global styles)."""
    heading = str(_("Contents"))
    out = [
        '<nav class="sm-contents" aria-labelledby="sm-contents-title">\n'
        '<h2 class="govuk-heading-s sm-contents__title" id="sm-contents-title">'
        f"{self.encode(heading)}</h2>\n"
        '<ol class="govuk-list sm-contents__list">\n'
    ]
    for title, ident in node["entries"]:
        out.append(
            f'<li><a class="sm-contents__link" href="#{self.attval(ident)}">'
            f"{self.encode(title)}</a></li>\n"
        )
    out.append("</ol>\n</nav>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    add_web_node(app, page_contents, (visit_page_contents_html, None))
