"""Visitor pairs shared by our nodes for the builders that show them as plain content."""

from __future__ import annotations

from typing import Any

from docutils import nodes


def _visit_children(self: Any, node: nodes.Node) -> None:
    """The node adds nothing of its own: its children are written as usual."""


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


# For add_node(): render only the children, or leave the node out entirely.
CHILDREN_ONLY = (_visit_children, _visit_children)
LEAVE_OUT = (_skip, None)
