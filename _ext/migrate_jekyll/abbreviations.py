"""kramdown abbreviations (``*[API]: application programming interface``) as ``{abbr}``.

kramdown removes the definitions and marks every use on the page. MyST has no page-wide
abbreviations, so the definitions are removed and the *first* use of each in the text
becomes ``{abbr}`API (application programming interface)` ``; later uses stay plain.
Uses inside headings, links, code and directives are skipped.
"""

from __future__ import annotations

import re

from .document import Line, code_mask
from .headings import ATX
from .report import Report

_DEFINITION = re.compile(r"^ {0,3}\*\[([^\]]+)\]:\s*(.*)$")
_PROTECTED = re.compile(r"\[[^\]]*\]\([^)]*\)|`[^`]*`|\{[^}]*\}|<[^>]*>")


def convert(lines: list[Line], file: str, report: Report) -> list[Line]:
    mask = code_mask(lines)
    terms: dict[str, str] = {}
    defined_at: dict[str, int] = {}
    kept: list[Line] = []
    for line, in_code in zip(lines, mask, strict=True):
        match = None if in_code else _DEFINITION.match(line.text)
        if match:
            terms[match.group(1).strip()] = match.group(2).strip()
            defined_at[match.group(1).strip()] = line.no
        else:
            kept.append(line)
    if not terms:
        return lines
    mask = code_mask(kept)
    pending = dict(sorted(terms.items(), key=lambda t: -len(t[0])))  # APIs before API
    out: list[Line] = []
    for line, in_code in zip(kept, mask, strict=True):
        if in_code or not pending or ATX.match(line.text) or line.text.startswith("```"):
            out.append(line)
            continue
        text = line.text
        for term in list(pending):
            new = _mark_first(text, term, pending[term])
            if new is not None:
                text = new
                del pending[term]
                report.count("abbreviations")
        out.append(line.with_text(text))
    for term in pending:
        report.issue(
            file,
            defined_at[term],
            "abbreviations.unused",
            f"abbreviation {term} not used in the text",
        )
    return out


def _mark_first(text: str, term: str, meaning: str) -> str | None:
    pattern = re.compile(rf"(?<![\w`{{/.-]){re.escape(term)}(?![\w`}}-])")
    protected = [m.span() for m in _PROTECTED.finditer(text)]
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in protected):
            continue
        role = f"{{abbr}}`{term} ({meaning})`"
        return text[:start] + role + text[end:]
    return None
