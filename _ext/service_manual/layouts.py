"""Layouts: a page's front matter ``layout`` picks its template in ``_templates/``.

The handler hands the template plain data (the guide, its page tools); the templates hold
the markup, and print only escaped values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from jinja2 import TemplateNotFound

from .collector import guide_of
from .diagnostics import warn

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def page_tools(app: Sphinx, docname: str) -> dict[str, str]:
    """Links to the page's source and history, when a repository is configured."""
    repo = app.config.service_manual_repository_url.rstrip("/")
    if not repo.startswith("https://"):
        return {}
    branch = quote(app.config.service_manual_repository_branch)
    folder = app.config.service_manual_repository_path.strip("/")
    source = str(app.env.doc2path(docname, False).as_posix())
    path = quote(f"{folder}/{source}" if folder else source)
    return {
        "source_url": f"{repo}/blob/{branch}/{path}",
        "history_url": f"{repo}/commits/{branch}/{path}",
    }


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
        warn(
            f"layout {guide.layout!r} has no template {template!r} in templates_path; "
            "the page uses Sphinx's page.html",
            subtype="layout",
            location=(pagename, guide.line_of("layout")),
        )
        return None
    return template


def _template_exists(app: Sphinx, name: str) -> bool:
    environment = getattr(app.builder, "templates", None)
    if environment is None:
        return False
    try:
        environment.environment.get_template(name)
    except TemplateNotFound:
        return False
    return True


def setup(app: Sphinx) -> None:
    app.add_config_value("service_manual_repository_path", "docs", "html", types=frozenset({str}))
    app.connect("html-page-context", choose_template)
