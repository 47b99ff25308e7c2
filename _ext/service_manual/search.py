"""The search index: pages with Sphinx's own file-wide ``nosearch`` metadata are left out of
it entirely, and an incremental build writes the same index a fresh build writes.

Sphinx never indexes the words of a ``nosearch`` page, but still lists its name in
``searchindex.js``; pruning the index before it is written takes it out.

The 2016 key ``exclude_from_search`` does not do this. In 2016 it kept a page out of GOV.UK's
site-wide search (the manual's pages were sent to it at build time), not out of a search of
the manual itself, which 2016 did not have; it marked, among others, the Agile category page
and every phase page, which are what a reader searching the manual looks for. It is kept as
data (``guides.json``) for a tool that feeds a site-wide search; ``nosearch: true`` leaves a
page out of the manual's own search.

On an incremental build Sphinx loads the last index and forgets the pages it rewrites, but
keeps every word they had, with no page: ``searchindex.js`` then differs from a fresh build's
and grows with every edit. Words that lead to no page are dropped before it is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def prune_search_index(app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    indexer = getattr(app.builder, "indexer", None)
    if indexer is not None:
        metadata = app.env.metadata
        indexer.prune({d for d in app.env.all_docs if "nosearch" not in metadata.get(d, {})})
        # Sphinx's IndexBuilder keeps its words in these two mappings (word -> pages).
        for mapping in (getattr(indexer, "_mapping", {}), getattr(indexer, "_title_mapping", {})):
            for word in [word for word, pages in mapping.items() if not pages]:
                del mapping[word]
    yield from ()


def setup(app: Sphinx) -> None:
    app.connect("html-collect-pages", prune_search_index)
