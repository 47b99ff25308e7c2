"""The ``{guide-list}`` directive, the building block of every index: a list of the guides
that match its options, each a link with the guide's title and subtitle.

Options: ``:phase:``, ``:audience:`` with ``:tier:`` (primary, secondary or any),
``:category:``, ``:type:`` (comma-separated; guide and resource by default; ``any`` for every
page), ``:theme:``,
``:exclude:`` (titles, one a line or ``;``-separated) and ``:sort:`` (``title`` or ``source``).
An unknown value warns, and the list shows what the remaining options select.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from .config import vocabulary
from .diagnostics import warn
from .listing import (
    LISTED_TYPES,
    Criteria,
    Titled,
    guide_index,
    list_node,
    list_placeholder,
    select,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ = get_translation("service_manual")

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

    def _unknown(self, option: str, value: str, allowed: Iterable[str], outcome: str) -> None:
        warn(
            f"guide-list: unknown {option} {value!r}; expected one of: {', '.join(allowed)}; "
            f"{outcome}",
            subtype="guide_list",
            location=self.get_location(),
        )

    def _choose(self, option: str, allowed: Iterable[str], outcome: str) -> str | None:
        value = (self.options.get(option) or "").strip()
        allowed = list(allowed)
        if not value or value in allowed:
            return value or None
        self._unknown(option, value, allowed, outcome)
        return None

    def run(self) -> list[nodes.Node]:
        vocab = vocabulary(self.config)
        unfiltered = "the list is not filtered by {}"
        audience = None
        wanted_role = (self.options.get("audience") or "").strip()
        if wanted_role:
            audience = vocab.role_slug(wanted_role)
            if audience is None:
                self._unknown("audience", wanted_role, vocab.roles, unfiltered.format("audience"))
        wanted_types = [t.strip() for t in (self.options.get("type") or "").split(",") if t.strip()]
        known = tuple(t for t in wanted_types if t in vocab.types)
        for t in wanted_types:
            if t not in vocab.types and t != "any":
                outcome = (
                    f"only the type(s) {', '.join(known)} are listed"
                    if known
                    else f"the list shows the default types ({', '.join(LISTED_TYPES)})"
                )
                self._unknown("type", t, vocab.types, outcome)
        types: tuple[str, ...] | None = known or LISTED_TYPES
        if "any" in wanted_types:
            types = None  # every page, whatever its type or none
        exclude_text = self.options.get("exclude") or ""
        exclude = tuple(
            t.strip() for t in exclude_text.replace(";", "\n").splitlines() if t.strip()
        )
        criteria = Criteria(
            phase=self._choose("phase", vocab.phases, unfiltered.format("phase")),
            audience=audience,
            tier=self._choose("tier", TIERS, "both tiers are listed") or "any",
            category=self._choose("category", vocab.categories, unfiltered.format("category")),
            types=types,
            theme=self._choose("theme", vocab.themes, unfiltered.format("theme")),
            exclude=exclude,
        )
        sort = self._choose("sort", SORTS, "it is sorted by title") or "title"
        node = list_placeholder(
            self.env,
            kind="list",
            docname=self.env.docname,
            criteria=[criteria],
            sort=sort,
            empty=self.options.get("empty") or _(self.config.service_manual_empty_list_text),
            classes=self.options.get("class", []),
        )
        self.set_source_info(node)
        return [node]


def resolve_guide_list(
    app: Sphinx, node: guide_index, here: str, listed: list[Titled]
) -> list[nodes.Node]:
    """The list a ``{guide-list}`` placeholder stands for (called by ``index_pages``, which
    fills in every list of a page in one pass)."""
    items = select(listed, node["criteria"][0], sort=node["sort"], skip=node["docname"])
    result = list_node(items, app.builder, here, node["empty"])
    result["classes"] += node["classes"]
    return [result]


def setup(app: Sphinx) -> None:
    app.add_directive("guide-list", GuideListDirective)
