"""A build child: set up the Sphinx application before the change, build after it, then exit.

:class:`Build` does what ``sphinx.cmd.build.build_main`` does, in two halves: ``construct``
(parse the arguments, read ``conf.py``, load the extensions, load the pickled environment,
initialise the builder) and ``run`` (``app.build()``). A fresh ``sphinx-build`` does the two
halves back to back; a standby child does the first while the writer is still typing.

That is only the same build if nothing the first half read has changed by the time the second
starts. The child records every file it opens while constructing (an audit hook) and, when the
build is asked for, compares their modification times; and it takes only changes inside the
source folder that are not configuration or templates. Anything else and it declines, and the
warm process forks a new child that constructs and builds at once.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

# The halves of Sphinx's own build_main (Sphinx 9), so that options mean exactly what they mean
# to sphinx-build; tests compare our output with sphinx-build's.
from sphinx._cli.util.errors import handle_exception
from sphinx.application import Sphinx
from sphinx.cmd.build import (
    _parse_confdir,
    _parse_confoverrides,
    _parse_doctreedir,
    _parse_logging,
    _validate_colour_support,
    _validate_filenames,
    get_parser,
)
from sphinx.util.docutils import docutils_namespace, patch_docutils

if TYPE_CHECKING:
    import argparse

    from .channel import Channel


class HeldStream:
    """Holds what Sphinx prints while it sets up, until the build it belongs to starts, so
    the console reads as it does with sphinx-autobuild."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.encoding = getattr(stream, "encoding", "utf-8")
        self.held: list[str] | None = []

    def write(self, text: str) -> int:
        if self.held is None:
            return self.stream.write(text)
        self.held.append(text)
        return len(text)

    def flush(self) -> None:
        if self.held is None:
            self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def release(self) -> None:
        held, self.held = self.held or [], None
        self.stream.write("".join(held))
        self.stream.flush()


class OpenedFiles:
    """Every file opened while recording, with its modification time when recording stopped."""

    def __init__(self) -> None:
        self.paths: set[str] = set()
        self.recording = True
        self.stamps: dict[str, int | None] = {}
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple[Any, ...]) -> None:
        if self.recording and event == "open" and isinstance(args[0], str):
            self.paths.add(args[0])

    def stop(self) -> None:
        self.recording = False
        self.stamps = {path: _mtime(path) for path in sorted(self.paths) if _worth_checking(path)}

    def changed(self) -> list[str]:
        return [path for path, stamp in self.stamps.items() if _mtime(path) != stamp]


def _worth_checking(path: str) -> bool:
    # Compiled modules are rewritten by any interpreter that imports them; a changed module is
    # the warm process's business (it restarts).
    return not path.endswith((".pyc", ".so")) and not path.startswith(("/proc/", "/dev/"))


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


