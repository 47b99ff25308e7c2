"""Where the manual's sources live, for a guide's "View the source" and "history" links.

The repository is, in this order: the ``service_manual_repository_url`` setting; Read the
Docs' ``READTHEDOCS_GIT_CLONE_URL`` (and ``READTHEDOCS_GIT_IDENTIFIER``, the branch or tag
it built); the ``origin`` remote of the git checkout the sources are in. Only a repository
on github.com or gitlab.com becomes links, whose URL patterns we know; SSH remotes
(``git@github.com:owner/repo.git``) are read as their web address. When none is known, a page
has no such links: the site never links to a repository that may not exist.

Where git is there, a page links to its source only when git has that file at ``HEAD``
(so a migrated tree in ``_build/`` or an uncommitted page gets no link), and the source
folder's place in the repository comes from git. Git is asked a few local questions once a
build (no network). What a page shows depends on them, so an incremental build after a
commit or a change of remote reads again the pages it changed (see :func:`outdated_pages`).

Git also gives each page its "Last updated" date: where the sources are in a git checkout
with its whole history, ``sphinx-last-updated-by-git`` is loaded (:func:`load_git_dates`).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sphinx.util import logging

from .core import urls
from .diagnostics import setting_location, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

# Forges whose web URLs we know: host -> (source, history) URL patterns under the
# repository's web address.
FORGES = {
    "github.com": ("{repo}/blob/{ref}/{path}", "{repo}/commits/{ref}/{path}"),
    "gitlab.com": ("{repo}/-/blob/{ref}/{path}", "{repo}/-/commits/{ref}/{path}"),
}
_SEGMENT = re.compile(r"^[A-Za-z0-9_.-]+$")
_SCP_LIKE = re.compile(r"^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?P<path>(?!/)[^\s]+)$")


@dataclass(frozen=True, slots=True)
class Repository:
    """A repository on a known forge: its web address, the ref pages link to, and the
    source folder's path inside it ("" for its top)."""

    url: str
    ref: str
    folder: str

    @property
    def host(self) -> str:
        return self.url.split("/")[2]

    def links(self, source: str) -> dict[str, str]:
        """The source and history URLs of ``source``, a path in the source folder."""
        path = quote(f"{self.folder}/{source}" if self.folder else source)
        ref = quote(self.ref, safe="/")
        source_pattern, history_pattern = FORGES[self.host]
        return {
            "source_url": source_pattern.format(repo=self.url, ref=ref, path=path),
            "history_url": history_pattern.format(repo=self.url, ref=ref, path=path),
        }


def web_url(remote: str) -> str | None:
    """The web address of a repository on a known forge, from an ``https`` URL, an
    ``ssh://`` URL or a ``git@host:owner/repo.git`` remote; None for anything else."""
    remote = remote.strip()
    scp = _SCP_LIKE.match(remote) if "://" not in remote else None
    if scp is not None:
        host, path = scp["host"].lower(), scp["path"]
    else:
        parts = urls.parse(remote)
        if parts is None or parts.scheme.lower() not in {"https", "ssh"} or not parts.hostname:
            return None
        if parts.scheme.lower() == "https" and (parts.username or parts.password):
            return None  # a token in the URL: not something to publish, nor to guess around
        if parts.port is not None or parts.query or parts.fragment:
            return None
        host, path = parts.hostname.lower(), parts.path
    if host not in FORGES:
        return None
    segments = path.strip("/").removesuffix(".git").split("/")
    least = 2
    if len(segments) < least or (host == "github.com" and len(segments) != least):
        return None
    if not all(_SEGMENT.match(s) and s not in {".", ".."} for s in segments):
        return None
    return f"https://{host}/{'/'.join(segments)}"


# -- what git says, once a build


@dataclass(frozen=True, slots=True)
class Checkout:
    """What the git checkout the sources are in says: the commit, the source folder's path
    in it, ``origin``'s URL and default branch, and the files of the source folder it has
    at ``HEAD`` (relative to that folder)."""

    head: str | None = None
    folder: str | None = None
    remote: str | None = None
    remote_branch: str | None = None
    tracked: frozenset[str] | None = None


