"""Save-to-page latency of the live preview, ours against plain sphinx-autobuild, in one run.

Two servers run side by side on two copies of the same manual: ours, as ``make livehtml``
runs it (``python -m live_preview``, the project's ``conf.py``), and plain sphinx-autobuild
on a plain Sphinx + MyST configuration. Each edit is made on both copies, in turn (ours
first on even edits, plain first on odd ones), with a pause after each build so that the
machine is idle when the next one starts. An edit's latency is from the moment its file is
saved to the later of: the page it changes is on disk (written, or gone for a deleted guide),
and the browser has been told to reload (the server's websocket says "refresh"). The CPU
time all of a server's processes used for an edit (until the next) is measured too: for ours,
one build child, setting up while idle and building after the save; for plain, a new
``sphinx-build``.

The edits cycle through body, title, phases, audience, a new guide and the deletion of that
guide. After each of our builds the index pages are checked (the guide listed, or not, with
its new title, on its phase, role and browse pages); after the last edit our whole output is
compared with a fresh ``sphinx-build`` of the edited sources.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from websockets.sync.client import ClientConnection, connect

KINDS = ("body", "title", "phases", "audience", "new guide", "deleted guide")
ROLE = "content-designers"  # a role with a role page in the 2016 manual
TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], p: float) -> float:
    """Nearest rank: the smallest value with at least p% of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Server:
    name: str
    src: Path
    out: Path
    command: list[str]
    log: Path
    process: subprocess.Popen[bytes] | None = None
    ws: ClientConnection | None = None

    def start(self) -> None:
        port = free_port()
        self.command += ["--host", "127.0.0.1", "--port", str(port)]
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                self.command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} server stopped:\n{self.log.read_text()[-3000:]}")
            if "Waiting to detect changes" in self.log.read_text(errors="replace"):
                with contextlib.suppress(OSError):
                    self.ws = connect(f"ws://127.0.0.1:{port}/websocket-reload")
                    return
            time.sleep(0.2)
        raise SystemExit(f"{self.name} server did not start:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.ws is not None:
            self.ws.close()
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, 15)
            self.process.wait(timeout=60)

    def cpu(self) -> float:
        """CPU seconds (user + system) the server and every process it started have used so
        far: each live process of its session, with what its finished children used."""
        assert self.process is not None
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[3]) == self.process.pid:  # session id
                total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
        return total / os.sysconf("SC_CLK_TCK")

    def drain(self) -> None:
        """Forget a reload sent for anything but the next edit."""
        assert self.ws is not None
        with contextlib.suppress(TimeoutError):
            while True:
                self.ws.recv(timeout=0)

    def measure(self, save: Callable[[], None], page_done: Callable[[], bool]) -> float:
        assert self.ws is not None
        self.drain()
        seen: list[float] = []
        stop = threading.Event()

        def watch() -> None:
            while not stop.is_set():
                if page_done():
                    seen.append(time.perf_counter())
                    return
                time.sleep(0.002)

        watcher = threading.Thread(target=watch)
        save()
        saved = time.perf_counter()
        watcher.start()
        self.ws.recv(timeout=TIMEOUT)
        told = time.perf_counter()
        watcher.join(timeout=10)
        stop.set()
        if not seen:
            raise SystemExit(f"{self.name}: the page never changed; see {self.log}")
        return max(told, seen[0]) - saved


def page_path(out: Path, docname: str) -> Path:
    return out / f"{docname}.html"