class Build:
    """One Sphinx application, as ``sphinx-build ARGS`` would make it."""

    def __init__(self, argv: Sequence[str], stdout: IO[str], stderr: IO[str]) -> None:
        self.argv = list(argv)
        self.stack = contextlib.ExitStack()
        self.app: Sphinx | None = None
        self.warnfp: IO[str] | None = None
        self.error_stream: IO[str] = stderr
        self.args: argparse.Namespace | None = None
        self.failure: BaseException | None = None
        try:
            self._construct(stdout, stderr)
        except (Exception, KeyboardInterrupt) as exc:
            self.failure = exc

    def _construct(self, stdout: IO[str], stderr: IO[str]) -> None:
        parser = get_parser()
        args = self.args = parser.parse_args(self.argv)
        args.confdir = _parse_confdir(args.noconfig, args.confdir, args.sourcedir)
        args.doctreedir = _parse_doctreedir(args.doctreedir, args.outputdir)
        _validate_filenames(parser, args.force_all, args.filenames)
        _validate_colour_support(args.color)
        real_out, real_err = sys.stdout, sys.stderr
        try:
            sys.stdout, sys.stderr = stdout, stderr
            status, warning, error, self.warnfp = _parse_logging(
                parser, args.quiet, args.really_quiet, args.warnfile
            )
        finally:
            sys.stdout, sys.stderr = real_out, real_err
        self.error_stream = error
        confoverrides = _parse_confoverrides(parser, args.define, args.htmldefine, args.nitpicky)
        confdir = args.confdir or args.sourcedir
        self.stack.enter_context(patch_docutils(confdir))
        self.stack.enter_context(docutils_namespace())
        self.app = Sphinx(
            srcdir=args.sourcedir,
            confdir=args.confdir,
            outdir=args.outputdir,
            doctreedir=args.doctreedir,
            buildername=args.builder,
            confoverrides=confoverrides,
            status=status,
            warning=warning,
            freshenv=args.freshenv,
            warningiserror=args.warningiserror,
            tags=args.tags,
            verbosity=args.verbosity,
            parallel=args.jobs,
            keep_going=False,
            pdb=args.pdb,
            exception_on_warning=args.exception_on_warning,
        )

    # -- templates: compiled while waiting, checked against their files when used (Jinja's
    # auto_reload), so an edited template is compiled again.

    def _template_environment(self) -> Any:
        templates = getattr(self.app.builder, "templates", None) if self.app else None
        return getattr(templates, "environment", None)

    def compile_templates(self, names: Sequence[str]) -> None:
        environment = self._template_environment()
        if environment is None:
            return
        for name in names:
            with contextlib.suppress(Exception):  # the build reports a broken template itself
                environment.get_template(name)

    def template_names(self) -> list[str]:
        environment = self._template_environment()
        cache = getattr(environment, "cache", None)
        if cache is None:
            return []
        return sorted({key[1] for key in cache if isinstance(key[1], str)})

    def template_folders(self) -> list[Path]:
        templates = getattr(self.app.builder, "templates", None) if self.app else None
        return [Path(p).resolve() for p in getattr(templates, "pathchain", [])]

    def takes(self, changed: Sequence[str], opened: OpenedFiles) -> bool:
        """Whether this application, set up before ``changed`` were saved, is still the one
        ``sphinx-build`` would set up now."""
        if self.app is None or self.failure is not None:
            return False
        srcdir = Path(self.app.srcdir).resolve()
        confdir = Path(self.app.confdir).resolve()
        folders = self.template_folders()
        for name in changed:
            path = Path(name)
            if not _inside(path, srcdir) or path == confdir / "conf.py":
                return False
            if any(_inside(path, folder) for folder in folders):
                return False
        return not opened.changed()

    def run(self) -> int:
        """``app.build()``, reporting a failure as ``sphinx-build`` does."""
        try:
            if self.failure is not None:
                raise self.failure
            assert self.app is not None and self.args is not None
            self.app.build(self.args.force_all, self.args.filenames)
            return int(self.app.statuscode)
        except (Exception, KeyboardInterrupt) as exc:
            handle_exception(
                exc,
                stderr=self.error_stream,
                use_pdb=bool(self.args and self.args.pdb),
                print_traceback=bool(self.args and (self.args.verbosity or self.args.traceback)),
                message_log=self.app.messagelog if self.app else (),
                extensions=self.app.extensions.values() if self.app else (),
            )
            return 2
        except SystemExit as exc:  # argparse's own errors, as sphinx-build exits with them
            return exc.code if isinstance(exc.code, int) else 2
        finally:
            if self.warnfp is not None:
                self.warnfp.close()
            self.stack.close()


def serve(channel: Channel, argv: Sequence[str], templates: Sequence[str]) -> int:
    """The child's whole life: construct, wait for the go (or decline it), build, report."""
    opened = OpenedFiles()
    out, err = HeldStream(sys.stdout), HeldStream(sys.stderr)
    try:
        build = Build(argv, cast("IO[str]", out), cast("IO[str]", err))
    except SystemExit as exc:  # a bad option: argparse has printed why, held for now
        build = None
        code = exc.code if isinstance(exc.code, int) else 2
    if build is not None:
        build.compile_templates(templates)
    opened.stop()
    # What was set up now lives until the child exits: keep the collector off it.
    gc.freeze()
    channel.send({"ready": True})

    request = channel.recv()
    if request is None:
        return 0
    changed = list(request.get("changed", []))
    if not request.get("force") and (build is None or not build.takes(changed, opened)):
        channel.send({"declined": True})
        return 0
    out.release()
    err.release()
    status = build.run() if build is not None else code
    sys.stdout.flush()
    sys.stderr.flush()
    channel.send({"status": status})  # the page is ready: the browser can reload now
    channel.send(
        {
            "modules": {
                name: module.__file__
                for name, module in list(sys.modules.items())  # in the order of import
                if isinstance(getattr(module, "__file__", None), str)
            },
            "templates": build.template_names() if build is not None else [],
        }
    )
    return 0
