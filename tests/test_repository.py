"""Source, history and "Report a problem" links, and "Last updated" from git.

The repository comes from a setting, Read the Docs' variables or the git remote, in that
order, and only a repository on a forge whose URLs we know becomes links. A build inside a
real git checkout (made here, with fixed commit dates) shows each guide's "Last updated" day
and links only the pages git has; after a commit or a change of remote, an incremental build
writes what a fresh build writes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS
from index_pages_support import Result, run_build
from review_support import DAY, files, on_day
from service_manual import feedback
from service_manual.repository import Checkout, Repository, find_repository, web_url
from service_manual.site import SiteMap

# ----------------------------------------------------------------------------- remotes


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("git@github.com:alphagov/manual.git", "https://github.com/alphagov/manual"),
        ("https://github.com/alphagov/manual.git", "https://github.com/alphagov/manual"),
        ("https://github.com/alphagov/manual", "https://github.com/alphagov/manual"),
        ("https://github.com/alphagov/manual/", "https://github.com/alphagov/manual"),
        ("https://GitHub.com/alphagov/manual", "https://github.com/alphagov/manual"),
        ("ssh://git@github.com/alphagov/manual.git", "https://github.com/alphagov/manual"),
        ("git@gitlab.com:gds/guides/manual.git", "https://gitlab.com/gds/guides/manual"),
        ("https://gitlab.com/gds/manual", "https://gitlab.com/gds/manual"),
        # Not a repository on a forge we know, or not something to publish: no links.
        ("http://github.com/alphagov/manual", None),
        ("https://github.com/alphagov", None),
        ("https://github.com/alphagov/manual/tree/main", None),
        ("https://x-access-token:secret@github.com/alphagov/manual.git", None),
        ("https://github.com:8443/alphagov/manual", None),
        ("https://github.com/alphagov/manual?tab=readme", None),
        ("https://github.com/../manual", None),
        ("git@bitbucket.org:team/manual.git", None),
        ("https://example.org/git/manual", None),
        ("/srv/git/manual.git", None),
        ("file:///srv/git/manual.git", None),
        ("../manual", None),
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_remotes_become_web_addresses_only_on_known_forges(remote: str, url: str | None) -> None:
    assert web_url(remote) == url


def config(**values: str) -> Any:
    return SimpleNamespace(
        service_manual_repository_url=values.get("url", ""),
        service_manual_repository_branch=values.get("branch", ""),
        service_manual_repository_path=values.get("path", ""),
    )


CHECKOUT = Checkout(
    head="abc", folder="docs", remote="git@github.com:owner/from-git.git", remote_branch="trunk"
)
RTD = {
    "READTHEDOCS_GIT_CLONE_URL": "https://gitlab.com/owner/from-rtd.git",
    "READTHEDOCS_GIT_IDENTIFIER": "v2",
    "READTHEDOCS_VERSION_TYPE": "tag",
}


@pytest.mark.parametrize(
    ("settings", "environ", "checkout", "expected"),
    [
        pytest.param(
            {"url": "https://github.com/owner/from-setting"}, RTD, CHECKOUT,
            Repository("https://github.com/owner/from-setting", "v2", "docs"),
            id="the-setting-first",
        ),
        pytest.param(
            {"url": "https://github.com/owner/from-setting", "branch": "main", "path": "manual"},
            RTD, CHECKOUT,
            Repository("https://github.com/owner/from-setting", "main", "manual"),
            id="the-setting-with-its-branch-and-path",
        ),
        pytest.param(
            {}, RTD, CHECKOUT, Repository("https://gitlab.com/owner/from-rtd", "v2", "docs"),
            id="then-read-the-docs",
        ),
        pytest.param(
            {},
            {**RTD, "READTHEDOCS_VERSION_TYPE": "external", "READTHEDOCS_GIT_IDENTIFIER": "42",
             "READTHEDOCS_GIT_COMMIT_HASH": "0123abc"},
            CHECKOUT,
            Repository("https://gitlab.com/owner/from-rtd", "0123abc", "docs"),
            id="a-pull-request-build-links-its-commit",
        ),
        pytest.param(
            {}, {}, CHECKOUT, Repository("https://github.com/owner/from-git", "trunk", "docs"),
            id="then-the-git-remote",
        ),
        pytest.param(
            {}, {}, Checkout(head="abc", folder="", remote="git@github.com:owner/repo.git"),
            Repository("https://github.com/owner/repo", "HEAD", ""),
            id="the-forges-default-branch",
        ),
        pytest.param({}, {}, Checkout(), None, id="none-known"),
        pytest.param(
            {}, {}, Checkout(head="abc", remote="/srv/git/manual.git"), None,
            id="a-local-remote",
        ),
        pytest.param(
            {"url": "https://example.org/owner/repo"}, RTD, CHECKOUT, None,
            id="a-bad-setting-gives-no-links",
        ),
    ],
)  # fmt: skip
def test_the_repository_is_found_in_order(settings, environ, checkout, expected) -> None:
    assert find_repository(config(**settings), checkout, environ) == expected


def test_links_follow_each_forges_patterns() -> None:
    github = Repository("https://github.com/owner/repo", "main", "docs")
    assert github.links("a guide.md") == {
        "source_url": "https://github.com/owner/repo/blob/main/docs/a%20guide.md",
        "history_url": "https://github.com/owner/repo/commits/main/docs/a%20guide.md",
    }
    gitlab = Repository("https://gitlab.com/group/sub/repo", "release/2026", "")
    assert gitlab.links("x/y.md") == {
        "source_url": "https://gitlab.com/group/sub/repo/-/blob/release/2026/x/y.md",
        "history_url": "https://gitlab.com/group/sub/repo/-/commits/release/2026/x/y.md",
    }


# ----------------------------------------------------------------------------- report a problem


NOT_A_TEMPLATE = "must be an https: URL template or an email address"
UNKNOWN_PAGE = "has unknown placeholders {page}; use {title} and {url}"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("https://github.com/owner/repo/issues/new?title={title}&body={url}", ""),
        ("https://forms.example.org/feedback", ""),
        ("manual@example.org", ""),
        ("mailto:manual@example.org", ""),
        ("http://forms.example.org/?page={url}", NOT_A_TEMPLATE),
        ("javascript:alert('{title}')", NOT_A_TEMPLATE),
        ("https://example.org/?page={page}", UNKNOWN_PAGE),
        ("https://example.org/?page={url", "has a '{' or '}' that is not part of {title} or {url}"),
        ("mailto:manual@example.org?subject=x", NOT_A_TEMPLATE),
        ("the manual team", NOT_A_TEMPLATE),
    ],
)  # fmt: skip
def test_the_feedback_setting_is_checked(value: str, problem: str) -> None:
    assert feedback.problem_with(value) == problem


def fake_app(value: str, baseurl: str = "") -> Any:
    env = SimpleNamespace(service_manual_site=SiteMap(titles={"guides/a": "Hosting & you?"}))
    return SimpleNamespace(
        env=env,
        config=SimpleNamespace(service_manual_feedback=value, html_baseurl=baseurl),
        builder=SimpleNamespace(get_target_uri=lambda docname: f"{docname}.html"),
    )


def test_the_feedback_link_carries_the_page_encoded() -> None:
    template = "https://github.com/owner/repo/issues/new?title={title}&body={url}"
    assert feedback.feedback_url(fake_app(template), "guides/a") == (
        "https://github.com/owner/repo/issues/new?title=Hosting%20%26%20you%3F&body=guides%2Fa.html"
    )
    assert feedback.feedback_url(fake_app(template, "https://manual.example.org/"), "guides/a") == (
        "https://github.com/owner/repo/issues/new?title=Hosting%20%26%20you%3F"
        "&body=https%3A%2F%2Fmanual.example.org%2Fguides%2Fa.html"
    )
    assert feedback.feedback_url(fake_app("manual@example.org"), "guides/a") == (
        "mailto:manual@example.org?subject=Problem%20with%20the%20page%3A%20Hosting%20%26%20you%3F"
        "&body=guides%2Fa.html"
    )
    assert feedback.feedback_url(fake_app(""), "guides/a") is None
    assert feedback.feedback_url(fake_app("http://example.org/{title}"), "guides/a") is None


# ----------------------------------------------------------------------------- a real checkout


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    done = subprocess.run(
        ["git", "-c", "user.name=Writer", "-c", "user.email=writer@example.org",
         "-c", "init.defaultBranch=main", *args],
        cwd=repo, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


DRAFT = "---\norphan: true\ntitle: A draft\ntype: guide\n---\n\nNot committed yet.\n"


def page(written: dict[str, bytes], docname: str) -> BeautifulSoup:
    return BeautifulSoup(written[f"{docname}.html"].decode(), "html.parser")


def updated(written: dict[str, bytes], docname: str) -> str | None:
    line = page(written, docname).select_one(".sm-review__updated")
    return " ".join(line.get_text().split()) if line else None


def tools(written: dict[str, bytes], docname: str) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in page(written, docname).select(".sm-page-tools a")]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A git repository with the ``review`` root in ``docs/``, built step by step."""
    tmp = tmp_path_factory.mktemp("checkout")
    repo = tmp / "repo"
    docs = repo / "docs"
    shutil.copytree(ROOTS / "test-review", docs)
    # Its own settings would add a feedback link to every page: leave only the repository's.
    (docs / "conf.py").write_text('extensions = ["service_manual"]\n', encoding="utf-8")
    git(tmp, "init", "-q", str(repo))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Guides", when="2026-03-04T10:00:00+00:00")
    hosting = docs / "guides" / "hosting.md"
    hosting.write_text(hosting.read_text() + "\nMeasure it.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Hosting", when="2026-04-20T23:30:00+00:00")
    git(repo, "remote", "add", "origin", "git@github.com:example/manual.git")
    (docs / "guides" / "draft.md").write_text(DRAFT, encoding="utf-8")
    build = tmp / "build"
    steps: dict[str, Any] = {"repo": repo}

    def step(name: str, freshenv: bool = False, into: Path = build) -> None:
        with on_day(DAY):
            result = run_build(docs, into, freshenv=freshenv)
        steps[name] = (result, files(result.outdir))

    step("first")
    # An edit, built before it is committed; then the commit, with no file touched.
    soon = docs / "guides" / "soon.md"
    soon.write_text(soon.read_text() + "\nAnd every month, the rest.\n", encoding="utf-8")
    step("edited")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Soon, and the draft", when="2026-05-05T09:00:00+00:00")
    step("committed")
    step("committed-fresh", freshenv=True, into=tmp / "fresh-committed")
    git(repo, "remote", "set-url", "origin", "https://gitlab.com/example/guides/manual.git")
    step("moved")
    step("moved-fresh", freshenv=True, into=tmp / "fresh-moved")
    return steps


