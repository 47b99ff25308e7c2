"""The manual as a book: PDF through LaTeX, and EPUB, built with the project's conf.py.

The EPUB of ``docs/`` is built, checked for broken links and by EPUBCheck in
``test_validity.py``, from the doctrees of the session's HTML build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_root
from tooling import require_tool
from validity import book_pages, broken_links

REPO = Path(__file__).resolve().parents[1]
WELSH_ROOT = Path(__file__).resolve().parent / "roots" / "test-welsh-pdf"


def sphinx_make(
    target: str, source: Path, build: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -M target`` with the project's configuration, as the Makefile runs it."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", target, str(source), str(build),
         "-c", str(REPO), "--no-color", *options],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
        check=False,
    )  # fmt: skip


@pytest.mark.latex
def test_welsh_letters_are_real_characters_in_the_pdf(tmp_path: Path) -> None:
    # pdflatex draws ŵ and ŷ as "w" or "y" under a circumflex, so the PDF's text says
    # "w" + U+0302: search, copy and paste and screen readers get a different word.
    for tool in ("latexmk", "xelatex", "pdftotext"):
        require_tool(tool)
    result = sphinx_make("latexpdf", WELSH_ROOT, tmp_path)
    assert result.returncode == 0, result.stdout[-6000:]
    (pdf,) = (tmp_path / "latex").glob("*.pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for line in (
        "Gwŷr y dŵr ar ŵyl â chân",  # the guide's title, in the contents
        "GWŶR Y DŴR AR ŴYL Â CHÂN",  # and as the chapter heading
        "Mae gwŷr y tŷ yn yfed dŵr ar ŵyl yr ŷd â chân.",
        "Ŵyn ac Ŷd: Âr",
        "Llythrennau: ŵ ŷ â Ŵ Ŷ Â ê î ô û.",
    ):
        assert line in text, f"{line!r} not in the PDF's text:\n{text}"


def test_a_book_in_the_manuals_theme_links_each_page_to_itself(tmp_path: Path) -> None:
    """The header links the phases page from every page, that page included: Sphinx's
    pathto() made that link phases/phases/index.xhtml in a book (book.py)."""
    site = build_root(
        "seed", tmp_path, "epub", epub_theme="service_manual", version="1", copyright="Crown"
    )
    assert site.warnings == []
    (epub,) = site.outdir.glob("*.epub")
    names, pages = book_pages(epub)
    page = BeautifulSoup(pages["phases/index.xhtml"], "html.parser")
    phases = [a for a in page.select("a.govuk-service-navigation__link") if "Phases" in a.text]
    assert [a["href"] for a in phases] == ["index.xhtml"]
    assert broken_links(pages, names) == []
