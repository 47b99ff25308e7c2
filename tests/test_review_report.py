"""``make review``: the guides that need a review, by owner, and ``review.json``.

``python -m service_manual.review`` is run on the ``review`` root on 15 June 2026: one guide
is overdue, one due within 30 days, one current, and two pages were never reviewed.
(``tests/migration/test_migrated_build.py`` runs it on the whole migrated manual.)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, ROOTS, SRCDIR
from index_pages_support import tree
from review_support import DAY, environ_on, epoch
from service_manual.review.report import main
from test_review_bad import EXPECTED as BAD_ROOT_WARNINGS

ROOT = ROOTS / "test-review"

PRINTED = """\
Hosting team (1 page)
  overdue     due 2026-01-10      guides/hosting  Choosing hosting

Manual team (3 pages)
  due         due 2026-07-10      guides/soon  Keeping software current
  unreviewed  never reviewed      guides/unreviewed  Writing for the web
  unreviewed  never reviewed      index  A reviewed manual

On 2026-06-15: 1 overdue, 1 due within 30 days, 2 never reviewed, 1 current.
"""

MANUAL_TEAM = {"name": "Manual team", "url": "mailto:manual@example.org"}


def run(capsys, monkeypatch, *args: str, day=DAY) -> tuple[int, str, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(day))
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_prints_the_guides_to_review_by_owner_and_writes_every_page(
    capsys, monkeypatch, tmp_path: Path
) -> None:
    before = tree(ROOT)
    output = tmp_path / "review" / "review.json"
    status, out, err = run(capsys, monkeypatch, str(ROOT), "-o", str(output))
    assert status == 0
    assert err == ""
    assert out == PRINTED + f"Written to {output}\n"
    assert json.loads(output.read_text(encoding="utf-8")) == {
        "version": 1,
        "today": "2026-06-15",
        "due_within_days": 30,
        "pages": [
            {
                "docname": "guides/hosting",
                "url": "guides/hosting.html",
                "title": "Choosing hosting",
                "owner": {"name": "Hosting team", "url": None},
                "last_reviewed_on": "2025-01-10",
                "review_by": "2026-01-10",
                "status": "overdue",
            },
            {
                "docname": "guides/soon",
                "url": "guides/soon.html",
                "title": "Keeping software current",
                "owner": MANUAL_TEAM,
                "last_reviewed_on": "2026-05-01",
                "review_by": "2026-07-10",
                "status": "due",
            },
            {
                "docname": "guides/unreviewed",
                "url": "guides/unreviewed.html",
                "title": "Writing for the web",
                "owner": MANUAL_TEAM,
                "last_reviewed_on": None,
                "review_by": None,
                "status": "unreviewed",
            },
            {
                "docname": "guides/web-operations",
                "url": "guides/web-operations.html",
                "title": "Web operations skills",
                "owner": {
                    "name": "Web operations community",
                    "url": "https://community.example.org/web-operations",
                },
                "last_reviewed_on": "2026-03-03",
                "review_by": "2026-09-03",
                "status": "current",
            },
            {
                "docname": "index",
                "url": "index.html",
                "title": "A reviewed manual",
                "owner": MANUAL_TEAM,
                "last_reviewed_on": None,
                "review_by": None,
                "status": "unreviewed",
            },
        ],
    }
    assert tree(ROOT) == before, "the source folder was written to"


def test_ci_can_fail_on_overdue_guides(capsys, monkeypatch, tmp_path: Path) -> None:
    output = str(tmp_path / "review.json")
    assert run(capsys, monkeypatch, str(ROOT), "-o", output, "--fail-on-overdue", "-q")[:2] == (
        1,
        "",
    )
    # A year earlier nothing was overdue yet (and the later review dates were in the future).
    status, out, err = run(
        capsys, monkeypatch, str(ROOT), "-o", output, "--fail-on-overdue", "-q",
        day=DAY.replace(year=2025),
    )  # fmt: skip
    assert (status, out) == (0, "")
    assert re.findall(r"^(\S+?):(\d+): WARNING: .* is in the future", err, re.MULTILINE) == [
        (str(ROOT / "guides" / "soon.md"), "5"),
        (str(ROOT / "guides" / "web-operations.md"), "6"),
        (str(ROOT / "guides" / "web-operations.md"), "11"),
        (str(ROOT / "guides" / "web-operations.md"), "11"),
    ]


def test_the_warning_period_and_the_settings_can_be_changed(
    capsys, monkeypatch, tmp_path: Path
) -> None:
    output = tmp_path / "review.json"
    status, out, _ = run(
        capsys, monkeypatch, str(ROOT), "-o", str(output), "--within", "90",
        "-D", "service_manual_default_owner=Writers",
    )  # fmt: skip
    assert status == 0
    states = {
        p["docname"]: (p["status"], p["owner"]) for p in json.loads(output.read_text())["pages"]
    }
    assert states["guides/web-operations"][0] == "due"  # 80 days ahead
    assert states["guides/unreviewed"] == ("unreviewed", {"name": "Writers", "url": None})
    assert "Writers (3 pages)" in out
    assert "1 due within 90 days" not in out and "2 due within 90 days" in out


def test_bad_front_matter_warns_as_the_build_does(capsys, monkeypatch, tmp_path: Path) -> None:
    root = ROOTS / "test-review-bad"
    status, _, err = run(capsys, monkeypatch, str(root), "-o", str(tmp_path / "r.json"), "-q")
    assert status == 0
    warnings = sorted(line.replace(str(root), SRCDIR) for line in err.splitlines())
    assert warnings == BAD_ROOT_WARNINGS  # the build's own (test_review_bad.py)


def test_it_runs_as_a_module_as_make_review_runs_it(tmp_path: Path) -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert '-m service_manual.review "$(SOURCEDIR)" -c "$(CONFDIR)"' in makefile
    done = subprocess.run(
        [sys.executable, "-m", "service_manual.review", str(ROOT), "-c", str(ROOT),
         "-o", str(tmp_path / "review.json")],
        env=environ_on(DAY), capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(PRINTED)


def test_a_bad_source_folder_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["/nonexistent/folder"])
    assert stopped.value.code == 2
    assert "is not a folder" in capsys.readouterr().err
