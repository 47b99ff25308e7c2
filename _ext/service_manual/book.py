"""The manual as an EPUB: the website's page layouts, and links that work inside a book.

A project that names no ``epub_theme`` gets the manual's theme for its book too, when its
website uses it (decided at ``config-inited``, the same on every run, as
:func:`.layouts.default_theme` does for the website). Sphinx's default, the ``epub`` theme,
has none of the layouts' templates: every page would warn and lose its header.

Sphinx's ``pathto()`` gives a book's link from a page to itself as the page's path from the
root of the book (``browse/index.xhtml``), which, from ``browse/``, leads to
``browse/browse/index.xhtml``: the EPUB builders never link a page to itself with ``#``
(``allow_sharp_as_current_path = False``), and ``pathto()`` then returns its base URI, which
is relative to the root and not to the page. For those builders, the templates get a
``pathto()`` that gives the page's own file name instead; every other builder is left as it is.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from .layouts import THEME_NAME

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config


def default_epub_theme(app: Sphinx, config: Config) -> None:
    chosen = "epub_theme" in config._raw_config or "epub_theme" in config.overrides
    if not chosen and config.html_theme == THEME_NAME:
        config.epub_theme = THEME_NAME


def link_to_the_page_itself(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if getattr(app.builder, "allow_sharp_as_current_path", True) or "pathto" not in context:
        return
    pathto = context["pathto"]
    own_file = posixpath.basename(app.builder.get_target_uri(pagename))

    def pathto_in_a_book(otheruri: str, *args: Any, **kwargs: Any) -> str:
        resource = args[0] if args else kwargs.get("resource", False)
        if not resource and otheruri == pagename:
            return own_file
        return str(pathto(otheruri, *args, **kwargs))

    context["pathto"] = pathto_in_a_book


def setup(app: Sphinx) -> None:
    # After layouts.default_theme (500), which may have chosen html_theme.
    app.connect("config-inited", default_epub_theme, priority=510)
    # Before any other handler or template uses pathto().
    app.connect("html-page-context", link_to_the_page_itself, priority=400)
