"""Incremental soak: rounds of edits, additions and deletions, each followed by an incremental
build that must give exactly what a fresh build of the same sources gives.

The ``hostile-soak`` root is a small manual: ten guides, four phase pages, three role pages,
browse, themes and a page of ``{guide-list}`` blocks. A seeded ``random.Random`` changes
front matter (title, subtitle, phases, audience, category, type, theme, breadcrumbs) and
bodies, adds and deletes guides, moves a role page's hero and takes a phase page away and
back. After every round every file of the output (each page whole, ``guides.json``, the
search index ...) is compared with a fresh build. Guides never link to each other in their
bodies: Sphinx does not rewrite a page whose cross-reference target was deleted, and that is
not ours to test.

Each round makes the next two edits of :data:`KINDS`, which lists every kind of edit the soak
makes, and zero or one random edit besides. The default number of rounds makes each kind at
least once; ``pytest --soak-rounds=50`` (``tests/conftest.py``) runs the long soak.

Also here: two fresh builds are identical byte for byte, and the page of a deleted guide is
gone from the output folder after an incremental build (Sphinx alone would leave it there).
"""

from __future__ import annotations

import difflib
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOTS
from hostile_support import Built, build_in, bump_mtime, html_pages

ROOT = ROOTS / "test-hostile-soak"
SEED = 2016

TITLES = [
    "Choosing a programming language",
    "Choosing hosting",
    "Making prototypes",
    "Planning user research",
    "Templates for the team",
    "Securing the service",
    "Measuring success",
    "Running stand-ups",
    "Monitoring the service",
    "Making the service accessible",
    "Writing for the web",
    "Pairing on code",
    "Working in the open",
    "Preparing for an assessment",
    "Retiring a service",
]
SUBTITLES = [
    "What to think about first",
    "A short guide",
    "For teams starting out",
    "Lessons from other teams",
    "What good looks like",
]
PHASES = ["discovery", "alpha", "beta", "live", "retirement"]  # retirement has no page
ROLES = ["developers", "designers", "web-ops", "qa"]  # qa has no page
CATEGORIES = ["technology", "operations", "agile", "user-centred-design", "measurement"]
THEMES = ["getting-started", "design-and-build", "agile", "maintain-and-improve"]
WORDS = ["service", "users", "team", "code", "data", "design", "test", "build", "run", "plan"]
NEW_NAMES = [f"new-{i:02d}" for i in range(40)]


FRONT_MATTER_KEYS = [
    "title",
    "subtitle",
    "phases",
    "audience",
    "category",
    "type",
    "theme",
    "breadcrumbs",
]

