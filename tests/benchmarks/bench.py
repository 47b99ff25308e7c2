"""``make bench``: how our extension's builds compare with plain Sphinx + MyST, in one run.

For each manual (a generated one of N guides, for each N given, and the migrated 2016 manual
when a folder is given with ``--migrated``) it measures, for our project configuration and
for a plain configuration (MyST only, same sources, our directives unknown):

- a full build with ``-j 1`` and with ``-j auto``;
- an incremental rebuild after a body edit, and after a ``phases`` edit;
- the LaTeX build (``-b latex``; plus ``latexmk`` when it is installed, ours only);
- peak memory (max resident set size of the build process and its workers).

Then the limits (``--limits``, on by default): a guide of 1 MB, a front matter block of
10,000 keys and a title of 10,000 characters, each built at a quarter of its size and at its
size in one process after a warm-up build, ours and plain. A linear build takes about 4 times
as long for 4 times the input, a quadratic one 16. ``tests/test_limits.py`` checks that the
same pages build correctly.

It prints ratios against the plain build measured in the same run, and checks the issue's
targets: full build within 1.10 of plain; a ``phases`` edit within 2.0 of a plain body edit;
2,000 guides within 11 times 200 guides; 4 times each limit's input within 8 times the time.
Timings are the best of ``--repeat`` runs, except the full ``-j 1`` build that the first
target is about: it is built ``--pairs`` times with each configuration, in turn (ours, plain,
plain, ours, ours, plain …, so that neither always goes first), and the ratio is taken pair by
pair. On a shared machine a single build's CPU time moves by 10 % and more with what else
runs; two builds made one after the other see much the same machine. The median of the pair
ratios is the figure checked, and the smallest and largest pair are printed beside it.

On the migrated manual it also measures the live preview (``preview_latency.py``): the
save-to-page latency of ``make livehtml`` against plain sphinx-autobuild on the plain
configuration, over ``--preview-edits`` edits of every kind, median and 90th percentile.
Without ``--migrated`` the 2016 corpus (``../shared/corpus``) is migrated into the run's
temporary folder first, when it is there.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from service_manual.config import DEFAULT_PHASES, DEFAULT_ROLES

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "gds-service-manual-2016" / "service-manual"

PHASES = list(DEFAULT_PHASES)
ROLES = list(DEFAULT_ROLES)
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
WORDS = (  # noqa: SIM905
    "service user team phase data research design build test deploy measure improve content "
    "policy security support digital assisted live beta alpha discovery plan"
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
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print("MAXRSS_KB", max(me.ru_maxrss, kids.ru_maxrss), file=sys.stderr)
print("CPU_S", me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, file=sys.stderr)
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
            "```{video} https://www.youtube.com/watch?v=qLR1LnxplAY\n"
            "A talk about the topic.\n```\n\n"
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
        "---\nlayout: homepage\ntitle: Generated manual\n---\n\n"
        f"```{{toctree}}\n:hidden:\n\n{toctree}\n```\n"
    )


# ----------------------------------------------------------------------------- limits

LIMIT_INDEX = "---\ntitle: Home\n---\n\n```{toctree}\npage\n```\n"
LIMIT_PARAGRAPH = (
    "A paragraph of a long guide, with *emphasis*, `code` and a "
    "[link](https://www.gov.uk/service-manual). " * 4
) + "\n\n"


def long_guide(size: int) -> str:
    """A guide of ``size`` bytes: sections of five paragraphs, each section a Contents entry."""
    parts = ["---\ntitle: A long guide\ncategory: technology\ntype: guide\n---\n\n"]
    total, number = len(parts[0]), 0
    while total < size:
        section = f"## Section {number}\n\n" + LIMIT_PARAGRAPH * 5
        parts.append(section)
        total += len(section)
        number += 1
    return "".join(parts)


def many_keys(count: int) -> str:
    keys = "".join(f"key-{i}: value {i}\n" for i in range(count))
    return f"---\ntitle: Many keys\n{keys}---\n\nThe body after {count} keys.\n"


def long_title(length: int) -> str:
    title = ("Wordy " * (length // 6 + 1))[:length].strip()
    return f"---\ntitle: {title}\nsubtitle: {title}\n---\n\nThe body under a long title.\n"


# Each limit: the page it makes of a given size, and the size the manual must take.
LIMITS: dict[str, tuple[Callable[[int], str], int]] = {
    "guide of 1 MB": (long_guide, 1024 * 1024),
    "10,000 keys": (many_keys, 10_000),
    "title of 10,000": (long_title, 10_000),
}


def write_limit_site(dest: Path, page: str) -> Path:
    """A two-page site: a home page and ``page``."""
    dest.mkdir(parents=True)
    (dest / "index.md").write_text(LIMIT_INDEX, encoding="utf-8")
    (dest / "page.md").write_text(page, encoding="utf-8")
    return dest


# Builds several sites in one process and prints each build's CPU time: the first (the
# warm-up) pays for the imports, so the ratio of the others is the build's own.
LIMIT_RUNNER = """
import sys, time
from sphinx.cmd.build import build_main
confdir, *sites = sys.argv[1:]
for site in sites:
    start = time.process_time()
    code = build_main(["-q", "-E", "-c", confdir, "-b", "html", site, site + "-html"])
    print("CPU_S", time.process_time() - start, code, file=sys.stderr)
