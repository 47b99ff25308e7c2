"""Where front matter is read: the YAML block at the top of a Markdown source, parsed with
the line of every key kept (MyST hands Sphinx the values as strings, without lines).

A source is read once a build: :func:`read_source` takes the text Sphinx read (at
``source-read``) and returns the front matter, the problems found in it and the text MyST
should parse instead of the source. That is how a mistake gets one warning, ours: front matter
that is not valid YAML is handed on as a block holding only its ``title:`` line, when that line
can be read on its own, and otherwise as blank lines (so every line keeps its number); an
empty block is accepted silently.

Valid front matter is handed on with only the keys MyST or Sphinx act on (:data:`FOR_MYST`:
the title, which MyST makes the page's heading, ``orphan``, ``tocdepth``, ``nosearch``, MyST's
own settings …); the lines of every other key are blank. MyST parses the block twice with
PyYAML's pure-Python loader (once for its settings, once for the page's metadata) and turns
each key into a field of the page's ``docinfo``: on a generated manual of 2,000 guides that was
about a tenth of plain Sphinx + MyST's whole build, for keys that only this extension reads,
from its own parse. So ``env.metadata`` holds those keys alone; the guide's front matter is
``service_manual_guides`` (the collector's). When the shorter block would not read as the same
values (an alias to an anchor in another key's value, a mapping written in flow style), MyST
is handed the block whole, as before.

Problems are returned, never raised: a page with broken front matter still builds.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..core.values import kind_of, shorten

Report = Callable[[str, int | None], None]
Problem = tuple[str, int | None]

# libyaml's parser when PyYAML was built with it: the same safe loader, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_TITLE_LINE = re.compile(r"^title:[ \t]*(?P<value>\S.*)$", re.MULTILINE)


@dataclass(slots=True)
class RawFrontMatter:
    data: dict[str, Any]
    lines: dict[str, int]  # top-level key (or "breadcrumbs.N") -> 1-based line in the file
    first_line: int = 1


@dataclass(slots=True)
class SourceFrontMatter:
    """What :func:`read_source` found: the front matter, its problems (message, line), and
    the source text for MyST when its block is not the source's own (None when it is)."""

    raw: RawFrontMatter
    problems: list[Problem] = field(default_factory=list)
    text_for_parser: str | None = None


# --------------------------------------------------------------------------- describing values


def key_text(key: Any) -> str:
    try:
        return str(key)
    except ValueError:  # a YAML 0x... integer with more digits than Python will write out
        return shorten(key)


# --------------------------------------------------------------------------- the block


@dataclass(frozen=True, slots=True)
class _Block:
    yaml_text: str
    closing: int | None  # 0-based index of the closing fence line; None when unclosed


