"""Layouts: the extension's HTML theme, and which of its templates renders a page.

The theme (``theme/``: templates, stylesheet, scripts) ships inside the package and is
registered here, so a project that lists only ``service_manual`` gets the manual's pages; it
is the default theme of such a project, and a project's ``templates_path`` and
``html_static_path`` override single files of it. A page's front matter ``layout`` picks its
template. The handler hands the template plain data (the guide, its page tools); the
templates hold the markup, and print only escaped values.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from jinja2 import TemplateNotFound

from . import feedback, repository
from .collector import guide_of
from .config import set_by_project
from .diagnostics import warn

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

THEME_NAME = "service_manual"
THEME_PATH = Path(__file__).resolve().parent / "theme"


def page_tools(app: Sphinx, docname: str) -> dict[str, str]:
    """The page's "Report a problem" link, and links to its source and history, each when
    it is known (``feedback.py``, ``repository.py``)."""
    tools = repository.page_links(app, docname)
    report = feedback.feedback_url(app, docname)
    if report:
        tools["feedback_url"] = report
    return tools


def choose_template(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> str | None:
    guide = guide_of(app.env, pagename) if doctree is not None else None
    context["sm_layout"] = guide.layout if guide else None
    context["sm_guide"] = guide
    context["sm_page_tools"] = page_tools(app, pagename) if guide else {}
    if guide is None or templatename != "page.html":
        return None
    template = app.config.service_manual_layouts.get(guide.layout)
    if template is None or not _template_exists(app, template):
        if not uses_our_theme(app):
            return None  # another theme: its page.html frames the page, as it would any page
        warn(
            f"layout {guide.layout!r} has no template {template!r} in the theme or templates_path; "
            "the page uses Sphinx's page.html",
            subtype="layout",
            location=(pagename, guide.line_of("layout")),
        )
        return None
    return template


def _template_exists(app: Sphinx, name: str) -> bool:
    """Whether the builder's templates hold ``name``: asked once a build for each template
    (every page asks, and Jinja checks the file on disk each time it is asked)."""
    environment = getattr(app.builder, "templates", None)
    if environment is None:
        return False
    known = _TEMPLATES_FOUND.setdefault(environment, {})
    if name not in known:
        try:
            environment.environment.get_template(name)
        except TemplateNotFound:
            known[name] = False
        else:
            known[name] = True
    return known[name]


# The answers of _template_exists, for each builder's templates (so, for one build).
_TEMPLATES_FOUND: WeakKeyDictionary[Any, dict[str, bool]] = WeakKeyDictionary()


def default_theme(app: Sphinx, config: Config) -> None:
    """A project that names no theme gets the manual's own (set before the builder reads
    ``html_theme``, and the same on every run, so it is never a configuration change)."""
    if not set_by_project(config, "html_theme"):
        config.html_theme = THEME_NAME


def uses_our_theme(app: Sphinx) -> bool:
    """Whether this builder renders with the manual's theme (the EPUB builder, for one, has
    a theme of its own)."""
    theme = getattr(app.builder, "theme", None)
    return getattr(theme, "name", None) == THEME_NAME


def setup(app: Sphinx) -> None:
    app.add_html_theme(THEME_NAME, THEME_PATH)
    app.connect("config-inited", default_theme)
    app.connect("html-page-context", choose_template)
