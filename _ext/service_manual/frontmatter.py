"""Where front matter becomes data: one typed :class:`Guide` per document.

The YAML is read from the source file itself, so that each value keeps its type and its line
(MyST hands Sphinx the values as strings, without lines). Documents that are not Markdown
fall back to ``env.metadata``, whose string forms the normaliser also accepts.

Every problem is reported through ``report(message, line)`` and never raised: a page with
broken front matter still builds, with what could be saved.
"""

from __future__ import annotations

import contextlib
import json
import re
import reprlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from .config import Vocabulary
from .old_paths import normalise_old_paths

Report = Callable[[str, int | None], None]

# libyaml's parser when PyYAML was built with it: the same safe loader, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FENCE = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass(frozen=True, slots=True)
class Breadcrumb:
    title: str
    url: str
    line: int | None = None


@dataclass(slots=True)
class Guide:
    """A page of the manual, as its front matter describes it."""

    docname: str
    title: str | None = None
    subtitle: str | None = None
    layout: str = "detailed-guidance"
    category: str | None = None
    type: str | None = None
    audience_primary: tuple[str, ...] = ()
    audience_secondary: tuple[str, ...] = ()
    status: str | None = None
    phases: tuple[str, ...] = ()
    breadcrumbs: tuple[Breadcrumb, ...] | None = None
    exclude_from_search: bool = False
    hero: str | None = None
    phase: str | None = None
    theme: str | None = None
    old_paths: tuple[str, ...] = ()  # earlier paths, normalised (old_paths.py)
    extra: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def audiences(self) -> tuple[str, ...]:
        return self.audience_primary + tuple(
            r for r in self.audience_secondary if r not in self.audience_primary
        )

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key)


# --------------------------------------------------------------------------- reading


@dataclass(slots=True)
class RawFrontMatter:
    data: dict[str, Any]
    lines: dict[str, int]  # top-level key (or "breadcrumbs.N") -> 1-based line in the file
    first_line: int = 1


def split_front_matter(text: str) -> tuple[str, int] | None:
    """Return the YAML text of a leading front matter block and its first line, or None.

    A block may end the file without a closing newline, as six 2016 role pages do.
    """
    lines = text.splitlines()
    if not lines or not _FENCE.match(lines[0].lstrip("\ufeff")):
        return None
    for i in range(1, len(lines)):
        if _CLOSE.match(lines[i]):
            return "\n".join(lines[1:i]), 2
    return None