def stamp(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


# -- edits: each returns (the docname whose page it changes, a function that saves the file)

FLOW_PRIMARY = re.compile(r"^(  primary: )\[(.*)\]$", re.M)


def toggle_role(text: str) -> str:
    match = FLOW_PRIMARY.search(text)
    assert match, "a guide with audience.primary as a flow list"
    roles = [r.strip() for r in match[2].split(",") if r.strip()]
    roles = [r for r in roles if r != ROLE] if ROLE in roles else [*roles, ROLE]
    return text[: match.start()] + f"{match[1]}[{', '.join(roles)}]" + text[match.end() :]


def retitle(text: str, n: int) -> str:
    return re.sub(
        r"^title: (.*?)(?: \(edit \d+\))?$", rf"title: \1 (edit {n})", text, count=1, flags=re.M
    )


def new_guide(n: int, category: str) -> str:
    return (
        f"---\nlayout: detailed-guidance\ntitle: Bench guide {n}\nsubtitle: Added while "
        f"previewing\ncategory: {category}\ntype: guide\naudience:\n  primary: [developers]\n"
        f"  secondary: []\nphases: [alpha]\n---\n\nA guide saved into the section's folder.\n"
    )


def front(text: str, key: str) -> str | None:
    match = re.search(rf"^{key}: (.*)$", text, re.M)
    return match[1].strip() if match else None


def listed_titles(out: Path, docname: str) -> dict[str, str]:
    """href -> link text of every link in the page's <main>."""
    page = BeautifulSoup(page_path(out, docname).read_text(encoding="utf-8"), "html.parser")
    main = page.find("main")
    assert main is not None
    return {str(a.get("href", "")).split("#")[0]: a.get_text().strip() for a in main.find_all("a")}


def lists(out: Path, index: str, docname: str) -> str | None:
    """The title ``index`` lists ``docname`` under, or None."""
    depth = index.count("/")
    target = "../" * depth + f"{docname}.html"
    return listed_titles(out, index).get(target)


@dataclass
class Run:
    guides: list[str]
    latencies: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)


def check_lists(out: Path, kind: str, docname: str, text: str | None) -> list[str]:
    """What is wrong with our index pages after an edit of ``kind`` to ``docname``."""
    if kind == "deleted guide":
        problems = []
        if page_path(out, docname).exists():
            problems.append(f"{docname}.html still there")
        for index in ("browse/index", "phases/alpha"):
            if lists(out, index, docname) is not None:
                problems.append(f"{index} still lists {docname}")
        return problems
    assert text is not None
    title, phases = front(text, "title"), front(text, "phases") or ""
    problems = []
    if lists(out, "browse/index", docname) != title:
        problems.append(f"browse/index does not list {docname} as {title!r}")
    if kind == "phases" and (lists(out, "phases/retirement", docname) is not None) != (
        "retirement" in phases
    ):
        problems.append(f"phases/retirement wrong for {docname}")
    if kind == "audience":
        audience = text.split("\naudience:", 1)[-1].split("\nstatus:", 1)[0]
        if (lists(out, f"{ROLE}/index", docname) == title) != (ROLE in audience):
            problems.append(f"{ROLE}/index wrong for {docname}")
    if kind == "new guide":
        if lists(out, "phases/alpha", docname) != title:
            problems.append(f"phases/alpha does not list {docname}")
        page = BeautifulSoup(page_path(out, docname).read_text(encoding="utf-8"), "html.parser")
        if page.find("link", rel="prev") is None:
            problems.append(f"{docname} is not in its section's table of contents")
    return problems


