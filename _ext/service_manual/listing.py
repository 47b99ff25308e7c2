"""What an index page lists: the :class:`Criteria` that select guides, and the builder-neutral
nodes of a list of guides.

A page that lists others holds :class:`guide_index` placeholders, read into its doctree; the
lists are filled in when the doctree is resolved, from the collector's data, so the page
never goes stale and nothing is written into the source folder. The same criteria tell the
incremental build which index pages a changed guide touches (``incremental.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .frontmatter import Guide

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

ANY = "*"  # a criterion that asks only that the field has some value
LISTED_TYPES = ("guide", "resource")


def shown(
    guide: Guide, title: str, *, phases: bool = True, audiences: bool = True
) -> tuple[object, ...]:
    """What an index page can show or select of a guide (with its phases and audiences, which
    only select it, or without): when this changes, the pages that list the guide are
    rewritten."""
    return (
        title,
        guide.subtitle,
        guide.layout,
        guide.type,
        guide.category,
        guide.theme,
        guide.audience_primary if audiences else (),
        guide.audience_secondary if audiences else (),
        guide.phase,  # a phase page: which phase the navigation links it for
        guide.summary,
        guide.phases if phases else (),
    )


@dataclass(frozen=True, slots=True)
class Criteria:
    """Which guides a list holds. ``None`` matches anything; :data:`ANY` any non-empty value."""

    phase: str | None = None
    audience: str | None = None
    tier: str = "any"  # primary, secondary or any
    category: str | None = None
    types: tuple[str, ...] | None = LISTED_TYPES
    theme: str | None = None
    title: str | None = None
    layout_prefix: str | None = None
    exclude: tuple[str, ...] = ()

    def matches(self, item: Guide, title: str) -> bool:
        if self.types is not None and item.type not in self.types:
            return False
        if self.title is not None and title != self.title:
            return False
        if self.layout_prefix is not None and not item.layout.startswith(self.layout_prefix):
            return False
        if self.phase is not None and not _has(item.phases, self.phase):
            return False
        if self.category is not None and not _has(item.category, self.category):
            return False
        if self.theme is not None and not _has(item.theme, self.theme):
            return False
        if self.audience is not None:
            if self.tier == "primary":
                roles = item.audience_primary
            elif self.tier == "secondary":
                roles = item.audience_secondary
            elif self.tier == "any":
                roles = item.audience_primary + item.audience_secondary
            else:
                raise KeyError(self.tier)
            if not _has(roles, self.audience):
                return False
        return title not in self.exclude


def _has(value: str | tuple[str, ...] | None, wanted: str) -> bool:
    if wanted == ANY:
        return bool(value)
    if isinstance(value, tuple):
        return wanted in value
    return value == wanted


@dataclass(frozen=True, slots=True)
class Titled:
    """A guide with the title lists show (its front matter title, or its first heading)."""

    guide: Guide
    title: str

    @property
    def docname(self) -> str:
        return self.guide.docname


def select(
    listed: list[Titled], criteria: Criteria, sort: str = "title", skip: str | None = None
) -> list[Titled]:
    items = [i for i in listed if i.docname != skip and criteria.matches(i.guide, i.title)]
    if sort == "title":
        items.sort(key=lambda i: (i.title.casefold(), i.docname))
    return items


class guide_index(nodes.General, nodes.Element):
    """A placeholder for generated lists. ``kind`` says which (see ``index_pages.py``);
    ``criteria`` holds every :class:`Criteria` the page depends on."""


# env.temp_data: the page being read has a directive's list, one with ``criteria``.
_LISTS_READ = "service_manual_lists_read"


def list_placeholder(env: BuildEnvironment, **attributes: Any) -> guide_index:
    """The placeholder of a directive that lists pages by ``criteria``; the page being read
    is noted as having one, so that the incremental build's collector looks for them only
    there (:func:`has_lists`)."""
    env.temp_data[_LISTS_READ] = True
    return guide_index(**attributes)


def has_lists(env: BuildEnvironment) -> bool:
    """Whether a directive made a list with criteria while the page was read."""
    return bool(env.temp_data.get(_LISTS_READ))


class guide_links(nodes.General, nodes.Element):
    """A list of guides on a web page, written in one step: ``entries`` holds (title, href,
    subtitle or None) for each, ``classes`` the list's. Index pages list hundreds of guides,
    and as a bullet list each costs six nodes to make, resolve, walk and write on every
    rebuild of the page; this is one. The HTML it writes is the bullet list's, byte for byte.
    Its one child is the text of the entries, for the search index, which reads text nodes;
    HTML never shows it."""


def list_node(
    items: list[Titled],
    builder: Builder,
    fromdocname: str,
    empty_text: str,
    *,
    subtitles: bool = True,
) -> nodes.Element:
    """A bullet list of links (title, then subtitle unless ``subtitles`` is false), or a
    sentence when it is empty; for the web, the same list as one :class:`guide_links`."""
    if not items:
        return nodes.paragraph(empty_text, empty_text, classes=["sm-guide-list__empty"])
    entries = [
        (
            item.title,
            builder.get_relative_uri(fromdocname, item.docname),
            (item.guide.subtitle or None) if subtitles else None,
        )
        for item in items
    ]
    return links_node(entries, web=builder.format == "html")


def links_node(entries: list[tuple[str, str, str | None]], *, web: bool) -> nodes.Element:
    """The list of ``entries`` (title, href, subtitle or None): one :class:`guide_links` for
    the web, a bullet list of standard nodes for other builders."""
    if web:
        words = "\n".join(part for entry in entries for part in (entry[0], entry[2]) if part)
        return guide_links("", nodes.Text(words), entries=entries, classes=["sm-guide-list"])
    bullet = nodes.bullet_list(classes=["sm-guide-list"])
    for title, href, subtitle in entries:
        ref = nodes.reference(
            "", title, internal=True, refuri=href, classes=["sm-guide-list__title"]
        )
        entry = nodes.list_item("", nodes.paragraph("", "", ref), classes=["sm-guide-list__item"])
        if subtitle:
            entry += nodes.paragraph(subtitle, subtitle, classes=["sm-guide-list__subtitle"])
        bullet += entry
    return bullet


def in_a_list(node: nodes.Node) -> bool:
    """Whether ``node`` is inside a list (or a field or definition list): docutils decides how
    such a list looks (compact or not) from the nodes it holds, and only knows standard ones."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.Sequential):
            return True
        parent = parent.parent
    return False


