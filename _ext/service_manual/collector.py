"""The environment collector that holds every document's :class:`Guide`.

Keeping the data in ``env.service_manual_guides`` through an ``EnvironmentCollector``
(process, purge and merge in one class) is what keeps ``-j`` and incremental builds right.

Each source is read once: at ``source-read`` the front matter is taken from the text Sphinx
read (and, where MyST would stumble over a broken block, the text MyST parses is mended, so
the writer gets one warning, ours); the collector turns it into a Guide when the doctree is
read, reporting every problem at its line.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.environment.collectors import EnvironmentCollector

from .config import vocabulary
from .diagnostics import warn
from .frontmatter import Guide, SourceFrontMatter, from_metadata, normalise, read_source
from .review.settings import front_matter_settings, today

if TYPE_CHECKING:
    from datetime import date

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from .core.vocabulary import Vocabulary
    from .frontmatter.review import ReviewSettings


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


_READ = "service_manual_front_matter"  # env.temp_data key: this document's front matter


def read_front_matter_once(app: Sphinx, docname: str, source: list[str]) -> None:
    """Take the front matter from the text Sphinx read, and mend the block for MyST where it
    would otherwise warn about it too."""
    if app.env.doc2path(docname).suffix != ".md":
        return
    found = read_source(source[0])
    app.env.temp_data[_READ] = found
    if found.text_for_parser is not None:
        source[0] = found.text_for_parser


class GuideCollector(PerDocumentCollector):
    attribute = "service_manual_guides"

    # The configuration and day front matter was last read against, with the vocabulary and
    # review settings made from them: the same for every document of a build, so made once.
    _read_against: tuple[Config, date, Vocabulary, ReviewSettings] | None = None

    def _vocabulary_and_settings(self, env: BuildEnvironment) -> tuple[Vocabulary, ReviewSettings]:
        day, made = today(env), self._read_against
        if made is None or made[0] is not env.config or made[1] != day:
            made = (env.config, day, vocabulary(env.config), front_matter_settings(env))
            self._read_against = made
        return made[2], made[3]

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        docname = env.docname

        def report(message: str, line: int | None, subtype: str = "front_matter") -> None:
            warn(
                message,
                subtype=subtype,
                location=(docname, line) if line else docname,
            )

        def review_report(message: str, line: int | None) -> None:
            report(message, line, "review")

        found: SourceFrontMatter | None = env.temp_data.get(_READ)
        if found is not None:
            for message, line in found.problems:
                report(message, line)
            raw = found.raw
        else:
            raw = from_metadata(env.metadata.get(docname, {}))
        vocab, settings = self._vocabulary_and_settings(env)
        guide = normalise(docname, raw, vocab, report, review=settings, review_report=review_report)
        guides(env)[docname] = guide


def setup(app: Sphinx) -> None:
    # Early, so that other source-read handlers see the mended text.
    app.connect("source-read", read_front_matter_once, priority=200)
    app.add_env_collector(GuideCollector)
