"""The environment collector that holds every document's :class:`Guide`.

Keeping the data in ``env.service_manual_guides`` through an ``EnvironmentCollector``
(process, purge and merge in one class) is what keeps ``-j`` and incremental builds right.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.environment.collectors import EnvironmentCollector

from .config import vocabulary
from .diagnostics import warn
from .frontmatter import Guide, from_metadata, normalise, read_front_matter

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def per_document(env: BuildEnvironment, attribute: str) -> dict[str, Any]:
    """The dict ``env.<attribute>`` of per-document data, made on first use."""
    data = getattr(env, attribute, None)
    if data is None:
        data = {}
        setattr(env, attribute, data)
    return data


class PerDocumentCollector(EnvironmentCollector):
    """Per-document data in ``env.<attribute>``: purged with its document, merged back from
    parallel readers."""

    attribute: ClassVar[str]

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        per_document(env, self.attribute).pop(docname, None)

    def merge_other(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: AbstractSet[str],
        other: BuildEnvironment,
    ) -> None:
        mine, theirs = per_document(env, self.attribute), per_document(other, self.attribute)
        for docname in docnames:
            if docname in theirs:
                mine[docname] = theirs[docname]


def guides(env: BuildEnvironment) -> dict[str, Guide]:
    """Every document's Guide, by docname."""
    return per_document(env, GuideCollector.attribute)


def guide_of(env: BuildEnvironment, docname: str) -> Guide | None:
    return guides(env).get(docname)


class GuideCollector(PerDocumentCollector):
    attribute = "service_manual_guides"

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
