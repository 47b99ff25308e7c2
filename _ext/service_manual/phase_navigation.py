"""The phase navigation, ``{phase-navigation}``: the phases of a service in the order of
``service_manual_phases``, each that has a phase page (``layout: phases``) with its name
linking to that page, the page's ``summary`` (or its subtitle) and "Learn about the … phase".
The 2016 home page and phases page showed it (their ``{% include _phases.html %}``).

The list is made when the doctree is resolved, from the phase pages' front matter, so it
follows the pages as they are edited; HTML gets GOV.UK Frontend's markup, other builders a
plain list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from .collector import guide_of
from .listing import Criteria, Titled, guide_index, list_placeholder
from .role_pages import section_level
from .site import site_map
from .visitors import add_web_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("service_manual")

# The phase pages, whose phase, title, summary and subtitle the navigation shows.
CRITERIA = (Criteria(layout_prefix="phases", types=None),)


class PhaseNavigationDirective(SphinxDirective):
    has_content = False
    option_spec: ClassVar[dict[str, object]] = {}

    def run(self) -> list[nodes.Node]:
        node = list_placeholder(
            self.env, kind="phase-navigation", docname=self.env.docname, criteria=list(CRITERIA)
        )
        self.set_source_info(node)
        return [node]


class phase_list(nodes.General, nodes.Element):
    """The phase navigation in HTML. ``phases``: a list of (name, href, summary, "Learn
    about…" text); ``level``: the level of the headings of its names."""


def phases(app: Sphinx, here: str) -> list[tuple[str, str, str, str]]:
    """(name, href, summary, "Learn about…") of each phase that has a phase page."""
    site = site_map(app.env)
    found = []
    for slug, title in app.config.service_manual_phases.items():
        page = site.phase_pages.get(slug)
        guide = guide_of(app.env, page) if page else None
        if page is None or guide is None:
            continue
        name = _(title)
        summary = guide.summary or guide.subtitle or ""
        learn = _("Learn about the {phase} phase").format(phase=name.lower())
        found.append((name, app.builder.get_relative_uri(here, page), summary, learn))
    return found


def resolve_phase_navigation(
    app: Sphinx, node: guide_index, here: str, listed: list[Titled]
) -> list[nodes.Node]:
    found = phases(app, here)
    if not found:
        return []
    if app.builder.format == "html":
        return [phase_list(phases=found, level=section_level(node))]
    bullets = nodes.bullet_list(classes=["sm-phases"])
    for name, href, summary, _learn in found:
        item = nodes.list_item()
        link = nodes.reference("", name, internal=True, refuri=href)
        item += nodes.paragraph("", "", nodes.strong("", "", link))
        if summary:
            item += nodes.paragraph(summary, summary)
        bullets += item  # "Learn about…" would be the same link again
    return [bullets]


def visit_phase_list_html(self: HTML5Translator, node: phase_list) -> None:
    level = node["level"]
    out = ['<ol class="govuk-list sm-phases">\n']
    for name, href, summary, learn in node["phases"]:
        link = self.attval(href)
        out.append(
            '<li class="sm-phases__phase">\n'
            f'<h{level} class="govuk-heading-s sm-phases__name">'
            f'<a class="govuk-link" href="{link}">{self.encode(name)}</a></h{level}>\n'
        )
        if summary:
            out.append(f'<p class="govuk-body sm-phases__summary">{self.encode(summary)}</p>\n')
        out.append(
            f'<p class="govuk-body"><a class="govuk-link" href="{link}">{self.encode(learn)}</a>'
            "</p>\n</li>\n"
        )
    out.append("</ol>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    app.add_directive("phase-navigation", PhaseNavigationDirective)
    add_web_node(app, phase_list, (visit_phase_list_html, None))
