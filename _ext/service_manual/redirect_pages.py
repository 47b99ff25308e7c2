"""Redirect pages: an old URL answers with a small valid page that sends the reader on.

The site's redirect pages come from the migration's map of 2016 URLs (:mod:`.redirects`) and
from every page's ``old_paths`` (:mod:`.old_paths`); ``conf.py``'s own ``redirects`` are
sphinx-reredirects' alone. They go through sphinx-reredirects' machinery: its
``Reredirects.docname_out_path`` says where the builder puts a page (``x/y.html``, or
``x/y/index.html`` for ``dirhtml``) and its ``redirect_html_template_file`` setting names the
template. When ``conf.py`` names none, the extension's own is used (``redirect_page/page.html``,
nothing set in the configuration). Either is a ``string.Template``, as sphinx-reredirects'
own is, with more to fill in than its ``${to_uri}``:

- ``${to_uri}``: the URL of the page it leads to, relative to the redirect page;
- ``${canonical}``: that page's URL from ``html_baseurl``, or ``${to_uri}`` without one;
- ``${lang}``, ``${title}`` and ``${message}`` ("This page has moved to <link>."), translated;
- ``${script}``: ``_static/redirect.js`` from the redirect page, which sends the reader on
  at once, keeping the old URL's ``#fragment``. A file and not an inline script, so the page
  works under ``Content-Security-Policy: default-src 'self'``; without JavaScript, a
  ``<meta http-equiv="refresh">`` does it.

Every value is HTML-escaped. Redirect pages belong to the HTML site (``html``, ``dirhtml``):
an EPUB or a single page gets none, and what sphinx-reredirects writes for those builders is
taken out again before the book is packed.

Old paths are checked against the whole site once every document is read: a path where a
page still is, or that the build makes (``search``, ``genindex``), or that ``conf.py``'s
``redirects`` or the map already redirect, gets no redirect page; a path several pages
claim leads to the first of them. Each case warns at the page's ``old_paths`` line.

Every HTML build renders them anew, so they always lead where the pages are now, and writes
those whose text changed;
a redirect page for an old path that no page claims any more is removed on the next
incremental build.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation
from sphinx.util.fileutil import copy_asset_file
from sphinx.util.osutil import relative_uri
from sphinx_reredirects import Reredirects

from .collector import guide_of, guides
from .diagnostics import warn
from .old_paths import KEY
from .redirects import redirect_map
from .site import site_map

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

_ = get_translation("service_manual")

HERE = Path(__file__).resolve().parent / "redirect_page"
TEMPLATE = HERE / "page.html"
SCRIPT = HERE / "redirect.js"
SCRIPT_URI = "_static/redirect.js"

#: The builders whose output is the website, where old URLs are served.
SITE_BUILDERS = frozenset({"html", "dirhtml"})
#: Pages the HTML builder makes itself: an old path there would overwrite them.
BUILT_PAGES = frozenset({"genindex", "search"})
# What sphinx-reredirects takes for a wildcard in a source.
_WILDCARD = re.compile(r"[*?\[\]]")


@dataclass(frozen=True, slots=True)
class Redirect:
    target: str  # URL of the page it leads to, relative to the redirect page
    docname: str | None  # that page, when it is one of the site's


def is_site(builder: Builder) -> bool:
    return builder.name in SITE_BUILDERS


# ----------------------------------------------------------------------------- what is claimed


def claims(env: BuildEnvironment) -> dict[str, list[str]]:
    """Every old path -> the pages that name it, in docname order."""
    found: dict[str, list[str]] = {}
    for docname, guide in sorted(guides(env).items()):
        for path in guide.old_paths:
            found.setdefault(path, []).append(docname)
    return found


def configured(app: Sphinx) -> set[str]:
    """The paths ``conf.py``'s ``redirects`` name (sphinx-reredirects writes those); a
    wildcard names documents, which are taken anyway."""
    return {source for source in app.config.redirects if not _WILDCARD.search(source)}


def built_pages(app: Sphinx) -> set[str]:
    """Paths where the build puts a page of its own: every document, and Sphinx's pages."""
    return set(app.env.found_docs) | BUILT_PAGES | set(app.config.html_additional_pages)


def plan(app: Sphinx) -> dict[str, Redirect]:
    """Every redirect page the extension writes: path (``x/y``, ``x/y/index``) -> Redirect.
    A page of the site wins over the map, and the map over ``old_paths``."""
    env, builder = app.env, app.builder
    taken = built_pages(app) | configured(app)
    pages: dict[str, Redirect] = {}
    by_uri = {posixpath.normpath(builder.get_target_uri(d)): d for d in env.found_docs}
    for source, target in redirect_map(env).items():
        if source in taken:
            continue
        here = posixpath.dirname(builder.get_target_uri(source))
        lands = posixpath.normpath(posixpath.join(here, target.partition("#")[0]))
        pages[source] = Redirect(target, by_uri.get(lands))
    for path, docnames in claims(env).items():
        if path in taken or path in pages:
            continue
        target = relative_uri(builder.get_target_uri(path), builder.get_target_uri(docnames[0]))
        pages[path] = Redirect(target, docnames[0])
    return dict(sorted(pages.items()))


