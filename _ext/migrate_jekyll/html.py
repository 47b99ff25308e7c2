"""Raw HTML blocks: converted to Markdown where MyST has an equivalent, kept otherwise.

2016 writers used HTML for images with captions, headings with their own ids, lists of
criteria, wrapper ``<div>``s and a few tables. A block is parsed into a small element tree;
if every element in it has a Markdown form (paragraphs, headings, lists, links, images,
figures, emphasis, simple tables, rules, video figures) it is rewritten, otherwise it stays
raw HTML and the report lists it. Wrapper ``<div>``/``<section>`` elements are unwrapped:
their classes styled the 2016 site only.
"""

from __future__ import annotations

import re
import textwrap

from service_manual.core.slugs import kramdown_slug

from . import video
from .document import Line
from .html_inline import inline_html, named_anchors
from .html_tree import INLINE, UNWRAP, Element, Unsupported, find_blocks, parse
from .report import Report

# --------------------------------------------------------------------------- rendering

_SPACE = re.compile(r"\s+")
_MARKDOWN_BLOCK = re.compile(r"^\s*(?:[*+-]\s|\d+[.)]\s|#{1,6}\s|>|\||```)", re.M)


def _is_markdown(text: str) -> bool:
    """Text in an HTML block that is Markdown: paragraphs, or lines with block syntax."""
    body = text.strip()
    return "\n\n" in body or ("\n" in text and bool(_MARKDOWN_BLOCK.search(body)))


_ESCAPE = re.compile(r"([*`\[\]<])")


