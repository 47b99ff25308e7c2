"""The search index: pages with ``exclude_from_search: true`` are left out of it entirely,
and an incremental build writes the same index a fresh build writes.

The collector marks excluded pages with Sphinx's own file-wide ``nosearch`` metadata, so their
words are never indexed; Sphinx still lists their names in ``searchindex.js``. Pruning the
index before it is written takes them out of it.

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