# Every kind of edit the soak makes, as (method of Manual, its arguments): the rounds make
# them in this order, two a round, and start again at the top when the list runs out.
KINDS: list[tuple[str, ...]] = [
    ("edit_front_matter", "title"),
    ("add_guide",),
    ("edit_front_matter", "phases"),
    ("toggle_phase_page",),
    ("edit_front_matter", "audience"),
    ("delete_guide",),
    ("edit_front_matter", "category"),
    ("move_hero",),
    ("edit_front_matter", "breadcrumbs"),
    ("toggle_phase_page",),
    ("edit_front_matter", "type"),
    ("edit_body",),
    ("edit_front_matter", "subtitle"),
    ("touch",),
    ("edit_front_matter", "theme"),
]
# What each kind of edit writes in the log. The phase page is taken away by the first toggle
# and put back by the second, whoever made them; a guide's name has no folder.
LOGGED = [
    *(rf"^[\w-]+: {key} = " for key in FRONT_MATTER_KEYS),
    r"^new-\d+: added ",
    r"^[\w-]+: deleted$",
    r"^phases/live: deleted$",
    r"^phases/live: restored$",
    r"^roles/[\w-]+: hero = ",
    r"^[\w-]+: new body$",
    r"^[\w-]+: saved unchanged$",
]
# Enough rounds for every kind of edit: the default of ``--soak-rounds``.
DEFAULT_ROUNDS = -(-len(KINDS) // 2)


@dataclass
class Page:
    front_matter: dict[str, Any]
    body: str

    def text(self) -> str:
        block = yaml.safe_dump(self.front_matter, sort_keys=False, allow_unicode=True)
        return f"---\n{block}---\n\n{self.body}"

    @classmethod
    def read(cls, path: Path) -> Page:
        _, block, body = path.read_text(encoding="utf-8").split("---\n", 2)
        return cls(yaml.safe_load(block), body.lstrip("\n"))


@dataclass
class Manual:
    """The sources, as the soak sees them, and the edits it makes to them."""

    srcdir: Path
    rng: random.Random
    guides: dict[str, Page] = field(default_factory=dict)
    ever: set[str] = field(default_factory=set)
    log: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        for path in sorted((self.srcdir / "guides").glob("*.md")):
            self.guides[path.stem] = Page.read(path)
        self.ever = set(self.guides)

    def write(self, relative: str, text: str) -> None:
        path = self.srcdir / relative
        path.write_text(text, encoding="utf-8")
        self.written.append(path)

    def save(self, name: str) -> None:
        self.write(f"guides/{name}.md", self.guides[name].text())

    # -- what a writer might do

    def random_body(self) -> str:
        rng = self.rng
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))).capitalize() + "."
            for _ in range(rng.randint(1, 3))
        ]
        sections = [
            f"## {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {i}\n\n"
            + " ".join(rng.choice(WORDS) for _ in range(6))
            + "."
            for i in range(rng.randint(0, 3))
        ]
        return "\n\n".join(paragraphs + sections) + "\n"

    def random_value(self, key: str) -> Any:
        rng = self.rng
        if key == "title":
            return rng.choice(TITLES)
        if key == "subtitle":
            return rng.choice([*SUBTITLES, None])
        if key == "phases":
            return rng.sample(PHASES, rng.randint(0, 3))
        if key == "audience":
            return {
                "primary": rng.sample(ROLES, rng.randint(0, 2)),
                "secondary": rng.sample(ROLES, rng.randint(0, 2)),
            }
        if key == "category":
            return rng.choice([*CATEGORIES, None])
        if key == "type":
            return rng.choice(["guide", "guide", "resource", "category-index"])
        if key == "theme":
            return rng.choice([*THEMES, None])
        if key == "breadcrumbs":
            if rng.random() < 0.3:
                return None
            urls = [
                "/service-manual",
                "/service-manual/phases/alpha",
                "/service-manual/phases/live",
                "https://www.gov.uk/service-manual",
                *(f"/service-manual/guides/{name}" for name in sorted(self.ever)),
            ]
            return [
                {"title": rng.choice(TITLES), "url": rng.choice(urls)}
                for _ in range(rng.randint(1, 3))
            ]
        raise AssertionError(key)

    def edit_front_matter(self, key: str | None = None) -> None:
        name = self.rng.choice(sorted(self.guides))
        key = key or self.rng.choice(FRONT_MATTER_KEYS)
        value = self.random_value(key)
        front_matter = self.guides[name].front_matter
        if value is None:
            front_matter.pop(key, None)
        else:
            front_matter[key] = value
        self.log.append(f"{name}: {key} = {value!r}")
        self.save(name)

    def edit_body(self) -> None:
        name = self.rng.choice(sorted(self.guides))
        self.guides[name].body = self.random_body()
        self.log.append(f"{name}: new body")
        self.save(name)

    def add_guide(self) -> None:
        name = next(n for n in NEW_NAMES if n not in self.ever)
        front_matter = {"title": self.rng.choice(TITLES)}
        for key in ("subtitle", "category", "type", "phases", "audience", "theme"):
            value = self.random_value(key)
            if value is not None:
                front_matter[key] = value
        self.guides[name] = Page(front_matter, self.random_body())
        self.ever.add(name)
        self.log.append(f"{name}: added {front_matter!r}")
        self.save(name)

    def delete_guide(self) -> None:
        if len(self.guides) <= 4:
            return self.add_guide()
        name = self.rng.choice(sorted(self.guides))
        del self.guides[name]
        (self.srcdir / "guides" / f"{name}.md").unlink()
        self.log.append(f"{name}: deleted")
        return None

    def move_hero(self) -> None:
        role = self.rng.choice(["developers", "designers", "web-ops"])
        page = Page.read(self.srcdir / "roles" / f"{role}.md")
        page.front_matter["hero"] = self.rng.choice(TITLES)
        self.log.append(f"roles/{role}: hero = {page.front_matter['hero']!r}")
        self.write(f"roles/{role}.md", page.text())

    def toggle_phase_page(self) -> None:
        path = self.srcdir / "phases" / "live.md"
        if path.exists():
            path.unlink()
            self.log.append("phases/live: deleted")
        else:
            self.write("phases/live.md", (ROOT / "phases" / "live.md").read_text())
            self.log.append("phases/live: restored")

    def touch(self) -> None:
        name = self.rng.choice(sorted(self.guides))
        self.log.append(f"{name}: saved unchanged")
        self.save(name)

    def round(self, number: int) -> None:
        self.log.append(f"-- round {number}")
        for i in (2 * number - 2, 2 * number - 1):
            method, *args = KINDS[i % len(KINDS)]
            getattr(self, method)(*args)
        operations = [
            (self.edit_front_matter, 40),
            (self.edit_body, 12),
            (self.add_guide, 14),
            (self.delete_guide, 14),
            (self.move_hero, 8),
            (self.toggle_phase_page, 6),
            (self.touch, 6),
        ]
        for _ in range(self.rng.randint(0, 1)):
            (operation,) = self.rng.choices(
                [op for op, _ in operations], weights=[w for _, w in operations]
            )
            operation()
        for path in self.written:
            bump_mtime(path, number)
        self.written.clear()