class Renderer:
    """Element tree → Markdown lines. Raises :class:`Unsupported` for anything else."""

    def __init__(self) -> None:
        self.videos = 0

    # -- inline

    def inline(self, nodes: list[Element | str]) -> str:
        text = "".join(self._inline(n) for n in nodes)
        return _SPACE.sub(" ", text).strip()

    def _inline(self, node: Element | str) -> str:
        if isinstance(node, str):
            return _ESCAPE.sub(r"\\\1", node)
        tag = node.tag
        if tag == "#comment":
            return ""
        if tag == "br":
            return " "
        if tag == "img":
            return self.image(node)
        if tag not in INLINE:
            raise Unsupported(f"<{tag}> inside text")
        inner = self.inline(node.children)
        if tag == "a":
            href = node.attrs.get("href", "").strip()
            if not href:
                return inner
            title = node.attrs.get("title", "").replace('"', "'")
            suffix = f' "{title}"' if title else ""
            return f"[{inner}]({_destination(href)}{suffix})"
        if not inner:
            return ""
        if tag in {"strong", "b"}:
            return f"**{inner}**"
        if tag in {"em", "i"}:
            return f"*{inner}*"
        if tag == "code":
            return f"`{inner}`"
        return inner

    def image(self, node: Element) -> str:
        src = node.attrs.get("src", "").strip()
        alt = _SPACE.sub(" ", node.attrs.get("alt", "")).strip().replace("]", "\\]")
        if not src:
            raise Unsupported("<img> without src")
        return f"![{alt}]({_destination(src)})"

    # -- blocks

    def blocks(self, nodes: list[Element | str]) -> list[list[str]]:
        out: list[list[str]] = []
        pending: list[Element | str] = []

        def flush() -> None:
            if pending:
                text = self.inline(pending)
                if text:
                    out.append([text])
                pending.clear()

        for node in nodes:
            if isinstance(node, str) and _is_markdown(node):
                # Markdown written inside an HTML block: keep it as Markdown
                flush()
                markdown = textwrap.dedent(node).strip("\n")
                if markdown.strip():
                    out.append(markdown.split("\n"))
            elif isinstance(node, str) or node.tag in INLINE:
                pending.append(node)
            else:
                flush()
                out.extend(self.block(node))
        flush()
        return _separate_lists(_merge_captions(out))

    def block(self, node: Element) -> list[list[str]]:
        tag = node.tag
        if tag == "#comment":
            return []
        if tag in UNWRAP:
            return self.blocks(node.children)
        if tag == "p":
            text = self.inline(node.children)
            return [[text]] if text else []
        if re.fullmatch(r"h[1-6]", tag):
            text = self.inline(node.children)
            heading = "#" * int(tag[1]) + " " + text
            anchor = node.attrs.get("id", "").strip()
            if anchor and anchor != kramdown_slug(text):
                return [[f"{{#{anchor}}}", heading]]
            return [[heading]]
        if tag in {"ul", "ol"}:
            return [self.listing(node)]
        if tag == "figure":
            return [self.figure(node)]
        if tag == "figcaption":
            return [[_CAPTION + self.inline(node.children)]]
        if tag == "hr":
            return [["---"]]
        if tag == "blockquote":
            inner = self.blocks(node.children)
            lines = _join_blocks(inner)
            return [[f"> {line}".rstrip() for line in lines]]
        if tag == "table":
            return [self.table(node)]
        raise Unsupported(f"<{tag}>")

    def listing(self, node: Element) -> list[str]:
        ordered = node.tag == "ol"
        items = [c for c in node.elements() if c.tag == "li"]
        if any(isinstance(c, str) and c.strip() for c in node.children) or len(items) != len(
            node.elements()
        ):
            raise Unsupported(f"<{node.tag}> with content outside <li>")
        rendered: list[list[list[str]]] = []
        for item in items:
            blocks = self.blocks(item.children) or [[""]]
            anchor = item.attrs.get("id", "").strip()
            if anchor:
                blocks[0][0] = f"[]{{#{anchor}}}{blocks[0][0]}"
            rendered.append(blocks)
        loose = any(len(b) > 1 for b in rendered)
        lines: list[str] = []
        for n, blocks in enumerate(rendered, start=1):
            marker = f"{n}. " if ordered else "* "
            body = _join_blocks(blocks)
            lines.append(marker + body[0])
            lines += [(" " * len(marker) + line) if line else "" for line in body[1:]]
            if loose and n < len(rendered):
                lines.append("")
        return lines

    def figure(self, node: Element) -> list[str]:
        if video.is_video_figure(node):
            link = video.video_link(node)
            if link is None:
                raise Unsupported("video figure without a link")
            self.videos += 1
            return video.directive(link.attrs["href"], self.inline(link.children))
        images = list(node.find_all("img"))
        captions = list(node.find_all("figcaption"))
        if len(images) != 1:
            raise Unsupported("<figure> without exactly one image")
        caption = self.inline(captions[0].children) if captions else ""
        return _figure(images[0].attrs.get("src", ""), images[0].attrs.get("alt", ""), caption)

    def table(self, node: Element) -> list[str]:
        rows: list[tuple[bool, list[str]]] = []
        for tr in node.find_all("tr"):
            cells = [c for c in tr.elements() if c.tag in {"th", "td"}]
            for cell in cells:
                if "rowspan" in cell.attrs or "colspan" in cell.attrs:
                    raise Unsupported("table cell spanning rows or columns")
                if any(e.tag not in INLINE for e in cell.elements()):
                    raise Unsupported("table cell holding blocks")
            texts = [self.inline(c.children).replace("|", "\\|") for c in cells]
            rows.append((all(c.tag == "th" for c in cells), texts))
        if not rows:
            raise Unsupported("empty table")
        width = max(len(r[1]) for r in rows)
        header_is_th, header = rows[0]
        body = rows[1:] if header_is_th else rows
        if not header_is_th:
            header = [""] * width
        lines = ["| " + " | ".join(_pad(header, width)) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(_pad(r[1], width)) + " |" for r in body]
        return lines


_CAPTION = "\x00caption:"


def _pad(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells))


