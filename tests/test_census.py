"""Each page's census of our nodes (``service_manual.census``): what it notes, when a page is
walked anyway, and that walking only where the census says changes no page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_root
from docutils import nodes
from service_manual import census
from service_manual.breadcrumbs import breadcrumbs
from service_manual.header import guide_tags
from service_manual.listing import guide_index
from service_manual.review.box import last_updated, review_notice
from service_manual.video import video

ROOTS = ["video", "index-pages", "review", "breadcrumbs"]
KINDS = (video, guide_tags, guide_index, breadcrumbs, last_updated, review_notice, nodes.image)


@pytest.fixture(scope="module")
def videos(build):
    return build("video")


def test_the_census_notes_the_nodes_a_page_holds(videos) -> None:
    env = videos.app.env
    assert census.expected(env, "forms", video) == 4  # the page's four {video} blocks
    assert not census.may_hold(env, "no-video", video)
    assert census.expected(env, "no-video", breadcrumbs) == 1  # every page but the home page
    assert census.expected(env, "no-video", guide_index) == 0


def test_a_page_with_a_toctree_is_walked_for_every_kind(videos) -> None:
    """A book inlines the pages a toctree includes into its root page's tree."""
    env = videos.app.env
    for kind in KINDS:
        assert census.expected(env, "index", kind) is None


def test_a_page_without_a_census_or_not_looked_at_for_a_kind_is_walked(videos) -> None:
    env = videos.app.env
    assert census.expected(env, "a-page-read-before-the-census", video) is None
    data = getattr(env, census.NodeCensus.attribute)
    looked_for, held = data["no-video"]
    try:
        data["no-video"] = (looked_for - {"service_manual.video.video"}, held)
        assert census.expected(env, "no-video", video) is None
    finally:
        data["no-video"] = (looked_for, held)


@pytest.mark.parametrize("root", ROOTS)
def test_the_census_counts_what_each_stored_doctree_holds(root: str, build) -> None:
    """Nothing changes a page's doctree after the census: it is the last doctree-read
    handler."""
    env = build(root).app.env
    for docname in sorted(env.found_docs):
        doctree = env.get_doctree(docname)
        for kind in KINDS:
            count = census.expected(env, docname, kind)
            if count is not None:
                assert count == len(list(doctree.findall(kind))), (docname, kind)


@pytest.mark.parametrize("root", ROOTS)
def test_walking_every_page_builds_the_same_site(
    root: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = build_root(root, tmp_path / "census")
    monkeypatch.setattr(census, "expected", lambda env, docname, kind: None)
    walked = build_root(root, tmp_path / "walked")
    assert counted.warnings == walked.warnings
    pages = sorted(p.relative_to(counted.outdir) for p in counted.outdir.rglob("*.html"))
    assert pages == sorted(p.relative_to(walked.outdir) for p in walked.outdir.rglob("*.html"))
    different = [
        str(page)
        for page in pages
        if (counted.outdir / page).read_bytes() != (walked.outdir / page).read_bytes()
    ]
    assert different == []
