"""Limits: a guide of 1 MB, a front matter block of 10,000 keys and a title of 10,000
characters build correctly: no traceback, every warning located, the whole page written.

How the build time grows with these inputs (4 times the input against 4 times the time) is
a measurement, not a test: ``make bench`` prints it (``tests/benchmarks/bench.py``, the
``limits`` table), with the same pages as here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.bench import LIMIT_INDEX, LIMIT_PARAGRAPH, LIMITS
from hostile_support import (
    Built,
    assert_no_traceback,
    build_in,
    parse_warnings,
    unlocated_or_untyped,
    write_site,
)


def build_limit(tmp_path: Path, case: str) -> tuple[int, Built]:
    make, size = LIMITS[case]
    built = build_in(
        write_site(tmp_path / "site", {"index.md": LIMIT_INDEX, "page.md": make(size)})
    )
    assert_no_traceback(built.status, *built.warnings)
    assert unlocated_or_untyped(built.warnings) == []
    return size, built


@pytest.mark.slow
def test_a_guide_of_1_mb_builds_whole(tmp_path: Path) -> None:
    size, built = build_limit(tmp_path, "guide of 1 MB")
    assert built.warnings == []
    html = built.html("page")
    last = (size - 100) // len(f"## Section 0\n\n{LIMIT_PARAGRAPH * 5}")
    assert f"Section {last}" in html
    assert html.count('class="sm-contents__link"') > last


@pytest.mark.slow
def test_10000_front_matter_keys_are_each_reported_at_their_line(tmp_path: Path) -> None:
    size, built = build_limit(tmp_path, "10,000 keys")
    found = parse_warnings(built.warnings)
    assert len(found) == size
    assert all(w.line and w.type == "service_manual.front_matter" for w in found)
    assert max(w.line or 0 for w in found) == size + 2
    assert "The body after 10000 keys." in built.html("page")


def test_a_title_of_10000_characters_is_shown_whole(tmp_path: Path) -> None:
    _size, built = build_limit(tmp_path, "title of 10,000")
    assert built.warnings == []
    html = built.html("page")
    assert "Wordy " * 1000 in html
    assert "The body under a long title." in html