def check_old_paths(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn, at the page's ``old_paths`` line, about each old path that gets no redirect
    page of its own, or that several pages claim."""
    conf, mapped = configured(app), redirect_map(env)
    for path, docnames in sorted(claims(env).items()):
        for docname in docnames:
            if path == docname:
                problem = "is this page's own path"
            elif path in env.found_docs:
                problem = f"is the path of the page {path!r}, which is still there"
            elif path in BUILT_PAGES or path in app.config.html_additional_pages:
                problem = f"is the path of {path!r}, a page the build makes"
            elif path in conf:
                problem = "is redirected by the 'redirects' setting in conf.py"
            elif path in mapped:
                problem = f"is in the redirect map, which sends it to {mapped[path]!r}"
            elif len(docnames) > 1:
                others = ", ".join(repr(d) for d in docnames)
                warn(
                    f"old path {path!r} is claimed by {len(docnames)} pages ({others}); "
                    f"its redirect page leads to {docnames[0]!r}",
                    subtype="old_path",
                    location=_located(env, docname),
                )
                continue
            else:
                continue
            warn(
                f"old path {path!r} {problem}; no redirect page is made for it",
                subtype="old_path",
                location=_located(env, docname),
            )


def _located(env: BuildEnvironment, docname: str) -> tuple[str, int | None] | str:
    guide = guide_of(env, docname)
    line = guide.line_of(KEY) if guide is not None else None
    return (docname, line) if line else docname


# ----------------------------------------------------------------------------- writing


def out_file(app: Sphinx, source: str) -> Path:
    """Where the builder puts the redirect page for ``source``, as sphinx-reredirects does."""
    suffix = getattr(app.builder, "out_suffix", ".html")
    parts = Reredirects(app).docname_out_path(source, suffix)
    return Path(app.outdir).joinpath(*parts).with_suffix(suffix)


def write_redirect_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``, after sphinx-reredirects: write the site's redirect pages, or
    take sphinx-reredirects' out of a book."""
    if not is_site(app.builder):
        leave_out_of_book(app)
        return []
    template = _template(app)
    titles = site_map(app.env).titles
    for source, redirect in plan(app).items():
        fields = _fields(app, source, redirect, titles)
        try:
            text = template.substitute(fields)
        except (KeyError, ValueError) as exc:
            warn(
                f"redirect_html_template_file: the template cannot be filled in ({exc!r}); "
                "the extension's own template is used",
                subtype="config",
                location=None,
            )
            template = Template(TEMPLATE.read_text(encoding="utf-8"))
            text = template.substitute(fields)
        write_if_changed(out_file(app, source), text)
    # force: a newer script of the extension replaces the one an earlier build copied.
    copy_asset_file(SCRIPT, Path(app.outdir) / "_static", force=True)
    return []


def write_if_changed(path: Path, text: str) -> None:
    """Write the page unless its file already holds ``text``: an incremental build (every
    save in ``make livehtml``) leaves the migrated manual's 205 redirect pages alone, where
    rewriting them cost most of the build on a disk that waits to replace a file's blocks."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _template(app: Sphinx) -> Template:
    chosen = app.config.redirect_html_template_file
    if chosen:
        path = Path(app.srcdir, chosen)  # where sphinx-reredirects looks for it
        try:
            return Template(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            warn(
                f"redirect_html_template_file: {path} cannot be read ({exc}); the "
                "extension's own template is used",
                subtype="config",
                location=None,
            )
    return Template(TEMPLATE.read_text(encoding="utf-8"))


def _fields(app: Sphinx, source: str, redirect: Redirect, titles: dict[str, str]) -> dict[str, str]:
    builder, config = app.builder, app.config
    here = builder.get_target_uri(source)
    canonical = redirect.target
    if config.html_baseurl and redirect.docname is not None:
        canonical = posixpath.join(config.html_baseurl, builder.get_target_uri(redirect.docname))
    name = titles.get(redirect.docname or "") or redirect.target
    link = f'<a id="redirect-target" href="{html.escape(redirect.target)}">{html.escape(name)}</a>'
    return {
        "to_uri": html.escape(redirect.target),
        "canonical": html.escape(canonical),
        "lang": html.escape((config.language or "en").replace("_", "-")),
        "title": html.escape(_("This page has moved")),
        "message": html.escape(_("This page has moved to %(link)s.")) % {"link": link},
        "script": html.escape(relative_uri(here, SCRIPT_URI)),
    }


def leave_out_of_book(app: Sphinx) -> None:
    """sphinx-reredirects writes ``conf.py``'s redirects for every builder that collects
    HTML pages, EPUB included, where they would be packed as pages of the book."""
    if not app.config.redirects:
        return
    documents = set(app.env.found_docs)
    for source in configured(app) - documents:
        page = out_file(app, source)
        if page.is_file():
            page.unlink()


# ----------------------------------------------------------------------------- incremental


def remember_old_paths(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Before reading: the old paths the site claimed, to take away the redirect pages of
    those no page claims any more."""
    env.service_manual_old_paths_before = set(claims(env))  # type: ignore[attr-defined]
    return []


def remove_unclaimed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    before: set[str] | None = getattr(env, "service_manual_old_paths_before", None)
    env.service_manual_old_paths_before = None  # type: ignore[attr-defined]
    if not before or not is_site(app.builder):
        return []
    still = set(claims(env)) | set(redirect_map(env)) | built_pages(app) | configured(app)
    for path in sorted(before - still):
        page = out_file(app, path)
        if page.is_file():
            page.unlink()
    return []


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinx_reredirects")
    app.connect("env-get-outdated", remember_old_paths)
    app.connect("env-updated", remove_unclaimed)
    app.connect("env-check-consistency", check_old_paths)
    # After sphinx-reredirects' own (500), which writes conf.py's redirects.
    app.connect("html-collect-pages", write_redirect_pages, priority=600)
