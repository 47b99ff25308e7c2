"""The ``{downloads}`` directive: a list of files for the reader to download.

Each content line is a path, relative to the document or ``/``-rooted at the source folder,
optionally as ``Link text <path>``. Files go through Sphinx's own download mechanism (they are
copied into ``_downloads/``); each link shows the format, named from the extension, and the
size measured when the page is read. A path that is missing or leaves the source folder
(``..``, an absolute path, a symbolic link) warns and copies nothing.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .core import paths, urls
from .diagnostics import content_line, inline_lineno, warn
from .doctree import raw_as_text
from .visitors import add_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

# Extension -> (format name, short name)
FORMATS: dict[str, tuple[str, str]] = {
    ".odt": ("OpenDocument Text", "ODT"),
    ".ods": ("OpenDocument Spreadsheet", "ODS"),
    ".odp": ("OpenDocument Presentation", "ODP"),
    ".odg": ("OpenDocument Drawing", "ODG"),
    ".docx": ("Microsoft Word", "DOCX"),
    ".doc": ("Microsoft Word 97-2003", "DOC"),
    ".xlsx": ("Microsoft Excel spreadsheet", "XLSX"),
    ".xls": ("Microsoft Excel 97-2003 spreadsheet", "XLS"),
    ".pptx": ("Microsoft PowerPoint", "PPTX"),
    ".ppt": ("Microsoft PowerPoint 97-2003", "PPT"),
    ".pdf": ("Portable Document Format", "PDF"),
    ".csv": ("Comma-separated values", "CSV"),
    ".txt": ("Plain text", "TXT"),
    ".rtf": ("Rich Text Format", "RTF"),
    ".zip": ("ZIP archive", "ZIP"),
    ".indd": ("Adobe InDesign", "INDD"),
    ".svg": ("SVG image", "SVG"),
    ".png": ("PNG image", "PNG"),
}

_LABELLED = re.compile(r"^(?P<text>.*?)\s*<(?P<path>[^<>]+)>\s*$")


def describe_format(path: str) -> tuple[str, str]:
    suffix = Path(path).suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    short = suffix.lstrip(".").upper() or "file"
    return (f"{short} file", short)


def human_size(size: int) -> str:
    """GOV.UK style: 812 bytes, 57 KB, 1.4 MB (binary multiples, as file managers show)."""
    if size < 1024:
        return f"{size} byte" + ("" if size == 1 else "s")
    if round(size / 1024) < 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class downloads(nodes.General, nodes.Element):
    """A download list: an optional title paragraph and a bullet list of download links."""


class DownloadsDirective(SphinxDirective):
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, object]] = {
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def _check_path(self, path: str, line: int) -> Path | None:
        location = (self.env.docname, line)
        if "://" in path or path.startswith(("javascript:", "data:", "mailto:")):
            warn(
                f"download {path!r} is a URL, not a file of this site; link to it instead",
                subtype="download",
                location=location,
            )
            return None
        if "\x00" in path or "\\" in path:
            warn(
                f"download path {path!r} is not a valid file path",
                subtype="download",
                location=location,
            )
            return None
        _rel, absolute = self.env.relfn2path(path, self.env.docname)
        real = paths.real(absolute)
        if real is None or not paths.inside(real, self.env.srcdir):
            warn(
                f"download {path!r} leaves the source folder; it is not copied",
                subtype="download",
                location=location,
            )
            return None
        if not real.is_file():
            warn(
                f"download {path!r} does not exist; it is not copied",
                subtype="download",
                location=location,
            )
            return None
        return real

    def run(self) -> list[nodes.Node]:
        node = downloads(classes=["sm-downloads", *self.options.get("class", [])])
        self.set_source_info(node)
        if self.arguments:
            title = nodes.paragraph(classes=["sm-downloads__title"])
            inline, messages = self.parse_inline(
                self.arguments[0], lineno=inline_lineno(self, self.lineno)
            )
            title.extend(inline)
            raw_as_text(title)  # a title is text with inline markup, never HTML
            node += title
            node.extend(messages)
        items = nodes.bullet_list(classes=["sm-downloads__list"])
        for offset, raw_line in enumerate(self.content):
            line = content_line(self, offset)
            text = raw_line.strip()
            if not text:
                continue
            match = _LABELLED.match(text)
            label, path = (match["text"], match["path"].strip()) if match else ("", text)
            real = self._check_path(path, line)
            if real is None:
                continue
            label = label or Path(path).name
            name, short = describe_format(path)
            size = human_size(real.stat().st_size)
            ref = addnodes.download_reference(
                "",
                "",
                nodes.inline(label, label, classes=["sm-download__name"]),
                reftarget=path,
                refdoc=self.env.docname,
                refexplicit=True,
            )
            meta = nodes.inline("", f"{name}, {short}, {size}", classes=["sm-download__meta"])
            paragraph = nodes.paragraph("", "", ref, nodes.Text(" "), meta)
            items += nodes.list_item("", paragraph, classes=["sm-download"])
        if not self.content:
            warn("downloads list has no files", subtype="download", location=self.get_location())
        if len(items):
            node += items
        self.add_name(node)
        return [node]


def refuse_unsafe_download_roles(app: Sphinx, doctree: nodes.document) -> None:
    """Hold Sphinx's own ``{download}`` role, which the README offers writers, to the rules
    of ``{downloads}``.

    The role copies any readable file its path reaches (``//etc/passwd`` is /etc/passwd to
    Sphinx, ``../x`` leaves the source folder), and links any target with ``://`` in it as
    written, so ``javascript:alert('://')`` became a live link. This runs before Sphinx's
    download collector (priority 500), so a refused file is never copied.
    """
    docname = app.env.docname
    for ref in list(doctree.findall(addnodes.download_reference)):
        target = ref.get("reftarget", "")
        if "://" in target:
            if urls.is_web_url(target):
                continue
            problem = "is a URL whose scheme is not allowed; it is not linked"
        else:
            _rel, absolute = app.env.relfn2path(target, docname)
            if paths.inside(absolute, app.env.srcdir):
                continue
            problem = "leaves the source folder; it is not copied"
        warn(
            f"download {target!r} {problem}",
            subtype="download",
            location=(docname, ref.line) if ref.line else docname,
        )
        text = ref.astext()
        ref.replace_self(nodes.inline(text, text))


def describe_for_print(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Print and text cannot click a link: name each file, and give its full URL where the
    site's address (``html_baseurl``) is known."""
    if app.builder.format == "html":
        return
    baseurl = app.config.html_baseurl
    for ref in (
        r
        for block in doctree.findall(downloads)
        for r in block.findall(addnodes.download_reference)
    ):
        name = posixpath.basename(ref["reftarget"])
        if ref.astext() != name:
            ref.parent.insert(ref.parent.index(ref) + 1, nodes.Text(f" ({name})"))
        if baseurl and "filename" in ref:
            url = baseurl.rstrip("/") + "/_downloads/" + ref["filename"]
            ref.parent += [nodes.Text(" "), nodes.reference(url, url, refuri=url)]


