"""The Government Service Design Manual, as a Sphinx extension.

Where things live:

- ``config``: the manual's vocabularies (phases, roles, categories ...) as config values;
- ``frontmatter`` and ``collector``: where front matter becomes a typed :class:`Guide`;
- ``site``: the site map derived from all guides (index pages, titles, parents);
- ``header``, ``breadcrumbs``, ``contents``: where data becomes a guide's header;
- ``video`` and ``downloads``: our directives;
- ``listing``, ``guide_list``, ``index_pages``: pages that list other pages;
- ``incremental``: which pages an edit touches, for incremental builds;
- ``export``: ``guides.json`` for other tools; ``search``: pages left out of search;
- ``confine``: nothing from outside the source folder is published;
- ``offline``: print builds fetch no remote image;
- ``redirects``: the migration's map of 2016 URLs; ``old_paths``: a page's earlier paths;
- ``redirect_pages``: the redirect pages of both, through sphinx-reredirects;
- ``layouts``: which template renders a page; ``book``: a book's link to the page itself;
- ``diagnostics``: every warning we give, by subtype.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import (
    book,
    breadcrumbs,
    collector,
    config,
    confine,
    contents,
    downloads,
    export,
    guide_list,
    header,
    incremental,
    index_pages,
    layouts,
    offline,
    redirect_pages,
    redirects,
    search,
    site,
    video,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

# Bump when the shape of the Guide data changes, so old pickled environments are re-read.
ENV_VERSION = 2


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("myst_parser")
    for feature in (
        config,
        collector,
        confine,
        site,
        header,
        breadcrumbs,
        contents,
        video,
        downloads,
        guide_list,
        index_pages,
        incremental,
        layouts,
        book,
        offline,
        redirects,
        redirect_pages,
        search,
        export,
    ):
        feature.setup(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
