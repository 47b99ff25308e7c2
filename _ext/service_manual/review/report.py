"""For owners: which guides are overdue, due for review soon, or never reviewed.

``python -m service_manual.review SOURCEDIR`` (``make review``) reads every page's front
matter the way a build does (the same reader, settings and warnings, through a Sphinx
application that reads no page's body and writes nothing), prints the guides that need a
review grouped by owner, and writes every page's state to ``_build/review/review.json``.
It exits 0, or 1 with ``--fail-on-overdue`` when a guide is overdue, so CI can insist.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from sphinx.application import Sphinx
from sphinx.util.console import color_terminal, nocolor
from sphinx.util.docutils import docutils_namespace, patch_docutils

from ..config import vocabulary
from ..core.review import DUE, OVERDUE, UNREVIEWED
from ..diagnostics import warn
from ..frontmatter import RawFrontMatter, normalise, read_source
from .settings import front_matter_settings, today
from .state import review_record

REPORT_VERSION = 1
NEEDS_REVIEW = (OVERDUE, DUE, UNREVIEWED)
NO_OWNER = "No owner"

_HEADING = re.compile(r"^#[ \t]+(?P<title>\S.*?)[ \t#]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class ReviewReport:
    today: date
    within_days: int
    pages: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return {
            "version": REPORT_VERSION,
            "today": self.today.isoformat(),
            "due_within_days": self.within_days,
            "pages": self.pages,
        }

    @property
    def overdue(self) -> list[dict[str, Any]]:
        return [p for p in self.pages if p["status"] == OVERDUE]


def _title(raw: RawFrontMatter, text: str, docname: str) -> str:
    title = raw.data.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    heading = _HEADING.search(text)
    return heading["title"] if heading else docname


def collect(app: Sphinx, within_days: int | None = None) -> ReviewReport:
    """Every page's review state, read from its front matter with ``app``'s settings."""
    env = app.env
    day = today(env)
    within = app.config.service_manual_review_due_within if within_days is None else within_days
    settings = front_matter_settings(env)
    vocab = vocabulary(app.config)
    docnames = sorted(app.project.discover(app.config.exclude_patterns))
    pages = []
    for docname in docnames:
        path = env.doc2path(docname)
        text = path.read_text(encoding="utf-8-sig") if path.suffix == ".md" else ""

        def report(message: str, line: int | None, subtype: str = "front_matter") -> None:
            warn(message, subtype=subtype, location=(docname, line))  # noqa: B023

        def review_report(message: str, line: int | None) -> None:
            report(message, line, "review")

        found = read_source(text)
        for message, line in found.problems:
            report(message, line)
        guide = normalise(
            docname, found.raw, vocab, report, review=settings, review_report=review_report
        )
        pages.append(
            {
                "docname": docname,
                "url": app.builder.get_target_uri(docname),
                "title": _title(found.raw, found.text_for_parser or text, docname),
                **review_record(guide, day, within),
            }
        )
    return ReviewReport(day, within, pages)


def print_report(report: ReviewReport, out: TextIO) -> None:
    """The pages that need a review, grouped by owner (owners in alphabetical order, then
    the pages with none), overdue first."""
    order = {state: i for i, state in enumerate(NEEDS_REVIEW)}
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for page in report.pages:
        if page["status"] in order:
            groups[page["owner"]["name"] if page["owner"] else NO_OWNER].append(page)
    counts = {state: 0 for state in NEEDS_REVIEW}
    owners = sorted(o for o in groups if o != NO_OWNER) + ([NO_OWNER] if NO_OWNER in groups else [])
    for owner in owners:
        pages = sorted(groups[owner], key=lambda p: (order[p["status"]], p["docname"]))
        print(f"{owner} ({len(pages)} {'page' if len(pages) == 1 else 'pages'})", file=out)
        for page in pages:
            counts[page["status"]] += 1
            when = f"due {page['review_by']}" if page["review_by"] else "never reviewed"
            print(
                f"  {page['status']:<10}  {when:<18}  {page['docname']}  {page['title']}",
                file=out,
            )
        print(file=out)
    print(
        f"On {report.today.isoformat()}: {counts[OVERDUE]} overdue, {counts[DUE]} due within "
        f"{report.within_days} days, {counts[UNREVIEWED]} never reviewed, "
        f"{len(report.pages) - sum(counts.values())} current.",
        file=out,
    )


def make_app(
    srcdir: Path, confdir: Path | None, workdir: Path, overrides: dict[str, str] | None = None
) -> Sphinx:
    """A Sphinx application for ``srcdir`` that has read its settings and will read nothing
    else: what a build would start with, without its cost."""
    return Sphinx(
        srcdir,
        confdir,
        workdir / "html",
        workdir / "doctrees",
        "html",
        status=None,
        warning=sys.stderr,
        freshenv=True,
        confoverrides=overrides or {},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m service_manual.review",
        description="List the guides that are overdue, due for review soon or never reviewed, "
        "grouped by owner, and write every page's review state as JSON.",
    )
    parser.add_argument("sourcedir", type=Path, help="the source folder, as for sphinx-build")
    parser.add_argument(
        "-c", "--confdir", type=Path, help="the folder of conf.py (default: the source folder)"
    )
    parser.add_argument(
        "-o", "--output", type=Path, default=Path("_build/review/review.json"),
        help="where to write the JSON (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--within", type=int, metavar="DAYS",
        help="a guide is due this many days before its review date "
        "(default: service_manual_review_due_within, 30)",
    )  # fmt: skip
    parser.add_argument(
        "-D", dest="define", action="append", default=[], metavar="setting=value",
        help="override a setting of conf.py, as sphinx-build -D does",
    )  # fmt: skip
    parser.add_argument(
        "--fail-on-overdue", action="store_true", help="exit 1 when a guide is overdue"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the warnings")
    args = parser.parse_args(argv)
    if not color_terminal():  # as sphinx-build: colour only for a terminal
        nocolor()
    if not args.sourcedir.is_dir():
        parser.error(f"{args.sourcedir} is not a folder")
    if args.within is not None and args.within < 0:
        parser.error("--within must be 0 or more")
    confdir = args.confdir if args.confdir is not None else args.sourcedir
    overrides = {}
    for item in args.define:
        name, equals, value = item.partition("=")
        if not equals or not name.strip():
            parser.error(f"-D {item!r}: expected setting=value")
        overrides[name.strip()] = value
    # As sphinx-build does: docutils' registries are restored afterwards, so a second run in
    # one process starts as clean as the first.
    with (
        tempfile.TemporaryDirectory(prefix="service-manual-review-") as work,
        patch_docutils(confdir.resolve()),
        docutils_namespace(),
    ):
        app = make_app(args.sourcedir.resolve(), confdir.resolve(), Path(work), overrides)
        report = collect(app, args.within)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(report.as_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    if not args.quiet:
        print_report(report, sys.stdout)
        print(f"Written to {args.output}", file=sys.stdout)
    return 1 if args.fail_on_overdue and report.overdue else 0