def read_front_matter(text: str, report: Report) -> RawFrontMatter:
    """Parse the front matter of a Markdown source, keeping the line of every key."""
    block = split_front_matter(text)
    if block is None:
        return RawFrontMatter({}, {})
    yaml_text, first = block
    try:
        # The loader checks the characters as it is made (a control character is a
        # ReaderError), so it is made inside the guard too.
        loader = _Loader(yaml_text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first + mark.line if mark is not None else first - 1
        if isinstance(exc, yaml.reader.ReaderError):  # no mark: a position in the text
            line = first + yaml_text.count("\n", 0, exc.position)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return _without_front_matter(
            f"front matter is not valid YAML: {problem}", yaml_text, first, line, report
        )
    except (ValueError, TypeError, RecursionError) as exc:  # e.g. a timestamp out of range
        return _without_front_matter(
            f"front matter could not be read: {exc}", yaml_text, first, first, report
        )
    if data is None:
        return RawFrontMatter({}, {}, first)
    if not isinstance(data, dict):
        report(
            f"front matter must be a mapping of keys to values, not {_kind(data)}; "
            "the page is built without it",
            first,
        )
        return RawFrontMatter({}, {}, first)
    lines: dict[str, int] = {}
    assert isinstance(node, yaml.MappingNode)
    for key_node, value_node in node.value:
        key = str(key_node.value)
        lines[key] = first + key_node.start_mark.line
        if key == "breadcrumbs" and isinstance(value_node, yaml.SequenceNode):
            for i, item in enumerate(value_node.value):
                lines[f"breadcrumbs.{i}"] = first + item.start_mark.line
    return RawFrontMatter({_key_text(k): v for k, v in data.items()}, lines, first)


_TITLE_LINE = re.compile(r"^title:[ \t]*(?P<value>\S.*)$", re.MULTILINE)


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


def parses(yaml_text: str) -> bool:
    """Whether the YAML can be read at all."""
    try:
        yaml.load(yaml_text, Loader=_Loader)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return False
    return True


def _without_front_matter(
    problem: str, yaml_text: str, first: int, line: int, report: Report
) -> RawFrontMatter:
    """Front matter that cannot be read is left out, but for a title line that can."""
    salvaged = salvage_title(yaml_text)
    if salvaged is None:
        report(f"{problem}; the page is built without it", line)
        return RawFrontMatter({}, {}, first)
    title, offset = salvaged
    report(f"{problem}; the page is built with only its title", line)
    return RawFrontMatter({"title": title}, {"title": first + offset}, first)


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


# --------------------------------------------------------------------------- normalising


def _kind(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# Bounded repr: YAML aliases can nest a value exponentially ("billion laughs"), and a
# full repr() of it never ends; short values come out as repr() writes them.
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 3, 200, 200


def _short(value: Any, limit: int = 60) -> str:
    try:
        text = _REPR.repr(value)
    except ValueError:  # an integer with more digits than Python will write out
        text = f"<{_kind(value)} too long to show>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key_text(key: Any) -> str:
    try:
        return str(key)
    except ValueError:  # a YAML 0x... integer with more digits than Python will write out
        return _short(key)


class _Normaliser:
    def __init__(self, vocab: Vocabulary, raw: RawFrontMatter, report: Report) -> None:
        self.vocab = vocab
        self.raw = raw
        self._report = report

    def warn(self, key: str, message: str) -> None:
        self._report(message, self.raw.lines.get(key, self.raw.lines.get(key.split(".")[0])))

    # -- scalar helpers

    def text(self, key: str) -> str | None:
        value = self.raw.data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.warn(key, f"'{key}' must be text, not {_kind(value)}; it is ignored")
            return None
        try:
            as_text = str(value)
        except ValueError:  # a YAML 0x... integer with more digits than Python will write
            self.warn(key, f"'{key}' must be text, not {_kind(value)}; it is ignored")
            return None
        self.warn(key, f"'{key}' should be text, not {_kind(value)}; read as {as_text!r}")
        return as_text

    def choice(self, key: str, allowed: Iterable[str], what: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        allowed = list(allowed)
        if value in allowed:
            return value
        lowered = value.lower()
        if lowered in allowed:
            return lowered
        self.warn(
            key,
            f"unknown {what} {_short(value)} in '{key}'; expected one of: {', '.join(allowed)}",
        )
        return None

    def slug_list(self, key: str, value: Any) -> list[str]:
        """Accept a list, a comma-separated string (stray spaces, trailing commas) or None."""
        if value is None:
            return []
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list):
            items: list[str] = []
            for item in value:
                if isinstance(item, str):
                    items.extend(p.strip() for p in item.split(",") if p.strip())
                elif item is not None:
                    self.warn(
                        key,
                        f"'{key}' items must be text, not {_kind(item)}; {_short(item)} is ignored",
                    )
            return items
        self.warn(key, f"'{key}' must be a list or comma-separated text, not {_kind(value)}")
        return []

    # -- fields

    def roles(self, key: str, value: Any) -> tuple[str, ...]:
        slugs: list[str] = []
        for item in self.slug_list(key, value):
            slug = self.vocab.role_slug(item)
            if slug is None:
                self.warn(
                    key,
                    f"unknown role {_short(item)} in '{key}'; "
                    f"expected one of: {', '.join(self.vocab.roles)}",
                )
            elif slug not in slugs:
                slugs.append(slug)
        return tuple(slugs)

    def audience(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        value = self.raw.data.get("audience")
        primary: tuple[str, ...] = ()
        secondary: tuple[str, ...] = ()
        if isinstance(value, dict):
            for sub, sub_value in value.items():
                if sub == "primary":
                    primary = self.roles("audience", sub_value)
                elif sub == "secondary":
                    secondary = self.roles("audience", sub_value)
                else:
                    self.warn(
                        "audience",
                        f"unknown key {_short(sub)} in 'audience'; "
                        "expected 'primary' or 'secondary'",
                    )
        elif value is not None:
            primary = self.roles("audience", value)
        # A 2016 variant: the secondary audience as a key of its own.
        if "secondary-audience" in self.raw.data:
            extra = self.roles("secondary-audience", self.raw.data["secondary-audience"])
            secondary += tuple(r for r in extra if r not in secondary)
        secondary = tuple(r for r in secondary if r not in primary)
        return primary, secondary

    def phases(self) -> tuple[str, ...]:
        result: list[str] = []
        for item in self.slug_list("phases", self.raw.data.get("phases")):
            slug = item.lower()
            if slug not in self.vocab.phases:
                self.warn(
                    "phases",
                    f"unknown phase {_short(item)} in 'phases'; "
                    f"expected one of: {', '.join(self.vocab.phases)}",
                )
            elif slug not in result:
                result.append(slug)
        return tuple(result)

    def breadcrumbs(self) -> tuple[Breadcrumb, ...] | None:
        if "breadcrumbs" not in self.raw.data:
            return None
        value = self.raw.data["breadcrumbs"]
        if value is None:
            return ()
        if not isinstance(value, list):
            self.warn(
                "breadcrumbs",
                f"'breadcrumbs' must be a list of {{title, url}} items, not {_kind(value)}; "
                "breadcrumbs come from the table of contents instead",
            )
            return None
        crumbs: list[Breadcrumb] = []
        for i, item in enumerate(value):
            key = f"breadcrumbs.{i}"
            line = self.raw.lines.get(key)
            if not isinstance(item, dict):
                self.warn(
                    key,
                    f"breadcrumb {i + 1} must be a mapping with title and url, not {_kind(item)}",
                )
                continue
            title, url = item.get("title"), item.get("url")
            if not isinstance(title, str) or not title.strip():
                self.warn(key, f"breadcrumb {i + 1} has no 'title' text; it is left out")
                continue
            if url is not None and not isinstance(url, str):
                self.warn(key, f"breadcrumb {i + 1} 'url' must be text, not {_kind(url)}")
                url = None
            crumbs.append(Breadcrumb(title.strip(), (url or "").strip(), line))
        return tuple(crumbs)

    def boolean(self, key: str) -> bool:
        value = self.raw.data.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in {"true", "yes", "false", "no"}:
            return value.strip().lower() in {"true", "yes"}
        self.warn(key, f"'{key}' must be true or false, not {_short(value)}; read as false")
        return False


# Sphinx's own file-wide metadata: Sphinx acts on these, so they are neither extra nor unknown.
SPHINX_KEYS = frozenset({"orphan", "nosearch", "tocdepth"})

_KNOWN_KEYS = frozenset(
    {
        *SPHINX_KEYS,
        "title",
        "subtitle",
        "layout",
        "category",
        "type",
        "audience",
        "secondary-audience",
        "status",
        "phases",
        "breadcrumbs",
        "exclude_from_search",
        "hero",
        "phase",
        "theme",
        "old_paths",
    }
)


def normalise(docname: str, raw: RawFrontMatter, vocab: Vocabulary, report: Report) -> Guide:
    """Turn raw front matter into a :class:`Guide`, reporting every value it cannot use."""
    n = _Normaliser(vocab, raw, report)
    layout = n.text("layout")
    if layout is not None and layout not in vocab.layouts:
        n.warn(
            "layout",
            f"unknown layout {_short(layout)}; using {vocab.default_layout!r} "
            f"(known layouts: {', '.join(vocab.layouts)})",
        )
        layout = None
    primary, secondary = n.audience()
    phase = n.choice("phase", vocab.phases, "phase")
    extra = {k: v for k, v in raw.data.items() if k not in _KNOWN_KEYS}
    for key in extra:
        if key not in vocab.extra_keys:
            n.warn(key, f"unknown front matter key {_short(key)}; it is kept but not used")
    return Guide(
        docname=docname,
        title=n.text("title"),
        subtitle=n.text("subtitle"),
        layout=layout or vocab.default_layout,
        category=n.choice("category", vocab.categories, "category"),
        type=n.choice("type", vocab.types, "type"),
        audience_primary=primary,
        audience_secondary=secondary,
        status=n.choice("status", vocab.statuses, "status"),
        phases=n.phases(),
        breadcrumbs=n.breadcrumbs(),
        exclude_from_search=n.boolean("exclude_from_search"),
        hero=n.text("hero"),
        phase=phase,
        theme=n.choice("theme", vocab.themes, "theme"),
        old_paths=normalise_old_paths(
            raw.data.get("old_paths"), (docname, raw.lines.get("old_paths"))
        ),
        extra=extra,
        lines=dict(raw.lines),
    )
