"""Incremental builds keep every list right, and rewrite only the pages an edit touches.

One copy of the ``index-pages`` root is edited step by step (a guide added, its title,
subtitle, phases, audience (alone, then with the category), type and theme changed, the
hero's title changed, a guide and a phase page deleted, a role page's role changed) and built
again each time with the same environment and output folder. After each step every page's
``<main>`` and ``guides.json`` must be what a clean build (``-E``, a new output folder) of the
same sources gives, the source folder must be as the edit left it, and for four steps the
pages Sphinx wrote are checked exactly, from its "writing output..." lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import SRCDIR, soup
from index_pages_support import (
    INDEX_PAGES,
    Project,
    Result,
    generated,
    guides_json,
    main_html,
    tree,
)

# The history fixture makes twenty-three builds.
pytestmark = pytest.mark.slow

BACKUPS = """\
---
title: Keeping backups
subtitle: Copies you can restore from
category: operations
type: guide
audience:
  primary: [web-ops]
phases: [live]
theme: maintain-and-improve
---

Test a restore every month.
"""


def body_only(p: Project) -> None:
    p.replace("guides/monitoring.md", "page someone when it breaks.", "page someone at once.")


def add_guide(p: Project) -> None:
    p.write("guides/backups.md", BACKUPS)
    p.replace("index.md", "guides/sketching\n", "guides/sketching\nguides/backups\n")


def title_and_subtitle(p: Project) -> None:
    p.replace("guides/pairing.md", "'pair programming: a primer'", "Pairing on code")
    p.replace(
        "guides/identity.md",
        "Checking identity without asking for too much",
        "Asking for just enough proof",
    )


def phases(p: Project) -> None:
    p.replace("guides/hosting.md", "phases: alpha, beta", "phases: alpha, discovery")


def audience(p: Project) -> None:
    p.replace(
        "guides/monitoring.md",
        "  primary: [web-ops]\n",
        "  primary: [web-ops]\n  secondary: [developers]\n",
    )


def audience_and_category(p: Project) -> None:
    p.replace(
        "guides/identity.md",
        "  primary: [developers]\n  secondary: [designers]",
        "  primary: [designers]\n  secondary: [developers]",
    )
    p.replace("guides/monitoring.md", "category: operations", "category: the-team")


def type_and_theme(p: Project) -> None:
    p.replace("guides/pairing.md", "type: resource", "type: guide")
    p.replace("guides/sketching.md", "theme: getting-started", "theme: agile")


def hero_and_role_titles(p: Project) -> None:
    # The developers page names "Starting a project" as its hero.
    p.replace("guides/kickoff.md", "title: Starting a project", "title: Starting a new project")
    p.replace("roles/designers.md", "title: Designers", "title: Designers and illustrators")


def delete_guide(p: Project) -> None:
    p.delete("guides/monitoring.md")
    p.replace("index.md", "guides/monitoring\n", "")


def delete_phase_page(p: Project) -> None:
    p.delete("phases/alpha.md")
    p.replace("index.md", "phases/alpha\n", "")


def delete_browse_page(p: Project) -> None:
    # A page of the header's navigation (the root's conf.py names it): every page changes.
    p.delete("browse.md")
    p.replace("index.md", "browse\n", "")


def role_page_audience(p: Project) -> None:
    # The designers' page now indexes content designers: the role links name it so.
    p.replace("roles/designers.md", "audience: designers", "audience: content-designers")


STEPS: list[tuple[str, Callable[[Project], None]]] = [
    ("body-only", body_only),
    ("add-guide", add_guide),
    ("title-and-subtitle", title_and_subtitle),
    ("phases", phases),
    ("audience", audience),
    ("audience-and-category", audience_and_category),
    ("type-and-theme", type_and_theme),
    ("hero-and-role-titles", hero_and_role_titles),
    ("delete-guide", delete_guide),
    ("delete-phase-page", delete_phase_page),
    ("delete-browse-page", delete_browse_page),
    ("role-page-audience", role_page_audience),
]
STEP_NAMES = [name for name, _ in STEPS]


@dataclass
class Output:
    """What one build wrote, read at once: the incremental output folder is built over by the
    next step."""

    result: Result
    mains: dict[str, str]
    pages: dict[str, str]  # each page's whole file, <head> and all
    lists: dict[str, list[tuple[str, Any]]]
    export: dict[str, Any]

    @classmethod
    def of(cls, result: Result, docnames: list[str]) -> Output:
        return cls(
            result,
            {d: main_html(result.outdir, d) for d in docnames},
            {d: (result.outdir / f"{d}.html").read_text(encoding="utf-8") for d in docnames},
            {d: generated(soup(result.outdir / f"{d}.html")) for d in INDEX_PAGES if d in docnames},
            guides_json(result.outdir),
        )


@dataclass
class Step:
    incremental: Output
    fresh: Output
    docnames: list[str]
    source_before: dict[str, tuple[int, int]]
    source_after: dict[str, tuple[int, int]]


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Build the root, then each step in turn; keep what every build wrote."""
    project = Project("index-pages", tmp_path_factory.mktemp("incremental"))
    first = project.build()
    assert first.warnings == []
    kept: dict[str, Any] = {"first": Output.of(first, project.docnames())}
    steps: dict[str, Step] = {}
    for name, edit in STEPS:
        edit(project)
        before = tree(project.srcdir)
        incremental = project.build()
        after = tree(project.srcdir)
        fresh = project.fresh_build(tmp_path_factory.mktemp(f"fresh-{name}"))
        docnames = project.docnames()
        steps[name] = Step(
            Output.of(incremental, docnames), Output.of(fresh, docnames), docnames, before, after
        )
    kept["steps"] = steps
    return kept


