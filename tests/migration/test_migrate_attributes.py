from __future__ import annotations

from migrate_jekyll import attributes
from migrate_jekyll.report import Report

from .migration_helpers import lines, texts


def convert(text: str, report: Report) -> str:
    return texts(attributes.convert(lines(text), "p.md", report))


def test_ial_before_a_paragraph() -> None:
    report = Report()
    assert convert("{:.intro}\nFirst paragraph.", report) == "{.intro}\nFirst paragraph."


def test_ial_with_space_before_a_list() -> None:
    report = Report()
    assert convert("{: .link-list}\n* [A](/a)", report) == "{.link-list}\n* [A](/a)"


def test_ial_after_a_heading_moves_above_it() -> None:
    report = Report()
    assert convert('## Fast feedback\n{: id="quick"}\n\nText', report) == (
        "{#quick}\n## Fast feedback\n\nText"
    )


def test_redundant_id_dropped() -> None:
    report = Report()
    assert convert('## Fast feedback\n{: id="fast-feedback"}\n\nText', report) == (
        "## Fast feedback\n\nText"
    )
    assert report.counts["attributes.redundant_id"] == 1


def test_ial_after_a_paragraph_moves_to_its_start() -> None:
    report = Report()
    assert convert("One\ntwo\n{: .note #n1}", report) == "{#n1 .note}\nOne\ntwo"


def test_blank_line_between_ial_and_block_removed() -> None:
    report = Report()
    assert convert("{:.left}\n\n![x](/y.png)", report) == "{.left}\n![x](/y.png)"


def test_span_ial() -> None:
    report = Report()
    assert convert("Some *word*{:.hl} here", report) == "Some *word*{.hl} here"
    assert report.counts["attributes.span"] == 1


def test_myst_attributes() -> None:
    assert attributes.myst_attributes('.a id="b" class="c d" data-x="1"') == (
        '{#b .a .c .d data-x="1"}'
    )
