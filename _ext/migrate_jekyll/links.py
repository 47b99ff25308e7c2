"""Links and images: 2016 URLs as paths MyST resolves, checked against the migrated tree.

- A page: ``[text](/service-manual/a/b.html#x)`` (or ``/a/b``, ``a/``, ``index.html``, a
  relative link, a full ``https://www.gov.uk/service-manual/...`` URL) becomes
  ``[text](/a/b.md#x)``. MyST resolves a ``/``-rooted path against the source folder into a
  ``doc`` reference and checks the ``#x`` against the target's heading slugs and ids, so
  ``nitpicky`` builds warn about any link that breaks later. Here the fragment is checked
  against the ids the target page will have (kramdown-compatible slugs); a fragment that named
  nothing in 2016 either is dropped and reported.
- A file (image, document, ``{figure}`` path): ``/assets/images/x.png``, rooted the same way.
- GOV.UK outside the manual (``/government/...``): ``https://www.gov.uk/government/...``.
- Raw HTML kept as HTML: ``href`` to a page becomes the built page's relative URL
  (``../a/b.html``); files there are reported, since Sphinx copies only files that Markdown
  references.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from pathlib import PurePosixPath

from .document import Line, blocks, code_mask
from .report import Report
from .site import GOVUK, SourceSite, Target

INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
    r"\((?P<dest>\s*(?:<[^>\n]*>|(?:[^\s()]|\([^\s()]*\))*))"
    r"(?P<title>\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_REFERENCE = re.compile(r"^(?P<lead> {0,3}\[[^\]]+\]:\s*)(?P<dest><[^>]*>|\S+)(?P<rest>.*)$")
_DIRECTIVE_PATH = re.compile(
    r"^(?P<lead>\s*`{3,}\{(?:figure|image)\}\s+)(?P<dest><[^>]*>|\S+)(?P<rest>.*)$"
)
_HTML_ATTRIBUTE = re.compile(r"""\b(?P<name>href|src)\s*=\s*(?P<q>["'])(?P<url>.*?)(?P=q)""", re.I)
_HTML_TAG = re.compile(r"<[a-zA-Z][^>]*\b(?:href|src)\s*=", re.I)


def unwrap_destination(dest: str) -> str:
    dest = dest.strip()
    return dest[1:-1] if dest.startswith("<") and dest.endswith(">") else dest


def wrap_destination(url: str) -> str:
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


class LinkPass:
    def __init__(
        self,
        site: SourceSite,
        anchors: Mapping[str, set[str]],
        aliases: Mapping[str, Mapping[str, str]],
        report: Report,
    ) -> None:
        self.site = site
        self.anchors = anchors  # docname -> ids the page will have
        self.aliases = aliases  # docname -> {2016 id kept only as raw HTML: heading slug}
        self.report = report

    def convert(self, lines: list[Line], source: PurePosixPath, file: str) -> list[Line]:
        """Rewrite every link of the page; a link may span the lines of its paragraph."""
        mask = code_mask(lines)
        out = list(lines)
        for start, end in blocks(lines):
            if any(mask[start:end]):
                continue
            texts = [self._reference(line, source, file) for line in lines[start:end]]
            joined = "\n".join(texts)
            numbers = [line.no for line in lines[start:end]]

            def markdown(match: re.Match[str], numbers: list[int] = numbers) -> str:
                no = numbers[match.string.count("\n", 0, match.start())]
                return self._markdown(match, source, file, no)

            def html(match: re.Match[str], numbers: list[int] = numbers) -> str:
                no = numbers[match.string.count("\n", 0, match.start())]
                return self._html(match, source, file, no)

            joined = INLINE_LINK.sub(markdown, joined)
            if _HTML_TAG.search(joined):
                joined = _HTML_ATTRIBUTE.sub(html, joined)
            new = joined.split("\n")
            assert len(new) == end - start
            out[start:end] = [
                line.with_text(t) for line, t in zip(lines[start:end], new, strict=True)
            ]
        return out

    def _reference(self, line: Line, source: PurePosixPath, file: str) -> str:
        """Link reference definitions, and the paths of figures and images."""
        reference = _REFERENCE.match(line.text) or _DIRECTIVE_PATH.match(line.text)
        if not reference:
            return line.text
        new, _ = self.url(reference.group("dest"), source, file, line.no)
        return reference.group("lead") + wrap_destination(new) + reference.group("rest")

    # ------------------------------------------------------------------ one URL

    def url(self, dest: str, source: PurePosixPath, file: str, line: int) -> tuple[str, bool]:
        """The new URL for ``dest``, and False if the link should be dropped (dead anchor)."""
        href = unwrap_destination(dest)
        if href.startswith("#"):
            here = _docname(source)
            alias = self.aliases.get(here, {}).get(href[1:])
            if alias:
                self.report.count("links.anchor")
                return "#" + alias, True
            if href[1:] in self.anchors.get(here, set()):
                self.report.count("links.anchor")
                return href, True
            self.report.issue(file, line, "links.anchor", f"no {href} on this page: link removed")
            return href, False
        target = self.site.resolve(href, source)
        if target is None:
            if self.site.is_govuk_path(href):
                self.report.count("links.govuk")
                return GOVUK + href, True
            return href, True
        if target.kind == "page":
            self.report.count("links.page")
            return target.rooted + self._anchor(target, file, line), True
        if target.kind == "file":
            self.report.count("links.asset")
            return target.rooted, True
        self.report.issue(
            file, line, "links.missing", f"{href} leads nowhere: kept as a GOV.UK URL"
        )
        return GOVUK + "/service-manual/" + str(target.path), True

    def _anchor(self, target: Target, file: str, line: int) -> str:
        if not target.anchor:
            return ""
        alias = self.aliases.get(target.docname, {}).get(target.anchor)
        if alias:
            self.report.count("links.anchor")
            return "#" + alias
        if target.anchor in self.anchors.get(target.docname, set()):
            self.report.count("links.anchor")
            return "#" + target.anchor
        self.report.issue(
            file,
            line,
            "links.anchor",
            f"no #{target.anchor} on {target.rooted}: the link now opens the page's top",
        )
        return ""

    def _markdown(self, match: re.Match[str], source: PurePosixPath, file: str, line: int) -> str:
        text = match.group("text")
        if "](" in text:  # an image inside the link text
            text = INLINE_LINK.sub(lambda m: self._markdown(m, source, file, line), text)
        if not unwrap_destination(match.group("dest")):
            self.report.issue(
                file, line, "links.empty", f"link with no URL: kept its text {text!r}"
            )
            return text
        new, keep = self.url(match.group("dest"), source, file, line)
        if not keep and not match.group("bang"):
            return text
        title = match.group("title") or ""
        dest = match.group("dest").strip()
        if new != unwrap_destination(dest):
            dest = wrap_destination(new)
        return f"{match.group('bang')}[{text}]({dest}{title})"

    def _html(self, match: re.Match[str], source: PurePosixPath, file: str, line: int) -> str:
        href = match.group("url")
        target = self.site.resolve(href, source)
        if target is None:
            if self.site.is_govuk_path(href):
                self.report.count("links.govuk")
                return f'{match.group("name")}="{GOVUK}{href}"'
            return match.group(0)
        here = posixpath.dirname(_docname(source))
        if target.kind == "page":
            built = posixpath.relpath(target.docname + ".html", here or ".")
            self.report.count("links.raw_html")
            return f'{match.group("name")}="{built}{self._anchor(target, file, line)}"'
        self.report.issue(
            file, line, "links.raw_html_file", f"{href} in raw HTML: Sphinx will not copy the file"
        )
        relative = posixpath.relpath(str(target.path), here or ".")
        return f'{match.group("name")}="{relative}"'


def _docname(source: PurePosixPath) -> str:
    return "index" if source == PurePosixPath("index.html") else str(source.with_suffix(""))
