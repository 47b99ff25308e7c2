from __future__ import annotations

import pytest
from service_manual.core.slugs import kramdown_slug, unique


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Fast feedback", "fast-feedback"),
        ("What's next?", "whats-next"),
        ("1. Start without one", "start-without-one"),
        ("2016: a year", "a-year"),
        ("Don't slow down delivery", "dont-slow-down-delivery"),
        ("Taking a rain check -- the promise", "taking-a-rain-check----the-promise"),
        ("Two  spaces", "two--spaces"),
        ("Café menu", "caf-menu"),
        ("APIs (and URLs)", "apis-and-urls"),
        ("`code` in heading", "code-in-heading"),
        ("100%", "section"),
        ("", "section"),
        ("Lock-in", "lock-in"),
    ],
)
def test_kramdown_slug(text: str, slug: str) -> None:
    assert kramdown_slug(text) == slug


def test_unique_numbers_duplicates_like_kramdown() -> None:
    taken: list[str] = []
    for _ in range(3):
        taken.append(unique("outputs", taken))
    assert taken == ["outputs", "outputs-1", "outputs-2"]
