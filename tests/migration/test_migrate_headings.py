from __future__ import annotations

from migrate_jekyll import headings
from migrate_jekyll.report import Report

from .migration_helpers import lines, texts


def test_missing_space_fixed() -> None:
    report = Report()
    result = headings.fix_syntax(lines("##Heading\n###Sub\n#### Fine"), "p.md", report)
    assert texts(result) == "## Heading\n### Sub\n#### Fine"
    assert report.counts["headings.space"] == 2


def test_one_line_setext_heading() -> None:
    report = Report()
    result = headings.fix_syntax(lines("Intro\n\nTitle\n-----\n\nText"), "p.md", report)
    assert texts(result) == "Intro\n\n## Title\n\nText"


def test_rule_under_a_paragraph_stays_a_rule() -> None:
    report = Report()
    result = headings.fix_syntax(lines("\nOne\ntwo\n---"), "p.md", report)
    assert texts(result) == "\nOne\ntwo\n\n---"


def levels(text: str, report: Report) -> list[int]:
    result = headings.normalise_levels(lines(text), report)
    return [len(line.text.split(" ")[0]) for line in result if line.text.startswith("#")]


def test_levels_start_at_two_and_never_skip() -> None:
    report = Report()
    assert levels("### A\n### B\n#### C\n## D\n### E", report) == [2, 2, 3, 2, 3]
    assert levels("# A\n# B\n## C", report) == [2, 2, 3]
    assert levels("## A\n## B\n# C\n## D", report) == [2, 2, 2, 3]
    assert levels("## A\n#### B\n###### C\n### D", report) == [2, 3, 4, 3]


def test_levels_leave_code_alone() -> None:
    report = Report()
    text = "```\n# not a heading\n```\n### Real"
    assert texts(headings.normalise_levels(lines(text), report)) == (
        "```\n# not a heading\n```\n## Real"
    )


def test_kramdown_id_written_when_markup_changes_it() -> None:
    report = Report()
    result = headings.keep_kramdown_ids(lines("## See [this](/x)\n\n## Plain"), report)
    assert texts(result) == "{#see-thisx}\n## See [this](/x)\n\n## Plain"