def _destination(url: str) -> str:
    url = url.strip()
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def _figure(src: str, alt: str, caption: str) -> list[str]:
    lines = ["```{figure} " + _destination(src)]
    alt = _SPACE.sub(" ", alt).strip()
    if alt:
        lines.append(f":alt: {alt}")
    if caption:
        lines += ["", caption]
    return [*lines, "```"]


_IMAGE_ONLY = re.compile(r"^!\[(?P<alt>(?:[^\]\\]|\\.)*)\]\((?P<src><[^>]*>|\S+)\)$")


def _merge_captions(blocks: list[list[str]]) -> list[list[str]]:
    """An image followed by a ``<figcaption>`` (the 2016 habit) becomes one figure."""
    out: list[list[str]] = []
    for block in blocks:
        if block and block[0].startswith(_CAPTION):
            caption = block[0][len(_CAPTION) :]
            previous = out[-1] if out else None
            match = _IMAGE_ONLY.match(previous[0]) if previous and len(previous) == 1 else None
            if match:
                src = match.group("src").strip("<>")
                alt = match.group("alt").replace("\\]", "]")
                out[-1] = _figure(src, alt, caption)
            else:
                out.append(block)  # the image may be in the previous HTML block
            continue
        out.append(block)
    return out


def _separate_lists(blocks: list[list[str]]) -> list[list[str]]:
    """Two bullet lists in a row would merge in Markdown: the second one uses ``-``."""
    out: list[list[str]] = []
    for block in blocks:
        if out and block and out[-1] and out[-1][0].startswith("* ") and block[0].startswith("* "):
            block = [("- " + line[2:]) if line.startswith("* ") else line for line in block]
        out.append(block)
    return out


def _join_blocks(blocks: list[list[str]]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        lines += block
    return lines


# --------------------------------------------------------------------------- the pass


def convert(lines: list[Line], file: str, report: Report) -> list[Line]:
    """Rewrite every convertible raw HTML block of a page; report the ones kept."""
    lines = named_anchors(lines, report)
    out: list[Line] = []
    previous_end = 0
    pending_image: int | None = None  # index in ``out`` of a converted image-only block
    for start, end, closed in find_blocks(lines):
        out += lines[previous_end:start]
        if any(line.text.strip() for line in lines[previous_end:start]):
            pending_image = None
        previous_end = end
        chunk = lines[start:end]
        first = chunk[0].no
        renderer = Renderer()
        markdown: list[str] | None = None
        reason = "tags that do not close"
        if closed:
            tree = parse("\n".join(line.text for line in chunk))
            try:
                markdown = _join_blocks(renderer.blocks(tree.children))
            except Unsupported as exc:
                reason = str(exc)
        if markdown is None:
            out += chunk
            report.count("html.kept")
            first_tag = chunk[0].text.strip()[:60]
            report.issue(file, first, "html.kept", f"raw HTML kept ({reason}): {first_tag}")
            pending_image = None
            continue
        report.count("video", renderer.videos)
        if renderer.videos != 1 or len(markdown) != 3:
            report.count("html.converted")
        if markdown and markdown[0].startswith(_CAPTION):
            caption = markdown[0][len(_CAPTION) :]
            if pending_image is not None:
                image = out[pending_image].text
                match = _IMAGE_ONLY.match(image)
                if match:
                    figure = _figure(match.group("src").strip("<>"), match.group("alt"), caption)
                    no = out[pending_image].no
                    del out[pending_image:]
                    out += [Line(no, text) for text in figure]
                    pending_image = None
                    continue
            markdown = [caption, *markdown[1:]]
        markdown = [text.replace(_CAPTION, "") for text in markdown]
        new = [Line(first, text) for text in markdown]
        image_only = len(new) == 1 and _IMAGE_ONLY.match(new[0].text)
        pending_image = len(out) if image_only else None
        out += new
    out += lines[previous_end:]
    kept = {i for start, end, _ in find_blocks(out) for i in range(start, end)}
    return inline_html(out, file, report, skip=kept)
