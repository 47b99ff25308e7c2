"""A build freezes the objects alive when its builder starts and unfreezes them when it ends
(``service_manual.heap``), unless something else froze objects first."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import build_root


@pytest.fixture
def frozen_during_build(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The freeze count seen by every doctree-resolved handler of the builds a test makes."""
    from service_manual import heap

    seen: list[int] = []
    original = heap.setup

    def setup(app):  # type: ignore[no-untyped-def]
        original(app)
        app.connect("doctree-resolved", lambda app, doctree, docname: seen.append(
            gc.get_freeze_count()))  # fmt: skip

    monkeypatch.setattr(heap, "setup", setup)
    assert gc.get_freeze_count() == 0, "the test process must start with nothing frozen"
    yield seen
    gc.unfreeze()


def test_a_build_freezes_what_was_alive_and_unfreezes_it_after(
    tmp_path: Path, frozen_during_build: list[int]
) -> None:
    alive = len(gc.get_objects())  # the modules, classes and functions among them stay alive
    site = build_root("seed", tmp_path)
    assert site.warnings == []
    assert frozen_during_build and min(frozen_during_build) > alive // 2
    assert gc.get_freeze_count() == 0
    # And again: the next build of the same process freezes afresh.
    build_root("seed", tmp_path / "again")
    assert gc.get_freeze_count() == 0


def test_a_heap_frozen_by_someone_else_is_left_as_it_was(
    tmp_path: Path, frozen_during_build: list[int]
) -> None:
    gc.freeze()  # as the live preview's warm process does before it forks a build
    before = gc.get_freeze_count()
    build_root("seed", tmp_path)
    # Nothing more frozen, nothing unfrozen (frozen objects that die leave the count).
    assert frozen_during_build and max(frozen_during_build) <= before
    assert before // 2 < gc.get_freeze_count() <= min(frozen_during_build)
