"""Shared fixtures: small test sites built with ``sphinx.testing``, and one real docs build.

Each test root under ``tests/roots/test-<feature>/`` has a ``conf.py`` that names only our
extension and what its feature needs; the project's MyST settings come from
:data:`SITE_SETTINGS`, read from the repository's ``conf.py`` so that the
roots are built the way the manual is. Roots are copied to a temporary folder before each
build: nothing is ever written into ``tests/roots``.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import readthedocs_job
from bs4 import BeautifulSoup, Tag
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import nocolor, strip_escape_sequences

pytest_plugins = ("sphinx.testing.fixtures",)

# Sphinx takes CI=true for a colour terminal: it colours status and warnings and rewrites
# progress lines in place with carriage returns. Tests read plain text, in CI as anywhere:
# NO_COLOR wins over CI (also for the sphinx-build subprocesses), and nocolor() turns off
# colour for the builds made in this process.
os.environ["NO_COLOR"] = "1"
nocolor()

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
DOCS = REPO / "docs"


def _project_conf() -> dict[str, Any]:
    """The manual's conf.py settings, without the sys.path entry it adds for a real build
    (the tests import the extension as installed)."""
    saved = sys.path.copy()
    try:
        return runpy.run_path(str(REPO / "conf.py"))
    finally:
        sys.path[:] = saved


_PROJECT_CONF = _project_conf()

# What every test root shares with the real site: MyST's settings (front matter `title` is the
# page's <h1>) and nitpicky references. Templates, stylesheet and scripts are not injected: the
# extension brings its own theme, as it does for any project.
SITE_SETTINGS: dict[str, Any] = {
    "nitpicky": _PROJECT_CONF["nitpicky"],
    "myst_title_to_header": _PROJECT_CONF["myst_title_to_header"],
    "myst_enable_extensions": list(_PROJECT_CONF["myst_enable_extensions"]),
    "myst_heading_anchors": _PROJECT_CONF["myst_heading_anchors"],
}

SRCDIR = "<srcdir>"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--soak-rounds",
        type=int,
        metavar="N",
        help="rounds of edits in test_soak.py (default: enough to make every kind of edit "
        "once; the long soak is 50)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Collect cyclic garbage less often in the test process (each xdist worker too).

    The tests build hundreds of small sites in process, and every build makes doctrees, whose
    nodes point to their parents: cycles that only the garbage collector frees. With Python's
    default thresholds (700, 10, 10) it ran thousands of times in a run, each time walking
    what the session keeps (pytest's and Hypothesis's state, the session's builds). In five
    of the slowest modules, run in one process, collections took 14.6 s of 89 s of CPU with
    the defaults and 6.8 s of 67 s with the thresholds below (on a machine with other work
    on it: the totals move with that, the collections' share much less). Garbage is still
    collected, in fewer, larger collections; the sphinx-build processes the tests start keep
    Python's defaults, as every build does.
    """
    del config
    gc.set_threshold(200_000, 50, 50)


BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The order ``make test`` hands the tests out to its pytest-xdist workers in: the browser
    tests first (one unit of work, :func:`pytest_xdist_make_scheduler`), then the modules with
    a test marked ``slow``, so that no worker is left finishing a long one alone at the end,
    each module's order kept; the Read the Docs tests last: the controller has started their
    job at the beginning (:func:`pytest_xdist_node_collection_finished`), and by the end it
    is done. A run in one process keeps the usual order."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return
    slow_modules = {item.path for item in items if item.get_closest_marker("slow")}
    waits = {item.path for item in items if item.nodeid.startswith(readthedocs_job.TESTS)}
    items.sort(
        key=lambda item: (
            item.path in waits,
            BROWSER_TESTS not in item.path.parents,
            item.path not in slow_modules,
        )
    )


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under ``--dist loadfile`` (``make test``: ``-n`` one more than the cores), each module
    is one unit of work, so that its builds are made once, and the browser tests are one
    unit together: one worker, one Chromium, one site build.

    The browser tests spend most of their time waiting for Chromium. When each of their
    modules was a unit, every worker reached them at the same time and the machine sat
    four-fifths idle for over a minute; now one worker takes them while the others build.
    (pytest-xdist's ``xdist_group`` mark cannot do this under pytest 9: ``--dist loadgroup``
    renames a test's ``_nodeid``, which pytest no longer reads.)"""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    browser = BROWSER_TESTS.relative_to(config.rootpath).as_posix() + "/"

    class BrowserTestsTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return browser if nodeid.startswith(browser) else super()._split_scope(nodeid)

    return BrowserTestsTogether(config, log)


# -- the Read the Docs job, started early under xdist (see readthedocs_job.py)

_READTHEDOCS: dict[str, Any] = {}


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """On the xdist controller: tell each worker where the job's result will be."""
    if "root" not in _READTHEDOCS:
        _READTHEDOCS["root"] = Path(tempfile.mkdtemp(prefix="sm-readthedocs-"))
    node.workerinput["readthedocs_job"] = str(_READTHEDOCS["root"])


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node: Any, ids: list[str]) -> None:
    """Start the job once, as soon as a worker has collected a test that reads its output
    (and the machine has its tools: without them the tests skip, or fail in CI)."""
    root = _READTHEDOCS.get("root")
    if root is None or "process" in _READTHEDOCS or not readthedocs_job.can_run():
        return
    if any(test.startswith(readthedocs_job.TESTS) for test in ids):
        _READTHEDOCS["process"] = readthedocs_job.start(root)


def pytest_unconfigure(config: pytest.Config) -> None:
    process = _READTHEDOCS.pop("process", None)
    if process is not None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=1)
        if process.poll() is None:  # the run ended first (-x, Ctrl+C): stop the job
            process.kill()
            process.wait()
    root = _READTHEDOCS.pop("root", None)
    if root is not None:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """For ``@pytest.mark.sphinx(testroot=...)``: our roots, not Sphinx's."""
    return ROOTS


def normalise_warnings(text: str, srcdir: Path) -> list[str]:
    """The warning lines of a build, sorted, colour codes gone, the source folder as
    ``<srcdir>`` (so ``<srcdir>/page.md:4: WARNING: ... [service_manual.video]``)."""
    text = strip_escape_sequences(text)
    for folder in {str(srcdir), str(srcdir.resolve())}:
        text = text.replace(folder, SRCDIR)
    return sorted(line for line in text.splitlines() if line.strip())


@dataclass
class Site:
    """A finished build of one test root."""

    app: SphinxTestApp
    srcdir: Path
    outdir: Path
    warnings: list[str]

    def html(self, docname: str) -> BeautifulSoup:
        return soup(self.outdir / f"{docname}.html")

    def text(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def heading_text(heading: Tag) -> str:
    """A heading's own text, without Sphinx's permalink."""
    return "".join(
        part
        for part in heading.find_all(string=True)
        if not any("headerlink" in p.get("class", []) for p in part.parents if p is not heading)
    ).strip()


def breadcrumb_items(page: BeautifulSoup) -> list[tuple[str, str | None]] | None:
    """The page's breadcrumbs as (text, href or None), checking their markup on the way:
    GOV.UK Frontend's breadcrumbs, one ``<nav aria-label="Breadcrumb">`` holding one ``<ol>``
    of ``<li>``. None when the page has no breadcrumbs."""
    navs = page.find_all("nav", attrs={"aria-label": "Breadcrumb"})
    if not navs:
        return None
    assert len(navs) == 1
    assert navs[0]["class"] == ["govuk-breadcrumbs"]
    lists = navs[0].find_all(["ol", "ul"], recursive=False)
    assert [t.name for t in lists] == ["ol"]
    assert lists[0]["class"] == ["govuk-breadcrumbs__list"]
    items = []
    for li in lists[0].find_all(True, recursive=False):
        assert li.name == "li"
        assert li["class"] == ["govuk-breadcrumbs__list-item"]
        links = li.find_all("a")
        assert len(links) <= 1
        assert all(a["class"] == ["govuk-breadcrumbs__link"] for a in links)
        items.append((li.get_text().strip(), links[0]["href"] if links else None))
    return items


# Elements that make a browser fetch something as the page loads (links to follow are not).
_FETCHING = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src"],
    "link": ["href"],
}