def _git(srcdir: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=srcdir,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def read_checkout(srcdir: Path) -> Checkout:
    head = _git(srcdir, "rev-parse", "--verify", "--quiet", "HEAD")
    if head is None:
        return Checkout()
    folder = (_git(srcdir, "rev-parse", "--show-prefix") or "").strip().strip("/")
    remote = (_git(srcdir, "config", "--get", "remote.origin.url") or "").strip() or None
    branch = (_git(srcdir, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD") or "").strip()
    listing = _git(srcdir, "ls-tree", "-r", "-z", "--name-only", "HEAD")
    return Checkout(
        head=head.strip(),
        folder=folder,
        remote=remote,
        remote_branch=branch.removeprefix("refs/remotes/origin/") or None,
        tracked=frozenset(p for p in (listing or "").split("\0") if p),
    )


def find_repository(
    config: Config, checkout: Checkout, environ: Mapping[str, str] | None = None
) -> Repository | None:
    """The repository (see the module's docstring), or None when none is known."""
    environ = os.environ if environ is None else environ
    on_rtd = bool(environ.get("READTHEDOCS_GIT_CLONE_URL"))
    rtd_ref = environ.get("READTHEDOCS_GIT_IDENTIFIER", "").strip()
    if environ.get("READTHEDOCS_VERSION_TYPE") == "external":
        # A pull request build: the identifier is the request's number, not a ref.
        rtd_ref = environ.get("READTHEDOCS_GIT_COMMIT_HASH", "").strip()
    if config.service_manual_repository_url:
        url = web_url(config.service_manual_repository_url)
    elif on_rtd:
        url = web_url(environ["READTHEDOCS_GIT_CLONE_URL"])
    elif checkout.remote:
        url = web_url(checkout.remote)
    else:
        url = None
    if url is None:
        return None
    ref = (
        config.service_manual_repository_branch
        or (rtd_ref if on_rtd else "")
        or checkout.remote_branch
        or "HEAD"  # the forge's default branch
    )
    folder = config.service_manual_repository_path.strip("/")
    if not folder and checkout.folder is not None:
        folder = checkout.folder
    return Repository(url, ref, folder)


def check_setting(app: Sphinx, config: Config) -> None:
    url = config.service_manual_repository_url
    if url and web_url(url) is None:
        warn(
            f"service_manual_repository_url {url!r} is not the https address of a repository "
            f"on {' or '.join(FORGES)}; pages get no source or history links",
            subtype="config",
            location=setting_location(app, "service_manual_repository_url"),
        )


# -- once a build, before reading


@dataclass(frozen=True, slots=True)
class SourceState:
    checkout: Checkout
    repository: Repository | None


def source_state(env: BuildEnvironment) -> SourceState | None:
    return getattr(env, "service_manual_sources", None)


def outdated_pages(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """Ask git once, and name the pages to read again because what it says changed: every
    page when the repository's links change; after a commit (or a change of branch), the
    pages whose source, or a file they include, a commit between the two touched."""
    before = source_state(env)
    checkout = read_checkout(Path(app.srcdir))
    now = SourceState(checkout, find_repository(app.config, checkout))
    env.service_manual_sources = now  # type: ignore[attr-defined]
    if before is None:
        return set()
    if before.repository != now.repository:
        return set(env.found_docs)
    if before.checkout.head == now.checkout.head or now.checkout.head is None:
        return set()
    if before.checkout.head is None:
        return set(env.found_docs)
    touched = _git(
        Path(app.srcdir), "log", "--format=", "--name-only", "-z", "--relative",
        f"{before.checkout.head}...{now.checkout.head}", "--", ".",
    )  # fmt: skip
    if touched is None:  # the old commit is gone (a rebase, a new clone): read everything
        return set(env.found_docs)
    paths = {p for p in touched.split("\0") if p.strip()}
    pages = {doc for p in paths if (doc := env.path2doc(p)) is not None}
    for docname, depends in env.dependencies.items():
        if any(os.path.normpath(str(d)) in paths for d in depends):
            pages.add(docname)
    return pages & set(env.found_docs)


def page_links(app: Sphinx, docname: str) -> dict[str, str]:
    """The page's "View the source" and "history" links, or none."""
    state = source_state(app.env)
    if state is None or state.repository is None:
        return {}
    source = app.env.doc2path(docname, False).as_posix()
    if state.checkout.tracked is not None and source not in state.checkout.tracked:
        return {}
    return state.repository.links(source)


def load_git_dates(app: Sphinx) -> None:
    """Load sphinx-last-updated-by-git where git has some of the sources at ``HEAD``. Outside
    a checkout (a copy, an sdist) it would warn for every folder; where git has none of them
    (a tree made in ``_build/``, such as the migrated manual) no page could get a date, and it
    would still ask git about every folder, two processes each (0.25 s of CPU a build on the
    migrated manual's 50 folders, with nothing shown for it). In a shallow clone it would warn
    for every page last changed before the clone's history begins (Read the Docs unshallows
    its clone in .readthedocs.yaml): there the pages get no "Last updated", and a build says
    so once. A first commit of the sources adds its settings, so the next build reads every
    page again."""
    srcdir = Path(app.srcdir)
    at_head = _git(srcdir, "ls-tree", "--name-only", "HEAD", "--", ".")
    if at_head is None:
        return
    if not at_head:
        app.connect("html-page-context", _publish_no_source)
        return
    if (_git(srcdir, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        logging.getLogger(__name__).info(
            "the git checkout is shallow: guides show no 'Last updated' date "
            "(`git fetch --unshallow` fetches the history)"
        )
        return
    app.setup_extension("sphinx_last_updated_by_git")


def _publish_no_source(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """A page git does not have is not copied into ``_sources``, as sphinx-last-updated-by-git
    has it (``git_untracked_show_sourcelink``) where it is loaded: the same site either way."""
    context.pop("sourcename", None)
    context.pop("page_source_suffix", None)


def setup(app: Sphinx) -> None:
    app.add_config_value("service_manual_repository_url", "", "html", types=frozenset({str}))
    app.add_config_value("service_manual_repository_branch", "", "html", types=frozenset({str}))
    app.add_config_value("service_manual_repository_path", "", "html", types=frozenset({str}))
    app.connect("config-inited", check_setting)
    app.connect("service-manual-get-outdated", outdated_pages)
    load_git_dates(app)
