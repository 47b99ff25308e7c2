"""The whole 2016 manual, migrated into a temporary folder and checked, then built.

Needs ``../shared/corpus`` beside the checkout: skipped without it, failed with ``CI=true``.
"""

from __future__ import annotations

import hashlib
import os
import re
import textwrap
from pathlib import Path, PurePosixPath

import pytest
import yaml
from migrate_jekyll import anchors
from migrate_jekyll.cli import main
from migrate_jekyll.document import split_source
from migrate_jekyll.frontmatter import ROLES
from service_manual.core.sections import section_of

pytestmark = pytest.mark.corpus

CORPUS = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "corpus"
    / "gds-service-manual-2016"
    / "service-manual"
).resolve()


@pytest.fixture(scope="module")
def corpus() -> Path:
    """The 2016 manual beside the checkout; absent: skip, or fail when CI=true."""
    if not CORPUS.is_dir():
        reason = f"the 2016 corpus is not at {CORPUS} (../shared/corpus beside the checkout)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return CORPUS


ROOTED_LINK = re.compile(r"\]\(<?(/[^)>\s#]*)(?:#([^)>\s]*))?>?\)")
ROLE_TARGET = re.compile(r"\{download\}`[^`<]*<(/[^>]+)>`")
FIGURE = re.compile(r"^```\{figure\} <?(/[^>\n]+?)>?$", re.M)
DOWNLOADS = re.compile(r"^```\{downloads\}[^\n]*\n(.*?)^```", re.M | re.S)
SECTION_TOCTREE = re.compile(r"^```\{section-toctree\}\n(.*?)^```", re.M | re.S)
MISSING_INDD = "/assets/documents/print-forms/template-form.indd"


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def migrated(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("migrated")
    before = tree_digest(corpus)
    assert main([str(corpus), str(out / "site"), "-q"]) == 0
    assert tree_digest(corpus) == before, "SRC was modified"
    return out


def pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.md")}


def test_every_guide_and_the_home_page(migrated: Path) -> None:
    found = pages(migrated / "site")
    assert len(found) == 205  # 204 guides and index.md, from index.html
    assert not (migrated / "site" / "index.html").exists()
    report = (migrated / "migration-report.md").read_text(encoding="utf-8")
    assert "| Markdown guides converted (`pages`) | 204 |" in report
    home = yaml.safe_load(split_source(found["index.md"])[0] or "")
    assert home["layout"] == "homepage"
    assert home["title"] == "Government Service Design Manual"


def test_videos(migrated: Path) -> None:
    counts = {
        n: t.count("```{video} https://www.youtube.com/watch?v=")
        for n, t in pages(migrated / "site").items()
    }
    # NOTICE.md's "18 video figures" are 18 pages; start/index.md has three figures.
    assert sum(1 for c in counts.values() if c) == 18
    assert sum(counts.values()) == 20
    assert counts["start/index.md"] == 3
    assert not any("media-player" in t for t in pages(migrated / "site").values())


def test_no_liquid_left(migrated: Path) -> None:
    for name, text in pages(migrated / "site").items():
        assert "{%" not in text and "{{" not in text, name
    themes = pages(migrated / "site")["themes/index.md"]
    assert themes.count("```{guide-list}") == 5
    assert ":theme: getting-started" in themes


def test_front_matter_normalised(migrated: Path) -> None:
    for name, text in pages(migrated / "site").items():
        front = yaml.safe_load(split_source(text)[0] or "") or {}
        assert "secondary-audience" not in front, name
        assert front.get("phases", ["x"]), name
        audience = front.get("audience")
        if isinstance(audience, dict):
            for tier in ("primary", "secondary"):
                assert set(audience[tier]) <= set(ROLES), (name, audience)
        elif audience is not None:
            assert audience in ROLES, name


def test_every_internal_link_resolves(migrated: Path) -> None:
    site = migrated / "site"
    texts = pages(site)
    missing: set[str] = set()
    checked = 0
    for name, text in texts.items():
        body = "\n".join(line.text for line in split_source(text)[1])
        assert "](/service-manual" not in body, name
        targets = [(m.group(1), m.group(2)) for m in ROOTED_LINK.finditer(body)]
        targets += [(m.group(1), None) for m in ROLE_TARGET.finditer(body)]
        targets += [(m.group(1), None) for m in FIGURE.finditer(body)]
        for block in DOWNLOADS.findall(body):
            for line in block.splitlines():
                targets.append((line.rsplit("<", 1)[-1].rstrip(">"), None))
        for path, anchor in targets:
            checked += 1
            if not (site / path.lstrip("/")).is_file():
                missing.add(path)
            elif anchor:
                yaml_text, lines = split_source((site / path.lstrip("/")).read_text("utf-8"))
                title = (yaml.safe_load(yaml_text or "") or {}).get("title", "")
                assert anchor in anchors.page_anchors(title, lines), (name, path, anchor)
    assert checked > 900
    assert missing == {MISSING_INDD}


def test_every_page_in_a_section_toctree(migrated: Path) -> None:
    """Every index page carries a section toctree; every other page belongs to one of them,
    and the entries written out are pages of that section (the build adds the rest)."""
    site = migrated / "site"
    docnames = {name[: -len(".md")] for name in pages(site)}
    written: dict[str, list[str]] = {}
    for name, text in pages(site).items():
        folder = PurePosixPath(name).parent
        for block in SECTION_TOCTREE.findall(text):
            written[name[: -len(".md")]] = [str(folder / entry) for entry in block.split()]
    assert set(written) == {d for d in docnames if d == "index" or d.endswith("/index")}
    for docname in docnames - {"index"}:
        assert section_of(docname, docnames) in written, docname
    for index, entries in written.items():
        assert all(section_of(entry, docnames) == index for entry in entries), index
    assert written["index"][:3] == ["digital-by-default/index", "start/index", "phases/index"]


def test_headings(migrated: Path) -> None:
    for name, text in pages(migrated / "site").items():
        levels = [
            len(line.text.split()[0])
            for line in split_source(text)[1]
            if re.match(r"#{1,6} ", line.text)
        ]
        assert 1 not in levels, name
        assert all(b - a <= 1 for a, b in zip([1, *levels], levels, strict=False)), name


def test_report_redirects_and_assets(migrated: Path) -> None:
    report = (migrated / "migration-report.md").read_text(encoding="utf-8")
    assert "template-form.indd" in report
    assert (migrated / "migration-report.json").is_file()
    redirects = yaml.safe_load((migrated / "redirects.json").read_text(encoding="utf-8"))
    assert redirects["redirects"]["the-team/web-operations/index"] == "../web-operations.html"
    assert redirects["pages"]["/service-manual/the-team/"] == "the-team/index"
    site = migrated / "site"
    assert (site / "the-team/recruitment/WebOps-generic.odt").is_file()
    assert (site / "assets/images/DbD-kitemark.png").is_file()
    assert (site / ".migrate_jekyll").is_file()


def test_idempotent(migrated: Path, corpus: Path) -> None:
    before = tree_digest(migrated)
    assert main([str(corpus), str(migrated / "site"), "-q"]) == 0
    assert tree_digest(migrated) == before


# migrate_jekyll (for the slug function) comes from the editable install, like the
# extension itself: this conf leaves sys.path alone, as the rest of the suite expects.
SCRATCH_CONF = '''
from docutils import nodes
from docutils.parsers.rst import Directive, directives

extensions = ["myst_parser"]
root_doc = "index"
source_suffix = {".md": "markdown"}
nitpicky = True
myst_title_to_header = True
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence", "deflist"]
myst_heading_anchors = 6
myst_heading_slug_func = "service_manual.core.slugs.kramdown_slug"
html_theme = "basic"
# Which section each page belongs to is the extension's {section-toctree} (a stand-in here):
# test_migrated_build checks that every page is in the table of contents.
suppress_warnings = ["toc.not_included"]

class StandIn(Directive):
    """Our extension's directives are not loaded here: accept them, render nothing."""
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {k: directives.unchanged for k in
                   ("theme", "phase", "audience", "tier", "category", "type", "exclude", "sort")}
    def run(self):
        return []

def setup(app):
    for name in ("video", "downloads", "guide-list", "phase-navigation", "role-links",
                 "section-toctree"):
        app.add_directive(name, StandIn)
'''


@pytest.mark.slow
def test_plain_myst_build_has_no_warnings(migrated: Path, tmp_path: Path) -> None:
    from sphinx.cmd.build import build_main

    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "conf.py").write_text(textwrap.dedent(SCRATCH_CONF))
    warnings = tmp_path / "warnings.txt"
    status = build_main(
        [
            "-b",
            "html",
            "-n",
            "-q",
            "-c",
            str(tmp_path / "conf"),
            "-w",
            str(warnings),
            str(migrated / "site"),
            str(tmp_path / "html"),
        ]
    )
    assert status == 0
    assert warnings.read_text(encoding="utf-8") == ""
