"""A section's table of contents: the pages ``{section-toctree}`` names, in that order, then
the section's other pages by path, orphans left out, with no warning. (That a guide saved
into the folder, or deleted from it, changes every page as a fresh build would: the warm loop
test in ``test_livehtml.py``.)"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DOCS, REPO, build_root, search_titles, soup
from index_pages_support import main_of
from service_manual.core.sections import section_of

TEAM = [
    "team/hiring",  # named by the section page
    "team/agile",  # then the rest by path
    "team/loose/rotas",  # a folder without an index page belongs to the section above
    "team/pairing",
    "team/sub/index",  # a subsection's index page, not its pages
]


@pytest.fixture(scope="module")
def sections(tmp_path_factory: pytest.TempPathFactory):
    return build_root("sections", tmp_path_factory.mktemp("sections"))


def head_links(outdir: Path, docname: str) -> dict[str, str]:
    page = soup(outdir / f"{docname}.html")
    return {
        link["rel"][0]: link["href"]
        for link in page.find_all("link", rel=True)
        if link["rel"][0] in {"prev", "next"}
    }


def test_the_root_builds_without_warnings(sections) -> None:
    assert sections.warnings == []


def test_named_pages_first_then_the_rest_by_path(sections) -> None:
    includes = sections.app.env.toctree_includes
    assert includes["team/index"] == TEAM
    assert includes["team/sub/index"] == ["team/sub/deep"]
    assert includes["ops/index"] == []
    assert includes["index"] == [
        "team/index",
        "ops/index",
        "phases/alpha",
        "roles/developers",
    ]


def test_next_and_previous_follow_the_section(sections) -> None:
    assert head_links(sections.outdir, "team/hiring") == {
        "prev": "index.html",
        "next": "agile.html",
    }
    assert head_links(sections.outdir, "team/pairing") == {
        "prev": "loose/rotas.html",
        "next": "sub/index.html",
    }


def test_an_orphan_stays_out_of_the_section_but_is_published(sections) -> None:
    env = sections.app.env
    assert not any("team/draft" in included for included in env.toctree_includes.values())
    assert (sections.outdir / "team" / "draft.html").is_file()
    assert head_links(sections.outdir, "team/draft") == {}


def test_the_section_toctree_shows_nothing_on_the_page(sections) -> None:
    main = main_of(soup(sections.outdir / "team" / "index.html"))
    assert main.select(".toctree-wrapper li") == []


@pytest.mark.parametrize(
    ("docname", "expected"),
    [
        ("index", None),
        ("top", "index"),
        ("team/index", "index"),
        ("team/hiring", "team/index"),
        ("team/loose/rotas", "team/index"),
        ("team/sub/index", "team/index"),
        ("team/sub/deep", "team/sub/index"),
        ("loose/deep/page", "index"),
    ],
)
def test_section_of(docname: str, expected: str | None) -> None:
    names = {"index", "top", "team/index", "team/sub/index", docname}
    assert section_of(docname, names) == expected


NEW_GUIDE = """\
---
layout: detailed-guidance
title: Pairing with operations
subtitle: Developers and web operations engineers working side by side
category: the-team
type: guide
audience:
  primary: [developers]
  secondary: [web-ops]
status: draft
phases: [alpha]
---

Pair on deployment scripts from the first sprint.
"""


def links_to(outdir: Path, page: str, docname: str) -> bool:
    main = soup(outdir / f"{page}.html").find("main")
    return any(str(a.get("href", "")).endswith(f"{docname}.html") for a in main.find_all("a"))


def test_a_guide_saved_into_docs_needs_no_second_edit(tmp_path: Path) -> None:
    """The manual itself, with one guide saved into ``the-team/`` and nothing else edited:
    the build (warnings are errors in CI) has no warning and the guide is everywhere it
    belongs."""
    src = tmp_path / "docs"
    shutil.copytree(DOCS, src)
    (src / "the-team" / "pairing-with-operations.md").write_text(NEW_GUIDE, encoding="utf-8")
    out, new = tmp_path / "html", "the-team/pairing-with-operations"
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-n", "-c", str(REPO)]
    result = subprocess.run(
        [*command, str(src), str(out)], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert (result.returncode, result.stderr) == (0, "")
    # Last in its section, after the pages the section page names; then the next section.
    neighbours = {"prev": "recruitment/index.html", "next": "../phases/index.html"}
    assert head_links(out, new) == neighbours
    assert links_to(out, "phases/alpha", new)
    assert links_to(out, "developers/index", new)
    assert links_to(out, "web-ops/index", new)
    assert search_titles(out)[new] == "Pairing with operations"
    exported = json.loads((out / "guides.json").read_text(encoding="utf-8"))["guides"]
    assert new in {guide["docname"] for guide in exported}
