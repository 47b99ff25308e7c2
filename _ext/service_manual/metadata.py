"""Each page's description and Open Graph tags: what a search engine shows under the page's
title, and the summary a shared link unfolds into.

Every page built from a source file gets ``<meta name="description">`` and ``og:title``,
``og:description``, ``og:type``, ``og:site_name``, and ``og:url`` when the site's base URL is
known (:mod:`.published`). The title is the page's title; the description its subtitle, or,
for a page without one, its first paragraph. No image is named: the manual has none of its
own to show, and a remote one would be loaded by every reader of a shared link. The EPUB gets
the description only: Open Graph is for pages on the web.

The tags join Sphinx's ``metatags`` context value, which the layout prints in the head, so no
template changes. Front matter is hostile input: every value is escaped here.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .collector import guide_of
from .published import base_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Search engines show about this much; a longer first paragraph is cut at a word.
DESCRIPTION_LENGTH = 200


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def first_paragraph(doctree: nodes.document) -> str:
    """The text of the page's first paragraph of its own: one directly in a section, not a
    tag, a list, a caption or a note."""
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, nodes.section | nodes.document):
            text = plain(paragraph.astext())
            if text:
                return text
    return ""


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def page_title(app: Sphinx, docname: str) -> str:
    guide = guide_of(app.env, docname)
    if guide is not None and guide.title:
        return plain(guide.title)
    title = app.env.titles.get(docname)
    return plain(title.astext()) if title is not None else ""


def page_description(app: Sphinx, docname: str, doctree: nodes.document) -> str:
    guide = guide_of(app.env, docname)
    if guide is not None and guide.subtitle:
        return plain(guide.subtitle)
    return shorten(first_paragraph(doctree))


def meta(attribute: str, key: str, content: str) -> str:
    return f'<meta {attribute}="{escape(key)}" content="{escape(content)}" />'


def page_metatags(app: Sphinx, docname: str, doctree: nodes.document, existing: str) -> list[str]:
    title = page_title(app, docname)
    description = page_description(app, docname, doctree)
    tags = []
    if description and 'name="description"' not in existing:
        tags.append(meta("name", "description", description))
    if getattr(app.builder, "embedded", False):
        return tags
    page_type = "website" if docname == app.config.root_doc else "article"
    properties = [
        ("og:title", title),
        ("og:description", description),
        ("og:type", page_type),
        ("og:site_name", plain(app.config.project)),
    ]
    if base_url(app.config):
        properties.append(("og:url", base_url(app.config) + app.builder.get_target_uri(docname)))
    tags += [meta("property", key, value) for key, value in properties if value]
    return tags


def add_metatags(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if doctree is None:
        return  # a generated page (search, index, 404): not content to describe
    existing = context.get("metatags", "")
    tags = page_metatags(app, pagename, doctree, existing)
    if tags:
        context["metatags"] = existing + "\n    ".join(["", *tags]) + "\n"


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_metatags)