def test_last_updated_is_the_day_git_last_changed_the_page(checkout) -> None:
    first: Result
    first, written = checkout["first"]
    assert first.warnings == []
    assert updated(written, "guides/unreviewed") == "Last updated on 4 March 2026."
    # 23:30 UTC: with no git_last_updated_timezone, the day is UTC's, wherever the build runs
    # (the project's conf.py sets Europe/London, where it is the 21st).
    assert updated(written, "guides/hosting") == "Last updated on 20 April 2026."
    # A change history says more than git: there, it is shown instead.
    assert updated(written, "guides/web-operations") is None
    # Not committed yet: no date.
    assert updated(written, "guides/draft") is None


def test_pages_link_to_their_source_on_the_remotes_forge(checkout) -> None:
    _, written = checkout["first"]
    assert tools(written, "guides/hosting") == [
        (
            "View the source of this page",
            "https://github.com/example/manual/blob/HEAD/docs/guides/hosting.md",
        ),
        (
            "See the history of this page",
            "https://github.com/example/manual/commits/HEAD/docs/guides/hosting.md",
        ),
    ]
    # git does not have the draft at HEAD: a link to it would lead nowhere.
    assert tools(written, "guides/draft") == []


def test_an_uncommitted_edit_keeps_the_last_commits_date(checkout) -> None:
    _, written = checkout["edited"]
    assert updated(written, "guides/soon") == "Last updated on 4 March 2026."


