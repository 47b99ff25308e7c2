"""The ``{guide-list}`` directive, the building block of every index: a list of the guides
that match its options, each a link with the guide's title and subtitle.

Options: ``:phase:``, ``:audience:`` with ``:tier:`` (primary, secondary or any),
``:category:``, ``:type:`` (comma-separated; guide and resource by default), ``:theme:``,
``:exclude:`` (titles, one a line or ``;``-separated) and ``:sort:`` (``title`` or ``source``).
An unknown value warns, and the list shows what the remaining options select.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .config import vocabulary
from .diagnostics import warn
from .listing import LISTED_TYPES, Criteria, guide_index, list_node, select
from .site import site_map

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TIERS = ("primary", "secondary", "any")
SORTS = ("title", "source")


class GuideListDirective(SphinxDirective):
    has_content = False
    option_spec: ClassVar[dict[str, object]] = {
        "phase": directives.unchanged,
        "audience": directives.unchanged,
        "tier": directives.unchanged,
        "category": directives.unchanged,
        "type": directives.unchanged,
        "theme": directives.unchanged,
        "exclude": directives.unchanged,
        "sort": directives.unchanged,
        "empty": directives.unchanged,
        "class": directives.class_option,
    }

    def _choose(self, option: str, allowed: list[str] | tuple[str, ...]) -> str | None:
        value = (self.options.get(option) or "").strip()
        if not value:
            return None
        if value in allowed:
            return value
        warn(
            f"guide-list: unknown {option} {value!r}; expected one of: {', '.join(allowed)}; "
            f"the list is not filtered by {option}",
            subtype="guide_list",
            location=self.get_location(),
        )
        return None

    def run(self) -> list[nodes.Node]:
        vocab = vocabulary(self.config)
        audience = None
        if self.options.get("audience", "").strip():
            audience = vocab.role_slug(self.options["audience"])
            if audience is None:
                self._choose("audience", list(vocab.roles))
        types: tuple[str, ...] = LISTED_TYPES
        if self.options.get("type", "").strip():
            wanted = [t.strip() for t in self.options["type"].split(",") if t.strip()]
            known = [t for t in wanted if t in vocab.types]
            for t in wanted:
                if t not in vocab.types:
                    self.options["type"] = t
                    self._choose("type", vocab.types)
            types = tuple(known) or LISTED_TYPES
        exclude_text = self.options.get("exclude", "")
        exclude = tuple(
            t.strip() for t in exclude_text.replace(";", "\n").splitlines() if t.strip()
        )
        criteria = Criteria(
            phase=self._choose("phase", list(vocab.phases)),
            audience=audience,
            tier=self._choose("tier", TIERS) or "any",
            category=self._choose("category", list(vocab.categories)),
            types=types,
            theme=self._choose("theme", list(vocab.themes)),
            exclude=exclude,
        )
        node = guide_index(
            kind="list",
            docname=self.env.docname,
            criteria=[criteria],
            sort=self._choose("sort", SORTS) or "title",
            empty=self.options.get("empty") or self.config.service_manual_empty_list_text,
            classes=self.options.get("class", []),
        )
        self.set_source_info(node)
        return [node]


def resolve_guide_lists(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    listings = site_map(app.env).listings
    for node in list(doctree.findall(guide_index)):
        if node.get("kind") != "list":
            continue
        items = select(listings, node["criteria"][0], sort=node["sort"], skip=node["docname"])
        result = list_node(items, app.builder, fromdocname, node["empty"])
        result["classes"] += node["classes"]
        node.replace_self(result)


def setup(app: Sphinx) -> None:
    app.add_directive("guide-list", GuideListDirective)
    app.connect("doctree-resolved", resolve_guide_lists)
