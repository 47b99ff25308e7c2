"""What each 2016 layout becomes, and the content that the site's layouts and includes held.

A Jekyll site keeps ``_layouts/`` and ``_includes/`` at its root, the folder that holds SRC
(the 2016 repository has ``service-manual/`` beside ``_layouts/``). The extension renders
every layout's blocks from front matter, the site map and settings; what the 2016 files wrote
by hand that is content is carried into the pages, read from beside SRC:

- ``_includes/_phases.html``: each phase's sentence becomes the ``summary`` of the phase page
  it links to (the phase navigation shows it);
- ``_layouts/role-index-*.html``: a hero promo written into the layout (a link outside the
  manual) becomes the page's ``hero`` mapping, and the page's layout ``role-index``;
- ``_layouts/standard-support.html``: the order of its Contents becomes the order of those
  pages in their section's table of contents, which the series' Contents follows.

Where the files are absent, the pages keep what they say and the report says what is lost.
The report also lists what each layout the pages use becomes (:data:`BECOMES`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from service_manual.core.vocabulary import DEFAULT_SERIES_LAYOUTS

from .document import Line, Page
from .report import Report
from .site import GOVUK, SourceSite

ROLE_LAYOUT = "role-index"
SERIES_LAYOUTS = tuple(DEFAULT_SERIES_LAYOUTS)

# What each 2016 layout becomes in this project (the README's table says the same).
BECOMES: dict[str, str] = {
    "detailed-guidance": "a guide: breadcrumbs, title, subtitle, tags, Contents, text, page tools",
    "design-pattern": "a guide with the caption 'Design pattern' above its title",
    "standard": "a guide (the subtitle, tags, Contents and page tools are shown too)",
    "standard-support": (
        "a guide whose Contents lists every standard-support page, in table of contents order"
    ),
    "default": "a guide",
    "phases": "a guide, then the phase's guides by category",
    "phases-index": "its text; `{% include _phases.html %}` becomes `{phase-navigation}`",
    "role-index": (
        "hero, Guides, Resources, More guides from the manual, the role links and Browse all "
        "guides…, from front matter"
    ),
    "role-index-content-designer": "`role-index`, with the hero its layout showed in `hero`",
    "role-index-designers": "`role-index`, with the hero its layout showed in `hero`",
    "role-index-*": "`role-index`, with the hero its layout showed in `hero`",
    "category-index": "its text under breadcrumbs, title and subtitle",
    "browse": "a Contents, then every category's pages from front matter (its Liquid is dropped)",
    "wide": "its text, the full width of the page",
    "cards": "a printable card for every page with a title",
    "homepage": (
        "its text; `{% include _phases.html %}` and `{% include _role-links.html %}` become "
        "`{phase-navigation}` and `{role-links}`"
    ),
}

_HERO = re.compile(r'<div class="hero link-list">(.*?)</div>', re.S)
_CONTENTS = re.compile(r'<div class="contents">(.*?)</div>', re.S)
_HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')
_H3 = re.compile(r"<h3>(.*?)</h3>", re.S)
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_ITEM = re.compile(r"<li\b[^>]*>(.*?)</li>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_LIQUID = re.compile(r"\{%|\{\{")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub("", fragment)).split())


@dataclass(frozen=True, slots=True)
class SiteFiles:
    """The 2016 site root: the folder that holds SRC, with its ``_layouts/`` and
    ``_includes/`` (either may be absent)."""

    root: Path

    def read(self, folder: str, name: str) -> str | None:
        path = self.root / folder / name
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def layout(self, name: str) -> str | None:
        return self.read("_layouts", f"{name}.html")

    def include(self, name: str) -> str | None:
        return self.read("_includes", name)


def original_layout(page: Page) -> str:
    layout = page.front.get("layout")
    return layout if isinstance(layout, str) else ""


def becomes(layout: str) -> str:
    if layout in BECOMES:
        return BECOMES[layout]
    if layout.startswith(ROLE_LAYOUT + "-"):
        return BECOMES["role-index-*"]
    return "the default layout, `detailed-guidance`"


def apply(
    pages: Mapping[PurePosixPath, Page], files: SiteFiles, site: SourceSite, report: Report
) -> None:
    """Count the layouts, then carry into the pages what the layouts and includes wrote."""
    for page in pages.values():
        report.layout(original_layout(page), becomes(original_layout(page)))
    _phase_summaries(pages, files, site, report)
    for page in pages.values():
        layout = original_layout(page)
        if layout.startswith(ROLE_LAYOUT + "-"):
            _role_variant(page, layout, pages, files, site, report)


# -- the phases include: each phase's sentence


def _phase_summaries(
    pages: Mapping[PurePosixPath, Page], files: SiteFiles, site: SourceSite, report: Report
) -> None:
    used = [
        (str(p.source), line.no)
        for p in pages.values()
        for line in p.body
        if "_phases.html" in line.text and "{%" in line.text
    ]
    if not used:
        return
    text = files.include("_phases.html")
    if text is None:
        file, no = used[0]
        report.issue(
            file,
            no,
            "layouts.include",
            "_includes/_phases.html is not beside SRC: the phase navigation shows each phase "
            "page's subtitle instead of the include's sentence",
        )
        return
    for item in _ITEM.findall(text):
        links = _HREF.findall(item)
        sentences = [p for p in _PARAGRAPH.findall(item) if not _HREF.search(p)]
        target = site.resolve(links[0], PurePosixPath("index.html")) if links else None
        if target is None or target.kind != "page" or not sentences:
            continue
        page = pages.get(target.path)
        if page is None or original_layout(page) != "phases" or "summary" in page.front:
            continue
        page.front["summary"] = _text(sentences[0])
        report.count("layouts.phase_summary")


# -- role layouts with a hero of their own


def _role_variant(
    page: Page,
    layout: str,
    pages: Mapping[PurePosixPath, Page],
    files: SiteFiles,
    site: SourceSite,
    report: Report,
) -> None:
    """A 2016 variant of the role layout differs from ``role-index`` only in a hero written
    into it (and in Liquid slips, which the README lists): the hero moves to front matter."""
    file = str(page.source)
    page.front["layout"] = ROLE_LAYOUT
    report.count("layouts.role_variant")
    text = files.layout(layout)
    block = _HERO.search(text) if text is not None else None
    if block is None or _LIQUID.search(block.group(1)):
        if text is None:
            report.issue(
                file,
                1,
                "layouts.hero",
                f"_layouts/{layout}.html is not beside SRC: the hero that layout showed is not "
                f"known; the page keeps hero {page.front.get('hero')!r}",
            )
        return
    links, titles = _HREF.findall(block.group(1)), _H3.findall(block.group(1))
    subtitles = _PARAGRAPH.findall(block.group(1))
    if not links or not titles:
        return
    title, url = _text(titles[0]), links[0]
    target = site.resolve(url, page.source)
    if target is not None and target.kind == "page" and target.path in pages:
        hero: str | dict[str, str] = pages[target.path].title or title
    else:
        if site.is_govuk_path(url):
            url = GOVUK + url
        hero = {"title": title}
        if subtitles:
            hero["subtitle"] = _text(subtitles[0])
        hero["url"] = url
    before = page.front.get("hero")
    page.front["hero"] = hero
    report.count("layouts.hero")
    if before != title:
        report.issue(
            file,
            1,
            "layouts.hero",
            f"hero {before!r} was never shown: the layout {layout} showed {title!r} ({url}), "
            "which is now the page's hero",
        )


# -- the order of a series, and what the table of contents should follow


def series_order(files: SiteFiles, site: SourceSite) -> list[str]:
    """The docnames a series layout's hand-written Contents lists, in its order."""
    found: list[str] = []
    for layout in SERIES_LAYOUTS:
        text = files.layout(layout)
        block = _CONTENTS.search(text) if text is not None else None
        for href in _HREF.findall(block.group(1)) if block else []:
            target = site.resolve(href, PurePosixPath("index.html"))
            if target is not None and target.kind == "page" and target.docname not in found:
                found.append(target.docname)
    return found


def linked_order(
    body: list[Line], listed: Mapping[str, list[str]], series: list[str]
) -> list[Line]:
    """The page's text as its table of contents should read it: each directive that stands for
    a 2016 include as links to the pages it lists (``listed``: directive -> docnames), and the
    pages of a series in the order the series layout gave them."""
    out: list[Line] = []
    for line in body:
        name = line.text.strip().removeprefix("```{").removesuffix("}")
        if line.text.strip().startswith("```{") and name in listed:
            out += [line.with_text(f"[x](/{docname}.md)") for docname in listed[name]]
        out.append(line)
    no = body[-1].no if body else 1
    return out + [Line(no, f"[x](/{docname}.md)") for docname in series]
