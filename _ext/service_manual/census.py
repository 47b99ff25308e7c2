"""Which of the extension's nodes each page holds, counted once when the page is read.

When a page is written, several features look for their own nodes in it: its tags, its
breadcrumbs, its lists of guides, its "Last updated", a video, a review notice waiting for
its date, an image to turn into a link when it is remote (``offline.py``). Each was a walk of
the whole doctree (docutils' ``findall``, a generator for every node) on every page, to its
end, though most pages hold none of most kinds and one of the others, near the top: on the
migrated 2016 manual about 0.02 s of CPU a walk. Now one walk, when the page has been read
(after every ``doctree-read`` handler that adds our nodes), counts the nodes of each kind it
holds; a feature skips the pages that hold none of its kind (:func:`may_hold`) and stops at
the last one there is (:func:`findall`).

Every one of our nodes is made while a page is read (by a directive, or by a ``doctree-read``
handler), never while it is written (nor is an image, before ``offline.py`` looks), so what
the census counted is all a page can hold; a node left out later (a guide's tags with nothing
to show, say) only means a walk that goes on to the end. A doctree can also hold other pages:
a book (LaTeX, a single HTML page) inlines every page its toctrees include into its root
page's tree. So a page that holds a toctree is always walked to the end, and so is a page the
census has not seen.

The census is per-document data in the environment, kept by an environment collector: purged
with its page, merged back from parallel readers, and stored with the environment, so an
incremental build that writes a page it did not read again has the page's census from when
its pickled doctree was read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from docutils import nodes
from sphinx import addnodes

from .collector import PerDocumentCollector, per_document

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

N = TypeVar("N", bound=nodes.Node)

#: The kinds noted: the node classes features ask about (:func:`track`), and toctrees.
_TRACKED: dict[type[nodes.Node], str] = {addnodes.toctree: "toctree"}
_LOOKED_FOR = frozenset(_TRACKED.values())  # one object, which every page's census shares


def track(kind: type[nodes.Node]) -> None:
    """Note ``kind`` (and its subclasses) in every page's census from now on."""
    global _LOOKED_FOR
    _TRACKED[kind] = f"{kind.__module__}.{kind.__qualname__}"
    _LOOKED_FOR = frozenset(_TRACKED.values())


class NodeCensus(PerDocumentCollector):
    """How many nodes of each kind each page holds: docname -> (the kinds the census looked
    for, a frozenset of names; the count of each kind it found, by name). A kind it did not
    look for (tracked by a later version of the extension than the one that read the page) is
    not known to be absent."""

    attribute = "service_manual_census"

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """Nothing here: the census is taken after the other handlers, by take_census."""


def take_census(app: Sphinx, doctree: nodes.document) -> None:
    names: dict[type, tuple[str, ...]] = {}  # a node's class -> the tracked kinds it is
    found: dict[str, int] = {}
    todo: list[nodes.Node] = list(doctree.children)  # in any order: only counted
    while todo:
        node = todo.pop()
        kinds = names.get(node.__class__)
        if kinds is None:
            kinds = names[node.__class__] = tuple(
                name for kind, name in _TRACKED.items() if isinstance(node, kind)
            )
        for name in kinds:
            found[name] = found.get(name, 0) + 1
        todo += node.children  # a text node's are none
    census = per_document(app.env, NodeCensus.attribute)
    census[app.env.docname] = (_LOOKED_FOR, found)


def expected(env: BuildEnvironment, docname: str, kind: type[nodes.Node]) -> int | None:
    """How many nodes of ``kind`` (which must be tracked) the doctree written for
    ``docname`` holds; None when that is not known: the page holds a toctree, or the census
    did not look for the kind or did not see the page."""
    census = per_document(env, NodeCensus.attribute).get(docname)
    if census is None:
        return None
    looked_for, held = census
    name = _TRACKED[kind]
    if name not in looked_for or "toctree" in held:
        return None
    return held.get(name, 0)


def may_hold(env: BuildEnvironment, docname: str, kind: type[nodes.Node]) -> bool:
    """Whether the doctree written for ``docname`` can hold a node of ``kind``."""
    return expected(env, docname, kind) != 0


def findall(env: BuildEnvironment, doctree: nodes.document, docname: str, kind: type[N]) -> list[N]:
    """Every node of ``kind`` in the doctree written for ``docname``, in document order, as
    ``doctree.findall(kind)`` finds them; the walk ends at the last one the census counted
    (a page's breadcrumbs, tags and "Last updated" are near its top). A node left out since
    the census was taken only makes the walk go on to the end."""
    count = expected(env, docname, kind)
    if count == 0:
        return []
    found: list[N] = []
    for node in doctree.findall(kind):
        found.append(node)
        if len(found) == count:
            break
    return found


def setup(app: Sphinx) -> None:
    app.add_env_collector(NodeCensus)
    # After every doctree-read handler that adds our nodes (the header at 600, the index
    # placeholder at 620).
    app.connect("doctree-read", take_census, priority=990)
