"""The migration, start to end: read SRC, convert every page, write DEST and the report.

Conversions run in two rounds. The first changes the structure of each page (Liquid, raw
HTML and videos, heading syntax, attributes, tables, abbreviations, heading levels); after it
the ids each page will have are known. The second rewrites references (downloads, links),
checking every ``#fragment`` against those ids. Then the toctrees, the assets and the
redirect map are written.

DEST is only ever emptied when it holds :data:`MARKER`, the file this module leaves there,
so a mistyped DEST cannot wipe a folder of someone's work.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import (
    abbreviations,
    anchors,
    assets,
    attributes,
    frontmatter,
    headings,
    html,
    layouts,
    liquid,
    redirects,
    tables,
    toctree,
)
from .document import Line, Page, split_source, tidy_blank_lines
from .downloads import DownloadPass
from .links import LinkPass
from .report import Report
from .site import SourceSite

MARKER = ".migrate_jekyll"
RAW = "\x00raw"  # front matter that could not be read, kept as text
_MARKER_TEXT = (
    "This folder is written by `python -m migrate_jekyll`. Running it again empties and\n"
    "rewrites the folder; edits made here are lost.\n"
)


class MigrationError(Exception):
    """The migration refused to run (a path problem); nothing was written."""


@dataclass(frozen=True, slots=True)
class Paths:
    src: Path
    dest: Path
    report: Path
    redirects: Path

    @classmethod
    def of(cls, src: Path, dest: Path, report: Path | None, redirect_map: Path | None) -> Paths:
        src, dest = src.resolve(), dest.resolve()
        return cls(
            src,
            dest,
            (report or dest.parent / "migration-report.md").resolve(),
            (redirect_map or dest.parent / "redirects.json").resolve(),
        )

    def check(self) -> None:
        if not self.src.is_dir():
            raise MigrationError(f"{self.src} is not a folder")
        if self.dest == self.src or self.dest.is_relative_to(self.src):
            raise MigrationError("DEST must not be SRC or inside it: SRC is never modified")
        if self.src.is_relative_to(self.dest):
            raise MigrationError("DEST must not contain SRC")
        for path in (self.report, self.redirects):
            if path.is_relative_to(self.dest):
                raise MigrationError(f"{path} must be outside DEST, which Sphinx builds")
            if path.is_relative_to(self.src):
                raise MigrationError(f"{path} must be outside SRC, which is never modified")
        if self.dest.exists():
            if not self.dest.is_dir():
                raise MigrationError(f"{self.dest} exists and is not a folder")
            if any(self.dest.iterdir()) and not (self.dest / MARKER).is_file():
                raise MigrationError(
                    f"{self.dest} is not empty and was not written by this command "
                    f"(no {MARKER} file): refusing to overwrite it"
                )


def read_page(src: Path, source: PurePosixPath, report: Report) -> Page:
    text = (src / source).read_text(encoding="utf-8")
    yaml_text, body = split_source(text)
    file = str(source)
    if yaml_text is None:
        report.issue(file, 1, "front_matter.missing", "no front matter: the page has no title")
        return Page(source, {}, body, had_front_matter=False)
    try:
        data = frontmatter.parse(yaml_text)
    except frontmatter.FrontMatterError as exc:
        report.issue(file, 1, "front_matter.yaml", f"front matter kept as it was: {exc}")
        return Page(source, {RAW: yaml_text}, body)
    return Page(source, frontmatter.normalise(data, file, 1, report), body)


def structure(page: Page, pages: dict[PurePosixPath, Page], report: Report) -> None:
    """First round: everything that changes the shape of the page."""
    file = str(page.source)
    if page.source == PurePosixPath("index.html"):
        liquid.home_page(page, report)
    liquid.convert(page, pages, file, report)
    body = headings.fix_syntax(page.body, file, report)
    if page.source.suffix == ".md":
        body = headings.keep_kramdown_ids(body, report)
    body = html.convert(body, file, report)
    body = liquid.include_directives(body, report)
    body = attributes.convert(body, file, report)
    body = tables.convert(body, file, report)
    body = abbreviations.convert(body, file, report)
    body = headings.normalise_levels(body, report)
    page.body = body


def render(page: Page) -> str:
    if RAW in page.front:
        head = "---\n" + str(page.front[RAW]) + "\n---\n"
    elif page.had_front_matter or page.front:
        head = frontmatter.dump(page.front)
    else:
        head = ""
    body = "\n".join(line.text for line in tidy_blank_lines(page.body))
    if not body:
        return head
    return f"{head}\n{body}\n" if head else body + "\n"


def prepare(dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)


def migrate(paths: Paths) -> Report:
    paths.check()
    report = Report()
    files = assets.source_files(paths.src)
    site = SourceSite(files)
    sources = sorted(site.pages)
    pages = {source: read_page(paths.src, source, report) for source in sources}
    site_files = layouts.SiteFiles(paths.src.parent)
    layouts.apply(pages, site_files, site, report)
    frontmatter.check_site({str(s): p.front for s, p in pages.items()}, report)
    for page in pages.values():
        structure(page, pages, report)
    report.count("pages", sum(1 for s in sources if s.suffix == ".md"))

    shared = anchors.shared_ids(page.body for page in pages.values())
    ids: dict[str, set[str]] = {}
    aliases: dict[str, dict[str, str]] = {}
    for page in pages.values():
        page.body, aliases[page.docname] = anchors.localise(page.title, page.body, shared, report)
        ids[page.docname] = anchors.page_anchors(page.title, page.body)
    downloads = DownloadPass(site, report)
    links = LinkPass(site, ids, aliases, report)
    for page in pages.values():
        file = str(page.source)
        page.body = downloads.convert(page.body, page.source, file)
        page.body = links.convert(page.body, page.source, file)

    by_docname = {page.docname: page for page in pages.values()}
    # The table of contents follows what each page shows, includes and series layouts too.
    listed = {
        "phase-navigation": [p.docname for p in liquid.phase_pages(pages)],
        "role-links": [p.docname for p in liquid.role_pages(pages)],
    }
    series = layouts.series_order(site_files, site)
    tree = toctree.children(by_docname)
    for index in toctree.index_pages(by_docname):
        page = by_docname[index]
        kids = tree.get(index, [])
        shown = layouts.linked_order(page.body, listed, [d for d in series if d in kids])
        entries = toctree.linked(kids, shown)
        last = page.body[-1].no if page.body else 1
        page.body = page.body + toctree_block(index, entries, last)
        report.count("toctree")

    prepare(paths.dest)
    for page in pages.values():
        target = paths.dest / page.output
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(page), encoding="utf-8")
    assets.copy(paths.src, paths.dest, [f for f in files if f not in site.pages], report)
    redirect_data = redirects.build(by_docname)
    redirect_count = redirect_data["redirects"]
    assert isinstance(redirect_count, dict)
    report.count("redirects", len(redirect_count))
    redirects.write(paths.redirects, redirect_data)
    (paths.dest / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    _notes(report, paths)
    report.write(paths.report, paths.src.name)
    return report


def toctree_block(index: str, kids: list[str], no: int) -> list[Line]:
    return toctree.toctree_lines(index, kids, no)


def _notes(report: Report, paths: Paths) -> None:
    report.note(
        "Links to pages are written `[text](/folder/page.md#id)`: MyST resolves a `/`-rooted "
        "path against the source folder and checks the `#id` against the target's heading "
        "slugs, so the build needs `myst_heading_anchors = 6` and "
        '`myst_heading_slug_func = "service_manual.core.slugs.kramdown_slug"` (kramdown ids).'
    )
    report.note(
        "Every index page ends with a `{section-toctree}`: the pages of its folder (and of "
        "folders below that have no index of their own) that its text links to, in that "
        "order; the build adds the section's other pages after them, by path, so a page saved "
        "into a section's folder later joins it. The home page's lists the sections."
    )
    report.note(
        f"Redirect map: `{paths.redirects.name}` beside this report "
        "(`redirects` for sphinx-reredirects, `pages` for every 2016 URL form)."
    )
