"""Where raw HTML is found and parsed: the blocks of a page, as small element trees.

A block starts on a line that opens a block-level tag (or an ``<img>`` alone after a blank
line) and runs until every tag it opened is closed, taking in HTML lines that follow
directly. A block whose tags never close is returned as such, to be kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .document import Line, code_mask

VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"})
BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "div", "dl", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main",
        "nav", "ol", "p", "section", "table", "ul",
    }
)  # fmt: skip
UNWRAP = frozenset({"div", "section", "article", "header", "hgroup", "main", "nav", "aside"})
INLINE = frozenset({"a", "span", "strong", "b", "em", "i", "code", "img", "br", "abbr", "small"})
_TAG_START = re.compile(r"^ {0,3}<(/?)([a-zA-Z][a-zA-Z0-9]*)\b")
_IMG_LINE = re.compile(r"^\s*<img\b[^>]*>\s*$", re.I)


class Unsupported(Exception):
    """An element with no Markdown form: the block stays HTML."""


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def find_all(self, tag: str) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                if child.tag == tag:
                    yield child
                yield from child.find_all(tag)

    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self.stack = [self.root]
        self.broken = False

    @property
    def depth(self) -> int:
        return len(self.stack) - 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        self.broken = True

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_comment(self, data: str) -> None:
        self.stack[-1].children.append(Element("#comment", {"text": data}))


def parse(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


# --------------------------------------------------------------------------- finding blocks


def _starts_block(lines: list[Line], i: int) -> bool:
    match = _TAG_START.match(lines[i].text)
    if not match:
        return lines[i].text.lstrip().startswith("<!--")
    tag = match.group(2).lower()
    after_blank = i == 0 or not lines[i - 1].text.strip()
    if tag in BLOCK:
        return True
    return after_blank and tag == "img" and bool(_IMG_LINE.match(lines[i].text))


def find_blocks(lines: list[Line]) -> list[tuple[int, int, bool]]:
    """``(start, end, closed)`` of each raw HTML block; ``closed`` is False if tags never close."""
    mask = code_mask(lines)
    found: list[tuple[int, int, bool]] = []
    i = 0
    while i < len(lines):
        if mask[i] or not _starts_block(lines, i):
            i += 1
            continue
        builder = _TreeBuilder()
        j = i
        while j < len(lines) and not mask[j]:
            builder.feed(lines[j].text + "\n")
            j += 1
            if builder.depth == 0:
                # adjacent HTML lines belong to the same block
                if j < len(lines) and lines[j].text.strip() and _TAG_START.match(lines[j].text):
                    continue
                break
        closed = builder.depth == 0
        if not closed:
            j = i + 1
            while j < len(lines) and lines[j].text.strip():
                j += 1
        found.append((i, j, closed))
        i = j
    return found
