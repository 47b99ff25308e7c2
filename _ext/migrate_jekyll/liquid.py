"""Liquid: the includes and loops of the index pages, as our layouts and directives.

- ``browse/index.md`` (``layout: browse``): the contents list and the per-category
  ``{% include _browse-links.html %}`` loops are removed; the layout lists every category.
- ``themes/index.md``: each ``<h3>Theme</h3>`` + ``{% for p in site.pages %}{% if p.theme ==
  'x' %}`` loop becomes ``## Theme`` and a ``{guide-list}`` with ``:theme: x`` and ``:type:
  any``: the loop listed every page with that theme, whatever its type (or none).
- ``{% include _phases.html %}`` (the phases page and the home page) becomes the
  ``{phase-navigation}`` directive, ``{% include _role-links.html %}`` (home page) the
  ``{role-links}`` directive: the extension makes the same lists from the pages' front matter.
  The include stays in place through the HTML pass (which keeps it a paragraph of its own)
  and :func:`include_directives` replaces it after.
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


# Includes that hold a list of pages, and the directive that makes the same list from data.
INCLUDE_DIRECTIVES = {"_phases.html": "phase-navigation", "_role-links.html": "role-links"}


def phase_pages(pages: Mapping[PurePosixPath, Page]) -> list[Page]:
    """The pages ``{phase-navigation}`` lists, in its order: ``layout: phases`` and a
    ``phase``, as the extension finds them."""
    found: dict[str, Page] = {}
    for page in sorted(pages.values(), key=lambda p: str(p.source)):
        phase = page.front.get("phase")
        if page.front.get("layout") == "phases" and isinstance(phase, str):
            found.setdefault(phase, page)
    return [found[p] for p in PHASES if p in found]


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
        if include and include.group(1) in INCLUDE_DIRECTIVES:
            out.append(line)  # for include_directives, after the HTML pass
        elif LIQUID.search(line.text):
            report.issue(file, line.no, "liquid", f"Liquid left as it is: {line.text.strip()}")
            out.append(line)
        else:
            out.append(line)
    page.body = out
    report.count("liquid")


def include_directives(lines: list[Line], report: Report) -> list[Line]:
    """Each include of a list of pages, on a line of its own, as its directive."""
    out: list[Line] = []
    for line in lines:
        include = _INCLUDE.match(line.text)
        name = INCLUDE_DIRECTIVES.get(include.group(1)) if include else None
        if name is None:
            out.append(line)
            continue
        out += [line.with_text(text) for text in ("", f"```{{{name}}}", "```", "")]
        report.count("liquid.include")
    return out


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