def off_site_requests(page: BeautifulSoup) -> list[str]:
    """Every URL the page would load from another host: ``<script src>``, ``<img>``,
    ``<iframe>``, ``<link href>`` ... and any other element's ``src``."""
    found = []
    for element in page.find_all(True):
        attrs = set(_FETCHING.get(element.name, [])) | {"src"}
        for attr in sorted(attrs & set(element.attrs)):
            for value in str(element[attr]).split(","):
                url = value.strip().split(" ")[0]
                parts = urlsplit(url)
                if parts.scheme or parts.netloc or url.startswith("//"):
                    found.append(f"<{element.name} {attr}={url!r}>")
    return found


def search_titles(outdir: Path) -> dict[str, str]:
    """docname -> title, as the search index holds them."""
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return dict(zip(data["docnames"], data["titles"], strict=True))


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled code for each template file, kept in memory for the test process.

    Every ``SphinxTestApp`` makes a new Jinja environment, and an HTML build of a small root
    spent about half its time parsing and compiling the theme's templates again. Jinja's own
    bytecode cache reuses that work: an entry is found by the template's name and file, and
    used only while the file's source is the same (Jinja compares a checksum of it), so a
    template a test edits is compiled again. Code is shared only between environments that
    compile alike (:func:`_compiles_alike`). Rendering is not cached: every page is rendered
    by every build, as ``sphinx-build`` renders it.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED_TEMPLATES: dict[tuple[Any, ...], CompiledTemplates] = {}


def _compiles_alike(environment: Any) -> tuple[Any, ...]:
    """What Jinja's compiled code depends on besides the template's source."""
    return (
        type(environment),
        tuple(sorted(environment.extensions)),
        *(
            repr(getattr(environment, name, None))
            for name in (
                "block_start_string", "block_end_string", "variable_start_string",
                "variable_end_string", "comment_start_string", "comment_end_string",
                "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
                "newline_sequence", "keep_trailing_newline", "optimized", "autoescape",
                "finalize", "is_async", "newstyle_gettext",
            )
        ),
        repr(sorted(environment.policies.items())),
    )  # fmt: skip


def share_compiled_templates(app: SphinxTestApp) -> None:
    """Give the app's HTML template environment the process's :class:`CompiledTemplates`."""
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return
    key = _compiles_alike(environment)
    environment.bytecode_cache = _COMPILED_TEMPLATES.setdefault(key, CompiledTemplates())


