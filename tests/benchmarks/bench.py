"""``make bench``: how our extension's builds compare with plain Sphinx + MyST, in one run.

For each manual (a generated one of N guides, for each N given, and the migrated 2016 manual
when a folder is given with ``--migrated``) it measures, for our project configuration and
for a plain configuration (MyST only, same sources, our directives unknown):

- a full build with ``-j 1`` and with ``-j auto``;
- an incremental rebuild after a body edit, and after a ``phases`` edit;
- the LaTeX build (``-b latex``; plus ``latexmk`` when it is installed, ours only);
- peak memory (max resident set size of the build process and its workers).

It prints ratios against the plain build measured in the same run, and checks the issue's
targets: full build within 1.10 of plain; a ``phases`` edit within 2.0 of a plain body edit;
2,000 guides within 11 times 200 guides. Timings are the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PHASES = ["discovery", "alpha", "beta", "live", "retirement"]
ROLES = [
    "service-managers",
    "delivery-managers",
    "tech-archs",
    "developers",
    "web-ops",
    "designers",
    "content-designers",
    "user-researchers",
    "performance-analysts",
    "qa",
    "chief-technology-officers",
]
CATEGORIES = [
    "agile",
    "assisted-digital",
    "governance",
    "making-software",
    "measurement",
    "operations",
    "technology",
    "the-team",
    "user-centred-design",
]
WORDS = (
    "service user team phase data research design build test deploy measure improve "
    "content policy security support digital assisted live beta alpha discovery plan"
).split()

PLAIN_CONF = """
extensions = ["myst_parser"]
myst_title_to_header = True
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence", "deflist"]
myst_heading_anchors = 3
html_theme = "basic"
suppress_warnings = ["myst", "toc", "ref"]
"""

RUNNER = """
import resource, sys
from sphinx.cmd.build import main
code = main(sys.argv[1:])
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("MAXRSS_KB", max(me, kids), file=sys.stderr)
sys.exit(code)
"""


def _sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate_manual(dest: Path, n: int, seed: int = 2016) -> None:
    """A manual of ``n`` guides with realistic front matter, index pages and links."""
    rng = random.Random(seed)
    dest.mkdir(parents=True)
    (dest / "files").mkdir()
    (dest / "files" / "template.odt").write_bytes(b"PK" + bytes(range(256)) * 40)
    crumbs = "breadcrumbs:\n  - title: Home\n    url: /service-manual\n"
    for phase in PHASES:
        (dest / "phases").mkdir(exist_ok=True)
        (dest / "phases" / f"{phase}.md").write_text(
            f"---\nlayout: phases\ntitle: {phase.title()} phase\nsubtitle: {_sentence(rng, 6)}\n"
            f"phase: {phase}\nphases: [{phase}]\ncategory: phases\n{crumbs}---\n\n"
            f"{_sentence(rng)}\n"
        )
    for role in ROLES:
        (dest / role).mkdir()
        (dest / role / "index.md").write_text(
            f"---\nlayout: role-index\ntitle: Resources for {role}\nsubtitle: {_sentence(rng, 6)}\n"
            f"audience: {role}\n{crumbs}---\n\n{_sentence(rng)}\n"
        )
    (dest / "browse.md").write_text(f"---\nlayout: browse\ntitle: Browse\n{crumbs}---\n\nAll.\n")
    names = []
    for i in range(n):
        category = CATEGORIES[i % len(CATEGORIES)]
        folder = dest / "guides" / category
        folder.mkdir(parents=True, exist_ok=True)
        name = f"guide-{i:05d}"
        names.append(f"guides/{category}/{name}")
        phases = sorted(rng.sample(PHASES[:4], rng.randint(1, 3)))
        primary = ", ".join(rng.sample(ROLES, 2)) + ","
        secondary = rng.choice(ROLES)
        sections = []
        for s in range(4):
            sections.append(
                f"## Section {s} of guide {i}\n\n"
                + "\n\n".join(" ".join(_sentence(rng) for _ in range(4)) for _ in range(3))
            )
            other = f"guide-{rng.randrange(n):05d}"
            other_cat = CATEGORIES[int(other[6:]) % len(CATEGORIES)]
            sections.append(f"See [a related guide](../{other_cat}/{other}.md).")
        body = "\n\n".join(sections)
        video = (
            "```{video} https://www.youtube.com/watch?v=qLR1LnxplAY\nA talk about the topic.\n```\n\n"
            if i % 10 == 0
            else ""
        )
        downloads = "```{downloads}\n/files/template.odt\n```\n\n" if i % 7 == 0 else ""
        (folder / f"{name}.md").write_text(
            f"---\nlayout: detailed-guidance\ntitle: Guide number {i}\n"
            f"subtitle: {_sentence(rng, 8)}\ncategory: {category}\ntype: guide\n"
            f'audience:\n  primary: "{primary}"\n  secondary: {secondary}\nstatus: draft\n'
            f"phases:\n" + "".join(f"  - {p}\n" for p in phases) + crumbs + "---\n\n"
            f"{video}{_sentence(rng)}\n\n{body}\n\n{downloads}"
        )
    toctree = "\n".join(
        ["browse", *[f"phases/{p}" for p in PHASES], *[f"{r}/index" for r in ROLES], *names]
    )
    (dest / "index.md").write_text(
        f"---\nlayout: homepage\ntitle: Generated manual\n---\n\n```{{toctree}}\n:hidden:\n\n{toctree}\n```\n"
    )


@dataclass
class Result:
    seconds: float
    maxrss_mb: float


@dataclass
class Row:
    label: str
    ours: dict[str, Result] = field(default_factory=dict)
    plain: dict[str, Result] = field(default_factory=dict)


def sphinx(args: list[str]) -> Result:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"sphinx-build failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    rss = 0.0
    for line in proc.stderr.splitlines():
        if line.startswith("MAXRSS_KB"):
            rss = int(line.split()[1]) / 1024
    return Result(elapsed, rss)


def best(fn, repeat: int) -> Result:  # type: ignore[no-untyped-def]
    results = [fn() for _ in range(repeat)]
    return min(results, key=lambda r: r.seconds)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    path.write_text(text.replace(old, new, 1) if old else text + new)
    later = time.time() + 2
    os.utime(path, (later, later))


def measure(src: Path, work: Path, repeat: int, latexmk: bool) -> tuple[dict, dict]:
    plain_conf = work / "plain-conf"
    plain_conf.mkdir(parents=True, exist_ok=True)
    (plain_conf / "conf.py").write_text(PLAIN_CONF)
    configs = {"ours": str(REPO), "plain": str(plain_conf)}
    out: dict[str, dict[str, Result]] = {"ours": {}, "plain": {}}
    guide = next(
        p
        for p in sorted(src.rglob("*.md"))
        if "phases:" in p.read_text() and "layout: detailed" in p.read_text()
    )
    for name, confdir in configs.items():
        common = ["-q", "-c", confdir]
        for jobs in ("1", "auto"):

            def full(jobs=jobs):  # type: ignore[no-untyped-def]
                target = work / f"{name}-full-{jobs}"
                shutil.rmtree(target, ignore_errors=True)
                return sphinx([*common, "-E", "-j", jobs, "-b", "html", str(src), str(target)])

            out[name][f"full -j {jobs}"] = best(full, repeat)
        target = work / f"{name}-inc"
        shutil.rmtree(target, ignore_errors=True)
        sphinx([*common, "-b", "html", str(src), str(target)])
        original = guide.read_text()
        try:

            def body_edit():  # type: ignore[no-untyped-def]
                edit(guide, "", f"\n\nAn added sentence {time.time()}.\n")
                return sphinx([*common, "-b", "html", str(src), str(target)])

            out[name]["body edit"] = best(body_edit, repeat)
            guide.write_text(original)
            sphinx([*common, "-b", "html", str(src), str(target)])
            state = {"flip": False}

            def phases_edit():  # type: ignore[no-untyped-def]
                text = guide.read_text()
                head, sep, rest = text.partition("phases:\n")
                state["flip"] = not state["flip"]
                new_phase = "  - retirement\n" if state["flip"] else ""
                lines = rest.splitlines(keepends=True)
                lines = [ln for ln in lines if ln != "  - retirement\n"]
                guide.write_text(head + sep + new_phase + "".join(lines))
                later = time.time() + 2
                os.utime(guide, (later, later))
                return sphinx([*common, "-b", "html", str(src), str(target)])

            out[name]["phases edit"] = best(phases_edit, repeat)
        finally:
            guide.write_text(original)
        latex_out = work / f"{name}-latex"
        shutil.rmtree(latex_out, ignore_errors=True)
        out[name]["latex"] = sphinx([*common, "-E", "-b", "latex", str(src), str(latex_out)])
        if latexmk and name == "ours":
            start = time.perf_counter()
            subprocess.run(
                ["make", "-C", str(latex_out), "all-pdf"], capture_output=True, check=False
            )
            out[name]["pdf (latexmk)"] = Result(time.perf_counter() - start, 0.0)
    return out["ours"], out["plain"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000", help="generated manual sizes")
    parser.add_argument("--migrated", type=Path, help="a migrated manual (make migrate DEST)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the results here too")
    parser.add_argument("--pdf", action="store_true", help="also run latexmk (ours)")
    args = parser.parse_args(argv)

    manuals: list[tuple[str, Path]] = []
    work = Path(tempfile.mkdtemp(prefix="sm-bench-"))
    for n in [int(s) for s in args.sizes.split(",") if s]:
        dest = work / f"generated-{n}"
        generate_manual(dest, n)
        manuals.append((f"generated {n}", dest))
    if args.migrated:
        manuals.append(("migrated 2016", args.migrated.resolve()))

    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    report: dict[str, dict] = {}
    for label, src in manuals:
        ours, plain = measure(src, work / label.replace(" ", "-"), args.repeat, args.pdf)
        report[label] = {"ours": ours, "plain": plain}
        print(f"\n{label}")
        print(
            f"  {'measure':<16}{'ours s':>9}{'plain s':>9}{'ratio':>8}{'ours MB':>9}{'plain MB':>9}"
        )
        for key, result in ours.items():
            p = plain.get(key)
            ratio = f"{result.seconds / p.seconds:8.2f}" if p else "       -"
            print(
                f"  {key:<16}{result.seconds:9.2f}{(p.seconds if p else 0):9.2f}{ratio}"
                f"{result.maxrss_mb:9.0f}{(p.maxrss_mb if p else 0):9.0f}"
            )
    print("\ntargets")
    verdicts = []
    for label, data in report.items():
        ours, plain = data["ours"], data["plain"]
        full = ours["full -j 1"].seconds / plain["full -j 1"].seconds
        phases = ours["phases edit"].seconds / plain["body edit"].seconds
        verdicts.append((f"{label}: full build within 1.10 of plain", full, full <= 1.10))
        verdicts.append(
            (f"{label}: phases edit within 2.0 of plain body edit", phases, phases <= 2.0)
        )
    sizes = {int(k.split()[1]): v for k, v in report.items() if k.startswith("generated")}
    if 200 in sizes and 2000 in sizes:
        scale = sizes[2000]["ours"]["full -j 1"].seconds / sizes[200]["ours"]["full -j 1"].seconds
        verdicts.append(("2000 guides within 11x of 200", scale, scale <= 11))
    for text, value, ok in verdicts:
        print(f"  {'HOLDS ' if ok else 'MISSES'} {text}: {value:.2f}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    k: {s: {m: vars(r) for m, r in d.items()} for s, d in v.items()}
                    for k, v in report.items()
                },
                indent=1,
            )
        )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
