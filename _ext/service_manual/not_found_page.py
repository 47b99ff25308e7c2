"""The 404 page: ``404.html``, made by sphinx-notfound-page in the manual's own layout.

A static host (Read the Docs among them) answers any missing URL with ``404.html``, at
whatever depth the reader asked for, so every link and stylesheet on it must be absolute.
sphinx-notfound-page renders the page with absolute URLs under ``notfound_urls_prefix``; the
extension loads it, because a published manual needs the page, and sets that prefix from
where the site is published (:mod:`.published`), unless ``conf.py`` sets it: without that,
sphinx-notfound-page would assume Read the Docs' ``/en/latest/`` everywhere.

The page says what GOV.UK's own 404 page says, in the reader's language, and links to the
home page and the search; the header (with its search form) is the manual's. A project can
write its own ``404.md``, or set ``notfound_context``, and sphinx-notfound-page uses that.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

from .config import set_by_project
from .published import url_prefix

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

_ = get_translation("service_manual")


def set_prefix(app: Sphinx, config: Config) -> None:
    if not set_by_project(config, "notfound_urls_prefix"):
        config.notfound_urls_prefix = url_prefix(config)


def not_found_text(app: Sphinx, context: dict[str, Any]) -> tuple[str, str]:
    """The page's title and body (HTML), with links that work from any URL."""
    pathto = context["pathto"]  # sphinx-notfound-page's: absolute, under the prefix

    def link(docname: str, text: str) -> str:
        return f'<a href="{escape(pathto(docname))}">{escape(text)}</a>'

    title = _("Page not found")
    home = link(app.config.root_doc, _("home page"))
    paragraphs = [
        escape(_("If you typed the web address, check it is correct.")),
        escape(_("If you pasted the web address, check you copied the entire address.")),
    ]
    if context["hasdoc"]("search"):
        search = link("search", _("search the manual"))
        sentence = _("You can %(search)s or go to the %(home)s.")
        paragraphs.append(escape(sentence) % {"search": search, "home": home})
    else:
        paragraphs.append(escape(_("Go to the %(home)s.")) % {"home": home})
    body = f"<h1>{escape(title)}</h1>\n" + "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return title, body


def fill_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if pagename != app.config.notfound_pagename or doctree is not None:
        return  # not the 404 page, or the project wrote its own 404.md
    # Scripts that resolve URLs against the page's root (data-content_root) find the site.
    context["content_root"] = app.config.notfound_urls_prefix or "/"
    # It stands for every missing URL: it is the canonical page of none.
    context["pageurl"] = None
    if set_by_project(app.config, "notfound_context"):
        return
    context["title"], context["body"] = not_found_text(app, context)


def setup(app: Sphinx) -> None:
    app.setup_extension("notfound.extension")
    app.connect("config-inited", set_prefix, priority=450)
    # After sphinx-notfound-page (priority 400) has made the page's links absolute.
    app.connect("html-page-context", fill_page, priority=450)