def run_sphinx(
    srcdir: Path,
    buildername: str = "html",
    *,
    builddir: Path | None = None,
    freshenv: bool = True,
    parallel: int = 0,
    **overrides: Any,
) -> SphinxTestApp:
    """Build ``srcdir`` in process with the site settings, as one ``sphinx-build`` run would
    (``freshenv=False`` picks up the environment a previous build left); the app is returned
    after cleanup with its status and warnings."""
    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        builddir=builddir,
        freshenv=freshenv,
        confoverrides={**SITE_SETTINGS, **overrides},
        status=StringIO(),
        warning=StringIO(),
        parallel=parallel,
    )
    share_compiled_templates(app)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def build_root(
    root: str,
    tmp: Path,
    buildername: str = "html",
    *,
    files: dict[str, str] | None = None,
    prepare: Callable[[Path], None] | None = None,
    parallel: int = 0,
    **overrides: Any,
) -> Site:
    """Copy ``tests/roots/test-<root>`` under ``tmp`` and build it with the site settings.
    For a one-off variation, ``files`` (path -> text) are written into the copy and
    ``prepare(srcdir)`` is called on it first; ``parallel`` is sphinx-build's ``-j``."""
    srcdir = tmp / f"test-{root}"
    shutil.copytree(ROOTS / f"test-{root}", srcdir, symlinks=True)
    for name, text in (files or {}).items():
        (srcdir / name).write_text(text, encoding="utf-8")
    if prepare is not None:
        prepare(srcdir)
    app = run_sphinx(srcdir, buildername, parallel=parallel, **overrides)
    return Site(app, srcdir, Path(app.outdir), normalise_warnings(app.warning.getvalue(), srcdir))


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Site]:
    """``build(root, buildername="html", parallel=0, **confoverrides)``: each distinct build
    runs once a session; tests only read what it wrote."""
    done: dict[str, Site] = {}

    def _build(root: str, buildername: str = "html", parallel: int = 0, **overrides: Any) -> Site:
        key = json.dumps([root, buildername, parallel, overrides], sort_keys=True)
        if key not in done:
            name = re.sub(r"[^A-Za-z0-9]+", "-", f"{root}-{buildername}")
            tmp = tmp_path_factory.mktemp(name)
            done[key] = build_root(root, tmp, buildername, parallel=parallel, **overrides)
        return done[key]

    return _build


# ----------------------------------------------------------------------------- the real docs


@dataclass
class DocsBuild:
    command: list[str]
    returncode: int
    stdout: str
    stderr: str
    outdir: Path


def shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder of this run that every pytest-xdist worker sees (the workers' temporary
    folders are siblings under one base); without xdist, one of this process's."""
    base = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        base = base.parent
    folder = base / name
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def docs_build(tmp_path_factory: pytest.TempPathFactory) -> DocsBuild:
    """The manual built the way CI and the Makefile build it: warnings are errors, every
    reference must resolve. Built once a run: the first worker to ask builds it, holding a
    lock, and the others wait and read what it wrote (tests only read the output)."""
    shared = shared_folder(tmp_path_factory, "docs-build")
    outdir, result_file = shared / "html", shared / "result.json"
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-n",
        "-b",
        "html",
        "-c",
        str(REPO),
        str(DOCS),
        str(outdir),
    ]
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result_file.is_file():
            result = subprocess.run(
                command, capture_output=True, text=True, cwd=REPO, timeout=600, check=False
            )
            done = {"returncode": result.returncode, "stdout": result.stdout}
            done["stderr"] = result.stderr
            result_file.write_text(json.dumps(done), encoding="utf-8")
    done = json.loads(result_file.read_text(encoding="utf-8"))
    return DocsBuild(command, done["returncode"], done["stdout"], done["stderr"], outdir)


SEED_GUIDE = "the-team/web-operations"


@pytest.fixture(scope="session")
def docs_html(docs_build: DocsBuild) -> Path:
    """The docs' HTML output, for tests that read the seed guide. A failed ``-W`` build still
    writes its pages (``--keep-going``), so these tests report on the seed guide whatever the
    rest of the docs do; ``test_docs_build.py`` reports the build itself."""
    if not (docs_build.outdir / f"{SEED_GUIDE}.html").is_file():
        pytest.fail(f"the docs build wrote no seed guide:\n{docs_build.stderr}", pytrace=False)
    return docs_build.outdir


# ----------------------------------------------------------------------------- a bare project


@pytest.fixture(scope="session")
def bare_project(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The manual's ``docs/`` built as a project whose conf.py lists only ``myst_parser`` and
    ``service_manual``, with nothing injected: everything else comes with the extension."""
    srcdir = tmp_path_factory.mktemp("bare") / "docs"
    shutil.copytree(DOCS, srcdir)
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "service_manual"]\n', encoding="utf-8"
    )
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, status=StringIO(), warning=StringIO())
    share_compiled_templates(app)
    try:
        app.build()
    finally:
        app.cleanup()
    return Site(app, srcdir, Path(app.outdir), normalise_warnings(app.warning.getvalue(), srcdir))
