"""The manual itself builds the way CI builds it: ``sphinx-build -W --keep-going -n``, with no
warning at all. (The build runs once a session; ``test_seed_guide.py`` reads its output.)"""

from __future__ import annotations

from conftest import DOCS, SEED_GUIDE

# What the seed guide links to or downloads; if one is missing, the build fails for that.
SEED_NEEDS = [
    "index.md",
    "the-team/index.md",
    "the-team/recruitment/index.md",
    "the-team/recruitment/web-operations-job-description.odt",
    "the-team/recruitment/web-operations-job-description.docx",
    "web-ops/index.md",
    "phases/discovery.md",
]


def test_the_seed_guide_has_what_it_links_to() -> None:
    assert (DOCS / f"{SEED_GUIDE}.md").is_file()
    assert [name for name in SEED_NEEDS if not (DOCS / name).is_file()] == []


def test_docs_build_succeeds_without_warnings(docs_build) -> None:
    report = f"$ {' '.join(docs_build.command)}\n{docs_build.stderr}"
    assert "WARNING" not in docs_build.stderr, report
    assert "ERROR" not in docs_build.stderr, report
    assert "Traceback" not in docs_build.stderr, report
    assert docs_build.returncode == 0, report
    assert "build succeeded" in docs_build.stdout


def test_docs_build_writes_every_page(docs_build) -> None:
    sources = sorted(
        str(p.relative_to(DOCS).with_suffix(""))
        for p in DOCS.rglob("*.md")
        if p.name != "README.md" and "_build" not in p.parts
    )
    missing = [name for name in sources if not (docs_build.outdir / f"{name}.html").is_file()]
    assert sources
    assert missing == []
