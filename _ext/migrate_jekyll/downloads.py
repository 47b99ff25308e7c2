"""Links to documents (.odt, .docx, .pdf ...) as our ``{downloads}`` directive or the
``{download}`` role.

A paragraph or list made only of document links is a *download list*: the 2016 pairs
"[Download as OpenDocument Format](x.odt) / [Download as MS Word doc](x.docx)", a bulleted
list of template files, or lines and items such as "Designer -- [..](x.odt) / [..](x.docx)",
where the text before the links becomes the directive's title::

    ```{downloads} Designer
    Download as OpenDocument Format </the-team/recruitment/Designer.odt>
    Download as MS Word doc </the-team/recruitment/Designer.docx>
    ```

Size notes such as "(PDF, 94KB)" in a list are dropped, since the directive measures the
files itself. A document link inside a sentence becomes
``{download}`text </path/file.pdf>` `` and keeps the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from .document import Line, blocks, code_mask
from .links import INLINE_LINK, unwrap_destination
from .report import Report
from .site import SourceSite, Target

SUFFIXES = frozenset(
    {".odt", ".docx", ".doc", ".pdf", ".xlsx", ".xls", ".ods", ".csv", ".ppt", ".pptx", ".zip"}
    | {".indd", ".idml"}
)
_LIST_ITEM = re.compile(r"^(\s*)([*+-]|\d+[.)])(\s+)(.*)$")
_FORMAT = r"(?:PDF|ODT|ODS|DOCX?|XLSX?|CSV|ZIPS?|PPTX?)"
_SIZE_NOTE = re.compile(
    rf"\(\s*(?:{_FORMAT}\s*,?\s*)?[\d.]+\s*[kKmMgG]?[bB]\s*\)|\(\s*{_FORMAT}\s*\)", re.I
)
_DASHES = "\u2013\u2014-"  # en dash, em dash, hyphen
_SEPARATORS = re.compile(rf"^[\s/|,;:{_DASHES}]*(?:(?:or|and)[\s/|,;:{_DASHES}]*)*$", re.I)
_LABEL_END = re.compile(rf"\s*(?:--|[:{_DASHES}])\s*$")
_DOWNLOAD_WORD = re.compile(r"^\s*download(?:s)?\b\s*", re.I)


@dataclass(frozen=True, slots=True)
class Download:
    text: str
    target: Target

    def line(self) -> str:
        text = _plain(self.text)
        return f"{text} <{self.target.rooted}>" if text else self.target.rooted


@dataclass(frozen=True, slots=True)
class _Analysis:
    label: str
    label_marked: bool  # the label ended with "--" or ":"
    downloads: tuple[Download, ...]


def _plain(markdown: str) -> str:
    return re.sub(r"[*_`]", "", markdown).replace("\\", "").strip()


class DownloadPass:
    def __init__(self, site: SourceSite, report: Report) -> None:
        self.site = site
        self.report = report
        self._file = ""  # where the block being converted is, for the report
        self._line = 0

    def document(self, href: str, source: PurePosixPath) -> Target | None:
        """The document file a link points at (present or missing), or None."""
        target = self.site.resolve(unwrap_destination(href), source)
        if target is None or target.kind == "page":
            return None
        if target.path.suffix.lower() not in SUFFIXES:
            return None
        return target

    def analyse(self, text: str, source: PurePosixPath) -> _Analysis | None:
        """The label and download links of a line that holds nothing else, or None."""
        found: list[Download] = []
        pieces: list[str] = []
        last = 0
        for match in INLINE_LINK.finditer(text):
            if match.group("bang"):
                return None
            target = self.document(match.group("dest"), source)
            if target is None:
                return None
            found.append(Download(match.group("text"), target))
            pieces.append(text[last : match.start()])
            last = match.end()
        pieces.append(text[last:])
        if not found:
            return None
        rest = [pieces[0]] + [_SIZE_NOTE.sub("", p) for p in pieces[1:]]
        if not all(_SEPARATORS.match(p) for p in rest[1:]):
            return None
        label = rest[0].strip()
        marked = bool(_LABEL_END.search(label))
        label = _LABEL_END.sub("", label)
        label = _DOWNLOAD_WORD.sub("", label).strip()
        return _Analysis(label, marked, tuple(found))

    # ------------------------------------------------------------------ rendering

    def directive(self, title: str, downloads: list[Download], indent: str) -> list[str]:
        for download in downloads:
            if download.target.kind == "missing":
                self.report.issue(
                    self._file, self._line, "downloads.missing", f"no file {download.target.rooted}"
                )
        self.report.count("downloads.directive")
        self.report.count("downloads.files", len(downloads))
        head = "```{downloads}" + (f" {_plain(title)}" if title else "")
        return [indent + head, *(indent + d.line() for d in downloads), indent + "```"]

    def role(self, text: str, target: Target) -> str:
        self.report.count("downloads.role")
        label = _plain(text).replace("`", "'").replace("<", "\u2039")
        return (
            f"{{download}}`{label} <{target.rooted}>`"
            if label
            else f"{{download}}`{target.rooted}`"
        )

    # ------------------------------------------------------------------ the pass

    def convert(self, lines: list[Line], source: PurePosixPath, file: str) -> list[Line]:
        mask = code_mask(lines)
        out: list[Line] = []
        previous = 0
        for start, end in blocks(lines):
            if any(mask[start:end]):
                continue
            out += lines[previous:start]
            previous = end
            self._file, self._line = file, lines[start].no
            out += self._block(lines[start:end], source)
        out += lines[previous:]
        for line in out:
            for match in INLINE_LINK.finditer(line.text):
                target = self.document(match.group("dest"), source)
                if target is not None and target.kind == "missing":
                    self.report.issue(
                        file, line.no, "downloads.missing", f"no file {target.rooted}"
                    )
        mask = code_mask(out)
        return [
            line if in_code else self._inline(line, source)
            for line, in_code in zip(out, mask, strict=True)
        ]

    def _block(self, block: list[Line], source: PurePosixPath) -> list[Line]:
        items = [_LIST_ITEM.match(line.text) for line in block]
        if all(items):
            analyses = [self.analyse(m.group(4), source) for m in items if m]
            if all(analyses) and analyses:
                indent = items[0].group(1) if items[0] else ""
                done = [a for a in analyses if a]
                if not any(a.label for a in done):
                    downloads = [d for a in done for d in a.downloads]
                    new = self.directive("", downloads, indent)
                    return [Line(block[0].no, t) for t in new]
                out: list[Line] = []
                for line, analysis in zip(block, done, strict=True):
                    if out:
                        out.append(Line(line.no, ""))
                    new = self.directive(analysis.label, list(analysis.downloads), indent)
                    out += [Line(line.no, t) for t in new]
                return out
            return block
        if any(items):
            return block
        analyses = [self.analyse(line.text, source) for line in block]
        if not all(analyses):
            return block
        done = [a for a in analyses if a]
        if any(a.label and not a.label_marked for a in done):
            return block  # words before the links: a sentence, left to the role
        out = []
        for line, analysis in zip(block, done, strict=True):
            if out:
                out.append(Line(line.no, ""))
            new = self.directive(analysis.label, list(analysis.downloads), "")
            out += [Line(line.no, t) for t in new]
        return out

    def _inline(self, line: Line, source: PurePosixPath) -> Line:
        def replace(match: re.Match[str]) -> str:
            if match.group("bang"):
                return match.group(0)
            target = self.document(match.group("dest"), source)
            if target is None:
                return match.group(0)
            return self.role(match.group("text"), target)

        return line.with_text(INLINE_LINK.sub(replace, line.text))
