from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from migrate_jekyll.downloads import DownloadPass
from migrate_jekyll.report import Report
from migrate_jekyll.site import SourceSite

from .migration_helpers import lines, texts


@pytest.fixture
def site() -> SourceSite:
    files = ["jobs/index.md", "jobs/dev.odt", "jobs/dev.docx", "jobs/ops.odt", "docs/a.pdf"]
    return SourceSite(PurePosixPath(f) for f in files)


def convert(text: str, site: SourceSite, report: Report) -> str:
    page = PurePosixPath("jobs/index.md")
    return texts(DownloadPass(site, report).convert(lines(text), page, "jobs/index.md"))


def test_pair_becomes_a_directive(site: SourceSite) -> None:
    report = Report()
    text = (
        "Get it:\n\n[Download as OpenDocument Format](/service-manual/jobs/dev.odt) / "
        "[Download as MS Word doc](/service-manual/jobs/dev.docx) \n\nAfter."
    )
    assert convert(text, site, report) == (
        "Get it:\n\n```{downloads}\nDownload as OpenDocument Format </jobs/dev.odt>\n"
        "Download as MS Word doc </jobs/dev.docx>\n```\n\nAfter."
    )
    assert (report.counts["downloads.directive"], report.counts["downloads.files"]) == (1, 2)


def test_labelled_lines_become_titled_directives(site: SourceSite) -> None:
    report = Report()
    text = "Developer -- [ODT](/service-manual/jobs/dev.odt)\nOperations -- [ODT](ops.odt)"
    assert convert(text, site, report) == (
        "```{downloads} Developer\nODT </jobs/dev.odt>\n```\n\n"
        "```{downloads} Operations\nODT </jobs/ops.odt>\n```"
    )


def test_list_of_labelled_items(site: SourceSite) -> None:
    report = Report()
    text = "* Developer (DEV) [ODT](dev.odt) / [Word](dev.docx)\n* Ops [ODT](ops.odt)"
    assert convert(text, site, report) == (
        "```{downloads} Developer (DEV)\nODT </jobs/dev.odt>\nWord </jobs/dev.docx>\n```\n\n"
        "```{downloads} Ops\nODT </jobs/ops.odt>\n```"
    )


def test_list_of_files_with_size_notes(site: SourceSite) -> None:
    report = Report()
    text = "* [The *guide*](/service-manual/docs/a.pdf) (PDF, 94KB)\n* [Dev](dev.odt)"
    assert convert(text, site, report) == (
        "```{downloads}\nThe guide </docs/a.pdf>\nDev </jobs/dev.odt>\n```"
    )


def test_link_in_a_sentence_becomes_the_role(site: SourceSite) -> None:
    report = Report()
    text = "Read [this case study](/service-manual/docs/a.pdf) (PDF, 94KB) first."
    assert convert(text, site, report) == (
        "Read {download}`this case study </docs/a.pdf>` (PDF, 94KB) first."
    )
    assert report.counts["downloads.role"] == 1


def test_mixed_list_uses_the_role(site: SourceSite) -> None:
    report = Report()
    text = "* [Dev](dev.odt)\n* [A page](/service-manual/jobs)"
    assert convert(text, site, report) == (
        "* {download}`Dev </jobs/dev.odt>`\n* [A page](/service-manual/jobs)"
    )


def test_missing_document_is_listed_and_reported(site: SourceSite) -> None:
    report = Report()
    assert convert("* [InDesign](/service-manual/docs/form.indd)", site, report) == (
        "```{downloads}\nInDesign </docs/form.indd>\n```"
    )
    [issue] = report.issues
    assert issue.kind == "downloads.missing"


def test_pages_and_images_are_not_downloads(site: SourceSite) -> None:
    report = Report()
    text = "[Jobs](/service-manual/jobs) and ![x](/service-manual/docs/a.png)"
    assert convert(text, site, report) == text
