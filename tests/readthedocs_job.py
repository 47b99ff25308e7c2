"""The Read the Docs job: every command ``.readthedocs.yaml`` gives, run the way Read the Docs
runs them, in a shallow clone of a copy of the project (``test_readthedocs.py`` checks what
they publish).

It spends most of its half minute creating a virtual environment and installing the project,
and little of it needs the test process. So under pytest-xdist (``make test``) the
controller starts it as soon as the workers have collected its tests, as a process of its own
(``python tests/readthedocs_job.py ROOT``), and the test waits for ``ROOT/result.json``; the
other tests run meanwhile. Run alone, or without xdist, the test runs it itself.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / ".readthedocs.yaml"
RESULT = "result.json"
#: What the job needs besides Python: the PDF's tools (and pdftotext, for the test).
TOOLS = ("latexmk", "xelatex", "make", "pdftotext")
#: The tests that read what the job publishes.
TESTS = "tests/test_readthedocs.py::test_rtd_"

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


def run(root: Path) -> dict[str, Any]:
    """Run every command in a clone under ``root``; the first that fails ends the job. The
    result (also written to ``root/result.json``) says which failed, with its output."""
    root.mkdir(parents=True, exist_ok=True)
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
    result: dict[str, Any] = {"output": str(output), "failed": None}
    for job, command in rtd_commands(load_config()):
        done = subprocess.run(
            ["/bin/sh", "-c", command],
            cwd=checkout,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            result["failed"] = {
                "job": job,
                "command": command,
                "status": done.returncode,
                "log": done.stdout[-6000:],
            }
            break
    (root / RESULT).write_text(json.dumps(result), encoding="utf-8")
    return result


def can_run() -> bool:
    return all(shutil.which(tool) for tool in TOOLS)


def start(root: Path) -> subprocess.Popen[bytes]:
    """Run the job in a process of its own; ``root/result.json`` appears when it ends."""
    with (root / "job.log").open("wb") as log:
        return subprocess.Popen(
            [sys.executable, __file__, str(root)], stdout=log, stderr=subprocess.STDOUT, cwd=REPO
        )


def wait(root: Path, timeout: float = 1500) -> dict[str, Any]:
    """The result of the job started in ``root``, once it has ended."""
    result, deadline = root / RESULT, time.monotonic() + timeout
    while not result.is_file():
        if time.monotonic() > deadline:
            log = (root / "job.log").read_text(errors="replace")[-6000:]
            raise TimeoutError(f"the Read the Docs job in {root} has not ended:\n{log}")
        time.sleep(0.5)
    return json.loads(result.read_text(encoding="utf-8"))


def main(root: Path) -> None:
    try:
        run(root)
    except Exception:  # the waiting test reports it, rather than waiting for nothing
        failed = {"job": "setup", "command": "", "status": None, "log": traceback.format_exc()}
        (root / RESULT).write_text(json.dumps({"output": "", "failed": failed}), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
