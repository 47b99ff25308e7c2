from __future__ import annotations

import yaml
from migrate_jekyll import frontmatter
from migrate_jekyll.document import split_source
from migrate_jekyll.report import Report


def normalise(data: dict, report: Report) -> dict:
    return frontmatter.normalise(data, "page.md", 1, report)


def test_audience_becomes_lists_of_slugs_with_aliases_resolved() -> None:
    report = Report()
    data = {"audience": {"primary": "service-manager, tech-arch ,", "secondary": "researchers"}}
    assert normalise(data, report)["audience"] == {
        "primary": ["service-managers", "tech-archs"],
        "secondary": ["user-researchers"],
    }
    assert report.counts["front_matter.audience_alias"] == 3


def test_every_2016_alias() -> None:
    report = Report()
    data = {"audience": {"primary": "developer, designer, analyst, researcher", "secondary": None}}
    assert normalise(data, report)["audience"] == {
        "primary": ["developers", "designers", "performance-analysts", "user-researchers"],
        "secondary": [],
    }


def test_role_page_audience_stays_a_string() -> None:
    report = Report()
    assert normalise({"audience": "developer"}, report)["audience"] == "developers"


def test_unknown_role_is_kept_and_reported() -> None:
    report = Report()
    result = normalise({"audience": {"primary": "astronauts"}}, report)
    assert result["audience"]["primary"] == ["astronauts"]
    assert [i.kind for i in report.issues] == ["front_matter.role"]


def test_empty_phases_removed_and_text_phases_split() -> None:
    report = Report()
    assert "phases" not in normalise({"title": "T", "phases": None}, report)
    assert normalise({"phases": "alpha, beta"}, report)["phases"] == ["alpha", "beta"]


def test_secondary_audience_merged() -> None:
    report = Report()
    data = {
        "title": "T",
        "secondary-audience": "designer, developer",
        "audience": {"primary": "qa", "secondary": "developers"},
    }
    result = normalise(data, report)
    assert "secondary-audience" not in result
    assert result["audience"] == {"primary": ["qa"], "secondary": ["developers", "designers"]}


def test_secondary_audience_without_audience() -> None:
    report = Report()
    result = normalise({"secondary-audience": "tech-arch"}, report)
    assert result["audience"] == {"primary": [], "secondary": ["tech-archs"]}


def test_unknown_keys_and_order_kept() -> None:
    report = Report()
    data = {"layout": "x", "long-title": True, "page_class": "wide", "title": "T"}
    assert list(normalise(data, report)) == ["layout", "long-title", "page_class", "title"]


def test_dump_round_trips_with_flow_lists() -> None:
    data = {
        "title": "Fast: feedback",
        "audience": {"primary": ["qa"], "secondary": []},
        "breadcrumbs": [{"title": "Home", "url": "/service-manual"}],
    }
    text = frontmatter.dump(data)
    assert text.startswith("---\n") and text.endswith("---\n")
    assert "primary: [qa]" in text
    assert "- title: Home" in text
    assert yaml.safe_load(text.strip("-\n")) == data


def test_front_matter_ending_the_file_without_newline() -> None:
    yaml_text, body = split_source("---\nlayout: role-index\naudience: developers\n---")
    assert yaml_text == "layout: role-index\naudience: developers"
    assert body == []


def test_no_front_matter() -> None:
    yaml_text, body = split_source("# Title\n\ntext\n")
    assert yaml_text is None
    assert [line.no for line in body] == [1, 2, 3]


def test_body_lines_keep_their_numbers() -> None:
    _, body = split_source("---\ntitle: T\n---\n\nFirst\n")
    assert [(line.no, line.text) for line in body] == [(4, ""), (5, "First")]


def test_site_checks_report_heroes_and_roles_without_pages() -> None:
    report = Report()
    fronts = {
        "devs/index.md": {"layout": "role-index", "audience": "developers", "hero": "Nope"},
        "a.md": {"title": "A", "audience": {"primary": ["developers"], "secondary": ["qa"]}},
    }
    frontmatter.check_site(fronts, report)
    assert sorted((i.file, i.kind) for i in report.issues) == [
        ("a.md", "front_matter.role_page"),
        ("devs/index.md", "front_matter.hero"),
    ]
