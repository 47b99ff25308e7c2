"""The warm process: imports once, builds never, forks a child for every build.

``python -m live_preview.warm FD SPHINX-BUILD-ARGS...``, started by the server with one end
of a socket pair as file descriptor FD. The server sends ``{"changed": [...]}`` for each build
and gets back ``{"status": N}`` (sphinx-build's exit status) or ``{"restart": true}`` when a
module this process imported has changed on disk, in which case the process has exited and
the server starts a new one. Closing the socket ends it.

Between builds one child is on standby (see ``standby``); it is forked right after a build has
finished, so the pickled environment it loads is the one that build wrote.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import locale
import os
import signal
import socket
import sys
from collections.abc import Iterable, Sequence

from .channel import Channel

# Imported before the first build: what every build of a Sphinx + MyST site needs. After each
# build the modules it imported are imported here too, so the next child has them already.
FIRST_IMPORTS = (
    "docutils.parsers.rst",
    "jinja2",
    "jinja2.sandbox",
    "pygments",
    "sphinx.application",
    "sphinx.builders.html",
    "sphinx.cmd.build",
    "sphinx.environment",
    "sphinx.jinja2glue",
    "sphinx.search",
    "myst_parser.sphinx_ext.main",
    "myst_parser.parsers.sphinx_",
    "live_preview.standby",
)


def import_all(names: Iterable[str]) -> None:
    for name in names:
        if name not in sys.modules:
            with contextlib.suppress(Exception):
                importlib.import_module(name)


def import_as_built(modules: dict[str, str]) -> None:
    """Import what a build imported (name: file, in the order the build imported them),
    where this process finds the same file under the same name. A module found through a
    path only ``conf.py`` adds, or another module of the same name, is left to each child,
    which imports it as ``sphinx-build`` would."""
    for name, path in modules.items():
        if name in sys.modules or name.startswith("__"):
            continue
        try:
            spec = importlib.util.find_spec(name)
            if spec is None or spec.origin != path:
                continue
            importlib.import_module(name)
        except Exception:  # whatever fails here, the child imports it itself
            continue


class ModuleFiles:
    """The modification times of the files behind every imported module."""

    def __init__(self) -> None:
        self.stamps: dict[str, int] = {}
        self.seen: set[str] = set()
        self.update()

    def update(self) -> None:
        for name, module in list(sys.modules.items()):
            if name in self.seen:
                continue
            self.seen.add(name)
            path = getattr(module, "__file__", None)
            if isinstance(path, str):
                path = os.path.realpath(path)  # as the server names changed files
                if path not in self.stamps:
                    with contextlib.suppress(OSError):
                        self.stamps[path] = os.stat(path).st_mtime_ns

    def changed(self) -> bool:
        for path, stamp in self.stamps.items():
            try:
                if os.stat(path).st_mtime_ns != stamp:
                    return True
            except OSError:
                return True
        return False


class Child:
    """A forked build child, seen from the warm process."""

    def __init__(self, argv: Sequence[str], templates: Sequence[str], server: Channel) -> None:
        mine, theirs = Channel.pair()
        sys.stdout.flush()  # or the child would write what this process had buffered, again
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child
            code = 1
            try:
                # As in a new sphinx-build: Ctrl+C interrupts the build.
                signal.signal(signal.SIGINT, signal.default_int_handler)
                mine.close()
                server.close()  # only the warm process talks to the server
                from .standby import serve

                code = serve(theirs, argv, templates)
            except KeyboardInterrupt:
                code = 130
            finally:
                with contextlib.suppress(Exception):
                    sys.stdout.flush()
                    sys.stderr.flush()
                os._exit(code)
        theirs.close()
        self.pid, self.channel = pid, mine

    def build(self, changed: Sequence[str], force: bool = False) -> int | None:
        """sphinx-build's exit status, or None if the child declined (or died) and another
        must build."""
        self.channel.send({"changed": list(changed), "force": force})
        while True:
            message = self.channel.recv()
            if message is None or "declined" in message:
                self.stop()
                return None
            if "status" in message:
                return int(message["status"])

    def learnt(self) -> dict:
        """After the status: the modules the build imported and the templates it used."""
        message = self.channel.recv() or {}
        self.stop()
        return message

    def stop(self) -> None:
        self.channel.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def serve(server: Channel, argv: Sequence[str]) -> int:
    modules = ModuleFiles()
    stale = False
    templates: list[str] = []
    standby: Child | None = None
    try:
        while True:
            if standby is None:
                standby = Child(argv, templates, server)
            request = server.recv()
            if request is None:
                return 0
            changed = request.get("changed", [])
            if stale or any(path in modules.stamps for path in changed):
                server.send({"restart": True})
                return 0
            builder, status = standby, standby.build(changed)
            standby = None
            if status is None:
                builder = Child(argv, templates, server)
                status = builder.build(changed, force=True)
            if status is None:
                server.send({"status": 2})
                continue
            server.send({"status": status})
            # While the writer looks at the page: warm up for the next build.
            learnt = builder.learnt()
            import_as_built(learnt.get("modules", {}))
            modules.update()
            templates = learnt.get("templates", [])
            # A module can change without the server seeing it (a package installed): look
            # now, rather than while a writer waits.
            stale = modules.changed()
    finally:
        if standby is not None:
            standby.stop()


def main(argv: Sequence[str]) -> int:
    fd, *sphinx_args = argv
    # Ctrl+C in the terminal reaches the whole process group; the server stops us by closing
    # the socket, and a build child reports its own interruption.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # As sphinx-build's main() does first.
    locale.setlocale(locale.LC_ALL, "")
    import_all(FIRST_IMPORTS)
    import sphinx.locale

    sphinx.locale.init_console()
    server = Channel(socket.socket(fileno=int(fd)))
    try:
        return serve(server, sphinx_args)
    except (BrokenPipeError, ConnectionError):
        return 0  # the server has gone


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