@pytest.mark.parametrize("name", STEP_NAMES)
def test_every_page_is_what_a_clean_build_gives(history, name: str) -> None:
    step: Step = history["steps"][name]
    # First the lists, which make a readable failure; then <main>; then the whole file, with
    # the <link rel="next|prev|up"> titles of its <head>.
    assert step.incremental.lists == step.fresh.lists
    assert [d for d in step.docnames if step.incremental.mains[d] != step.fresh.mains[d]] == []
    assert [d for d in step.docnames if step.incremental.pages[d] != step.fresh.pages[d]] == []


@pytest.mark.parametrize("name", STEP_NAMES)
def test_guides_json_is_what_a_clean_build_gives(history, name: str) -> None:
    step: Step = history["steps"][name]
    assert step.incremental.export == step.fresh.export
    assert [r["docname"] for r in step.incremental.export["guides"]] == step.docnames


@pytest.mark.parametrize("name", STEP_NAMES)
def test_nothing_is_written_into_the_source_folder(history, name: str) -> None:
    step: Step = history["steps"][name]
    assert step.source_after == step.source_before


@pytest.mark.parametrize("name", STEP_NAMES)
def test_each_step_is_read_incrementally(history, name: str) -> None:
    """The environment is reused: only the edited files are read again."""
    status = history["steps"][name].incremental.result.status
    assert "loading pickled environment" in status
    assert "updating environment: [new config]" not in status


def test_the_steps_change_what_index_pages_list(history) -> None:
    """The steps are real tests: each changes what some index page lists, but the body edit
    and the deleted phase page (which changes tag links, checked below)."""
    previous: Output = history["first"]
    unchanged = []
    for name in STEP_NAMES:
        step: Step = history["steps"][name]
        if all(step.fresh.lists[d] == previous.lists[d] for d in step.fresh.lists):
            unchanged.append(name)
        previous = step.fresh
    # (Deleting the browse page changes the role pages, whose "Browse all guides" link goes.)
    assert unchanged == ["body-only", "delete-phase-page"]


# ----------------------------------------------------------------------------- what is written

# Sphinx itself rewrites the page whose toctree holds an edited page (here the home page).
TOCTREE = "index"


