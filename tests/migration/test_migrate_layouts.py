"""What the 2016 layouts and includes beside SRC hold, carried into the migrated pages: the
phase sentences, the heroes written into role layouts, the order of a series; and the
report's table of what each layout becomes.

The site is written here, laid out as a Jekyll site (``_layouts/`` and ``_includes/`` beside
the pages' folder), with text of our own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from migrate_jekyll.cli import main
from migrate_jekyll.document import split_source

PHASES_INCLUDE = """\
<ul class="phases-list">
  <li class="alpha">
    <h3><a href="/service-manual/phases/alpha.html">Alpha</a></h3>
    <p>Try ideas out &amp; learn from <em>users</em>.</p>
    <p><a href="/service-manual/phases/alpha.html">Learn about the alpha phase</a></p>
  </li>
  <li class="beta">
    <h3><a href="/service-manual/phases/beta.html">Beta</a></h3>
    <p>Build the real thing.</p>
  </li>
</ul>
"""

ROLE_VARIANT = """\
<div class="article-container">
  <div class="primary-links">
    <div class="hero link-list">
        <a href="/guidance/writing">
          <h3>Writing for the web</h3>
          <p>How to write well</p>
        </a>
    </div>
  </div>
</div>
"""

SERIES_LAYOUT = """\
<div class="contents">
  <nav>
    <ol>
      <li><a href="/service-manual/rules/second.html">The second page</a></li>
      <li><a href="/service-manual/rules/first.html">The first page</a></li>
    </ol>
  </nav>
</div>
"""

PAGES = {
    "index.html": "---\nlayout: homepage\n---\n<div>\n{% include _phases.html %}\n</div>\n\n"
    "<div>\n{% include _role-links.html %}\n</div>\n",
    "phases/index.md": "---\nlayout: phases-index\ntitle: Phases\n---\n\n"
    '<div class="timeline">\n  {% include _phases.html %}\n</div>\n',
    "phases/alpha.md": "---\nlayout: phases\ntitle: Alpha phase\nphase: alpha\n---\n\nAlpha.\n",
    "phases/beta.md": "---\nlayout: phases\ntitle: Beta phase\nphase: beta\n---\n\nBeta.\n",
    "writers/index.md": "---\nlayout: role-index-writers\ntitle: For writers\n"
    "audience: content-designers\nhero: A page nobody wrote\n---",
    "rules/index.md": "---\nlayout: standard\ntitle: The rules\n---\n\nRules.\n",
    "rules/first.md": "---\nlayout: standard-support\ntitle: First\n---\n\nOne.\n",
    "rules/second.md": "---\nlayout: standard-support\ntitle: Second\n---\n\nTwo.\n",
}


def site(root: Path, *, with_layouts: bool) -> Path:
    src = root / "service-manual"
    for name, text in PAGES.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    if with_layouts:
        (root / "_includes").mkdir()
        (root / "_includes" / "_phases.html").write_text(PHASES_INCLUDE, encoding="utf-8")
        (root / "_layouts").mkdir()
        (root / "_layouts" / "role-index-writers.html").write_text(ROLE_VARIANT, "utf-8")
        (root / "_layouts" / "standard-support.html").write_text(SERIES_LAYOUT, "utf-8")
    return src


def migrate(tmp_path: Path, *, with_layouts: bool) -> tuple[Path, dict]:
    src = site(tmp_path / "site", with_layouts=with_layouts)
    dest = tmp_path / "out" / "docs"
    assert main([str(src), str(dest), "-q"]) == 0
    report = json.loads((tmp_path / "out" / "migration-report.json").read_text("utf-8"))
    return dest, report


def front(path: Path) -> dict:
    return yaml.safe_load(split_source(path.read_text("utf-8"))[0] or "")


@pytest.fixture
def migrated(tmp_path: Path) -> tuple[Path, dict]:
    return migrate(tmp_path, with_layouts=True)


def test_includes_of_lists_of_pages_become_directives(migrated) -> None:
    dest, _ = migrated
    home = (dest / "index.md").read_text("utf-8")
    assert "```{phase-navigation}\n```\n\n```{role-links}\n```" in home
    assert "{%" not in home
    assert "```{phase-navigation}\n```" in (dest / "phases/index.md").read_text("utf-8")


def test_phase_sentences_become_the_phase_pages_summary(migrated) -> None:
    dest, report = migrated
    assert front(dest / "phases/alpha.md")["summary"] == "Try ideas out & learn from users."
    assert front(dest / "phases/beta.md")["summary"] == "Build the real thing."
    assert report["counts"]["layouts.phase_summary"] == 2


def test_a_hero_written_into_a_role_layout_moves_to_front_matter(migrated) -> None:
    dest, report = migrated
    writers = front(dest / "writers/index.md")
    assert writers["layout"] == "role-index"
    # A GOV.UK path outside the manual becomes a full URL, as links do.
    assert writers["hero"] == {
        "title": "Writing for the web",
        "subtitle": "How to write well",
        "url": "https://www.gov.uk/guidance/writing",
    }
    assert [i for i in report["issues"] if i["kind"] == "layouts.hero"] == [
        {
            "file": "writers/index.md",
            "line": 1,
            "kind": "layouts.hero",
            "message": "hero 'A page nobody wrote' was never shown: the layout "
            "role-index-writers showed 'Writing for the web' "
            "(https://www.gov.uk/guidance/writing), which is now the page's hero",
        }
    ]
    # The hero named no page, but it was never shown: the report lists no missing hero.
    assert not [i for i in report["issues"] if i["kind"] == "front_matter.hero"]


def test_a_series_keeps_the_order_of_its_layout_in_the_table_of_contents(migrated) -> None:
    dest, _ = migrated
    text = (dest / "rules/index.md").read_text("utf-8")
    assert "```{section-toctree}\nsecond\nfirst\n```" in text


def test_the_table_of_contents_follows_the_phase_navigation(migrated) -> None:
    dest, _ = migrated
    assert "```{section-toctree}\nalpha\nbeta\n```" in (dest / "phases/index.md").read_text()


def test_the_report_says_what_each_layout_becomes(migrated, tmp_path: Path) -> None:
    _, report = migrated
    layouts = report["layouts"]
    assert {name: entry["pages"] for name, entry in layouts.items()} == {
        "homepage": 1,
        "phases-index": 1,
        "phases": 2,
        "role-index-writers": 1,
        "standard": 1,
        "standard-support": 2,
    }
    assert "Contents lists every standard-support page" in layouts["standard-support"]["becomes"]
    assert layouts["role-index-writers"]["becomes"].startswith("`role-index`, with the hero")
    markdown = (tmp_path / "out" / "migration-report.md").read_text("utf-8")
    assert "## Layouts" in markdown
    assert "| `standard-support` | 2 | a guide whose Contents lists" in markdown


def test_without_the_site_files_the_pages_keep_what_they_say(tmp_path: Path) -> None:
    dest, report = migrate(tmp_path, with_layouts=False)
    assert "summary" not in front(dest / "phases/alpha.md")
    writers = front(dest / "writers/index.md")
    assert (writers["layout"], writers["hero"]) == ("role-index", "A page nobody wrote")
    kinds = sorted(i["kind"] for i in report["issues"] if i["kind"].startswith("layouts."))
    assert kinds == ["layouts.hero", "layouts.include"]
    # The series has no order of its own: the block names no page, and the section's table
    # of contents is the extension's, by path.
    assert "```{section-toctree}\n```" in (dest / "rules/index.md").read_text("utf-8")
