"""Limits: a guide of 1 MB, a front matter block of 10,000 keys and a title of 10,000
characters build, and four times the input takes well under sixteen times as long.

Each case is built at N and 4N in the same test and only the ratio of the two times is
asserted (a linear build gives about 4, a quadratic one 16), so a slow or busy machine
does not fail it. The ratios are printed (``pytest -s``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_support import assert_no_traceback, build_in, parse_warnings, write_site

# Four times the input may take at most this many times as long: 4 is linear, 16 quadratic.
MAX_RATIO = 8.0

INDEX = "---\ntitle: Home\n---\n\n```{toctree}\npage\n```\n"
PARAGRAPH = (
    "A paragraph of a long guide, with *emphasis*, `code` and a "
    "[link](https://www.gov.uk/service-manual). " * 4
) + "\n\n"


def long_guide(size: int) -> str:
    """A guide of ``size`` bytes: sections of five paragraphs, each section a Contents entry."""
    parts = ["---\ntitle: A long guide\ncategory: technology\ntype: guide\n---\n\n"]
    total, number = len(parts[0]), 0
    while total < size:
        section = f"## Section {number}\n\n" + PARAGRAPH * 5
        parts.append(section)
        total += len(section)
        number += 1
    return "".join(parts)


def many_keys(count: int) -> str:
    keys = "".join(f"key-{i}: value {i}\n" for i in range(count))
    return f"---\ntitle: Many keys\n{keys}---\n\nThe body after {count} keys.\n"


def long_title(length: int) -> str:
    title = ("Wordy " * (length // 6 + 1))[:length].strip()
    return f"---\ntitle: {title}\nsubtitle: {title}\n---\n\nThe body under a long title.\n"


def timed_build(tmp: Path, page: str) -> tuple[float, list[str], str]:
    srcdir = write_site(tmp, {"index.md": INDEX, "page.md": page})
    start = time.perf_counter()
    built = build_in(srcdir)
    elapsed = time.perf_counter() - start
    assert_no_traceback(built.status, *built.warnings)
    return elapsed, built.warnings, built.html("page")


CASES: dict[str, tuple[Callable[[int], str], int]] = {
    "guide-of-1-MB": (long_guide, 1024 * 1024),
    "10000-keys": (many_keys, 10_000),
    "title-of-10000-characters": (long_title, 10_000),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_four_times_the_input_is_not_sixteen_times_the_time(tmp_path: Path, case: str) -> None:
    make, size = CASES[case]
    timed_build(tmp_path / "warm-up", make(size // 64))  # imports and caches, not measured
    small, _warnings, _html = timed_build(tmp_path / "small", make(size // 4))
    large, warnings, html = timed_build(tmp_path / "large", make(size))
    ratio = large / small
    print(f"{case}: N/4 {small:.2f}s, N {large:.2f}s, ratio {ratio:.1f}")
    assert ratio < MAX_RATIO, f"{case}: 4x the input took {ratio:.1f}x as long"
    if case == "guide-of-1-MB":
        assert warnings == []
        last = (size - 100) // len(f"## Section 0\n\n{PARAGRAPH * 5}")
        assert f"Section {last}" in html
        assert html.count('class="sm-contents__link"') > last
    elif case == "10000-keys":
        found = parse_warnings(warnings)
        assert len(found) == size
        assert all(w.line and w.type == "service_manual.front_matter" for w in found)
        assert found[-1].line is not None
        assert "The body after 10000 keys." in html
        assert max(w.line or 0 for w in found) == size + 2
    else:
        assert "Wordy " * 1000 in html
        assert "The body under a long title." in html
