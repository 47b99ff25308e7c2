"""Redirect pages: an old URL answers with a small valid page that sends the reader on.

The site's redirect pages come from the migration's map of 2016 URLs (:mod:`.redirects`);
``conf.py``'s own ``redirects`` are sphinx-reredirects' alone. They go through
sphinx-reredirects' machinery: its
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

The pages are written anew by every HTML build, so they always lead where the pages are now.
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

from .diagnostics import warn
from .redirects import redirect_map
from .site import site_map

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

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


# ----------------------------------------------------------------------------- which pages


def configured(app: Sphinx) -> set[str]:
    """The paths ``conf.py``'s ``redirects`` name (sphinx-reredirects writes those); a
    wildcard names documents, which are taken anyway."""
    return {source for source in app.config.redirects if not _WILDCARD.search(source)}


def built_pages(app: Sphinx) -> set[str]:
    """Paths where the build puts a page of its own: every document, and Sphinx's pages."""
    return set(app.env.found_docs) | BUILT_PAGES | set(app.config.html_additional_pages)


def plan(app: Sphinx) -> dict[str, Redirect]:
    """Every redirect page the extension writes: path (``x/y/index``) -> Redirect. A page of
    the site wins over the map."""
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
    return dict(sorted(pages.items()))


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
                "the extension's own is used",
                subtype="config",
                location=None,
            )
            template = Template(TEMPLATE.read_text(encoding="utf-8"))
            text = template.substitute(fields)
        path = out_file(app, source)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    copy_asset_file(SCRIPT, Path(app.outdir) / "_static")
    return []


def _template(app: Sphinx) -> Template:
    chosen = app.config.redirect_html_template_file
    path = Path(app.srcdir, chosen) if chosen else TEMPLATE
    return Template(path.read_text(encoding="utf-8"))


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


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinx_reredirects")
    # After sphinx-reredirects' own (500), which writes conf.py's redirects.
    app.connect("html-collect-pages", write_redirect_pages, priority=600)
