"""Pages with ``exclude_from_search: true`` are left out of the search index entirely.

The collector marks them with Sphinx's own file-wide ``nosearch`` metadata, so their words are
never indexed; Sphinx still lists their names in ``searchindex.js``. Pruning the index before
it is written takes them out of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def prune_excluded_pages(app: Sphinx) -> Iterator[tuple[str, dict, str]]:
    indexer = getattr(app.builder, "indexer", None)
    if indexer is not None:
        metadata = app.env.metadata
        indexer.prune({d for d in app.env.all_docs if "nosearch" not in metadata.get(d, {})})
    yield from ()


def setup(app: Sphinx) -> None:
    app.connect("html-collect-pages", prune_excluded_pages)
