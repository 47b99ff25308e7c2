"""Printable cards (``layout: cards``): after the page's own text, one card for every page
with a title, in the order of their files: the title, the subtitle and the page's address, to
print, cut out and pin to a wall.

The address is the page's on the published site: ``html_baseurl`` joined with the page's
path where the base URL is known (Read the Docs sets it), and the path from the site's root
otherwise. 2016 printed ``https://www.gov.uk`` before every path; the manual does not guess
a host.

In HTML the cards are a grid, which prints several to a sheet and none across two (the
stylesheet's ``break-inside: avoid``); in LaTeX each card is a framed box, two to a row,
and TeX never splits a box.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from docutils import nodes

from .listing import Titled, guide_index
from .site import site_map
from .visitors import add_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

CARDS_LAYOUT = "cards"
# The smallest height of a card in print, so that a row of cards looks like one.
LATEX_CARD_HEIGHT = "3.8cm"


class card_list(nodes.General, nodes.Element):
    """The cards of the page."""


class card(nodes.General, nodes.Element):
    """One card: ``title``, ``subtitle``, ``address`` (shown) and ``refuri`` (the link). Its
    children say the same in standard nodes, for the builders that show those; for the web,
    which shows the attributes, its one child is the text, for the search index."""


def published_address(app: Sphinx, docname: str) -> str:
    """The page's address on the published website: absolute where ``html_baseurl`` is set,
    its path from the site's root otherwise."""
    get_target_uri = getattr(app.builder, "get_target_uri", None)
    if app.builder.format == "html" and get_target_uri is not None:
        path = get_target_uri(docname)
    else:  # a book: the address the HTML build gives the page
        path = docname + (app.config.html_file_suffix or ".html")
    base = app.config.html_baseurl
    if not base:
        return path
    return base.rstrip("/") + "/" + posixpath.normpath(path).lstrip("/")


def make_card(app: Sphinx, item: Titled, here: str, index: int) -> card:
    refuri = app.builder.get_relative_uri(here, item.docname) or "#"  # "" on the page itself
    address = published_address(app, item.docname)
    subtitle = item.guide.subtitle or ""
    node = card(title=item.title, subtitle=subtitle, address=address, refuri=refuri, index=index)
    if app.builder.format == "html":
        # The web writes a card from its attributes alone (a page of cards is rewritten with
        # every title that changes): its one child is its text, for the search index.
        node += nodes.Text("\n".join(part for part in (item.title, subtitle, address) if part))
        return node
    node += nodes.paragraph("", "", nodes.strong(item.title, item.title))
    if subtitle:
        node += nodes.paragraph(subtitle, subtitle)
    node += nodes.paragraph("", "", nodes.reference("", address, internal=True, refuri=refuri))
    return node


def resolve_cards(
    app: Sphinx, node: guide_index, here: str, listed: list[Titled]
) -> list[nodes.Node]:
    titles = site_map(app.env).titles
    cards = card_list()
    for item in listed:
        if item.docname in titles:
            cards += make_card(app, item, here, len(cards))
    return [cards] if len(cards) else []


# -- HTML: Frontend's typography in a grid of bordered cards


def visit_card_list_html(self: HTML5Translator, node: card_list) -> None:
    self.body.append('<ul class="sm-cards">\n')


def depart_card_list_html(self: HTML5Translator, node: card_list) -> None:
    self.body.append("</ul>\n")


def visit_card_html(self: HTML5Translator, node: card) -> None:
    out = [
        '<li class="sm-card">\n'
        f'<h2 class="govuk-heading-s sm-card__title">{self.encode(node["title"])}</h2>\n'
    ]
    if node["subtitle"]:
        out.append(
            f'<p class="govuk-body-s sm-card__subtitle">{self.encode(node["subtitle"])}</p>\n'
        )
    out.append(
        '<p class="govuk-body-s sm-card__address"><a class="govuk-link" '
        f'href="{self.attval(node["refuri"])}">{self.encode(node["address"])}</a></p>\n</li>\n'
    )
    self.body.append("".join(out))
    raise nodes.SkipNode


# -- LaTeX: framed boxes two to a row; a box is never split across pages


def visit_card_list_latex(self: LaTeXTranslator, node: card_list) -> None:
    self.body.append("\n\n\\par\\noindent\\begingroup\\setlength{\\fboxsep}{8pt}%\n")


def depart_card_list_latex(self: LaTeXTranslator, node: card_list) -> None:
    self.body.append("\\par\\endgroup\n\n")


def visit_card_latex(self: LaTeXTranslator, node: card) -> None:
    target = node["refuri"].lstrip("%").partition("#")[0]
    width = r"\dimexpr0.5\linewidth-2\fboxsep-2\fboxrule-0.5em\relax"
    subtitle = node["subtitle"]
    parts = [
        # A strut of the smallest height beside the content: [t] boxes that start with
        # \vspace{0pt} hang from their tops, so the card is as tall as the taller of the two.
        r"\fbox{\begin{minipage}[t]{0pt}\vspace{0pt}\rule{0pt}{" + LATEX_CARD_HEIGHT + r"}"
        r"\end{minipage}%",
        r"\begin{minipage}[t]{" + width + r"}\vspace{0pt}\raggedright",
        r"{\large\bfseries " + self.encode(node["title"]) + r"\par}\medskip",
    ]
    if subtitle:
        parts.append(r"{\small " + self.encode(subtitle) + r"\par}\medskip")
    link = self.hyperlink(target + "::doc") if node["refuri"].startswith("%") else "{{"
    parts.append(
        r"{\small " + link + r"\sphinxnolinkurl{" + self.encode_uri(node["address"]) + r"}}}\par}"
    )
    parts.append(r"\end{minipage}}")
    parts.append(r"\hfill" if node["index"] % 2 == 0 else r"\par\medskip\noindent")
    self.body.append("\n".join(parts) + "\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    add_node(
        app,
        card_list,
        html=(visit_card_list_html, depart_card_list_html),
        latex=(visit_card_list_latex, depart_card_list_latex),
    )
    add_node(app, card, html=(visit_card_html, None), latex=(visit_card_latex, None))