def _lines(text: str) -> list[str]:
    """The lines of a source, each with its end, split where MyST splits them: at "\\n"."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines


def _block(lines: list[str]) -> _Block | None:
    if not lines or not _FENCE.match(lines[0].lstrip("\ufeff").rstrip("\r\n")):
        return None
    for i in range(1, len(lines)):
        if _CLOSE.match(lines[i].rstrip("\r\n")):
            return _Block("".join(lines[1:i]).rstrip("\r\n").replace("\r\n", "\n"), i)
    return _Block("", None)


def split_front_matter(text: str) -> tuple[str, int] | None:
    """Return the YAML text of a leading front matter block and its first line, or None.

    A block may end the file without a closing newline, as six 2016 role pages do.
    """
    block = _block(_lines(text))
    if block is None or block.closing is None:
        return None
    return block.yaml_text, 2


def salvage_title(yaml_text: str) -> tuple[str, int] | None:
    """The ``title:`` line of front matter that is not valid YAML as a whole, when that line
    is itself a plain text value: ``(title, 0-based line in the block)``."""
    match = _TITLE_LINE.search(yaml_text)
    if match is None:
        return None
    try:
        value = yaml.load("title: " + match["value"], Loader=_Loader)["title"]
    except (yaml.YAMLError, TypeError, KeyError, ValueError, RecursionError):
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip(), yaml_text.count("\n", 0, match.start())


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _dates_as_text(root: yaml.Node) -> list[yaml.ScalarNode]:
    """Leave dates as the text they are written in: a key that wants a date reads it
    itself, so an impossible day (``2026-02-30``, on which YAML's own reading raises and
    the whole block is lost) is one warning at its key. Returns the impossible ones."""
    impossible = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:  # aliases share nodes, and may make a cycle
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _TIMESTAMP:
                try:
                    yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
                except (ValueError, OverflowError):
                    impossible.append(node)
                node.tag = "tag:yaml.org,2002:str"
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return impossible


def _quote(lines: list[str], scalars: list[yaml.ScalarNode]) -> list[str]:
    """The source's lines with these plain scalars of its front matter quoted: what MyST,
    which reads the block too and would call it malformed, is handed instead."""
    edited = list(lines)
    for node in scalars:
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or node.style not in (None, ""):
            continue
        index = 1 + start.line  # the block's first line follows the opening fence
        line = edited[index]
        edited[index] = (
            f"{line[: start.column]}'{line[start.column : end.column]}'{line[end.column :]}"
        )
    return edited


# The front matter keys MyST or Sphinx act on: the page's title (MyST's heading, with
# ``myst_title_to_header``); Sphinx's orphan, tocdepth, nocomments, nosearch / no-search; and
# MyST's own (its settings, substitutions, HTML meta tags).
FOR_MYST = frozenset(
    {
        "title",
        "orphan",
        "tocdepth",
        "nocomments",
        "nosearch",
        "no-search",
        "myst",
        "mystnb",
        "substitutions",
        "html_meta",
    }
)


def _for_myst(
    lines: list[str], closing: int, node: yaml.MappingNode, data: dict[Any, Any]
) -> list[str] | None:
    """The source's lines with the lines of every key outside :data:`FOR_MYST` blank, or
    None when that block would not read as the same values of the keys kept."""
    starts = [key.start_mark.line for key, _value in node.value]
    if any(later <= earlier for earlier, later in itertools.pairwise(starts)):
        return None  # keys sharing a line: a mapping written in flow style
    kept: set[int] = set()
    for i, (key, _value) in enumerate(node.value):
        if key_text(key.value) in FOR_MYST:
            end = starts[i + 1] if i + 1 < len(starts) else closing - 1
            kept.update(range(1 + starts[i], 1 + end))
    edited = [line if i in kept else "\n" for i, line in enumerate(lines[1:closing], 1)]
    wanted = {k: v for k, v in data.items() if key_text(k) in FOR_MYST}
    if wanted:
        got, _node, problem, _impossible = _parse("".join(edited).rstrip("\r\n"), 2)
        try:
            same = problem is None and got == wanted
        except RecursionError:  # a value that holds itself (``&a [*a]``) cannot be compared
            same = False
        if not same:
            return None
        return [lines[0], *edited, *lines[closing:]]
    return ["\n"] * (closing + 1) + lines[closing + 1 :]


def _parse(
    yaml_text: str, first: int
) -> tuple[Any, yaml.Node | None, Problem | None, list[yaml.ScalarNode]]:
    """The YAML's value and node, or the problem that stopped it being read."""
    try:
        # The loader checks the characters as it is made (a control character is a
        # ReaderError), so it is made inside the guard too.
        loader = _Loader(yaml_text)
        try:
            node = loader.get_single_node()
            impossible = _dates_as_text(node) if node is not None else []
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first + mark.line if mark is not None else first - 1
        if isinstance(exc, yaml.reader.ReaderError):  # no mark: a position in the text
            line = first + yaml_text.count("\n", 0, exc.position)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, None, (f"front matter is not valid YAML: {problem}", line), []
    except (ValueError, TypeError, RecursionError) as exc:  # e.g. an integer too long to read
        return None, None, (f"front matter could not be read: {exc}", first), []
    return data, node, None, impossible


