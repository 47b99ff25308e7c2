"""sphinx-autobuild, with its builds handed to the warm process.

Everything but the build is sphinx-autobuild's own: its options, what it watches and ignores,
the server, the script it injects and the reload it sends once a build has finished.
:class:`WarmBuilder` replaces the ``sphinx-build`` subprocess of its ``Builder``, and
:class:`PreviewWatcher` calls the builder in a thread of the server (sphinx-autobuild's watcher
forks a process pool for every change, which here would only add a fork and lose the warm
process between builds).
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import uvicorn
import watchfiles
from sphinx_autobuild.__main__ import _parse_args
from sphinx_autobuild.build import Builder
from sphinx_autobuild.filter import IgnoreFilter
from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
from sphinx_autobuild.server import RebuildServer
from sphinx_autobuild.utils import find_free_port, open_browser, show_command, show_message
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, WebSocketRoute
from starlette.staticfiles import StaticFiles

from .channel import Channel

# What sphinx-autobuild ignores besides the output: version control, caches, environments.
IGNORED = (
    ".git",
    ".hg",
    ".idea",
    ".mypy_cache",
    "node_modules",
    ".nox",
    ".ruff_cache",
    ".pytest_cache",
    ".pytype",
    ".svn",
    ".tox",
    ".venv",
    "venv",
    ".vscode",
)


class WarmProcess:
    """The server's handle on the warm process (``warm.py``), started on first use and again
    whenever it reports that a module it imported has changed."""

    def __init__(self, sphinx_args: Sequence[str]) -> None:
        self.sphinx_args = list(sphinx_args)
        self.process: subprocess.Popen[bytes] | None = None
        self.channel: Channel | None = None
        self.lock = threading.Lock()
        self.failed = False

    def _start(self) -> Channel:
        mine, theirs = Channel.pair()
        command = [sys.executable, "-m", "live_preview.warm", str(theirs.fileno())]
        self.process = subprocess.Popen(
            [*command, *self.sphinx_args], pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL
        )
        theirs.close()
        self.channel = mine
        return mine

    def stop(self) -> None:
        if self.channel is not None:
            self.channel.close()
            self.channel = None
        if self.process is not None:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def build(self, changed: Sequence[Path]) -> int | None:
        """sphinx-build's exit status; None if the warm process was stopped by a signal (the
        server is being stopped too), or failed three times."""
        with self.lock:
            for _attempt in range(3):
                channel = self.channel or self._start()
                try:
                    channel.send({"changed": [str(p) for p in changed]})
                    reply = channel.recv()
                except OSError:
                    reply = None
                if reply is not None and "status" in reply:
                    return int(reply["status"])
                process = self.process
                self.stop()  # it restarts (a module changed) or it died: a new one
                if process is not None and (process.returncode or 0) < 0:
                    return None  # killed, as Ctrl+C or a signal to the group stops us all
                if reply is None:
                    show_message("The warm build process stopped; starting it again")
            self.failed = True
            return None


class WarmBuilder(Builder):
    """sphinx-autobuild's ``Builder``, running each build in a child of the warm process."""

    def __init__(self, sphinx_args: list[str], **kwargs: Any) -> None:
        super().__init__(sphinx_args, **kwargs)
        self.warm = WarmProcess(sphinx_args)

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        if changed_paths:
            cwd = Path.cwd()
            shown = []
            for path in changed_paths[:5]:
                if not path.exists():
                    continue
                with contextlib.suppress(ValueError):
                    path = path.relative_to(cwd)
                shown.append(path.as_posix())
            if shown:
                show_message(f"Detected changes ({', '.join(shown)})")
            show_message("Rebuilding...")

        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return

        show_command(["python", "-m", "sphinx", "build", *self.sphinx_args])
        status = self.warm.build(changed_paths)
        if status is None and not self.warm.failed:
            return  # stopped by a signal, with the server
        if status is None:  # the warm process cannot start: build as sphinx-autobuild does
            status = subprocess.run(
                [sys.executable, "-m", "sphinx", "build", *self.sphinx_args], check=False
            ).returncode
        if status != 0:
            print(f"Sphinx exited with exit code: {status}")
            print(
                "The server will continue serving the build folder, but the contents "
                "being served are no longer in sync with the documentation sources. "
                "Please fix the cause of the error above or press Ctrl+C to stop the "
                "server."
            )
        else:
            self._run_commands(self.post_build_commands, "post-build")
        show_message(f"Serving on {self.uri}")


# How long the watcher waits for a save to be over (no more changes) before it builds;
# watchfiles waits 50 ms, then up to as long again. A save is a few writes well inside this,
# and changes that come later (a checkout of many files) are built right after.
SETTLE_MS = 20


class PreviewWatcher(RebuildServer):
    """sphinx-autobuild's watcher, calling the builder in a thread rather than in a new
    process pool for each change, and a little sooner after a save."""

    async def watch(self) -> None:
        async for changes in watchfiles.awatch(
            *self.paths, watch_filter=lambda _, path: not self.ignore(path), step=SETTLE_MS
        ):
            changed_paths = [Path(path).resolve() for (_, path) in changes]
            await asyncio.to_thread(self.change_callback, changed_paths=changed_paths)
            self.flag.set()


def create_app(
    watch_dirs: list[Path],
    ignore: IgnoreFilter,
    builder: WarmBuilder,
    serve_dir: Path,
    url_host: str,
) -> Starlette:
    watcher = PreviewWatcher(watch_dirs, ignore, change_callback=builder)
    return Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Mount("/", app=StaticFiles(directory=serve_dir, html=True), name="static"),
        ],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=url_host)],
        lifespan=watcher.lifespan,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """sphinx-autobuild's ``main``, with the warm builder."""
    args, build_args = _parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.make_mode_builder:  # -M: leave make mode to sphinx-autobuild itself
        from sphinx_autobuild.__main__ import main as autobuild_main

        autobuild_main(list(sys.argv[1:] if argv is None else argv))
        return 0

    out_dir = Path(args.outdir)
    out_dir.mkdir(parents=True, exist_ok=True)
    host, port = args.host, args.port or find_free_port()
    url_host = f"{host}:{port}"
    builder = WarmBuilder(
        build_args,
        url_host=url_host,
        pre_build_commands=[*map(_split, args.pre_build)],
        post_build_commands=[*map(_split, args.post_build)],
    )
    ignored = [*IGNORED, *args.ignore, out_dir, args.warnings_file, args.doctree_dir]
    ignore = IgnoreFilter([p for p in ignored if p], args.re_ignore)
    watch_dirs = [Path(args.sourcedir), *map(Path, args.additional_watched_dirs)]
    app = create_app(watch_dirs, ignore, builder, out_dir, url_host)
    try:
        if not args.no_initial_build:
            show_message("Starting initial build")
            builder(changed_paths=())
        if args.open_browser:
            open_browser(url_host, args.delay)
        show_message("Waiting to detect changes...")
        with contextlib.suppress(KeyboardInterrupt):
            uvicorn.run(app, host=host, port=port, log_level="warning")
        show_message("Server ceasing operations. Cheerio!")
    finally:
        builder.warm.stop()
    return 0


def _split(command: str) -> list[str]:
    import shlex

    return shlex.split(command)
