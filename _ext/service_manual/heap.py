"""Keep what a build loaded before it began out of the garbage collector's way.

A full build keeps every page's doctree in memory from reading to writing: cycles of nodes
that point to their parents, which only the garbage collector frees. Each full collection
walks every object alive, and when the builder starts that is already everything Sphinx,
docutils, MyST, Pygments, Jinja and this extension loaded. On the migrated 2016 manual a
full ``-j 1`` build spent about 0.5 s more in collections than plain Sphinx + MyST did (9
full collections against 8, the last walking 361,000 objects against 298,000). Here the
objects alive at ``builder-inited`` move to Python's permanent generation (``gc.freeze()``),
which collections skip. Measured against plain in pairs, the gain is some 0.5 s of a 16 s
build, about the size of this machine's noise (BENCHMARKS.md, run F).

When reading ends (``env-updated``) the build freezes again: Sphinx keeps every page it read
in memory until it writes it, and a collection during writing walked them all. At 2,000
generated guides the collector took 16.2 s of a 94.5 s build (21 full collections, 11.6 s),
plain Sphinx + MyST 15.2 s of 91.2 s; with this second freeze, 13.0 s (8.5 s) of 92.5 s, in
one process timed as a whole. The price is memory: a page written is not freed before the
build ends, so the peak grows by about as much as the pages read take (298 to 343 MB at 2,000
guides; 86 to 92 MB at 200).

The freeze lasts one build: ``build-finished`` moves the objects back (``gc.unfreeze()``), so
whatever among them becomes garbage later is still collected, and a process that runs
several builds (the tests, a tool that embeds Sphinx) ends each one as it began it. Where
something else has already frozen objects (the live preview's warm process freezes what it
imported before it forks each build), the heap is theirs to manage and nothing is done here.
Nothing is collected or left uncollected that would not have been otherwise: only when.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_FROZEN_BY_US = "_service_manual_froze_the_heap"


def freeze(app: Sphinx) -> None:
    if gc.get_freeze_count():
        return
    gc.freeze()
    setattr(app, _FROZEN_BY_US, True)


def freeze_what_was_read(app: Sphinx, env: object) -> None:
    del env
    if getattr(app, _FROZEN_BY_US, False):
        gc.freeze()


def unfreeze(app: Sphinx, exception: BaseException | None) -> None:
    del exception
    if getattr(app, _FROZEN_BY_US, False):
        setattr(app, _FROZEN_BY_US, False)
        gc.unfreeze()


def setup(app: Sphinx) -> None:
    # Last at the start (after the other handlers have loaded templates and settings), last
    # when reading ends (after the collectors' own updates), last at the end (after every
    # handler that still writes).
    app.connect("builder-inited", freeze, priority=1000)
    app.connect("env-updated", freeze_what_was_read, priority=1000)
    app.connect("build-finished", unfreeze, priority=1000)
