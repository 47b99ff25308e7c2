"""The service navigation in every page's header: the home page, then the pages that
``service_manual_navigation`` names (by default the browse and phases pages) that exist.

The template prints the items; which exist is decided here, so that an incremental build
knows that every page changes when one of them comes or goes.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

from .diagnostics import warn

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

_ = get_translation("service_manual")

# (docname, label): the labels are in the message catalogue.
DEFAULT_NAVIGATION: list[list[str]] = [
    ["browse/index", "Browse guides"],
    ["phases/index", "Phases"],
]


def navigation_pages(
    env: BuildEnvironment, docnames: Set[str] | None = None
) -> list[tuple[str, str]]:
    """The navigation's pages that exist (among ``docnames``, by default the pages found
    now), home page first."""
    found = env.found_docs if docnames is None else docnames
    pages = [(env.config.root_doc, "Home")]
    pages += [(docname, label) for docname, label in env.config.service_manual_navigation]
    return [(docname, label) for docname, label in pages if docname in found]


def add_navigation(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    items = []
    for docname, label in navigation_pages(app.env):
        current = pagename == docname
        section = docname.rsplit("/", 1)[0] + "/" if "/" in docname else None
        items.append(
            {
                "href": context["pathto"](docname),
                "text": _(label),
                "current": current,
                "active": current or bool(section and pagename.startswith(section)),
            }
        )
    context["sm_navigation"] = items


def _is_navigation(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(
        isinstance(item, list | tuple) and len(item) == 2 and all(isinstance(i, str) for i in item)
        for item in value
    )


def check_navigation(app: Sphinx, config: Config) -> None:
    if not _is_navigation(config.service_manual_navigation):
        warn(
            "service_manual_navigation must be a list of [docname, label] pairs; using the default",
            subtype="config",
            location=None,
        )
        config.service_manual_navigation = DEFAULT_NAVIGATION


def setup(app: Sphinx) -> None:
    app.add_config_value(
        "service_manual_navigation", DEFAULT_NAVIGATION, "html", types=frozenset({list, tuple})
    )
    app.connect("config-inited", check_navigation)
    app.connect("html-page-context", add_navigation)
