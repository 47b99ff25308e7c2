"""kramdown tables as the pipe tables MyST (GitHub-flavoured) reads.

kramdown accepts tables that CommonMark's table extension does not: no header separator at
all, separator lines before the first row or after the last, rows with fewer cells than the
header, and rows without a closing ``|``. Each table is rewritten with one header row, one
separator of the right width and every row padded to it; a table with no header in kramdown
gets its first row as the header. Tables that are already valid are left alone.
"""

from __future__ import annotations

import re

from .document import Line, code_mask
from .report import Report

_ROW = re.compile(r"^ {0,3}\|")
_SEPARATOR = re.compile(r"^ {0,3}\|?[\s|:+=-]*-[\s|:+=-]*$")
_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(text: str) -> list[str]:
    body = text.strip()
    body = body.removeprefix("|")
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.strip() for cell in _SPLIT.split(body)]


def _is_valid_pipe_table(rows: list[str]) -> bool:
    if len(rows) < 2 or not _SEPARATOR.match(rows[1]) or _SEPARATOR.match(rows[0]):
        return False
    width = len(_cells(rows[0]))
    if len(_cells(rows[1])) != width:
        return False
    return all(not _SEPARATOR.match(r) and len(_cells(r)) <= width for r in rows[2:])


def rewrite(rows: list[str]) -> tuple[list[str], bool]:
    """The pipe-table lines for a kramdown table, and whether it had a header."""
    header: list[list[str]] = []
    body: list[list[str]] = []
    seen_row = False
    header_done = False
    for text in rows:
        if _SEPARATOR.match(text):
            if seen_row and not header_done:
                header, body = body, []
                header_done = True
            continue
        seen_row = True
        body.append(_cells(text))
    had_header = bool(header)
    if not header:
        header, body = body[:1], body[1:]
    width = max(len(r) for r in header + body)
    first, *extra = header
    lines = [_format(first, width), "|" + " --- |" * width]
    lines += [_format(r, width) for r in extra + body]
    return lines, had_header


def _format(cells: list[str], width: int) -> str:
    return "| " + " | ".join(cells + [""] * (width - len(cells))) + " |"


def convert(lines: list[Line], file: str, report: Report) -> list[Line]:
    mask = code_mask(lines)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if mask[i] or not _ROW.match(lines[i].text):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and not mask[j] and _ROW.match(lines[j].text):
            j += 1
        rows = [line.text for line in lines[i:j]]
        if _is_valid_pipe_table(rows) or all(_SEPARATOR.match(r) for r in rows):
            out += lines[i:j]
        else:
            new, had_header = rewrite(rows)
            out += [Line(lines[i].no, text) for text in new]
            report.count("tables")
            if not had_header:
                report.issue(
                    file, lines[i].no, "tables.header", "table without a header: first row used"
                )
        i = j
    return out