def test_body_only_edit_rewrites_no_index_page(history) -> None:
    assert history["steps"]["body-only"].incremental.result.written == {
        "guides/monitoring",
        TOCTREE,
    }


def test_phases_edit_rewrites_exactly_the_pages_that_list_the_guide(history) -> None:
    # Choosing hosting moved from alpha and beta to alpha and discovery.
    assert history["steps"]["phases"].incremental.result.written == {
        "guides/hosting",
        TOCTREE,
        # the phase pages it leaves and joins; phases/alpha, which it stays on, shows it as
        # before, and so do its role, browse, theme and other {guide-list} pages (a guide's
        # phases only decide which lists of phases show it)
        "phases/beta",
        "phases/discovery",
        "lists",  # its {guide-list} of beta's guides
    }


def test_audience_edit_rewrites_exactly_the_pages_that_select_by_it(history) -> None:
    # Monitoring a live service, for web-ops, is now also for developers (secondary).
    assert history["steps"]["audience"].incremental.result.written == {
        "guides/monitoring",
        TOCTREE,
        # the role page and the {guide-list} that now list it; its phase, browse, theme and
        # web-ops pages show it as before (audiences only select a guide; no list shows them)
        "roles/developers",
        "lists",
    }


def test_deleting_a_phase_page_rewrites_the_guides_whose_tags_linked_to_it(history) -> None:
    step: Step = history["steps"]["delete-phase-page"]
    assert step.incremental.result.written == {
        TOCTREE,
        "guides/hosting",
        "guides/identity",
        "guides/pairing",
        # the pages before and after it in the table of contents: their <link rel="next">
        # and <link rel="prev"> named it
        "phases/discovery",
        "phases/beta",
    }
    page = BeautifulSoup(step.incremental.mains["guides/identity"], "html.parser")
    phase_tags = page.select(".sm-tag--phase")
    assert [(t.name, t.get_text()) for t in phase_tags] == [("a", "Discovery"), ("span", "Alpha")]


def test_deleting_a_page_of_the_navigation_rewrites_every_page(history) -> None:
    step: Step = history["steps"]["delete-browse-page"]
    assert step.incremental.result.written == set(step.docnames)
    page = BeautifulSoup(step.incremental.pages["guides/hosting"], "html.parser")
    links = page.select(".govuk-service-navigation__link")
    assert [a.get_text(strip=True) for a in links] == ["Home", "Phases"]


def index_warnings(output: Output) -> list[str]:
    return [w for w in output.result.warnings if "[service_manual.index]" in w]


def test_a_hero_whose_title_changed_warns_and_the_guide_is_listed(history) -> None:
    step: Step = history["steps"]["hero-and-role-titles"]
    hero_warning = (
        f"{SRCDIR}/roles/developers.md:6: WARNING: hero 'Starting a project' is not the title "
        "of any page; no promo is shown [service_manual.index]"
    )
    assert index_warnings(step.incremental) == index_warnings(step.fresh) == [hero_warning]
    lists = step.incremental.lists["roles/developers"]
    assert lists[:2] == [
        ("heading", "Guides"),
        ("list", ["Pairing on code", "Starting a new project"]),
    ]
    # The role links name each role, whatever its page's title.
    assert lists[-2] == (
        "roles",
        [("Developers", None), ("Web operations", "web-ops.html"), ("Designers", "designers.html")],
    )


def test_a_deleted_phase_page_warns_once(history) -> None:
    step: Step = history["steps"]["delete-phase-page"]
    expected = [
        f"{SRCDIR}/guides/hosting.md:9: WARNING: no index page for phase 'alpha' (a page with "
        "layout: phases and phase: alpha); its tags on 3 page(s) are shown as plain text "
        "[service_manual.index]",
        f"{SRCDIR}/roles/developers.md:6: WARNING: hero 'Starting a project' is not the title "
        "of any page; no promo is shown [service_manual.index]",
    ]
    assert index_warnings(step.incremental) == index_warnings(step.fresh) == expected