"""


@dataclass
class Result:
    """``seconds`` is CPU time (user + system, workers included): on a shared machine it moves
    far less with other load than wall time, which is kept as ``wall``."""

    seconds: float
    maxrss_mb: float
    wall: float


def sphinx(args: list[str]) -> Result:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"sphinx-build failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    rss, cpu = 0.0, wall
    for line in proc.stderr.splitlines():
        if line.startswith("MAXRSS_KB"):
            rss = int(line.split()[1]) / 1024
        elif line.startswith("CPU_S"):
            cpu = float(line.split()[1])
    return Result(cpu, rss, wall)


def touch_later(path: Path) -> None:
    later = time.time() + 2
    os.utime(path, (later, later))


def toggle_retirement(text: str) -> str:
    """Add ``retirement`` to a guide's ``phases`` (a flow or block YAML list), or take it out."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("phases:"))
    flow = FLOW_PHASES.match(lines[start])
    if flow:
        items = [p.strip() for p in flow[1].split(",") if p.strip()]
        items = (
            [p for p in items if p != "retirement"]
            if "retirement" in items
            else [
                "retirement",
                *items,
            ]
        )
        lines[start] = f"phases: [{', '.join(items)}]"
        return "\n".join(lines)
    end = start + 1
    while end < len(lines) and BLOCK_ITEM.match(lines[end]):
        end += 1
    block = lines[start + 1 : end]
    indent = BLOCK_ITEM.match(block[0])[1] if block else "  "  # type: ignore[index]
    if f"{indent}- retirement" in block:
        block.remove(f"{indent}- retirement")
    else:
        block.insert(0, f"{indent}- retirement")
    return "\n".join(lines[: start + 1] + block + lines[end:])


FLOW_PHASES = re.compile(r"^phases: \[(.*)\]\s*$")
BLOCK_ITEM = re.compile(r"^(\s*)- \S")


def has_phase_list(text: str) -> bool:
    """A guide whose phases are a non-empty list, in either YAML style."""
    return "layout: detailed-guidance" in text and (
        re.search(r"^phases:\n\s*- ", text, re.M) is not None
        or re.search(r"^phases: \[\w", text, re.M) is not None
    )


