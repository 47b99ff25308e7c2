"""kramdown inline attribute lists (IALs) as MyST attributes.

kramdown writes ``{:.intro}``, ``{: .link-list}`` or ``{: id="x" class="a b"}`` on a line of
its own, directly *before* the block it styles or directly *after* it (a heading, say); and
right after a span (``*word*{:.x}``). MyST's ``attrs_block`` extension reads ``{.intro}`` or
``{#x .a .b}`` only on the line *before* a block, and ``attrs_inline`` reads ``{.x}`` after a
span. So block lists are rewritten and moved in front of their block; an id equal to the one
the heading gets anyway is dropped.
"""

from __future__ import annotations

import re
import shlex

from service_manual.core.slugs import kramdown_slug

from .document import Line, blocks, code_mask
from .headings import ATX, plain_text
from .report import Report

_BLOCK_IAL = re.compile(r"^ {0,3}\{:\s*([^}]*)\}\s*$")
_SPAN_IAL = re.compile(r"(?<=[*_`)\]])\{:\s*([^}]*)\}")
_REFERENCE_IAL = re.compile(r"^ {0,3}\{:[a-zA-Z][\w-]*:")  # {:ref: .x} definitions


def myst_attributes(kramdown: str) -> str:
    """``.a #b key="v" class="c d" id="e"`` → ``#e .a .c .d key="v"`` (MyST's order)."""
    ids: list[str] = []
    classes: list[str] = []
    others: list[str] = []
    try:
        tokens = shlex.split(kramdown)
    except ValueError:
        tokens = kramdown.split()
    for token in tokens:
        if token.startswith("."):
            classes.append(token[1:])
        elif token.startswith("#"):
            ids.append(token[1:])
        elif "=" in token:
            key, value = token.split("=", 1)
            if key == "id":
                ids.append(value)
            elif key == "class":
                classes += value.split()
            else:
                others.append(f'{key}="{value}"')
    parts = [f"#{i}" for i in ids[-1:]] + [f".{c}" for c in classes] + others
    return "{" + " ".join(parts) + "}"


def convert(lines: list[Line], file: str, report: Report) -> list[Line]:
    mask = code_mask(lines)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if mask[i - 1]:
            out.append(line)
            continue
        if _REFERENCE_IAL.match(line.text):
            report.issue(file, line.no, "attributes.reference", "kramdown ALD definition kept")
            out.append(line)
            continue
        match = _BLOCK_IAL.match(line.text)
        if not match:
            text, n = _SPAN_IAL.subn(lambda m: myst_attributes(m.group(1)), line.text)
            if n:
                report.count("attributes.span", n)
            out.append(line.with_text(text))
            continue
        attributes = myst_attributes(match.group(1))
        if out and out[-1].text.strip():
            # after its block (a heading, usually): move it in front of the block
            start = _block_start(out)
            if _is_heading_id(out[start], attributes):
                report.count("attributes.redundant_id")
                continue
            out.insert(start, line.with_text(attributes))
        else:
            # before its block: MyST wants it directly above, with no blank line between
            while i < len(lines) and not lines[i].text.strip():
                i += 1
            if i < len(lines) and _is_heading_id(lines[i], attributes):
                report.count("attributes.redundant_id")
                continue
            out.append(line.with_text(attributes))
        report.count("attributes.block")
    return out


def _is_heading_id(line: Line, attributes: str) -> bool:
    heading = ATX.match(line.text)
    if not heading:
        return False
    return attributes == "{#" + kramdown_slug(plain_text(heading.group(2) or "")) + "}"


def _block_start(lines: list[Line]) -> int:
    """Index of the first line of the block that ``lines`` ends with."""
    if ATX.match(lines[-1].text):
        return len(lines) - 1
    return blocks(lines)[-1][0]
