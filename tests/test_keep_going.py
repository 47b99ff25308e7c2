"""Keep-going builds: a manual in which a third of the pages are broken, each in its own way,
still builds every page with ``sphinx-build -W --keep-going``.

The build fails (exit code 1, because warnings are errors), but only after writing every
page: each good page exactly as it is when the same site is built without the broken pages,
and each broken page with what could be saved of it, its title and its body text.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS
from hostile_support import (
    Run,
    assert_no_traceback,
    main_html,
    normalise_warnings,
    parse_warnings,
    sphinx_build,
    unlocated_or_untyped,
)

ROOT = ROOTS / "test-hostile-keep-going"

GOOD = sorted(
    str(p.relative_to(ROOT).with_suffix(""))
    for p in ROOT.rglob("*.md")
    if p.parent.name != "broken"
)

# Broken page -> (the title it still shows, a sentence of its body that must be there).
BROKEN = {
    "broken/invalid-yaml": (None, "The body of a page whose front matter is not valid YAML."),
    "broken/wrong-types": (
        "Wrong types",
        "The body of a page whose front matter values have the wrong types.",
    ),
    "broken/unknown-values": (
        "Unknown values",
        "The body of a page whose front matter values are not in the vocabulary.",
    ),
    "broken/bad-directives": (
        "Bad directives",
        "The end of the body of the page with bad directives.",
    ),
    "broken/missing-downloads": (
        "Missing downloads",
        "The body of a page whose downloads are missing.",
    ),
    "broken/bad-breadcrumbs": (
        "Bad breadcrumbs",
        "The body of a page whose breadcrumbs go nowhere.",
    ),
    "broken/unclosed-fence": (
        "Unclosed fence",
        "The rest of the body of the page with an unclosed fence.",
    ),
    # Never closed, the block is no front matter: its lines are the first paragraph.
    "broken/unclosed-front-matter": (
        "Unclosed front matter",
        "The body of a page whose front matter never closes.",
    ),
}


@dataclass
class KeepGoing:
    run: Run
    srcdir: Path
    outdir: Path
    warnings: list[str]


def build(tmp: Path, *, without_broken: bool, strict: bool) -> KeepGoing:
    srcdir = tmp / "site"
    shutil.copytree(ROOT, srcdir)
    if without_broken:
        shutil.rmtree(srcdir / "broken")
    outdir = tmp / "html"
    options = ["-W", "--keep-going"] if strict else []
    run = sphinx_build(*options, "-b", "html", str(srcdir), str(outdir))
    return KeepGoing(run, srcdir, outdir, normalise_warnings(run.stderr, srcdir))


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> KeepGoing:
    return build(tmp_path_factory.mktemp("broken"), without_broken=False, strict=True)


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> KeepGoing:
    return build(tmp_path_factory.mktemp("good"), without_broken=True, strict=False)


def test_a_third_of_the_pages_are_broken() -> None:
    assert len(BROKEN) * 3 == len(GOOD) + len(BROKEN)


def test_the_build_fails_on_warnings_after_writing_every_page(broken_site: KeepGoing) -> None:
    assert broken_site.run.returncode == 1, broken_site.run.stderr
    assert "build finished with problems" in broken_site.run.stderr + broken_site.run.stdout
    assert_no_traceback(broken_site.run.stdout, broken_site.run.stderr)
    for docname in [*GOOD, *BROKEN]:
        assert (broken_site.outdir / f"{docname}.html").is_file(), docname
    assert (broken_site.outdir / "guides.json").is_file()
    assert (broken_site.outdir / "searchindex.js").is_file()


def test_every_warning_is_located_and_names_a_broken_page(broken_site: KeepGoing) -> None:
    warnings = parse_warnings(broken_site.warnings)
    assert unlocated_or_untyped(broken_site.warnings) == []
    files = {w.file.removeprefix("<srcdir>/").removesuffix(".md") for w in warnings}
    assert files == set(BROKEN), files


@pytest.mark.parametrize("docname", sorted(BROKEN))
def test_each_broken_page_is_reported(broken_site: KeepGoing, docname: str) -> None:
    assert any(
        w.file == f"<srcdir>/{docname}.md" and w.line for w in parse_warnings(broken_site.warnings)
    )


@pytest.mark.parametrize("docname", GOOD)
def test_each_good_page_is_as_it_is_without_the_broken_ones(
    broken_site: KeepGoing, good_site: KeepGoing, docname: str
) -> None:
    assert main_html(broken_site.outdir / f"{docname}.html") == main_html(
        good_site.outdir / f"{docname}.html"
    )


def test_the_good_site_has_no_warnings_of_ours(good_site: KeepGoing) -> None:
    assert good_site.run.returncode == 0, good_site.run.stderr
    assert [w for w in good_site.warnings if "service_manual" in w] == []


@pytest.mark.parametrize("docname", sorted(BROKEN))
def test_each_broken_page_shows_what_could_be_saved(broken_site: KeepGoing, docname: str) -> None:
    title, body = BROKEN[docname]
    page = BeautifulSoup(main_html(broken_site.outdir / f"{docname}.html"), "html.parser")
    text = " ".join(page.get_text().split())
    assert body in text
    if title is not None:
        assert title in text


def test_a_page_with_invalid_yaml_keeps_its_title(broken_site: KeepGoing) -> None:
    page = BeautifulSoup(main_html(broken_site.outdir / "broken/invalid-yaml.html"), "html.parser")
    assert page.find("h1") is not None
    assert "Invalid YAML" in page.find("h1").get_text()