class Measure:
    """Every measurement of one manual with one configuration."""

    def __init__(self, src: Path, work: Path, confdir: str, repeat: int) -> None:
        self.src, self.work, self.repeat = src, work, repeat
        self.common = ["-q", "-c", confdir]

    def build(self, out: Path, *extra: str) -> Result:
        return sphinx([*self.common, *extra, str(self.src), str(out)])

    def best(self, results: list[Result]) -> Result:
        return min(results, key=lambda r: r.seconds)

    def full_once(self, jobs: str) -> Result:
        out = self.work / f"full-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        return self.build(out, "-E", "-j", jobs, "-b", "html")

    def full(self, jobs: str) -> Result:
        return self.best([self.full_once(jobs) for _ in range(self.repeat)])

    def incremental(self, guide: Path, change) -> Result:  # type: ignore[no-untyped-def]
        out = self.work / "incremental"
        original = guide.read_text()
        try:
            self.build(out, "-b", "html")
            runs = []
            for _ in range(self.repeat):
                guide.write_text(change(guide.read_text()))
                touch_later(guide)
                runs.append(self.build(out, "-b", "html"))
            return self.best(runs)
        finally:
            guide.write_text(original)
            touch_later(guide)

    def latex(self) -> Result:
        out = self.work / "latex"
        shutil.rmtree(out, ignore_errors=True)
        return self.build(out, "-E", "-b", "latex")


