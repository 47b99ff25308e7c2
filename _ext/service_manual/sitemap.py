"""``sitemap.xml`` (from sphinx-sitemap) and a ``robots.txt`` that names it, when the site's
base URL is known (:mod:`.published`).

The sitemap lists every page built from a source file, but the 404 page: not the redirect
pages (sphinx-reredirects writes them outside Sphinx's pages), nor Sphinx's generated search
and index pages, which are not content (``search.html`` also says ``noindex``).
``sitemap_excludes`` leaves out more. Without a base URL nothing is written: sphinx-sitemap is
not even loaded, as it would warn at the end of every build (failing ``-W`` builds) with
nothing to write. The html and dirhtml builders write the two files; other builders none.

sphinx-sitemap collects a page as it is written, so on an incremental build it would list only
the pages that changed (its issue #13). Before it writes the file, the build hands it the whole
list instead, through its own ``add_html_link`` (so its excludes, link forms and ``lastmod``
still apply), in docname order: an incremental build, or one with ``-j``, writes the same bytes
as a fresh serial one. Once it has written the file, the build lets go of sphinx-sitemap's
queue, whose server process (sphinx-sitemap starts one per build, for ``-j``) would otherwise
live as long as the Python process that ran the build: a test suite, a live preview.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .config import set_by_project
from .published import base_url, base_url_at_setup

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

SITEMAP_BUILDERS = frozenset({"html", "dirhtml"})
ROBOTS = "robots.txt"
# The first line of the robots.txt we write: a later build without a base URL removes only ours.
ROBOTS_MARK = "# Written by the service_manual Sphinx extension."


def sitemap_defaults(app: Sphinx, config: Config) -> None:
    """Links are the base URL plus the page's path: ``html_baseurl`` already holds Read the
    Docs' language and version, which sphinx-sitemap's default scheme would add again."""
    if not set_by_project(config, "sitemap_url_scheme"):
        config.sitemap_url_scheme = "{link}"
    if not set_by_project(config, "site_url") and base_url(config):
        config.site_url = base_url(config)  # with its final slash, which sphinx-sitemap needs


def every_page(app: Sphinx, exception: Exception | None) -> None:
    """Replace what sphinx-sitemap collected in this build with every page of the site."""
    import sphinx_sitemap

    links = getattr(app, "sitemap_links", None)
    if links is None:
        return
    while not links.empty():  # the pages written in this build, in the order they were written
        links.get_nowait()
    if exception is not None or app.builder.name not in SITEMAP_BUILDERS:
        return  # nothing for sphinx-sitemap to write
    skip = {app.config.notfound_pagename} if "notfound_pagename" in app.config else set()
    for docname in sorted(app.env.found_docs - skip):
        sphinx_sitemap.add_html_link(app, docname, "page.html", {}, None)


def release_queue(app: Sphinx, exception: Exception | None) -> None:
    """After sphinx-sitemap has written the file, end the process behind its queue.

    Dropping the queue is not enough: the ``queue.Empty`` that ends sphinx-sitemap's loop
    keeps it in a reference cycle until Python's next full collection. ``multiprocessing``
    keeps the queue's manager as the proxy's ``_manager``, whose ``shutdown`` ends it now.
    """
    links = app.__dict__.pop("sitemap_links", None)
    manager = getattr(links, "_manager", None)
    if manager is not None:
        manager.shutdown()


def robots_txt(app: Sphinx) -> str:
    sitemap = base_url(app.config) + app.config.sitemap_filename
    return f"{ROBOTS_MARK}\nUser-agent: *\nDisallow:\n\nSitemap: {sitemap}\n"


def write_robots_txt(app: Sphinx, exception: Exception | None) -> None:
    """``robots.txt`` names the sitemap; a project's own (in ``html_extra_path``) wins."""
    if exception is not None or app.builder.name not in SITEMAP_BUILDERS:
        return
    target = Path(app.outdir, ROBOTS)
    if any(Path(app.confdir, extra, ROBOTS).is_file() for extra in app.config.html_extra_path):
        return
    ours = target.is_file() and target.read_text(encoding="utf-8").startswith(ROBOTS_MARK)
    if base_url(app.config) and "sitemap_filename" in app.config:
        target.write_text(robots_txt(app), encoding="utf-8")
    elif ours:
        # An earlier build knew the base URL; this one publishes no sitemap to name.
        target.unlink()
        Path(app.outdir, "sitemap.xml").unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    if base_url_at_setup(app):
        app.setup_extension("sphinx_sitemap")
        app.connect("config-inited", sitemap_defaults, priority=450)
        # Before sphinx-sitemap writes the file (its handler has the default priority, 500).
        app.connect("build-finished", every_page, priority=450)
        app.connect("build-finished", release_queue, priority=900)
    app.connect("build-finished", write_robots_txt)
