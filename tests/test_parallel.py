"""``-j 2`` builds the same site as ``-j 1``: the collectors merge what the reading processes
found, and the lists are filled in from the merged data.

Every page's ``<main>``, ``guides.json`` and the search index are compared, for a clean
build, for the warnings of the bad root, and for an incremental build after edits.
"""

from __future__ import annotations

import pytest
from conftest import SRCDIR
from index_pages_support import Project, guides_json, main_html, search_index


def docnames_of(site) -> list[str]:
    return sorted(
        p.relative_to(site.srcdir).with_suffix("").as_posix()
        for p in site.srcdir.rglob("*.md")
        if "_build" not in p.parts
    )


@pytest.fixture(scope="module")
def serial(build):
    return build("index-pages")


@pytest.fixture(scope="module")
def parallel(build):
    return build("index-pages", parallel=2)


def test_the_parallel_build_reads_and_writes_in_parallel(parallel) -> None:
    app = parallel.app
    assert app.parallel == 2
    assert app.is_parallel_allowed("read")
    assert app.is_parallel_allowed("write")
    assert app.builder.parallel_ok
    assert parallel.warnings == []


def test_every_page_is_the_same_with_two_processes(serial, parallel) -> None:
    docnames = docnames_of(serial)
    assert docnames == docnames_of(parallel)
    different = [
        d for d in docnames if main_html(serial.outdir, d) != main_html(parallel.outdir, d)
    ]
    assert different == []


def test_guides_json_is_the_same_with_two_processes(serial, parallel) -> None:
    assert guides_json(parallel.outdir) == guides_json(serial.outdir)


def test_search_index_is_the_same_with_two_processes(serial, parallel) -> None:
    assert search_index(parallel.outdir) == search_index(serial.outdir)


def test_bad_input_warns_the_same_once_with_two_processes(build) -> None:
    serial, parallel = build("index-bad"), build("index-bad", parallel=2)
    assert parallel.warnings == serial.warnings
    assert len(set(parallel.warnings)) == len(parallel.warnings)


def test_incremental_parallel_build_matches_a_clean_build(tmp_path) -> None:
    project = Project("index-pages", tmp_path / "project")
    assert project.build(parallel=2).warnings == []
    project.replace("guides/hosting.md", "phases: alpha, beta", "phases: discovery")
    project.replace("guides/pairing.md", "'pair programming: a primer'", "Pairing on code")
    project.delete("phases/beta.md")
    project.replace("index.md", "phases/beta\n", "")
    incremental = project.build(parallel=2)
    fresh = project.fresh_build(tmp_path / "fresh")
    docnames = project.docnames()
    different = [
        d for d in docnames if main_html(incremental.outdir, d) != main_html(fresh.outdir, d)
    ]
    assert different == []
    assert guides_json(incremental.outdir) == guides_json(fresh.outdir)
    assert (
        incremental.warnings
        == fresh.warnings
        == [
            f"{SRCDIR}/guides/monitoring.md:8: WARNING: no index page for phase 'beta' (a page "
            "with layout: phases and phase: beta); its tags on 1 page(s) are shown as plain text "
            "[service_manual.index]"
        ]
    )