def pick_guides(src: Path, count: int = 4) -> list[str]:
    """Guides with a phase list and a flow list of primary roles, from different sections."""
    chosen: list[str] = []
    sections: set[str] = set()
    for path in sorted(src.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        docname = str(path.relative_to(src))[: -len(".md")]
        section = docname.split("/")[0]
        if (
            "layout: detailed-guidance" in text
            and FLOW_PRIMARY.search(text)
            and re.search(r"^phases: \[\w", text, re.M)
            and section not in sections
        ):
            chosen.append(docname)
            sections.add(section)
        if len(chosen) == count:
            break
    return chosen


def edit(server: Server, n: int, guide: str, toggle_retirement: Callable[[str], str]) -> tuple:
    """Make edit number ``n`` on ``server``'s copy: (kind, docname, save, page_done)."""
    kind = KINDS[n % len(KINDS)]
    src, out = server.src, server.out
    section = guide.split("/")[0]
    if kind in ("new guide", "deleted guide"):
        docname = f"{section}/bench-guide-{n - n % len(KINDS) + 4}"
    else:
        docname = guide
    path = src / f"{docname}.md"
    page = page_path(out, docname)
    before = stamp(page)

    def change(text: str) -> str:
        if kind == "body":
            return text.rstrip("\n") + f"\n\nEdited {n} at {time.time()}.\n"
        if kind == "title":
            return retitle(text, n)
        if kind == "phases":
            return toggle_retirement(text)
        return toggle_role(text)

    if kind == "new guide":
        category = front((src / f"{guide}.md").read_text(encoding="utf-8"), "category") or ""

        def save() -> None:
            path.write_text(new_guide(n, category), encoding="utf-8")

    elif kind == "deleted guide":

        def save() -> None:
            path.unlink()

    else:
        text = path.read_text(encoding="utf-8")

        def save() -> None:
            path.write_text(change(text), encoding="utf-8")

    def page_done() -> bool:
        if kind == "deleted guide":
            # Sphinx leaves a deleted page in the output; our build removes it.
            return server.name == "plain" or not page.exists()
        return stamp(page) != before

    return kind, docname, save, page_done


def fresh_equal(src: Path, out: Path, work: Path, repo: Path) -> list[str]:
    """The files of ``out`` that differ from a fresh build of ``src`` (the search index
    compared as data)."""
    fresh = work / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-E", "-n", "--keep-going", "-c", str(repo),
         str(src), str(fresh)],
        check=False, capture_output=True,
    )  # fmt: skip

    def files(folder: Path) -> dict[str, Path]:
        return {
            str(p.relative_to(folder)): p
            for p in folder.rglob("*")
            if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo.bak"
        }

    mine, theirs = files(out), files(fresh)
    differ = sorted(set(mine) ^ set(theirs))
    for name in sorted(set(mine) & set(theirs)):
        a, b = mine[name].read_bytes(), theirs[name].read_bytes()
        if a != b and not (name == "searchindex.js" and search_data(a) == search_data(b)):
            differ.append(name)
    return differ


