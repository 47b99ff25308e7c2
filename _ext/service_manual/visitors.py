"""How our nodes are registered with every builder: visitor pairs shared by the builders that
show a node as plain content, and one function that registers a node for all of them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

Visitors = tuple[Any, Any]


def _visit_children(self: Any, node: nodes.Node) -> None:
    """The node adds nothing of its own: its children are written as usual."""


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


# For add_node(): render only the children, or leave the node out entirely.
CHILDREN_ONLY = (_visit_children, _visit_children)
LEAVE_OUT = (_skip, None)


def add_node(
    app: Sphinx,
    node: type[nodes.Element],
    *,
    html: Visitors = CHILDREN_ONLY,
    latex: Visitors = CHILDREN_ONLY,
    text: Visitors = CHILDREN_ONLY,
    other: Visitors | None = None,
) -> None:
    """Register ``node`` with visitors for HTML, LaTeX and text; man pages and Texinfo
    (``other``) show its children, or leave it out when text leaves it out."""
    if other is None:
        other = LEAVE_OUT if text is LEAVE_OUT else CHILDREN_ONLY
    app.add_node(node, html=html, latex=latex, text=text, man=other, texinfo=other)


def add_web_node(app: Sphinx, node: type[nodes.Element], html: Visitors) -> None:
    """Register a node shown on the web only (navigation: a book and text have their own)."""
    add_node(app, node, html=html, latex=LEAVE_OUT, text=LEAVE_OUT)