def _key_lines(node: yaml.MappingNode, first: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = key_text(key_node.value)
        lines[key] = first + key_node.start_mark.line
        if key == "breadcrumbs" and isinstance(value_node, yaml.SequenceNode):
            for i, item in enumerate(value_node.value):
                lines[f"breadcrumbs.{i}"] = first + item.start_mark.line
    return lines


def _replace_block(lines: list[str], closing: int, title: tuple[str, int] | None) -> str:
    """The source with its front matter block replaced line for line: by a block holding
    only the title, or by blank lines."""
    if title is None:
        head = ["\n"] * (closing + 1)
    else:
        head = ["---\n"] + ["\n"] * (closing - 1) + ["---\n"]
        value, offset = title
        head[1 + offset] = "title: " + json.dumps(value, ensure_ascii=False) + "\n"
    return "".join(head + lines[closing + 1 :])


def read_source(text: str) -> SourceFrontMatter:
    """Read the front matter of a Markdown source (see the module's docstring)."""
    lines = _lines(text)
    block = _block(lines)
    if block is None:
        return SourceFrontMatter(RawFrontMatter({}, {}))
    first = 2
    if block.closing is None:
        unclosed: Problem = (
            "front matter starts with '---' on the first line but has no closing '---'; "
            "it is read as the page's text",
            1,
        )
        return SourceFrontMatter(RawFrontMatter({}, {}), [unclosed], "\n" + "".join(lines[1:]))
    data, node, problem, impossible = _parse(block.yaml_text, first)
    if problem is not None:
        message, line = problem
        salvaged = salvage_title(block.yaml_text)
        replaced = _replace_block(lines, block.closing, salvaged)
        if salvaged is None:
            found = (f"{message}; the page is built without it", line)
            return SourceFrontMatter(RawFrontMatter({}, {}, first), [found], replaced)
        title, offset = salvaged
        found = (f"{message}; the page is built with only its title", line)
        raw = RawFrontMatter({"title": title}, {"title": first + offset}, first)
        return SourceFrontMatter(raw, [found], replaced)
    if data is None:  # an empty block: nothing to say, and nothing for MyST to read
        return SourceFrontMatter(
            RawFrontMatter({}, {}, first), [], _replace_block(lines, block.closing, None)
        )
    if not isinstance(data, dict):
        found = (
            f"front matter must be a mapping of keys to values, not {kind_of(data)}; "
            "the page is built without it",
            first,
        )
        return SourceFrontMatter(
            RawFrontMatter({}, {}, first), [found], _replace_block(lines, block.closing, None)
        )
    assert isinstance(node, yaml.MappingNode)
    raw = RawFrontMatter({key_text(k): v for k, v in data.items()}, _key_lines(node, first), first)
    quoted = _quote(lines, impossible) if impossible else lines
    shorter = _for_myst(quoted, block.closing, node, data)
    if shorter is not None:
        return SourceFrontMatter(raw, [], "".join(shorter))
    return SourceFrontMatter(raw, [], "".join(quoted) if impossible else None)


def read_front_matter(text: str, report: Report) -> RawFrontMatter:
    """Parse the front matter of a Markdown source, reporting each problem."""
    found = read_source(text)
    for message, line in found.problems:
        report(message, line)
    return found.raw


def from_metadata(metadata: dict[str, Any]) -> RawFrontMatter:
    """Front matter as Sphinx's metadata holds it (strings; lists and dicts as JSON)."""
    data: dict[str, Any] = {}
    for key, value in metadata.items():
        if key in {"wordcount", "nosearch", "orphan", "tocdepth"}:
            continue
        if isinstance(value, str) and value[:1] in "[{":
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        data[key] = value
    return RawFrontMatter(data, {})
