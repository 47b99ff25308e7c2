"""The W3C Nu HTML Checker and EPUBCheck, run on a build's output in the background.

Both are Java programs that are slow to start and quick after that, so each runs once a build,
over every file: vnu over the whole output folder, EPUBCheck over the book. Each starts as
soon as its build is there and runs on a thread while other work goes on; a test then waits
for what it found (:func:`errors`).

- Java is Debian's (``default-jre-headless``);
- vnu.jar comes from the ``vnu-jar`` npm package pinned in ``tests/validators/``
  (``npm ci --prefix tests/validators --ignore-scripts``: its install script would download a
  Java of its own);
- EPUBCheck is Debian's ``epubcheck`` package, run with ``java -jar``: its ``/usr/bin``
  command is the jar itself, which only runs where binfmt_misc knows jars.

Without one of them the check skips with the reason, and fails under ``CI=true``.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from tooling import missing

REPO = Path(__file__).resolve().parents[1]
VNU_JAR = REPO / "tests" / "validators" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
# Most of each run is the JVM starting up: the quick (C1) compiler alone roughly halves it.
# vnu then needs a deeper stack than Java's default to walk its HTML schema.
JAVA_OPTIONS = ["-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
TIMEOUT = 900


@dataclass(frozen=True)
class Unavailable:
    reason: str


Found = list[str] | Unavailable


def _unavailable(jar: Path, what: str, how: str) -> Unavailable | None:
    if shutil.which("java") is None:
        return Unavailable(f"java is not installed (default-jre-headless), needed by {what}")
    if not jar.is_file():
        return Unavailable(f"{what} is not installed ({jar} is missing: {how})")
    return None


def _in_background(work: Callable[..., Found], *args: Any) -> Future[Found]:
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="validity")
    try:
        return pool.submit(work, *args)
    finally:
        pool.shutdown(wait=False)


def _ready(value: Found) -> Future[Found]:
    future: Future[Found] = Future()
    future.set_result(value)
    return future


def errors(check: Future[Found]) -> list[str]:
    """What a check found, once it is done; skips (or fails in CI) if it could not run."""
    found = check.result(timeout=TIMEOUT * 2)
    if isinstance(found, Unavailable):
        missing(found.reason)
    return found


# ----------------------------------------------------------------------------- HTML


def check_html(folder: Path) -> Future[Found]:
    """Start the Nu HTML Checker on every HTML file under ``folder``."""
    unavailable = _unavailable(
        VNU_JAR, "the Nu HTML Checker", "npm ci --prefix tests/validators --ignore-scripts"
    )
    return _ready(unavailable) if unavailable else _in_background(_run_vnu, folder)


def _run_vnu(folder: Path) -> Found:
    command = ["java", *JAVA_OPTIONS, "-jar", str(VNU_JAR)]
    command += ["--errors-only", "--format", "json", "--skip-non-html", str(folder)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    try:
        report = json.loads(result.stderr)  # vnu writes its report to stderr
    except ValueError:
        raise AssertionError(f"vnu did not run: {result.stdout}\n{result.stderr}") from None
    root = folder.resolve()
    found = []
    for message in report["messages"]:
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        where = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        found.append(f"{where}:{message.get('lastLine', 0)}: {message.get('message')}")
    return sorted(found)


# ----------------------------------------------------------------------------- EPUB


def check_book(source: Path, doctrees: Path, outdir: Path, *options: str) -> Future[Found]:
    """Build the EPUB of ``source`` from the doctrees an HTML build of it left (copied, so
    that build's folder is only read), with sphinx-build's ``options`` besides ``-n
    --keep-going``, then start EPUBCheck on it. The book is built even where EPUBCheck is
    missing (the future then says why it did not check it); a failed build raises."""
    unavailable = _unavailable(EPUBCHECK_JAR, "EPUBCheck", "install the Debian package epubcheck")
    return _in_background(_build_and_check_book, source, doctrees, outdir, options, unavailable)


def _build_and_check_book(
    source: Path,
    doctrees: Path,
    outdir: Path,
    options: tuple[str, ...],
    unavailable: Unavailable | None,
) -> Found:
    book = build_book(source, doctrees, outdir, *options)
    return unavailable or _run_epubcheck(book)


def build_book(source: Path, doctrees: Path, outdir: Path, *options: str) -> Path:
    """The EPUB of ``source``, built into ``outdir`` from a copy of ``doctrees``."""
    own_doctrees = outdir.parent / f"{outdir.name}-doctrees"
    shutil.copytree(doctrees, own_doctrees, dirs_exist_ok=True)
    command = [sys.executable, "-m", "sphinx", "-b", "epub", "-n", "--keep-going", "-q"]
    command += [*options, "-c", str(REPO), "-d", str(own_doctrees), str(source), str(outdir)]
    build = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    books = sorted(outdir.glob("*.epub"))
    if build.returncode != 0 or len(books) != 1:
        raise AssertionError(f"the EPUB build failed:\n{build.stdout}\n{build.stderr}")
    return books[0]


def book_pages(book: Path) -> tuple[list[str], dict[str, str]]:
    """A book's file names, and the text of each of its XHTML pages."""
    with zipfile.ZipFile(book) as archive:
        names = archive.namelist()
        pages = {n: archive.read(n).decode("utf-8") for n in names if n.endswith(".xhtml")}
    return names, pages


def broken_links(pages: dict[str, str], names: list[str]) -> list[str]:
    """Every link of a book's pages that leads to no file of the book."""
    broken = []
    for name, text in pages.items():
        for anchor in BeautifulSoup(text, "html.parser").find_all("a", href=True):
            target = urlsplit(anchor["href"])
            if target.scheme or target.netloc or not target.path:
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(name), target.path))
            if path not in names:
                broken.append(f"{name}: {anchor['href']}")
    return broken


def _run_epubcheck(book: Path) -> Found:
    with tempfile.TemporaryDirectory() as tmp:
        report_file = Path(tmp) / "report.json"
        command = ["java", *JAVA_OPTIONS, "-jar", str(EPUBCHECK_JAR), str(book), "-e"]
        command += ["--json", str(report_file)]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
        if not report_file.is_file():
            raise AssertionError(f"EPUBCheck did not run: {result.stdout}\n{result.stderr}")
        report = json.loads(report_file.read_text(encoding="utf-8"))
    found = []
    for message in report["messages"]:
        if message.get("severity") not in {"ERROR", "FATAL"}:
            continue
        for location in message.get("locations") or [{}]:
            where = f"{location.get('path', book.name)}:{location.get('line', 0)}"
            found.append(f"{where}: {message.get('ID')} {message.get('message')}")
    return sorted(found)
