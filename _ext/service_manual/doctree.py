"""Small facts about a page's doctree that several features need."""

from __future__ import annotations

from docutils import nodes


def top_section(doctree: nodes.document) -> nodes.section | None:
    """The page's first section: the one its title heads."""
    for child in doctree.children:
        if isinstance(child, nodes.section):
            return child
    return None


def raw_as_text(node: nodes.Element) -> None:
    """Show HTML written inside ``node`` (a title, a caption) as the text it is: MyST passes
    raw HTML through, and front matter and directive input is text, never markup."""
    for raw in list(node.findall(nodes.raw)):
        raw.replace_self(nodes.Text(raw.astext()))
