"""The Read the Docs build: run the commands .readthedocs.yaml gives, the way Read the Docs would.

Read the Docs runs each job's commands in order, each in a new ``/bin/sh -c`` from the top of
the checkout, with ``READTHEDOCS_OUTPUT`` and ``READTHEDOCS_VIRTUALENV_PATH`` set, and
publishes what lands in ``$READTHEDOCS_OUTPUT/<format>/``. With no ``sphinx:`` key, only our
jobs run. The build test does the same in a shallow git clone of a copy of the project, as
Read the Docs clones shallow.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from tooling import require_tool

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / ".readthedocs.yaml"

# The order Read the Docs runs its jobs in; a format's build job runs only when the format is
# asked for ("html" always is).
JOB_ORDER = (
    "post_checkout",
    "pre_create_environment",
    "create_environment",
    "post_create_environment",
    "pre_install",
    "install",
    "post_install",
    "pre_build",
    "build.html",
    "build.htmlzip",
    "build.pdf",
    "build.epub",
    "post_build",
)

# What a checkout holds that Read the Docs would not see: local environments and build output.
NOT_IN_A_CHECKOUT = shutil.ignore_patterns(
    ".git", ".venv", "_build", "_readthedocs", "node_modules", "*.egg-info", "__pycache__",
    ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis",
)  # fmt: skip


def load_config() -> dict[str, Any]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert isinstance(config, dict)
    return config


def rtd_commands(config: dict[str, Any]) -> list[tuple[str, str]]:
    """The (job, command) pairs Read the Docs runs for ``config``, in order."""
    jobs = config["build"]["jobs"]
    formats = {"html", *config.get("formats", [])}
    commands = []
    for job in JOB_ORDER:
        if job.startswith("build."):
            fmt = job.removeprefix("build.")
            if fmt not in formats:
                continue
            job_commands = jobs.get("build", {}).get(fmt) or []
        else:
            job_commands = jobs.get(job) or []
        commands.extend((job, command) for command in job_commands)
    return commands


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


def shallow_clone(root: Path) -> Path:
    """The project as it is, committed in a repository of its own (with a later commit that
    leaves the docs alone), and cloned from there one commit deep, as Read the Docs does."""
    origin, checkout = root / "origin", root / "checkout"
    shutil.copytree(REPO, origin, ignore=NOT_IN_A_CHECKOUT)
    identity = ["-c", "user.name=Writer", "-c", "user.email=writer@example.org"]
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        [*identity, "commit", "-q", "-m", "The project"],
        [*identity, "commit", "-q", "--allow-empty", "-m", "A later commit"],
    ):
        subprocess.run(["git", *command], cwd=origin, check=True, capture_output=True)
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(checkout)],
        check=True, capture_output=True,
    )  # fmt: skip
    return checkout


@pytest.fixture(scope="module")
def rtd_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run every command Read the Docs would run, in a copy of the project; return the output."""
    for tool in ("latexmk", "xelatex", "make", "pdftotext"):
        require_tool(tool)
    root = tmp_path_factory.mktemp("rtd")
    checkout = shallow_clone(root)
    output = root / "_readthedocs"
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_OUTPUT": str(output),
        "READTHEDOCS_VIRTUALENV_PATH": str(root / "venv"),
        # `python` is the interpreter running the tests, as build.tools.python is on RTD.
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    for job, command in rtd_commands(load_config()):
        result = subprocess.run(
            ["/bin/sh", "-c", command],
            cwd=checkout,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, (
            f"{job}: `{command}` exited {result.returncode}:\n{result.stdout[-6000:]}"
        )
    return output


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