def search_data(raw: bytes) -> dict:
    text = raw.decode("utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for key in ("terms", "titleterms"):
        data[key] = {w: pages for w, pages in data[key].items() if pages != []}
    return data


def measure_preview(
    manual: Path,
    work: Path,
    plain_conf: Path,
    repo: Path,
    edits: int,
    settle: float,
    toggle_retirement: Callable[[str], str],
) -> dict:
    """Both servers on copies of ``manual`` (with its ``redirects.json`` beside, if any)."""
    servers = []
    for name in ("ours", "plain"):
        site = work / f"preview-{name}"
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(manual, site / "docs")
        if (manual.parent / "redirects.json").is_file():
            shutil.copy2(manual.parent / "redirects.json", site / "redirects.json")
        src, out = site / "docs", site / "html"
        options = ["-n", "--keep-going"]
        if name == "ours":
            watch = [
                a for d in ("_ext", "_templates", "_static") for a in ("--watch", str(repo / d))
            ]
            command = [sys.executable, "-m", "live_preview", str(src), str(out), "-c", str(repo),
                       *watch, *options]  # fmt: skip
        else:
            command = [sys.executable, "-m", "sphinx_autobuild", str(src), str(out),
                       "-c", str(plain_conf), *options]  # fmt: skip
        servers.append(Server(name, src, out, command, site / "server.log"))
    ours = servers[0]
    run = Run(pick_guides(ours.src))
    try:
        for server in servers:
            server.start()
        time.sleep(settle)
        for n in range(edits):
            guide = run.guides[(n // len(KINDS)) % len(run.guides)]
            order = servers if n % 2 == 0 else servers[::-1]
            for server in order:
                kind, docname, save, page_done = edit(server, n, guide, toggle_retirement)
                before = server.cpu()
                seconds = server.measure(save, page_done)
                run.latencies.setdefault(server.name, []).append((kind, seconds))
                if server is ours:
                    path = ours.src / f"{docname}.md"
                    text = path.read_text(encoding="utf-8") if path.exists() else None
                    run.wrong += [
                        f"edit {n} ({kind}): {p}"
                        for p in check_lists(ours.out, kind, docname, text)
                    ]
                time.sleep(settle)
                run.cpu.setdefault(server.name, []).append(server.cpu() - before)
    finally:
        for server in servers:
            server.stop()
    differ = fresh_equal(ours.src, ours.out, work, repo)
    return summarise(run, differ)


def summarise(run: Run, differ: list[str]) -> dict:
    ours = [s for _k, s in run.latencies["ours"]]
    plain = [s for _k, s in run.latencies["plain"]]
    paired = [a / b for a, b in zip(ours, plain, strict=True)]
    by_kind: dict[str, dict[str, float]] = {}
    for kind in KINDS:
        mine = [s for k, s in run.latencies["ours"] if k == kind]
        theirs = [s for k, s in run.latencies["plain"] if k == kind]
        if mine:
            by_kind[kind] = {
                "edits": len(mine),
                "ours": statistics.median(mine),
                "plain": statistics.median(theirs),
            }
    return {
        "edits": len(ours),
        "guides": run.guides,
        "ours": {"median": statistics.median(ours), "p90": percentile(ours, 90), "all": ours},
        "plain": {"median": statistics.median(plain), "p90": percentile(plain, 90), "all": plain},
        "ratio of medians": statistics.median(ours) / statistics.median(plain),
        "ratio of p90": percentile(ours, 90) / percentile(plain, 90),
        "paired ratio (median)": statistics.median(paired),
        "cpu per save": {
            name: {"median": statistics.median(values), "all": values}
            for name, values in run.cpu.items()
        },
        "cpu paired ratio (median)": statistics.median(
            a / b for a, b in zip(run.cpu["ours"], run.cpu["plain"], strict=True)
        ),
        "by kind": by_kind,
        "lists wrong": run.wrong,
        "differs from a fresh build": differ,
    }


def report(result: dict) -> list[tuple[str, float, bool]]:
    """Print the figures; return the verdicts (text, value, holds)."""
    ours, plain = result["ours"], result["plain"]
    print(f"\npreview latency, save to page (wall seconds, {result['edits']} edits each)")
    print(f"  {'':<16}{'ours':>8}{'plain':>8}{'ratio':>8}")
    for label, key, ratio in (
        ("median", "median", "ratio of medians"),
        ("90th percentile", "p90", "ratio of p90"),
    ):
        print(f"  {label:<16}{ours[key]:8.2f}{plain[key]:8.2f}{result[ratio]:8.2f}")
    paired = result["paired ratio (median)"]
    print(f"  {'paired ratio':<16}{'':>16}{paired:8.2f}  (median of ours/plain, edit by edit)")
    cpu = result["cpu per save"]
    print(
        f"  {'CPU per save':<16}{cpu['ours']['median']:8.2f}{cpu['plain']['median']:8.2f}"
        f"{result['cpu paired ratio (median)']:8.2f}  (medians, CPU seconds of every process; "
        "paired ratio)"
    )
    for kind, row in result["by kind"].items():
        print(
            f"  {kind:<16}{row['ours']:8.2f}{row['plain']:8.2f}{row['ours'] / row['plain']:8.2f}"
            f"  ({row['edits']} edits, medians)"
        )
    wrong, differ = result["lists wrong"], result["differs from a fresh build"]
    print(f"  index pages right after every edit: {'yes' if not wrong else 'NO'}")
    for line in wrong:
        print(f"    {line}")
    print(f"  after the last edit, every file as a fresh build: {'yes' if not differ else 'NO'}")
    for name in differ[:20]:
        print(f"    differs: {name}")
    return [
        ("migrated 2016: preview median at most 0.8 s", ours["median"], ours["median"] <= 0.8),
        (
            "migrated 2016: preview median at most half of plain sphinx-autobuild's",
            result["ratio of medians"],
            result["ratio of medians"] <= 0.5,
        ),
        (
            "migrated 2016: preview lists right and output as a fresh build",
            0.0,
            not wrong and not differ,
        ),
    ]
