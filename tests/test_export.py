"""``guides.json``: every page's normalised front matter, for other tools.

The ``index-pages`` root is exported whole, with its values normalised (role aliases, comma
lists) and its one excluded page flagged; the shape is the one the README documents. That
the export stays whole on incremental builds is checked step by step in
``test_incremental.py``, and that ``-j 2`` writes the same file in ``test_parallel.py``.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, ROOTS, run_sphinx
from index_pages_support import RENAMED, guides_json


@pytest.fixture(scope="module")
def site(build):
    return build("index-pages")


@pytest.fixture(scope="module")
def export(site):
    return guides_json(site.outdir)


def readme_example() -> dict:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## For other tools: `guides.json`") :]
    match = re.search(r"```json\n(.*?)\n```", section, flags=re.DOTALL)
    assert match is not None
    return json.loads(match[1])


def test_every_page_is_exported_once_in_docname_order(site, export) -> None:
    sources = sorted(
        p.relative_to(site.srcdir).with_suffix("").as_posix()
        for p in site.srcdir.rglob("*.md")
        if "_build" not in p.parts
    )
    assert export["version"] == 1
    assert [record["docname"] for record in export["guides"]] == sources


def test_records_have_the_shape_the_readme_documents(export) -> None:
    example = readme_example()
    assert example["version"] == export["version"]
    keys = set(example["guides"][0])
    assert all(set(record) == keys for record in export["guides"])


def test_each_url_is_the_written_page(site, export) -> None:
    for record in export["guides"]:
        assert record["url"] == f"{record['docname']}.html"
        assert (site.outdir / record["url"]).is_file()


def test_a_guide_is_exported_with_normalised_values(export) -> None:
    hosting = next(r for r in export["guides"] if r["docname"] == "guides/hosting")
    assert hosting == {
        "docname": "guides/hosting",
        "url": "guides/hosting.html",
        "title": "Choosing hosting",
        "subtitle": "Where the service runs and who looks after it",
        "layout": "detailed-guidance",
        "category": "operations",
        "type": "guide",
        # `secondary: developer` is an alias; `phases: alpha, beta` is comma-separated text
        "audience": {"primary": ["web-ops"], "secondary": ["developers"]},
        "status": None,
        "phases": ["alpha", "beta"],
        "phase": None,
        "theme": "design-and-build",
        "hero": None,
        "breadcrumbs": None,
        "exclude_from_search": False,
        "old_paths": [],
        # No review keys and no default owner: never reviewed (see test_review_report.py).
        "review": {
            "owner": None,
            "last_reviewed_on": None,
            "review_by": None,
            "status": "unreviewed",
        },
        "change_history": [],
    }


def test_index_pages_are_exported_with_what_they_index(export) -> None:
    by_docname = {r["docname"]: r for r in export["guides"]}
    developers = by_docname["roles/developers"]
    assert (developers["layout"], developers["audience"], developers["hero"]) == (
        "role-index",
        {"primary": ["developers"], "secondary": []},
        "Starting a project",
    )
    assert (by_docname["phases/alpha"]["layout"], by_docname["phases/alpha"]["phase"]) == (
        "phases",
        "alpha",
    )


def test_only_the_excluded_page_is_flagged(export) -> None:
    flagged = [r["docname"] for r in export["guides"] if r["exclude_from_search"]]
    assert flagged == ["phases/live"]


def test_the_export_is_plain_utf8_json_with_a_final_newline(site) -> None:
    raw = (site.outdir / "guides.json").read_bytes()
    assert raw.endswith(b"}\n")
    json.loads(raw.decode("utf-8"))


def test_the_export_file_name_is_a_setting(build) -> None:
    renamed = build("index-pages", **RENAMED)
    name = RENAMED["service_manual_export_filename"]
    assert not (renamed.outdir / "guides.json").exists()
    assert [r["docname"] for r in guides_json(renamed.outdir, name)["guides"]] == [
        r["docname"] for r in guides_json(build("index-pages").outdir)["guides"]
    ]


def test_a_build_that_changes_no_guide_leaves_the_file_alone(tmp_path) -> None:
    """The file is written only when what it holds changes (or it is not what the build would
    write: missing, damaged, edited by hand)."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-index-pages", srcdir)
    builddir = tmp_path / "build"
    app = run_sphinx(srcdir, builddir=builddir)
    target = Path(app.outdir) / "guides.json"
    first, stamp = target.read_text(encoding="utf-8"), target.stat().st_mtime_ns

    def rebuild_after(edit: Callable[[], None]) -> None:
        edit()
        assert run_sphinx(srcdir, builddir=builddir, freshenv=False).statuscode == 0

    guide = srcdir / "guides/monitoring.md"
    text = guide.read_text(encoding="utf-8")
    rebuild_after(lambda: guide.write_text(text + "\nA new last line.\n", encoding="utf-8"))
    assert target.stat().st_mtime_ns == stamp
    rebuild_after(lambda: target.write_text('{"version": 1, "guides": []}\n', encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == first
    rebuild_after(lambda: target.write_text(first[:-20], encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == first
    retitled = text.replace("title: Monitoring a live service", "title: Watching a service")
    rebuild_after(lambda: guide.write_text(retitled, encoding="utf-8"))
    titles = {r["docname"]: r["title"] for r in json.loads(target.read_text())["guides"]}
    assert titles["guides/monitoring"] == "Watching a service"


@pytest.mark.parametrize("buildername", ["text", "latex"])
def test_other_builders_write_no_export(build, buildername: str) -> None:
    assert not (build("index-pages", buildername).outdir / "guides.json").exists()


def test_the_manual_exports_its_seed_guide(docs_html) -> None:
    export = guides_json(docs_html)
    seed = next(r for r in export["guides"] if r["docname"] == "the-team/web-operations")
    assert seed["url"] == "the-team/web-operations.html"
    assert (seed["title"], seed["subtitle"]) == (
        "Web operations skills",
        "Helping develop secure, maintainable and available systems",
    )
    assert seed["audience"] == {"primary": ["web-ops"], "secondary": []}
    assert (seed["phases"], seed["status"], seed["category"]) == (
        ["discovery"],
        "draft",
        "the-team",
    )
    assert seed["breadcrumbs"] == [
        {"title": "Home", "url": "/service-manual"},
        {"title": "The team", "url": "/service-manual/the-team"},
    ]
    # The phase pages carry the 2016 flag (for a site-wide search; see search.py).
    excluded = {r["docname"] for r in export["guides"] if r["exclude_from_search"]}
    assert "phases/discovery" in excluded
