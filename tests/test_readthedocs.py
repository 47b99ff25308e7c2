"""The Read the Docs build: run the commands .readthedocs.yaml gives, the way Read the Docs would.

Read the Docs runs each job's commands in order, each in a new ``/bin/sh -c`` from the top of
the checkout, with ``READTHEDOCS_OUTPUT`` and ``READTHEDOCS_VIRTUALENV_PATH`` set, and
publishes what lands in ``$READTHEDOCS_OUTPUT/<format>/``. With no ``sphinx:`` key, only our
jobs run. The build tests read what the same commands publish from a shallow git clone of a
copy of the project, as Read the Docs clones shallow (``readthedocs_job.py``, which under
pytest-xdist starts as soon as the run does).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from readthedocs_job import REPO, TOOLS, load_config, rtd_commands, run, wait
from tooling import require_tool


def test_config_leaves_every_step_to_our_jobs() -> None:
    config = load_config()
    assert config["version"] == 2
    # A `sphinx:` key would make Read the Docs run Sphinx with conf.py's folder as the source.
    assert "sphinx" not in config
    # build.commands would silently drop build.apt_packages, which the PDF needs.
    assert "commands" not in config["build"]
    assert config["build"]["os"]
    assert config["build"]["tools"]["python"]
    assert "pdf" in config["formats"]
    jobs = config["build"]["jobs"]
    for job in ("create_environment", "install"):
        assert jobs.get(job), f"with no sphinx key, Read the Docs runs no {job} of its own"
    for fmt in ("html", "pdf"):
        commands = jobs["build"].get(fmt)
        assert commands, f"no build.jobs.build.{fmt}"
        assert any(f"$READTHEDOCS_OUTPUT/{fmt}" in c for c in commands), commands
    # Read the Docs stops a build that leaves the old _build/html output folder behind.
    assert not any("_build/html" in c for _, c in rtd_commands(config))


def test_config_unshallows_the_clone_for_last_updated_dates() -> None:
    # Read the Docs clones shallow: "Last updated" needs each page's last commit.
    assert load_config()["build"]["jobs"]["post_checkout"] == ["git fetch --unshallow || true"]


def test_config_installs_the_pdf_tools() -> None:
    packages = set(load_config()["build"]["apt_packages"])
    assert {"latexmk", "texlive-xetex", "fonts-freefont-otf"} <= packages
    # CI builds the same PDF, so it installs the same packages.
    ci_run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    ci_packages = set(re.findall(r"^\s+([a-z0-9][a-z0-9.+-]+)$", ci_run, flags=re.MULTILINE))
    assert packages <= ci_packages, packages - ci_packages


@pytest.fixture(scope="module")
def rtd_output(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every command Read the Docs would run, in a copy of the project: the job the xdist
    controller started early (``readthedocs_job.py``), or run here. Its output folder."""
    for tool in TOOLS:
        require_tool(tool)
    started = getattr(request.config, "workerinput", {}).get("readthedocs_job")
    result = wait(Path(started)) if started else run(tmp_path_factory.mktemp("rtd"))
    failed = result["failed"]
    assert failed is None, (
        f"{failed['job']}: `{failed['command']}` exited {failed['status']}:\n{failed['log']}"
    )
    return Path(result["output"])


@pytest.mark.latex
@pytest.mark.slow
def test_rtd_builds_the_html_site(rtd_output: Path) -> None:
    html = rtd_output / "html"
    assert (html / "index.html").is_file()
    guide = html / "the-team" / "web-operations.html"
    assert guide.is_file()
    soup = BeautifulSoup(guide.read_text(encoding="utf-8"), "html.parser")
    h1 = soup.find("h1")
    assert h1 is not None
    assert "Web operations skills" in h1.get_text()
    # The clone was unshallowed: git knows the day the guide was last changed.
    updated = soup.select_one(".sm-review__updated")
    assert updated is not None and updated.get_text().startswith("Last updated on ")


@pytest.mark.latex
@pytest.mark.slow
def test_rtd_builds_one_pdf_of_the_manual(rtd_output: Path) -> None:
    pdfs = sorted((rtd_output / "pdf").glob("*.pdf"))
    assert len(pdfs) == 1, pdfs
    pdf = pdfs[0]
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(
        [require_tool("pdftotext"), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Web operations skills" in text
