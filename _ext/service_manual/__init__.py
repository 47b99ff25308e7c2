"""The Government Service Design Manual, as a Sphinx extension.

Where things live:

- ``core``: the manual's rules without Sphinx (vocabularies, heading ids, URL and path
  policy), shared with the migration tool;
- ``config``: the vocabularies and settings as config values;
- ``frontmatter`` and ``collector``: where front matter becomes a typed :class:`Guide`;
- ``site``: the site map derived from all guides (index pages, titles, parents);
- ``header`` (with ``breadcrumbs`` and ``contents``): where data becomes a page's header;
- ``video`` and ``downloads``: our directives;
- ``listing``, ``guide_list``, ``index_pages``: pages that list other pages, with
  ``role_pages`` (a role's guides and the links between roles), ``phase_navigation`` (the
  phases of a service), ``series`` (pages read as one, such as the Service Standard's) and
  ``cards`` (a printable card for every page);
- ``sections``: a section's table of contents, which a guide saved into its folder joins;
- ``incremental``: which pages an edit touches, for incremental builds, even after a build
  that was stopped part-way;
- ``review``: review dates, owners and change history, the review box and ``make review``;
- ``repository`` and ``feedback``: a guide's source, history and "Report a problem" links;
- ``export``: ``guides.json`` for other tools; ``search``: pages left out of search;
  ``search_results``: the search ranking and the subtitles in its results;
- ``confine``: nothing from outside the source folder is published;
- ``offline``: no page or build fetches a remote image;
- ``redirects``: the migration's map of 2016 URLs; ``old_paths``: a page's earlier paths;
- ``redirect_pages``: the redirect pages of both, through sphinx-reredirects;
- ``layouts``: the extension's HTML theme (``theme/``) and which template renders a page;
  ``book``: a book's link to the page itself;
- ``navigation``: the service navigation in every page's header;
- ``translations``: the message catalogue (``locale/``) every reader-visible string is in;
- ``published``: where the site is published (base URL, path prefix);
- ``not_found_page``, ``sitemap``, ``metadata``: the 404 page, ``sitemap.xml`` and
  ``robots.txt``, each page's description and Open Graph tags;
- ``diagnostics``: every warning we give, by subtype;
- ``titles``: each page's title rendered once a build, however many pages link to it;
- ``census``: which of our nodes each page holds, noted when it is read, so that a feature
  looks for its nodes only in the pages that can hold them;
- ``heap``: the objects alive when a build starts, kept out of the garbage collector's walks
  until it ends.

Importing the package loads no Sphinx: ``service_manual.core`` is usable on its own, and the
features are imported when Sphinx calls :func:`setup`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.2.0"

# Bump when the shape of the stored data changes, so old pickled environments are re-read
# (6: section pages are recorded, for {section-toctree}). Not for the census (census.py): a
# page read without one is walked as before.
ENV_VERSION = 6


def setup(app: Sphinx) -> dict[str, Any]:
    from . import (
        book,
        breadcrumbs,
        cards,
        census,
        collector,
        config,
        confine,
        contents,
        downloads,
        export,
        feedback,
        guide_list,
        header,
        heap,
        incremental,
        index_pages,
        layouts,
        metadata,
        navigation,
        not_found_page,
        offline,
        phase_navigation,
        published,
        redirect_pages,
        redirects,
        repository,
        review,
        role_pages,
        search,
        search_results,
        sections,
        series,
        site,
        sitemap,
        titles,
        translations,
        video,
    )

    app.setup_extension("myst_parser")
    for feature in (
        translations,
        config,
        collector,
        census,
        confine,
        sections,
        site,
        header,
        breadcrumbs,
        contents,
        video,
        downloads,
        guide_list,
        role_pages,
        phase_navigation,
        series,
        cards,
        index_pages,
        incremental,
        review,
        repository,
        feedback,
        layouts,
        book,
        navigation,
        offline,
        redirects,
        redirect_pages,
        search,
        search_results,
        export,
        published,
        not_found_page,
        sitemap,
        metadata,
        titles,
        heap,
    ):
        feature.setup(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
