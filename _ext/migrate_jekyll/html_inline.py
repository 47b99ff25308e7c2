"""HTML inside paragraphs, and ``<a name>`` anchors, as Markdown; the rest reported.

- ``<a name="x"></a>`` alone on a line becomes a MyST target ``(x)=``.
- ``<a href>`` becomes a Markdown link (a ``target`` attribute is dropped), so the links
  pass resolves it like any other.
- ``<br>`` alone on a line (a 2016 spacer) goes; one ending a line becomes a hard break.
- Any other inline tag is kept, and reported with its line.
"""

from __future__ import annotations

import re

from .document import Line, code_mask
from .report import Report

_NAMED_ANCHOR = re.compile(r"""^\s*<a\s+(?:name|id)\s*=\s*["']([^"']+)["']\s*>\s*</a>\s*$""", re.I)


def named_anchors(lines: list[Line], report: Report) -> list[Line]:
    """``<a name="x"></a>`` alone on a line: a MyST target ``(x)=`` for the next block."""
    mask = code_mask(lines)
    out: list[Line] = []
    for line, in_code in zip(lines, mask, strict=True):
        match = None if in_code else _NAMED_ANCHOR.match(line.text)
        if match:
            out.append(line.with_text(f"({match.group(1)})="))
            report.count("html.anchor")
        else:
            out.append(line)
    return out


_INLINE_LINK = re.compile(
    r"""<a\s+(?:[^>]*?\s)?href\s*=\s*["']([^"']+)["'][^>]*>([^<]*)</a>""", re.I
)
_BREAK = re.compile(r"<br\s*/?>", re.I)
_INLINE_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^>]*>")
_CODE_SPAN = re.compile(r"`[^`]*`")
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][\w+.-]*:[^>]*|[^>@\s]+@[^>\s]+)>")


def inline_html(
    lines: list[Line], file: str, report: Report, skip: frozenset[int] | set[int] = frozenset()
) -> list[Line]:
    """HTML inside paragraphs: links and line breaks in Markdown, anything else reported.

    ``<a href>`` becomes a Markdown link (a ``target`` attribute is dropped), a ``<br>``
    alone on a line (a 2016 spacer) goes, one ending a line becomes a hard line break.
    """
    mask = code_mask(lines)
    out: list[Line] = []
    for i, line in enumerate(lines):
        text = line.text
        if mask[i] or i in skip or "<" not in _CODE_SPAN.sub("", text):
            out.append(line)
            continue
        text, links = _INLINE_LINK.subn(lambda m: f"[{m.group(2).strip()}]({m.group(1)})", text)
        report.count("html.inline_link", links)
        if _BREAK.fullmatch(text.strip()):
            report.count("html.break")
            out.append(line.with_text(""))
            continue
        following = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
        ending = re.search(r"\s*<br\s*/?>\s*$", text, re.I)
        if ending and text[: ending.start()].strip():
            text = text[: ending.start()] + ("\\" if following else "")
            report.count("html.break")
        for tag in _INLINE_TAG.findall(_CODE_SPAN.sub("", text)):
            if not _AUTOLINK.match(tag):
                report.issue(file, line.no, "html.inline", f"inline HTML kept: {tag[:60]}")
        out.append(line.with_text(text))
    return out