def median_interval(values: list[float], confidence: float = 0.95) -> tuple[float, float] | None:
    """Where the median of what was sampled lies, from the order statistics alone (no
    assumption about the spread): the k-th smallest and k-th largest value, with k as large as
    keeps the chance of missing at most ``1 - confidence``. None when there are too few values
    (fewer than 6 at 95 %)."""
    n = len(values)
    ordered = sorted(values)
    below = 0.0  # P(fewer than k of n values fall below the median)
    best = None
    for k in range(1, n // 2 + 1):
        below += math.comb(n, k - 1) / 2**n
        if 2 * below > 1 - confidence:
            break
        best = (ordered[k - 1], ordered[n - k])
    return best


@dataclass
class Pairs:
    """Full ``-j 1`` builds of one manual, ours and plain in turn: ``runs`` holds each pair's
    (ours, plain)."""

    runs: list[tuple[Result, Result]]

    @property
    def ratios(self) -> list[float]:
        return [ours.seconds / plain.seconds for ours, plain in self.runs]

    def typical(self, which: int) -> Result:
        """The run with the median CPU time of one side (0 ours, 1 plain)."""
        side = sorted((pair[which] for pair in self.runs), key=lambda r: r.seconds)
        return side[(len(side) - 1) // 2]


def full_in_pairs(measures: dict[str, Measure], pairs: int) -> Pairs:
    runs = []
    for i in range(pairs):
        order = ("ours", "plain") if i % 2 == 0 else ("plain", "ours")
        got = {name: measures[name].full_once("1") for name in order}
        runs.append((got["ours"], got["plain"]))
    return Pairs(runs)


def measure(
    src: Path, work: Path, repeat: int, latexmk: bool, pairs: int
) -> tuple[dict, dict, Pairs]:
    plain_conf = work / "plain-conf"
    plain_conf.mkdir(parents=True, exist_ok=True)
    (plain_conf / "conf.py").write_text(PLAIN_CONF)
    guide = next(p for p in sorted(src.rglob("*.md")) if has_phase_list(p.read_text()))
    measures = {
        "ours": Measure(src, work / "ours", str(REPO), repeat),
        "plain": Measure(src, work / "plain", str(plain_conf), repeat),
    }
    full = full_in_pairs(measures, pairs)
    results: dict[str, dict[str, Result]] = {}
    for side, name in enumerate(("ours", "plain")):
        m = measures[name]
        r = results[name] = {}
        r["full -j 1"] = full.typical(side)
        r["full -j auto"] = m.full("auto")
        r["body edit"] = m.incremental(guide, lambda t: t + f"\n\nAdded {time.time()}.\n")
        r["phases edit"] = m.incremental(guide, toggle_retirement)
        r["latex"] = m.latex()
        if latexmk and name == "ours":
            start = time.perf_counter()
            subprocess.run(
                ["make", "-C", str(m.work / "latex"), "all-pdf"], capture_output=True, check=False
            )
            wall = time.perf_counter() - start
            r["pdf (latexmk)"] = Result(wall, 0.0, wall)
    return results["ours"], results["plain"], full


def measure_limits(
    work: Path, confdirs: dict[str, str], repeat: int
) -> dict[str, dict[str, list[float]]]:
    """case -> configuration -> CPU seconds of the builds at N/4 and N (after a warm-up),
    each the best of ``repeat`` runs."""
    times: dict[str, dict[str, list[float]]] = {}
    for case, (make, size) in LIMITS.items():
        folder = work / "limits" / re.sub(r"\W+", "-", case)
        sites = [
            str(write_limit_site(folder / name, make(size // divisor)))
            for name, divisor in (("warm-up", 64), ("quarter", 4), ("whole", 1))
        ]
        for name, confdir in confdirs.items():
            runs = []
            for _ in range(repeat):
                proc = subprocess.run(
                    [sys.executable, "-c", LIMIT_RUNNER, confdir, *sites],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                seconds = [
                    float(line.split()[1])
                    for line in proc.stderr.splitlines()
                    if line.startswith("CPU_S") and line.split()[2] in ("0", "1")
                ]
                if len(seconds) != len(sites):
                    raise SystemExit(f"limit {case!r} ({name}) failed:\n{proc.stderr[-3000:]}")
                runs.append(seconds[1:])
            times.setdefault(case, {})[name] = [min(sizes) for sizes in zip(*runs, strict=True)]
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000", help="generated manual sizes")
    parser.add_argument("--migrated", type=Path, help="a migrated manual (make migrate DEST)")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="migrated first when --migrated is not given"
    )
    parser.add_argument("--no-migrated", action="store_true", help="skip the migrated manual")
    parser.add_argument("--preview-edits", type=int, default=20, help="0 skips the preview")
    parser.add_argument(
        "--settle", type=float, default=2.0, help="seconds between one preview build and the next"
    )
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--pairs", type=int, default=3, help="full -j 1 builds, ours and plain in turn"
    )
    parser.add_argument("--json", type=Path, help="write the results here too")
    parser.add_argument("--pdf", action="store_true", help="also run latexmk (ours)")
    parser.add_argument(
        "--limits",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time the limits (1 MB guide, 10,000 keys, long title) at N/4 and N",
    )
    args = parser.parse_args(argv)

    manuals: list[tuple[str, Path]] = []
    work = Path(tempfile.mkdtemp(prefix="sm-bench-"))
    for n in [int(s) for s in args.sizes.split(",") if s]:
        dest = work / f"generated-{n}"
        generate_manual(dest, n)
        manuals.append((f"generated {n}", dest))
    migrated = args.migrated.resolve() if args.migrated else None
    if migrated is None and not args.no_migrated:
        if args.corpus.is_dir():
            migrated = work / "migrated" / "docs"
            subprocess.run(
                [sys.executable, "-m", "migrate_jekyll", "-q", str(args.corpus), str(migrated)],
                check=True,
            )
        else:
            print(f"migrated 2016: skipped, no corpus at {args.corpus}")
    if migrated is not None and not args.no_migrated:
        manuals.append(("migrated 2016", migrated))

    machine = f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"machine: {machine}\nratios are of CPU time (user + system, workers included)")
    report: dict[str, dict] = {}
    full_pairs: dict[str, Pairs] = {}
    for label, src in manuals:
        ours, plain, pairs = measure(
            src, work / label.replace(" ", "-"), args.repeat, args.pdf, args.pairs
        )
        report[label] = {"ours": ours, "plain": plain}
        full_pairs[label] = pairs
        print(f"\n{label}")
        print(
            f"  {'measure':<16}{'ours cpu':>9}{'plain cpu':>10}{'ratio':>7}"
            f"{'ours wall':>10}{'plain wall':>11}{'ours MB':>9}{'plain MB':>9}"
        )
        for key, result in ours.items():
            p = plain.get(key)
            ratio = f"{result.seconds / p.seconds:7.2f}" if p else "      -"
            if key == "full -j 1":
                ratio = f"{statistics.median(pairs.ratios):7.2f}"
            print(
                f"  {key:<16}{result.seconds:9.2f}{(p.seconds if p else 0):10.2f}{ratio}"
                f"{result.wall:10.2f}{(p.wall if p else 0):11.2f}"
                f"{result.maxrss_mb:9.0f}{(p.maxrss_mb if p else 0):9.0f}"
            )
        print(
            f"  full -j 1 in {len(pairs.runs)} pairs (median CPU of each side above), ratios: "
            + " ".join(f"{r:.2f}" for r in pairs.ratios)
        )
        interval = median_interval(pairs.ratios)
        print(
            "  the median ratio lies in "
            + (f"{interval[0]:.2f}-{interval[1]:.2f}" if interval else "? (6 pairs or more)")
            + " with at least 95 % confidence (order statistics)"
        )
    limits: dict[str, dict[str, list[float]]] = {}
    if args.limits:
        plain_conf = work / "limits-plain-conf"
        plain_conf.mkdir(parents=True)
        (plain_conf / "conf.py").write_text(PLAIN_CONF)
        confdirs = {"ours": str(REPO), "plain": str(plain_conf)}
        limits = measure_limits(work, confdirs, args.repeat)
        print("\nlimits (4 times the input: 4 is linear, 16 quadratic)")
        print(
            f"  {'measure':<16}{'ours N/4':>9}{'ours N':>9}{'ratio':>7}"
            f"{'plain N/4':>10}{'plain N':>9}{'ratio':>7}"
        )
        for case, data in limits.items():
            (oq, on), (pq, pn) = data["ours"], data["plain"]
            print(f"  {case:<16}{oq:9.2f}{on:9.2f}{on / oq:7.2f}{pq:10.2f}{pn:9.2f}{pn / pq:7.2f}")
    verdicts = []
    for label, data in report.items():
        ours, plain = data["ours"], data["plain"]
        ratios = full_pairs[label].ratios
        full = statistics.median(ratios)
        phases = ours["phases edit"].seconds / plain["body edit"].seconds
        verdicts.append(
            (
                f"{label}: full build within 1.10 of plain (median of {len(ratios)} pairs,"
                f" {min(ratios):.2f}-{max(ratios):.2f})",
                full,
                full <= 1.10,
            )
        )
        verdicts.append(
            (f"{label}: phases edit within 2.0 of plain body edit", phases, phases <= 2.0)
        )
    sizes = {int(k.split()[1]): v for k, v in report.items() if k.startswith("generated")}
    if 200 in sizes and 2000 in sizes:
        scale = sizes[2000]["ours"]["full -j 1"].seconds / sizes[200]["ours"]["full -j 1"].seconds
        verdicts.append(("2000 guides within 11x of 200", scale, scale <= 11))
    for case, data in limits.items():
        quarter, whole = data["ours"]
        ratio = whole / quarter
        verdicts.append((f"{case}: 4x the input within 8x the time", ratio, ratio <= 8))
    preview = None
    if migrated is not None and not args.no_migrated and args.preview_edits > 0:
        plain_conf = work / "preview-plain-conf"
        plain_conf.mkdir(parents=True, exist_ok=True)
        (plain_conf / "conf.py").write_text(PLAIN_CONF)
        # Imported by the script only (beside it on sys.path); tests import this module's
        # constants as ``benchmarks.bench``.
        from preview_latency import measure_preview
        from preview_latency import report as report_preview

        preview = measure_preview(
            migrated,
            work / "preview",
            plain_conf,
            REPO,
            args.preview_edits,
            args.settle,
            toggle_retirement,
        )
        verdicts += report_preview(preview)
    print("\ntargets")
    for text, value, ok in verdicts:
        print(f"  {'HOLDS ' if ok else 'MISSES'} {text}: {value:.2f}")
    if args.json:
        dump: dict = {
            k: {s: {m: vars(r) for m, r in d.items()} for s, d in v.items()}
            for k, v in report.items()
        }
        dump["limits"] = limits
        dump["full pairs"] = {
            label: [[vars(o), vars(p)] for o, p in pairs.runs]
            for label, pairs in full_pairs.items()
        }
        if preview is not None:
            dump["preview"] = preview
        args.json.write_text(json.dumps(dump, indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
