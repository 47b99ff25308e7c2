"""The command on a small tree written here: safety rules, idempotence, the report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO
from migrate_jekyll.cli import main
from migrate_jekyll.pipeline import MARKER

PAGE = """\
---
layout: detailed-guidance
title: Roles
audience:
  primary: developer, tech-arch,
  secondary:
phases:
---

##What they do

<figure class="media-player-wrapper video"><a href="https://www.youtube.com/watch?v=x1">Watch.</a></figure>

[Download as OpenDocument Format](/service-manual/team/jd.odt) / \
[Download as MS Word doc](/service-manual/team/jd.docx)

See [the team](/service-manual/team/) and [nowhere](/service-manual/gone).
"""


@pytest.fixture
def src(tmp_path: Path) -> Path:
    root = tmp_path / "src" / "service-manual"
    (root / "team").mkdir(parents=True)
    (root / "team" / "index.md").write_text("---\ntitle: Team\nlayout: category-index\n---")
    (root / "team" / "roles.md").write_text(PAGE)
    (root / "team" / "jd.odt").write_bytes(b"odt")
    (root / "team" / "jd.docx").write_bytes(b"docx")
    (root / "index.html").write_text("---\nlayout: homepage\n---\n<h1>Home</h1>\n")
    return root


def test_converts_and_reports(
    src: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "out" / "site"
    assert main([str(src), str(dest)]) == 0
    roles = (dest / "team" / "roles.md").read_text()
    assert "primary: [developers, tech-archs]" in roles
    assert "phases" not in roles
    assert "## What they do" in roles
    assert "```{video} https://www.youtube.com/watch?v=x1\nWatch.\n```" in roles
    assert "Download as MS Word doc </team/jd.docx>" in roles
    assert "[the team](/team/index.md)" in roles
    # Neither index page links to its pages: the build lists them all, by path.
    assert (dest / "team" / "index.md").read_text().endswith("```{section-toctree}\n```\n")
    assert (dest / "index.md").read_text().endswith("```{section-toctree}\n```\n")
    assert (dest / "team" / "jd.odt").read_bytes() == b"odt"
    report = json.loads((tmp_path / "out" / "migration-report.json").read_text())
    assert report["counts"]["pages"] == 2
    assert [(i["file"], i["line"], i["kind"], i["message"]) for i in report["issues"]] == [
        ("team/roles.md", 1, "front_matter.role_page", "role 'developers' has no role-index page"),
        ("team/roles.md", 1, "front_matter.role_page", "role 'tech-archs' has no role-index page"),
        (
            "team/roles.md",
            16,
            "links.missing",
            "/service-manual/gone leads nowhere: kept as a GOV.UK URL",
        ),
    ]
    assert "2 pages, 1 videos" in capsys.readouterr().out


def test_idempotent_and_replaces_its_own_output(src: Path, tmp_path: Path) -> None:
    dest = tmp_path / "out" / "site"
    assert main([str(src), str(dest), "-q"]) == 0
    first = {p: p.read_bytes() for p in sorted(tmp_path.joinpath("out").rglob("*")) if p.is_file()}
    (dest / "stale.md").write_text("left over")
    assert main([str(src), str(dest), "-q"]) == 0
    second = {p: p.read_bytes() for p in sorted(tmp_path.joinpath("out").rglob("*")) if p.is_file()}
    assert first == second
    assert (dest / MARKER).is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["{src}", "{tmp}/foreign"],  # not empty, not ours
        ["{src}", "{src}/inside"],  # inside SRC
        ["{src}", "{tmp}/out", "--report", "{tmp}/out/report.md"],  # report inside DEST
        ["{tmp}/absent", "{tmp}/out"],
    ],
)
def test_refuses(src: Path, tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "notes.txt").write_text("mine")
    argv = [a.format(src=src, tmp=tmp_path) for a in args]
    assert main(argv) == 2
    assert (tmp_path / "foreign" / "notes.txt").read_text() == "mine"
    assert not (src / "inside").exists()


GUIDE = """\
---
layout: detailed-guidance
title: {title}
subtitle: How a team works
category: the-team
type: guide
---

Text.
"""


def test_a_guide_saved_into_a_migrated_section_needs_no_second_edit(tmp_path: Path) -> None:
    """After the migration, a guide saved into a section's folder (and nothing else edited)
    builds with no warning and takes its place in the section, after the others by path."""
    root = tmp_path / "src" / "service-manual"
    (root / "team").mkdir(parents=True)
    (root / "index.html").write_text("---\nlayout: homepage\ntitle: Home\n---\n<p>Hello.</p>\n")
    (root / "team" / "index.md").write_text("---\ntitle: Team\nlayout: category-index\n---\n")
    (root / "team" / "agile.md").write_text(GUIDE.format(title="Agile"))
    dest = tmp_path / "out" / "docs"
    assert main([str(root), str(dest), "-q"]) == 0
    (dest / "team" / "pairing.md").write_text(GUIDE.format(title="Pairing"))
    out = tmp_path / "html"
    sphinx = [sys.executable, "-m", "sphinx", "-q", "-n", "--keep-going", "-c", str(REPO)]
    result = subprocess.run([*sphinx, str(dest), str(out)], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    page = BeautifulSoup((out / "team/pairing.html").read_text("utf-8"), "html.parser")
    assert page.find("link", rel="prev")["href"] == "agile.html"
    guides = json.loads((out / "guides.json").read_text("utf-8"))["guides"]
    assert "team/pairing" in {guide["docname"] for guide in guides}