def pages(built: Built) -> set[str]:
    return {p.relative_to(built.outdir).as_posix() for p in html_pages(built.outdir)}


def differences(incremental: Built, fresh: Built, deleted: set[str]) -> list[str]:
    """Every file of the output that the incremental build has and a fresh build has not, or
    the other way round, or that differs: pages whole (<head> too), guides.json, the search
    index, everything under _static and _sources."""
    found = []
    have, want = all_files(incremental), all_files(fresh)
    if want.keys() - have.keys():
        found.append(f"lost files: {sorted(want.keys() - have.keys())}")
    # The extension removes the page of a deleted source (Sphinx itself would leave it).
    if have.keys() - want.keys():
        found.append(f"files that should not be there: {sorted(have.keys() - want.keys())}")
    for name in sorted(want.keys() & have.keys()):
        if have[name] == want[name]:
            continue
        if name.endswith(".html"):
            diff = difflib.unified_diff(
                want[name].decode().splitlines(),
                have[name].decode().splitlines(),
                "fresh",
                "incremental",
                lineterm="",
                n=1,
            )
            found.append(f"{name} differs:\n" + "\n".join(list(diff)[:40]))
        else:
            found.append(f"{name} differs")
    return found


def all_files(built: Built) -> dict[str, bytes]:
    return {
        p.relative_to(built.outdir).as_posix(): p.read_bytes()
        for p in sorted(built.outdir.rglob("*"))
        if p.is_file() and ".doctrees" not in p.parts
    }


@pytest.fixture
def soak_rounds(request: pytest.FixtureRequest) -> int:
    rounds = request.config.getoption("--soak-rounds")
    return DEFAULT_ROUNDS if rounds is None else int(rounds)


@pytest.mark.slow
def test_rounds_of_edits_build_as_fresh_builds_do(tmp_path: Path, soak_rounds: int) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOT, srcdir)
    manual = Manual(srcdir, random.Random(SEED))
    build_in(srcdir, tmp_path / "incremental")
    for number in range(1, soak_rounds + 1):
        manual.round(number)
        incremental = build_in(srcdir, tmp_path / "incremental", freshenv=False)
        fresh_dir = tmp_path / "fresh"
        shutil.rmtree(fresh_dir, ignore_errors=True)
        fresh = build_in(srcdir, fresh_dir)
        deleted = manual.ever - set(manual.guides)
        found = differences(incremental, fresh, deleted)
        assert not found, "\n".join([*manual.log, "", *found])
    # The rounds did what they are for: every kind of edit, at least once.
    log = "\n".join(manual.log)
    assert [kind for kind in LOGGED if not re.search(kind, log, re.MULTILINE)] == []


# ----------------------------------------------------------------------------- determinism

# Sphinx's pickled environment records when each document was read.
VOLATILE = {"doctrees/environment.pickle"}


def every_file(builddir: Path) -> dict[str, bytes]:
    return {
        p.relative_to(builddir).as_posix(): p.read_bytes()
        for p in sorted(builddir.rglob("*"))
        if p.is_file()
    }


def test_two_fresh_builds_are_identical_byte_for_byte(tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOT, srcdir)
    first, second = (every_file(build_in(srcdir, tmp_path / n).outdir.parent) for n in "ab")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == sorted(VOLATILE)


def test_an_incremental_build_removes_the_page_of_a_deleted_guide(tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOT, srcdir)
    built = build_in(srcdir, tmp_path / "build")
    assert (built.outdir / "guides" / "monitoring.html").is_file()
    (srcdir / "guides" / "monitoring.md").unlink()
    built = build_in(srcdir, tmp_path / "build", freshenv=False)
    assert not (built.outdir / "guides" / "monitoring.html").exists()
