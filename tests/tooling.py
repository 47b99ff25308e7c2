"""Shared checks for tests that need something from outside the virtual environment.

A developer without TeX or Chromium should still be able to run the suite, so such tests
skip with the reason. CI (``CI=true``, see ``.ci/run``) installs every one of these tools,
so there a missing tool is a broken CI script, and the test fails instead of hiding it.
"""

from __future__ import annotations

import importlib
import os
import shutil
from types import ModuleType
from typing import NoReturn

import pytest

#: Where the tests look for Debian's Chromium: its headless shell (package
#: ``chromium-headless-shell``), the same browser engine without the desktop browser around
#: it, which is what Playwright itself runs for headless tests. Against the full browser
#: (``/usr/bin/chromium``, whose ``--headless`` is the whole browser without a window) the
#: browser tests took 23 CPU-seconds of their processes instead of 41, and 48 s instead of 76.
CHROMIUM = "/usr/bin/chromium-headless-shell"

#: How the tests start it. Without the networking flags Chromium keeps calling Google's hosts,
#: which this machine refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def in_ci() -> bool:
    """True when running under ``.ci/run``, which sets ``CI=true``."""
    return os.environ.get("CI") == "true"


def missing(reason: str) -> NoReturn:
    """Skip the current test for ``reason``; in CI, fail it instead."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: .ci/run must install it)", pytrace=False)
    pytest.skip(reason)


def require_tool(name: str) -> str:
    """Return the full path of the command ``name`` (a name on PATH or an absolute path).

    Skips the test when it is not there, or fails it in CI.
    """
    path = shutil.which(name)
    if path is None:
        missing(f"{name} is not installed")
    return path


def require_module(name: str) -> ModuleType:
    """Import and return the Python module ``name``; skip (or, in CI, fail) when missing."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        missing(f"Python module {name!r} is not installed ({error})")
