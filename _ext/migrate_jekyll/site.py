"""The 2016 site as a whole: which files it has, and what a 2016 URL pointed at.

Jekyll served ``a/b.md`` at ``/service-manual/a/b`` and ``/service-manual/a/b.html``, and
``a/index.md`` at ``/service-manual/a``, ``/service-manual/a/`` and
``/service-manual/a/index.html``. Writers used all of these forms, relative links, and full
``https://www.gov.uk/service-manual/...`` URLs; :meth:`SourceSite.resolve` maps each of them
to the page or file it meant.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal
from urllib.parse import unquote, urlsplit

PREFIX = "/service-manual"
GOVUK = "https://www.gov.uk"
_MANUAL_URL = re.compile(r"^(?:https?:)?//(?:www\.)?gov\.uk(?=/service-manual(?:[/#?]|$))", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
HOME = "index"


@dataclass(frozen=True, slots=True)
class Target:
    """Where a 2016 link leads. ``path`` is relative to SRC (and so to DEST)."""

    kind: Literal["page", "file", "missing"]
    path: PurePosixPath
    anchor: str = ""

    @property
    def docname(self) -> str:
        return HOME if self.path == PurePosixPath("index.html") else str(self.path.with_suffix(""))

    @property
    def rooted(self) -> str:
        """The srcdir-rooted path MyST and Sphinx resolve: ``/a/b.md`` or ``/assets/x.png``."""
        path = self.path.with_suffix(".md") if self.kind == "page" else self.path
        return "/" + str(path)


class SourceSite:
    def __init__(self, files: Iterable[PurePosixPath]) -> None:
        self.files = frozenset(files)
        self.pages = frozenset(
            f for f in self.files if f.suffix == ".md" or f == PurePosixPath("index.html")
        )

    # ------------------------------------------------------------------ URLs of a page

    @staticmethod
    def page_url(source: PurePosixPath) -> str:
        """The canonical 2016 URL of a page: directory URLs for index pages."""
        if source == PurePosixPath("index.html"):
            return PREFIX + "/"
        if source.name == "index.md":
            parent = str(source.parent)
            return f"{PREFIX}/{parent}/" if parent != "." else PREFIX + "/"
        return f"{PREFIX}/{source.with_suffix('')}"

    # ------------------------------------------------------------------ resolving links

    @staticmethod
    def is_govuk_path(href: str) -> bool:
        """A site-absolute link to GOV.UK outside the manual, such as ``/design-principles``."""
        return href.startswith("/") and not href.startswith("//") and not _in_manual(href)

    def resolve(self, href: str, source: PurePosixPath) -> Target | None:
        """The page or file ``href`` (written on page ``source``) meant, or None if external.

        Returns a ``missing`` target for a manual URL that leads nowhere in this tree.
        """
        href = href.strip()
        if not href or href.startswith("#"):
            return None
        href = _MANUAL_URL.sub("", href)
        if _SCHEME.match(href) or href.startswith("//"):
            return None
        if not href.startswith("/"):
            href = _join(self.page_url(source), href)
        if not _in_manual(href):
            return None
        parts = urlsplit(href)
        rel = unquote(parts.path[len(PREFIX) :]).lstrip("/")
        rel = posixpath.normpath(rel) + ("/" if rel.endswith("/") else "") if rel else ""
        if rel in {".", "./"}:
            rel = ""
        target = self._lookup(rel)
        anchor = parts.fragment
        if target is None:
            return Target("missing", PurePosixPath(rel or "index"), anchor)
        return Target(target[0], target[1], anchor)

    def _lookup(self, rel: str) -> tuple[Literal["page", "file"], PurePosixPath] | None:
        if rel in {"", "index", "index.html"}:
            return "page", PurePosixPath("index.html")
        bare = rel.rstrip("/")
        candidates: list[str]
        if rel.endswith("/"):
            candidates = [f"{bare}/index.md"]
        elif bare.endswith(".html"):
            stem = bare[: -len(".html")]
            candidates = [f"{stem}.md", bare]
            if stem.endswith("/index"):
                candidates.insert(0, f"{stem}.md")
        else:
            candidates = [bare, f"{bare}.md", f"{bare}/index.md"]
        for candidate in candidates:
            path = PurePosixPath(candidate)
            if path in self.pages:
                return "page", path
            if path in self.files and path.suffix != ".md":
                return "file", path
        return None


def _in_manual(href: str) -> bool:
    return href == PREFIX or href.startswith((PREFIX + "/", PREFIX + "#", PREFIX + "?"))


def _join(base: str, href: str) -> str:
    """``urljoin`` for site paths, without collapsing the ``/service-manual`` prefix."""
    path, _, fragment = href.partition("#")
    directory = base if base.endswith("/") else base.rsplit("/", 1)[0] + "/"
    joined = posixpath.normpath(directory + path) if path else base
    if path.endswith("/") and not joined.endswith("/"):
        joined += "/"
    return joined + (f"#{fragment}" if fragment else "")
