"""Breadcrumbs: from the ``breadcrumbs`` front matter when a page has it, otherwise from the
page's ancestors in the table of contents.

A :class:`breadcrumbs` placeholder goes before the page's title when the document is read.
It is resolved per builder: HTML builders get a ``<nav aria-label="Breadcrumb">`` with an
ordered list of links; print and text builders leave it out (a PDF has its own contents).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation

from . import census
from .collector import guide_of
from .core import urls
from .diagnostics import warn
from .site import ancestors, legacy_docname, site_map
from .visitors import add_web_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("service_manual")


class breadcrumbs(nodes.General, nodes.Element):
    """``items``: a list of ``(title, href or None)``, filled in when resolved."""


def placeholder(app: Sphinx, docname: str) -> breadcrumbs | None:
    """The breadcrumbs of every page but the home page, resolved per builder."""
    if docname == app.config.root_doc:
        return None
    node = breadcrumbs(items=[])
    node.source = str(app.env.doc2path(docname))
    node.line = 1
    return node


def _from_front_matter(app: Sphinx, fromdocname: str) -> list[tuple[str, str | None]] | None:
    guide = guide_of(app.env, fromdocname)
    if guide is None or guide.breadcrumbs is None:
        return None
    items: list[tuple[str, str | None]] = []
    for crumb in guide.breadcrumbs:
        location = (fromdocname, crumb.line) if crumb.line else fromdocname
        href: str | None = None
        parts = urls.parse(crumb.url)
        if not crumb.url:
            href = None
        elif parts is None:
            warn(
                f"breadcrumb {crumb.title!r} has a URL that is not valid ({crumb.url!r}); "
                "it is shown as plain text",
                subtype="breadcrumb",
                location=location,
            )
        elif parts.scheme:
            if urls.is_allowed_link(crumb.url):
                href = crumb.url
            else:
                warn(
                    f"breadcrumb {crumb.title!r} has a URL whose scheme is not allowed "
                    f"({parts.scheme}:); it is shown as plain text",
                    subtype="breadcrumb",
                    location=location,
                )
        else:
            target = legacy_docname(app.env, crumb.url)
            if target is None:
                warn(
                    f"breadcrumb {crumb.title!r} links to {crumb.url!r}, which is no page "
                    "of this site; it is shown as plain text",
                    subtype="breadcrumb",
                    location=location,
                )
            else:
                docname, anchor = target
                href = app.builder.get_relative_uri(fromdocname, docname)
                if anchor:
                    href += "#" + anchor
        items.append((crumb.title, href))
    return items


def _from_toctree(app: Sphinx, fromdocname: str) -> list[tuple[str, str | None]]:
    env = app.env
    site = site_map(env)
    items: list[tuple[str, str | None]] = []
    for docname in reversed(ancestors(site, fromdocname)):
        title = site.titles.get(docname, docname)
        if docname == env.config.root_doc:
            title = _("Home")
        items.append((title, app.builder.get_relative_uri(fromdocname, docname)))
    return items


def resolve_breadcrumbs(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    for node in census.findall(app.env, doctree, fromdocname, breadcrumbs):
        if app.builder.format != "html":
            node.parent.remove(node)
            continue
        items = _from_front_matter(app, fromdocname)
        if items is None:
            items = _from_toctree(app, fromdocname)
        if items:
            node["items"] = items
        else:
            node.parent.remove(node)


def visit_breadcrumbs_html(self: HTML5Translator, node: breadcrumbs) -> None:
    """GOV.UK Frontend's breadcrumbs component; a crumb without a link is plain text."""
    label = str(_("Breadcrumb"))
    out = [
        f'<nav class="govuk-breadcrumbs" aria-label="{self.attval(label)}">\n'
        '<ol class="govuk-breadcrumbs__list">\n'
    ]
    for title, href in node["items"]:
        text = self.encode(title)
        if href is None:
            out.append(f'<li class="govuk-breadcrumbs__list-item">{text}</li>\n')
        else:
            out.append(
                f'<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" '
                f'href="{self.attval(href)}">{text}</a></li>\n'
            )
    out.append("</ol>\n</nav>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    add_web_node(app, breadcrumbs, (visit_breadcrumbs_html, None))
    census.track(breadcrumbs)
    app.connect("doctree-resolved", resolve_breadcrumbs)