def test_after_a_commit_an_incremental_build_is_a_fresh_build(checkout) -> None:
    result, incremental = checkout["committed"]
    _, fresh = checkout["committed-fresh"]
    assert updated(incremental, "guides/soon") == "Last updated on 5 May 2026."
    assert updated(incremental, "guides/draft") == "Last updated on 5 May 2026."
    assert tools(incremental, "guides/draft")[0][1].endswith("/blob/HEAD/docs/guides/draft.md")
    assert [name for name in sorted(incremental) if incremental[name] != fresh.get(name)] == []
    assert sorted(incremental) == sorted(fresh)
    # Only the pages the commit touched were read again.
    assert {"guides/soon", "guides/draft"} <= result.written
    assert "guides/hosting" not in result.written


def test_a_new_remote_moves_every_link(checkout) -> None:
    _, incremental = checkout["moved"]
    _, fresh = checkout["moved-fresh"]
    assert tools(incremental, "guides/hosting")[0] == (
        "View the source of this page",
        "https://gitlab.com/example/guides/manual/-/blob/HEAD/docs/guides/hosting.md",
    )
    assert [name for name in sorted(incremental) if incremental[name] != fresh.get(name)] == []


def test_a_shallow_clone_shows_no_dates_and_says_so_once(checkout, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{checkout['repo']}", str(clone))
    with on_day(DAY):
        result = run_build(clone / "docs", tmp_path / "build", freshenv=True)
    assert result.warnings == []
    assert result.status.count("the git checkout is shallow") == 1
    written = files(result.outdir)
    assert [d for d in ("guides/hosting", "guides/soon") if updated(written, d)] == []
    # Its origin is a local path: no source links either.
    assert tools(written, "guides/hosting") == []


def test_sources_git_does_not_have_yet_show_no_dates_until_committed(tmp_path: Path) -> None:
    """A source folder inside a checkout that has none of its files (as ``_build/migrated``):
    no page has a date, nor a copied source, and git is not asked about every folder; once the
    pages are committed, an incremental build writes what a fresh build writes."""
    repo = tmp_path / "repo"
    docs = repo / "docs"
    shutil.copytree(ROOTS / "test-review", docs)
    (docs / "conf.py").write_text('extensions = ["service_manual"]\n', encoding="utf-8")
    git(tmp_path, "init", "-q", str(repo))
    (repo / "README.md").write_text("The manual.\n", encoding="utf-8")
    git(repo, "add", "README.md")
    git(repo, "commit", "-q", "-m", "Start", when="2026-03-04T10:00:00+00:00")
    with on_day(DAY):
        before = run_build(docs, tmp_path / "build", freshenv=False)
    assert before.warnings == []
    assert "sphinx_last_updated_by_git" not in before.app.extensions
    written = files(before.outdir)
    assert [d for d in ("guides/hosting", "guides/soon") if updated(written, d)] == []
    assert [name for name in written if name.startswith("_sources/")] == []

    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Guides", when="2026-04-20T10:00:00+00:00")
    with on_day(DAY):
        incremental = run_build(docs, tmp_path / "build", freshenv=False)
        fresh = run_build(docs, tmp_path / "fresh", freshenv=True)
    assert incremental.warnings == fresh.warnings == []
    # The first commit adds sphinx-last-updated-by-git's settings: Sphinx reads every page
    # again and keeps its old build record as .buildinfo.bak, Sphinx's own like .buildinfo.
    after, again = files(incremental.outdir), files(fresh.outdir)
    after.pop(".buildinfo.bak")
    assert updated(after, "guides/hosting") == "Last updated on 20 April 2026."
    assert "_sources/guides/hosting.md.txt" in after
    assert [name for name in sorted(after) if after[name] != again.get(name)] == []
    assert sorted(after) == sorted(again)
