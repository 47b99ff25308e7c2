"""axe-core finds no WCAG 2.2 AA violation on each kind of page the manual has, on a desktop
and at a phone's width, with the search page showing results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tooling import require_module

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe-core's tags; 2.2 added only AA rules).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

PAGES = {
    "guide": "the-team/web-operations.html",
    "home": "index.html",
    "phase": "phases/discovery.html",
    "role": "web-ops/index.html",
    "browse": "browse/index.html",
    "themes": "themes/index.html",
    "category": "the-team/index.html",
    "search": "search.html?q=operations",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's axe.min.js, as shipped in the axe-playwright-python wheel."""
    base = require_module("axe_playwright_python.base")
    return str(base.AXE_FILE_PATH.read_text(encoding="utf-8"))


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " / ")
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_wcag_violations(
    kept_tab: Callable[..., Any], site_url: str, axe_source: str, path: str,
    viewport: dict[str, int],
) -> None:  # fmt: skip
    page = kept_tab(viewport=viewport)
    response = page.goto(site_url + path, wait_until="load")
    assert response is not None and response.ok, path
    if path.startswith("search.html"):
        page.locator("#search-results ul.search > li").first.wait_for(timeout=10_000)
    page.evaluate(axe_source)
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results["violations"]
    assert not violations, f"axe-core {results['testEngine']['version']} on {path}:\n" + describe(
        violations
    )
