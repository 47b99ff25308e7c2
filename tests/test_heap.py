"""A build freezes the objects alive when its builder starts, and again what it read when
reading ends, and unfreezes them when it ends (``service_manual.heap``), unless something else
froze objects first."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import build_root


def _tracked(thing: object) -> bool:
    """Whether the collector walks ``thing``: frozen objects are not among its objects."""
    return any(alive is thing for alive in gc.get_objects())


@dataclass
class Seen:
    """What every doctree-resolved handler of the builds a test makes saw: the freeze count,
    and page by page whether the collector still walked the doctree being written."""

    counts: list[int] = field(default_factory=list)
    walked: dict[str, bool] = field(default_factory=dict)


@pytest.fixture
def frozen_during_build(monkeypatch: pytest.MonkeyPatch) -> Iterator[Seen]:
    from service_manual import heap

    seen = Seen()
    original = heap.setup

    def resolved(app, doctree, docname):  # type: ignore[no-untyped-def]
        seen.counts.append(gc.get_freeze_count())
        seen.walked[docname] = _tracked(doctree)

    def setup(app):  # type: ignore[no-untyped-def]
        original(app)
        app.connect("doctree-resolved", resolved)

    monkeypatch.setattr(heap, "setup", setup)
    assert gc.get_freeze_count() == 0, "the test process must start with nothing frozen"
    yield seen
    gc.unfreeze()


def test_a_build_freezes_what_was_alive_and_unfreezes_it_after(
    tmp_path: Path, frozen_during_build: Seen
) -> None:
    alive = len(gc.get_objects())  # the modules, classes and functions among them stay alive
    site = build_root("seed", tmp_path)
    assert site.warnings == []
    assert frozen_during_build.counts and min(frozen_during_build.counts) > alive // 2
    # What was read is frozen too: the pages being written are not walked again and again.
    walked = frozen_during_build.walked
    assert walked and not any(walked.values()), walked
    assert gc.get_freeze_count() == 0
    # And again: the next build of the same process freezes afresh.
    build_root("seed", tmp_path / "again")
    assert gc.get_freeze_count() == 0


def test_a_heap_frozen_by_someone_else_is_left_as_it_was(
    tmp_path: Path, frozen_during_build: Seen
) -> None:
    gc.freeze()  # as the live preview's warm process does before it forks a build
    before = gc.get_freeze_count()
    build_root("seed", tmp_path)
    # Nothing more frozen, nothing unfrozen (frozen objects that die leave the count).
    assert frozen_during_build.counts and max(frozen_during_build.counts) <= before
    walked = frozen_during_build.walked
    assert walked and all(walked.values()), walked
    assert before // 2 < gc.get_freeze_count() <= min(frozen_during_build.counts)
