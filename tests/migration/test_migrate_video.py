from __future__ import annotations

from migrate_jekyll import html
from migrate_jekyll.report import Report

from .migration_helpers import lines, texts

EXPECTED = "```{video} https://www.youtube.com/watch?v=abc123\nA talk about *things*.\n```"


def test_one_line_figure() -> None:
    report = Report()
    source = (
        'Intro.\n\n<figure class="media-player-wrapper video"><a href="https://www.youtube.com/'
        'watch?v=abc123">A talk about <em>things</em>.</a></figure>\n\nAfter.'
    )
    assert texts(html.convert(lines(source), "p.md", report)) == f"Intro.\n\n{EXPECTED}\n\nAfter."
    assert report.counts["video"] == 1
    assert report.counts["html.converted"] == 0


def test_figure_over_several_lines_with_size_attributes() -> None:
    report = Report()
    source = (
        '<figure class="media-player-wrapper video" width="420" height="260" >\n'
        '\t<a href="https://www.youtube.com/watch?v=abc123">A talk\n  about <em>things</em>.</a\n'
        "\t>\n</figure>"
    )
    assert texts(html.convert(lines(source), "p.md", report)) == EXPECTED


def test_figure_inside_a_wrapper_div() -> None:
    report = Report()
    source = (
        '<div class="intro">\n  <figure class="media-player-wrapper video"><a href="https://www.'
        'youtube.com/watch?v=abc123">A talk about <em>things</em>.</a></figure>\n\n'
        "  <p>Some <strong>prose</strong>.</p>\n</div>"
    )
    assert texts(html.convert(lines(source), "p.md", report)) == f"{EXPECTED}\n\nSome **prose**."
    assert report.counts["video"] == 1
