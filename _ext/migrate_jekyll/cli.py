"""``python -m migrate_jekyll SRC DEST [--report FILE] [--redirects FILE]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .pipeline import MigrationError, Paths, migrate


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m migrate_jekyll",
        description=(
            "Convert a Jekyll/kramdown service manual tree (SRC) into MyST sources (DEST). "
            "SRC is never modified; DEST is emptied and rewritten only if this command "
            "wrote it before."
        ),
    )
    p.add_argument("src", type=Path, metavar="SRC", help="the 2016 service-manual/ folder")
    p.add_argument("dest", type=Path, metavar="DEST", help="the folder to write MyST sources to")
    p.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="Markdown report (default: DEST/../migration-report.md; a .json twin is written "
        "beside it); must be outside DEST",
    )
    p.add_argument(
        "--redirects",
        type=Path,
        metavar="FILE",
        help="redirect map (default: DEST/../redirects.json); must be outside DEST",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    paths = Paths.of(args.src, args.dest, args.report, args.redirects)
    try:
        report = migrate(paths)
    except MigrationError as exc:
        print(f"migrate_jekyll: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        counts = report.counts
        print(
            f"{counts['pages']} pages, {counts['video']} videos, "
            f"{counts['downloads.directive']} download lists "
            f"({counts['downloads.files']} files), {counts['downloads.role']} download links, "
            f"{counts['links.page']} page links, {counts['links.asset']} file links; "
            f"{len(set(report.issues))} constructs to review"
        )
        print(f"report: {paths.report}")
        print(f"redirects: {paths.redirects}")
    return 0
