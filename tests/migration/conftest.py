"""Session fixtures of the migration tests: the 2016 corpus, and one migration and build of
it, shared by every module that checks the built site."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .migrated_site import Build, migrate_and_build
from .test_migrate_corpus import CORPUS


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The 2016 manual beside the checkout; absent: skip, or fail when CI=true (as
    ``test_migrate_corpus.py``'s own fixture does)."""
    if not CORPUS.is_dir():
        reason = f"the 2016 corpus is not at {CORPUS} (../shared/corpus beside the checkout)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return CORPUS


@pytest.fixture(scope="session")
def build(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    return migrate_and_build(corpus, tmp_path_factory.mktemp("migrated-build"))
