from __future__ import annotations

from migrate_jekyll import html
from migrate_jekyll.report import Report

from .migration_helpers import lines, texts


def convert(source: str, report: Report) -> str:
    return texts(html.convert(lines(source), "p.md", report))


def test_image_then_figcaption_becomes_a_figure() -> None:
    report = Report()
    source = (
        '<img src="/x/a.png" alt="A chart" />\n\n<figcaption>What it shows</figcaption>\n\nNext.'
    )
    assert convert(source, report) == (
        "```{figure} /x/a.png\n:alt: A chart\n\nWhat it shows\n```\n\nNext."
    )


def test_heading_keeps_an_id_it_would_not_get() -> None:
    report = Report()
    source = '<h2 class="big" id="part-1">1. First part</h2>\n\n<h3 id="second">Second</h3>'
    assert convert(source, report) == "{#part-1}\n## 1. First part\n\n### Second"


def test_list_items_with_ids_and_nested_blocks() -> None:
    report = Report()
    source = (
        '<ol class="standard">\n  <li id="c-1"><div class="point">Know users.</div>\n'
        '    <ul><li><a href="/a">A</a></li></ul></li>\n  <li id="c-2">Build.</li>\n</ol>'
    )
    assert convert(source, report) == (
        "1. []{#c-1}Know users.\n\n   * [A](/a)\n\n2. []{#c-2}Build."
    )


def test_simple_table_becomes_a_pipe_table() -> None:
    report = Report()
    source = "<table>\n<tr><th>A</th><th>B</th></tr>\n<tr><td>1</td><td>x | y</td></tr>\n</table>"
    assert convert(source, report) == "| A | B |\n| --- | --- |\n| 1 | x \\| y |"


def test_spanning_table_is_kept_and_reported() -> None:
    report = Report()
    source = '<table>\n<tr><th rowspan="2">A</th><td>1</td></tr>\n</table>\n\nAfter.'
    assert convert(source, report) == source
    [issue] = report.issues
    assert (issue.kind, issue.line) == ("html.kept", 1)


def test_unclosed_block_is_kept() -> None:
    report = Report()
    source = "<div>\nnever closed"
    assert convert(source, report) == source
    assert report.counts["html.kept"] == 1


def test_rule_and_wrapper_unwrapped() -> None:
    report = Report()
    source = 'Text.\n\n<hr>\n\n<div class="x">\n<p>One &amp; <a href="/b">two</a></p>\n</div>'
    assert convert(source, report) == "Text.\n\n---\n\nOne & [two](/b)"


def test_markdown_inside_a_div_stays_markdown() -> None:
    report = Report()
    source = '<div class="example">\n\n* one\n* two\n\n</div>'
    assert convert(source, report) == "* one\n* two"


def test_named_anchor_becomes_a_target() -> None:
    report = Report()
    assert convert('<a name="keep-me"></a>\n\n## Heading', report) == "(keep-me)=\n\n## Heading"


def test_inline_link_in_a_paragraph_becomes_markdown() -> None:
    report = Report()
    assert convert('Some <a href="/x">inline</a> link.', report) == "Some [inline](/x) link."


def test_inline_links_and_breaks() -> None:
    report = Report()
    source = (
        'Photo by <a href="https://example.org/p" target="_blank">Someone</a>.\n'
        "See the <br>\nguide.\n\n<br>\n\nA <kbd>key</kbd> and <https://example.org>."
    )
    assert convert(source, report) == (
        "Photo by [Someone](https://example.org/p).\nSee the\\\nguide.\n\n\n\n"
        "A <kbd>key</kbd> and <https://example.org>."
    )
    assert [(i.line, i.message) for i in report.issues] == [
        (7, "inline HTML kept: <kbd>"),
        (7, "inline HTML kept: </kbd>"),
    ]
