"""Headings: kramdown's forms made CommonMark, levels made regular, ids kept.

- ``##Heading`` (kramdown needs no space) becomes ``## Heading``; one-line setext headings
  become ATX headings.
- Levels: the front matter ``title`` is the page's only ``<h1>``; the body starts at ``##``
  and never skips a level. Each heading is placed one level below the nearest earlier heading
  that was written at a higher level (a smaller number of ``#``), so the 2016 nesting is kept
  while ``#`` sections and pages that start at ``###`` are brought into line.
- Ids: a heading whose kramdown id came from markup MyST does not count (a link inside the
  heading) gets that id written out as ``{#id}``. :mod:`migrate_jekyll.anchors` lists the
  ids each page ends up with.
"""

from __future__ import annotations

import re

from service_manual.core.slugs import kramdown_slug, unique

from .document import Line, code_mask
from .report import Report

ATX = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$")
_NO_SPACE = re.compile(r"^(#{1,6})([^#\s{].*)$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`]|\\(?=\S)")


def plain_text(markdown: str) -> str:
    """Roughly the text MyST gives the slug function: links reduced to their text."""
    text = _LINK.sub(lambda m: "" if m.group(0).startswith("!") else m.group(1), markdown)
    return _MARKUP.sub("", text).strip()


def fix_syntax(lines: list[Line], file: str, report: Report) -> list[Line]:
    """``#Heading`` → ``# Heading``; one-line setext headings → ATX."""
    mask = code_mask(lines)
    out: list[Line] = []
    for i, line in enumerate(lines):
        if mask[i]:
            out.append(line)
            continue
        match = _NO_SPACE.match(line.text)
        if match:
            out.append(line.with_text(f"{match.group(1)} {match.group(2)}"))
            report.count("headings.space")
            continue
        setext = _SETEXT.match(line.text)
        if (
            setext
            and out
            and out[-1].text.strip()
            and (len(out) == 1 or not out[-2].text.strip())
            and not ATX.match(out[-1].text)
            and not out[-1].text.lstrip().startswith(("*", "-", "+", "|", "<", ">", "{", "```"))
        ):
            level = "#" if setext.group(1)[0] == "=" else "##"
            out[-1] = out[-1].with_text(f"{level} {out[-1].text.strip()}")
            report.count("headings.setext")
            continue
        if setext and setext.group(1)[0] == "-" and out and out[-1].text.strip():
            # a rule under a paragraph would turn the paragraph into a heading in CommonMark
            out.append(line.with_text(""))
            report.issue(file, line.no, "headings.setext", "--- under a paragraph kept as a rule")
        out.append(line)
    return out


def normalise_levels(lines: list[Line], report: Report) -> list[Line]:
    mask = code_mask(lines)
    stack: list[tuple[int, int]] = []  # (level written, level given)
    out: list[Line] = []
    for i, line in enumerate(lines):
        match = None if mask[i] else ATX.match(line.text)
        if not match:
            out.append(line)
            continue
        written = len(match.group(1))
        while stack and stack[-1][0] >= written:
            stack.pop()
        given = stack[-1][1] + 1 if stack else 2
        given = min(given, 6)
        stack.append((written, given))
        if given != written:
            report.count("headings.level")
            line = line.with_text("#" * given + " " + (match.group(2) or ""))
        out.append(line)
    return out


def keep_kramdown_ids(lines: list[Line], report: Report) -> list[Line]:
    """Write out the kramdown id of headings whose text MyST reads differently.

    Runs on kramdown's own headings, before raw HTML is converted: kramdown gave HTML
    headings no ids of its own.
    """
    mask = code_mask(lines)
    out: list[Line] = []
    used: dict[str, int] = {}
    for i, line in enumerate(lines):
        match = None if mask[i] else ATX.match(line.text)
        explicit = (i > 0 and lines[i - 1].text.startswith("{#")) or (
            i + 1 < len(lines) and lines[i + 1].text.lstrip().startswith("{:")
        )
        if not match or explicit:
            out.append(line)
            continue
        raw = match.group(2) or ""
        kramdown = unique(kramdown_slug(raw), used)
        used[kramdown] = 1
        if kramdown_slug(plain_text(raw)) != kramdown_slug(raw):
            out.append(line.with_text(f"{{#{kramdown}}}"))
            report.count("headings.kramdown_id")
        out.append(line)
    return out
