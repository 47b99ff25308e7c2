"""The extension carries what it needs: a project whose conf.py lists only ``myst_parser``
and ``service_manual`` builds the manual, seed guide and index pages included, with no
warning, the extension's own theme and the video player's script."""

from __future__ import annotations

from conftest import REPO, SEED_GUIDE

THEME_STATIC = REPO / "_ext" / "service_manual" / "theme" / "static"


def test_builds_with_no_warning(bare_project) -> None:
    assert bare_project.warnings == []
    assert "build succeeded" in bare_project.app.status.getvalue()


def test_the_seed_guide_has_its_title_header_and_the_player_script(bare_project) -> None:
    page = bare_project.html(SEED_GUIDE)
    assert [h.get_text().rstrip("#¶") for h in page.find_all("h1")] == ["Web operations skills"]
    assert page.select_one("header .govuk-generic-header") is not None  # the extension's theme
    scripts = [s["src"].split("?")[0] for s in page.find_all("script", src=True)]
    assert "../_static/video.js" in scripts
    shipped = bare_project.outdir / "_static" / "video.js"
    assert shipped.read_bytes() == (THEME_STATIC / "video.js").read_bytes()
    figure = page.select_one("figure.sm-video")
    assert figure["data-embed-url"].startswith("https://www.youtube-nocookie.com/embed/")


def test_index_pages_list_the_seed_guide(bare_project) -> None:
    for index in ("web-ops/index", "phases/discovery", "browse/index"):
        page = bare_project.html(index)
        titles = [a.get_text() for a in page.select("a.sm-guide-list__title")]
        assert "Web operations skills" in titles, index
    tags = bare_project.html(SEED_GUIDE).select(".sm-tags a")
    assert {a["href"] for a in tags} >= {"../web-ops/index.html", "../phases/discovery.html"}
