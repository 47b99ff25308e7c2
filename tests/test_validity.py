"""Valid HTML and EPUB everywhere: the W3C Nu HTML Checker finds no error on any page of the
``docs/`` build (the session's ``docs_build``), and EPUBCheck none in its EPUB, built from that
build's doctrees with ``-W``, whose every link leads to a page of the book. The migrated 2016
manual is checked the same way in ``migration/test_migrated_build.py``, on the build made
there.

Each checker runs once, over every file, in the background (``validity.py``); without Java,
vnu.jar or EPUBCheck the tests skip with the reason, and fail under ``CI=true``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import DOCS, DocsBuild
from validity import Found, book_pages, broken_links, check_book, check_html, errors


@dataclass
class Checks:
    html: Future[Found]
    book: Future[Found]
    book_folder: Path


@pytest.fixture(scope="module")
def checks(docs_build: DocsBuild, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Checks]:
    """Both checkers, started together: vnu over the HTML, the EPUB build and EPUBCheck."""
    html = check_html(docs_build.outdir)
    folder = tmp_path_factory.mktemp("docs-book") / "epub"
    book = check_book(DOCS, docs_build.outdir / ".doctrees", folder, "-W")
    yield Checks(html, book, folder)
    for check in (html, book):
        check.exception()  # a failed test still waits for its checker, which is bounded


def test_every_page_of_the_docs_is_valid_html(checks: Checks) -> None:
    assert errors(checks.html) == []


def test_the_docs_book_is_a_valid_epub(checks: Checks) -> None:
    assert errors(checks.book) == []


def test_the_docs_book_builds_clean_and_every_link_leads_into_it(checks: Checks) -> None:
    checks.book.exception()  # the build is done (a failed one, warnings included, raises)
    (book,) = checks.book_folder.glob("*.epub")
    names, pages = book_pages(book)
    with zipfile.ZipFile(book) as archive:
        assert archive.read("mimetype") == b"application/epub+zip"
    assert "the-team/web-operations.xhtml" in names, names
    assert broken_links(pages, names) == []
