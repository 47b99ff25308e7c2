"""A page being migrated: its front matter and its body as numbered lines.

Every conversion works on a list of :class:`Line`. A line keeps the number it had in the
source file, and lines a conversion writes take the number of the source line they replace,
so the report can always point at the line a writer would open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class Line:
    no: int  # 1-based line number in the source file
    text: str

    def with_text(self, text: str) -> Line:
        return Line(self.no, text)


@dataclass(slots=True)
class Page:
    """One Markdown (or the home page's HTML) source, on its way to a MyST document."""

    source: PurePosixPath  # path relative to SRC, e.g. ``the-team/web-operations.md``
    front: dict[str, Any]
    body: list[Line]
    had_front_matter: bool = True

    @property
    def docname(self) -> str:
        return str(self.source.with_suffix(""))

    @property
    def output(self) -> PurePosixPath:
        return self.source.with_suffix(".md")

    @property
    def title(self) -> str:
        value = self.front.get("title")
        return value if isinstance(value, str) else ""


def split_source(text: str) -> tuple[str | None, list[Line]]:
    """Split a Jekyll source into its front matter YAML (or None) and its body lines.

    The closing ``---`` may end the file without a newline (six 2016 role pages do).
    """
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    if not lines or lines[0].lstrip("\ufeff").rstrip() != "---":
        return None, [Line(i + 1, s) for i, s in enumerate(lines)]
    for i in range(1, len(lines)):
        if lines[i].rstrip() in {"---", "..."}:
            yaml_text = "\n".join(lines[1:i])
            return yaml_text, [Line(j + 1, lines[j]) for j in range(i + 1, len(lines))]
    return None, [Line(i + 1, s) for i, s in enumerate(lines)]


def code_mask(lines: list[Line]) -> list[bool]:
    """True for lines inside fenced code blocks (fences included): conversions skip them.

    Directive fences (```` ```{video} ````) are tracked too, so that their closing fence is
    not taken for an opening one, but their lines are not code: captions hold Markdown.
    """
    mask: list[bool] = []
    fence: str | None = None
    directive = False
    for line in lines:
        match = _FENCE.match(line.text)
        if fence is None:
            if match:
                fence = match.group(1)
                directive = line.text.lstrip()[len(fence) :].startswith("{")
            mask.append(bool(match) and not directive)
            continue
        mask.append(not directive)
        if (
            match
            and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= len(fence)
            and not line.text.strip()[len(match.group(1)) :].strip()
        ):
            fence = None
    return mask


def blocks(lines: list[Line]) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` index ranges of the runs of non-blank lines."""
    result: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(lines):
        if line.text.strip():
            if start is None:
                start = i
        elif start is not None:
            result.append((start, i))
            start = None
    if start is not None:
        result.append((start, len(lines)))
    return result


def tidy_blank_lines(lines: list[Line]) -> list[Line]:
    """Strip trailing whitespace, drop blank lines at both ends, squeeze runs of blanks."""
    out: list[Line] = []
    mask = code_mask(lines)
    for line, in_code in zip(lines, mask, strict=True):
        text = line.text if in_code else line.text.rstrip()
        if not text and (not out or not out[-1].text) and not in_code:
            continue
        out.append(line.with_text(text))
    while out and not out[-1].text:
        out.pop()
    return out