def as_bullet_lists(found: list[nodes.Node]) -> list[nodes.Node]:
    """``found``, with every :class:`guide_links` in it the bullet list it stands for."""
    out = []
    for node in found:
        for links in list(node.findall(guide_links)):
            bullet = links_node(links["entries"], web=False)
            bullet["classes"] = list(links["classes"])
            if links is node:
                node = bullet
            else:
                links.replace_self(bullet)
        out.append(node)
    return out


def visit_guide_links_html(self: HTML5Translator, node: guide_links) -> None:
    """What the HTML translator writes for the bullet list :func:`list_node` makes for other
    builders: a list is "simple" when no entry has a subtitle (one paragraph an item), as
    docutils decides it (``is_compactable``). It is never inside another list (see
    :func:`in_a_list`), whose compactness would depend on it."""
    classes = node["classes"]
    if "compact" in classes:
        simple = True
    elif "open" in classes or not self.settings.compact_lists:
        simple = False
    elif node.parent is not None and "contents" in node.parent.get("classes", []):
        simple = True
    else:
        simple = not any(subtitle for _title, _href, subtitle in node["entries"])
    attributes = {"class": "simple"} if simple else {}
    out = [self.starttag(node, "ul", **attributes)]
    for title, href, subtitle in node["entries"]:
        out.append(
            '<li class="sm-guide-list__item"><p><a class="sm-guide-list__title reference '
            f'internal" href="{self.attval(href or "#")}">{self.encode(title)}</a></p>'
        )
        if subtitle:
            out.append(f'\n<p class="sm-guide-list__subtitle">{self.encode(subtitle)}</p>\n')
        out.append("</li>\n")
    out.append("</ul>\n")
    self.body.append("".join(out))
    raise nodes.SkipNode


def heading(text: str, level: int = 2) -> nodes.rubric:
    """A heading for a generated group: a rubric that HTML writes as ``<h2>``."""
    rubric = nodes.rubric(text, text, classes=["sm-guide-list__heading"])
    rubric["heading-level"] = level
    return rubric
