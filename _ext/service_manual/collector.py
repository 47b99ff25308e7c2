"""The environment collector that holds every document's :class:`Guide`.

Keeping the data in ``env.service_manual_guides`` through an ``EnvironmentCollector``
(process, purge and merge in one class) is what keeps ``-j`` and incremental builds right.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from sphinx.environment.collectors import EnvironmentCollector

from .config import vocabulary
from .diagnostics import warn
from .frontmatter import Guide, from_metadata, normalise, read_front_matter

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def guides(env: BuildEnvironment) -> dict[str, Guide]:
    """Every document's Guide, by docname."""
    try:
        return env.service_manual_guides  # type: ignore[attr-defined]
    except AttributeError:
        env.service_manual_guides = {}  # type: ignore[attr-defined]
        return env.service_manual_guides  # type: ignore[attr-defined]


def guide_of(env: BuildEnvironment, docname: str) -> Guide | None:
    return guides(env).get(docname)


class GuideCollector(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        guides(env).pop(docname, None)

    def merge_other(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: AbstractSet[str],
        other: BuildEnvironment,
    ) -> None:
        mine, theirs = guides(env), guides(other)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.docname
        path = env.doc2path(docname)

        def report(message: str, line: int | None) -> None:
            warn(
                message,
                subtype="front_matter",
                location=(docname, line) if line else docname,
            )

        if path.suffix == ".md":
            try:
                text = path.read_text(encoding=env.config.source_encoding)
            except (OSError, UnicodeDecodeError) as exc:
                report(f"could not read front matter: {exc}", None)
                text = ""
            raw = read_front_matter(text, report)
        else:
            raw = from_metadata(env.metadata.get(docname, {}))
        guide = normalise(docname, raw, vocabulary(env.config), report)
        guides(env)[docname] = guide
        if guide.exclude_from_search:
            # Sphinx's own file-wide switch for leaving a page out of the search index.
            env.metadata[docname]["nosearch"] = ""


def setup(app: Sphinx) -> None:
    app.add_env_collector(GuideCollector)
