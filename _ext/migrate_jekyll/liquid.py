"""Liquid: the includes and loops of the index pages, as our layouts and directives.

- ``browse/index.md`` (``layout: browse``): the contents list and the per-category
  ``{% include _browse-links.html %}`` loops are removed; the layout lists every category.
- ``themes/index.md``: each ``<h3>Theme</h3>`` + ``{% for p in site.pages %}{% if p.theme ==
  'x' %}`` loop becomes ``## Theme`` and a ``{guide-list}`` with ``:theme: x`` and ``:type:
  any``: the loop listed every page with that theme, whatever its type (or none).
- ``{% include _phases.html %}`` (the phases page and the home page) becomes a list of links
  to the phase pages; ``{% include _role-links.html %}`` (home page) a list of the role pages.
- The home page, ``index.html``, becomes ``index.md`` (``layout: homepage``): its ``<h1>`` and
  subtitle move to the front matter ``title`` and ``subtitle``.

The HTML around the Liquid is left to :mod:`migrate_jekyll.html`, which unwraps it. Liquid
found anywhere else is reported and left as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import PurePosixPath

from service_manual.core.vocabulary import DEFAULT_PHASES

from .document import Line, Page
from .frontmatter import ROLES
from .report import Report

PHASES = tuple(DEFAULT_PHASES)
LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}")
_THEME_LOOP = re.compile(r"p\.theme\s*==\s*['\"]([\w-]+)['\"]")
_HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.S)
_INCLUDE = re.compile(r"^\s*\{%\s*include\s+([\w.-]+)\s*%\}\s*$")
_TAGS = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub("", fragment)).split())


def themes_body(lines: list[Line]) -> list[Line]:
    """``## Theme`` and a ``{guide-list}`` for each theme loop, in page order."""
    out: list[Line] = []
    heading: tuple[int, str] | None = None
    for line in lines:
        match = _HEADING.search(line.text)
        if match:
            heading = (line.no, _text(match.group(2)))
            continue
        theme = _THEME_LOOP.search(line.text)
        if theme and heading is not None:
            no, title = heading
            out += [
                Line(no, f"## {title}"),
                Line(no, ""),
                Line(line.no, "```{guide-list}"),
                Line(line.no, f":theme: {theme.group(1)}"),
                Line(line.no, ":type: any"),
                Line(line.no, ":sort: source"),
                Line(line.no, "```"),
                Line(line.no, ""),
            ]
            heading = None
    return out


def _link_list(pages: list[Page], no: int) -> list[Line]:
    """The pages as an HTML list: the includes stood inside HTML, which the HTML pass converts."""
    items = []
    for page in pages:
        url = "/service-manual/" + str(page.source.with_suffix(""))
        subtitle = page.front.get("subtitle")
        suffix = f": {html.escape(subtitle)}" if isinstance(subtitle, str) and subtitle else ""
        items.append(f'<li><a href="{url}">{html.escape(page.title)}</a>{suffix}</li>')
    return [Line(no, text) for text in ["", "<ul>", *items, "</ul>", ""]]


def phase_pages(pages: Mapping[PurePosixPath, Page]) -> list[Page]:
    found = [pages.get(PurePosixPath(f"phases/{p}.md")) for p in PHASES]
    return [p for p in found if p is not None]


def role_pages(pages: Mapping[PurePosixPath, Page]) -> list[Page]:
    roles = [p for p in pages.values() if str(p.front.get("layout", "")).startswith("role-index")]

    def order(page: Page) -> tuple[int, str]:
        audience = page.front.get("audience")
        slug = audience if isinstance(audience, str) else ""
        return (ROLES.index(slug) if slug in ROLES else len(ROLES), str(page.source))

    return sorted(roles, key=order)


def convert(page: Page, pages: Mapping[PurePosixPath, Page], file: str, report: Report) -> None:
    """Replace the Liquid of ``page`` in place."""
    if not any(LIQUID.search(line.text) for line in page.body):
        return
    layout = page.front.get("layout")
    if layout == "browse":
        page.body = []
        report.count("liquid")
        return
    if any(_THEME_LOOP.search(line.text) for line in page.body):
        page.body = themes_body(page.body)
        report.count("liquid")
        return
    out: list[Line] = []
    for line in page.body:
        include = _INCLUDE.match(line.text)
        if include and include.group(1) == "_phases.html":
            out += _link_list(phase_pages(pages), line.no)
        elif include and include.group(1) == "_role-links.html":
            out += _link_list(role_pages(pages), line.no)
        elif LIQUID.search(line.text):
            report.issue(file, line.no, "liquid", f"Liquid left as it is: {line.text.strip()}")
            out.append(line)
        else:
            out.append(line)
    page.body = out
    report.count("liquid")


_PAGE_HEADER = re.compile(r"<header\b.*?</header>", re.S)
_LOGO = re.compile(r"<h1 class=\"logo\">(.*?)</h1>", re.S)
_SUBTITLE = re.compile(r"<h2 class=\"subtitle\">(.*?)</h2>", re.S)


def home_page(page: Page, report: Report) -> None:
    """The 2016 home page: title and subtitle from its header, the logo as a paragraph."""
    text = "\n".join(line.text for line in page.body)
    header = _PAGE_HEADER.search(text)
    if header:
        title = _HEADING.search(header.group(0))
        subtitle = _SUBTITLE.search(header.group(0))
        if title and "title" not in page.front:
            page.front["title"] = _text(title.group(2))
        if subtitle and "subtitle" not in page.front:
            page.front["subtitle"] = _text(subtitle.group(1))
        start = text[: header.start()].count("\n")
        end = text[: header.end()].count("\n")
        page.body = page.body[:start] + page.body[end + 1 :]
    page.body = [line.with_text(_LOGO.sub(r"<p>\1</p>", line.text)) for line in page.body]
    page.front.setdefault("layout", "homepage")
    report.count("home_page")
