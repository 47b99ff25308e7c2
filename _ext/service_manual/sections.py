"""A section's table of contents that keeps itself up to date: a guide saved into a section's
folder joins the section without a second edit.

Every section's index page carries ``{section-toctree}``: a hidden toctree of the pages it
names, in that order, then every other page of the section, by path. The pages of a section
are the pages in its index page's folder, the index pages of the folders inside it, and the
pages of inner folders that have no index page of their own (as
:func:`.core.sections.section_of` says: the one rule the migration uses too). A page whose
front matter has ``orphan`` stays out.

Why not a ``:glob:`` toctree: a glob lists orphans as well, warns when it matches nothing (a new
section, or the last guide deleted) in a way ``suppress_warnings`` cannot silence, and makes
Sphinx read every page that has one again whenever any file is added or removed. Here only
the section page of a page that came, went or changed its ``orphan`` is read again.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.directives.other import TocTree

from .collector import PerDocumentCollector, per_document
from .core.sections import section_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import OptionSpec

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.M | re.S)
_ORPHAN_KEY = re.compile(r"^orphan[ \t]*:", re.M)
_ORPHAN_FIELD = re.compile(r"\A(?:[ \t]*\r?\n)*(?::[^:\n]+:[^\n]*\r?\n)*?:orphan:", re.M)


def is_orphan(env: BuildEnvironment, docname: str) -> bool:
    """Whether the page's source says ``orphan``, read from the file itself: a section page
    may be read before its pages are (or in another process, with ``-j``)."""
    path = env.doc2path(docname)
    try:
        with open(path, encoding=env.config.source_encoding) as source:
            head = source.read(16384)
    except (OSError, UnicodeDecodeError):
        return False
    front = _FRONT_MATTER.match(head)
    if front is not None:
        return _ORPHAN_KEY.search(front.group(1)) is not None
    return _ORPHAN_FIELD.match(head) is not None


def members(env: BuildEnvironment, docname: str) -> list[str]:
    """The pages of the section whose index page is ``docname``, by path, orphans left out."""
    in_section = _pages_by_section(frozenset(env.found_docs), env.config.root_doc)
    return [name for name in in_section.get(docname, ()) if not is_orphan(env, name)]


@functools.lru_cache(maxsize=1)
def _pages_by_section(found: frozenset[str], root: str) -> dict[str | None, tuple[str, ...]]:
    """Every page found, by path, under the index page of its section: worked out once for
    the pages a build finds, not once for every section page that lists its pages."""
    names = set(found)  # as section_of takes them without a copy
    by_section: dict[str | None, list[str]] = {}
    for name in sorted(names):
        by_section.setdefault(section_of(name, names, root), []).append(name)
    return {section: tuple(names) for section, names in by_section.items()}


class SectionToctree(TocTree):
    """The entries given, then the rest of the section's pages; always hidden."""

    option_spec: OptionSpec = {}  # noqa: RUF012 (as TocTree declares it)

    def run(self) -> list[nodes.Node]:
        # The section page shows its own text; the toctree is the site's navigation.
        self.options["hidden"] = True
        return super().run()

    def parse_content(self, toctree: addnodes.toctree) -> None:
        super().parse_content(toctree)
        toctree["service_manual_section"] = True
        self.env.temp_data[_SECTION_READ] = True  # SectionCollector looks in this page
        listed = set(toctree["includefiles"])
        for name in members(self.env, self.env.docname):
            if name not in listed:
                toctree["entries"].append((None, name))
                toctree["includefiles"].append(name)


# env.temp_data: the page being read has a {section-toctree}.
_SECTION_READ = "service_manual_section_read"


class SectionCollector(PerDocumentCollector):
    """Which pages carry a section toctree."""

    attribute = "service_manual_sections"

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        if not app.env.temp_data.get(_SECTION_READ):
            return  # no {section-toctree} was read: the page is not walked
        if any(n.get("service_manual_section") for n in doctree.findall(addnodes.toctree)):
            per_document(app.env, self.attribute)[app.env.docname] = True


def sections_to_read(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """The section pages whose list of pages an edit changes: a page came or went, or its
    ``orphan`` changed."""
    carriers = per_document(env, SectionCollector.attribute)
    if not carriers:
        return []
    root = env.config.root_doc
    now = set(env.found_docs)
    before = (now - added) | removed
    touched = {section_of(name, now, root) for name in added}
    touched |= {section_of(name, before, root) for name in removed}
    for name in changed:
        was = "orphan" in env.metadata.get(name, {})
        if was != is_orphan(env, name):
            touched.add(section_of(name, now, root))
    return sorted(name for name in touched if name in carriers and name in now)


def setup(app: Sphinx) -> None:
    app.add_directive("section-toctree", SectionToctree)
    app.add_env_collector(SectionCollector)
    app.connect("env-get-outdated", sections_to_read)
