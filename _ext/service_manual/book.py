"""A book's link from a page to itself.

Sphinx's ``pathto()`` gives a book's link from a page to itself as the page's path from the
root of the book (``browse/index.xhtml``), which, from ``browse/``, leads to
``browse/browse/index.xhtml``: the EPUB builders never link a page to itself with ``#``
(``allow_sharp_as_current_path = False``), and ``pathto()`` then returns its base URI, which
is relative to the root and not to the page. The manual's header links the browse and phases
pages on every page, so a book in the manual's theme (``epub_theme = "service_manual"``) had
a broken link on each of those two pages. For those builders, the templates get a
``pathto()`` that gives the page's own file name instead; every other builder is left as it is.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


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
    # Before any other handler or template uses pathto().
    app.connect("html-page-context", link_to_the_page_itself, priority=400)