def visit_downloads_html(self: HTML5Translator, node: downloads) -> None:
    """GOV.UK's attachment style: the title, then a GOV.UK Frontend list of the files, each
    a link with its format and size under it (the stylesheet draws a document beside it)."""
    self.body.append(self.starttag(node, "div", ""))
    for child in node.children:
        if not isinstance(child, nodes.bullet_list):
            child.walkabout(self)  # the title paragraph, and any message
            continue
        self.body.append(self.starttag(child, "ul", "", CLASS="govuk-list"))
        for item in child.children:
            self.body.append(self.starttag(item, "li", ""))
            for paragraph in item.children:
                self.body.append('<p class="govuk-body sm-download__details">')
                for part in paragraph.children:  # the link, a space, the format and size
                    if isinstance(part, nodes.inline) and "sm-download__meta" in part["classes"]:
                        meta = self.encode(part.astext())
                        self.body.append(f'<span class="sm-download__meta">{meta}</span>')
                    else:
                        part.walkabout(self)
                self.body.append("</p>")
            self.body.append("</li>\n")
        self.body.append("</ul>\n")
    self.body.append("</div>\n")
    raise nodes.SkipNode


def depart_downloads_html(self: HTML5Translator, node: downloads) -> None:
    """Not reached: the visitor writes the whole list."""


def setup(app: Sphinx) -> None:
    add_node(app, downloads, html=(visit_downloads_html, depart_downloads_html))
    app.add_directive("downloads", DownloadsDirective)
    app.connect("doctree-read", refuse_unsafe_download_roles, priority=450)
    app.connect("doctree-resolved", describe_for_print)
