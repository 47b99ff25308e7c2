"""Where front matter becomes data: raw YAML values checked against the vocabularies and
turned into a :class:`~.model.Guide`.

Every value that cannot be used is reported through ``report(message, line)`` at the line of
its key, and left out (or the default used); nothing is raised.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core import urls
from ..core.review import today
from ..core.values import kind_of as _kind
from ..core.values import shorten as _short
from ..core.vocabulary import Vocabulary
from ..old_paths import normalise_old_paths
from .model import Breadcrumb, Guide
from .reading import RawFrontMatter, Report
from .review import REVIEW_KEYS, ReviewSettings, read_review


class Values:
    """The raw front matter of one page, read value by value: each reader returns what can
    be used and reports the rest at its key's line."""

    def __init__(self, vocab: Vocabulary, raw: RawFrontMatter, report: Report) -> None:
        self.vocab = vocab
        self.raw = raw
        self._report = report

    def get(self, key: str) -> Any:
        return self.raw.data.get(key)

    def warn(self, key: str, message: str) -> None:
        self._report(message, self.raw.lines.get(key, self.raw.lines.get(key.split(".")[0])))

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

    def boolean(self, key: str) -> bool:
        value = self.raw.data.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in {"true", "yes", "false", "no"}:
            return value.strip().lower() in {"true", "yes"}
        self.warn(key, f"'{key}' must be true or false, not {_short(value)}; read as false")
        return False


# -- fields


def roles(values: Values, key: str, value: Any) -> tuple[str, ...]:
    slugs: list[str] = []
    for item in values.slug_list(key, value):
        slug = values.vocab.role_slug(item)
        if slug is None:
            values.warn(
                key,
                f"unknown role {_short(item)} in '{key}'; "
                f"expected one of: {', '.join(values.vocab.roles)}",
            )
        elif slug not in slugs:
            slugs.append(slug)
    return tuple(slugs)


def audience(values: Values) -> tuple[tuple[str, ...], tuple[str, ...]]:
    value = values.raw.data.get("audience")
    primary: tuple[str, ...] = ()
    secondary: tuple[str, ...] = ()
    if isinstance(value, dict):
        for sub, sub_value in value.items():
            if sub == "primary":
                primary = roles(values, "audience", sub_value)
            elif sub == "secondary":
                secondary = roles(values, "audience", sub_value)
            else:
                values.warn(
                    "audience",
                    f"unknown key {_short(sub)} in 'audience'; expected 'primary' or 'secondary'",
                )
    elif value is not None:
        primary = roles(values, "audience", value)
    # A 2016 variant: the secondary audience as a key of its own.
    if "secondary-audience" in values.raw.data:
        extra = roles(values, "secondary-audience", values.raw.data["secondary-audience"])
        secondary += tuple(r for r in extra if r not in secondary)
    secondary = tuple(r for r in secondary if r not in primary)
    return primary, secondary


def phases(values: Values) -> tuple[str, ...]:
    result: list[str] = []
    for item in values.slug_list("phases", values.raw.data.get("phases")):
        slug = item.lower()
        if slug not in values.vocab.phases:
            values.warn(
                "phases",
                f"unknown phase {_short(item)} in 'phases'; "
                f"expected one of: {', '.join(values.vocab.phases)}",
            )
        elif slug not in result:
            result.append(slug)
    return tuple(result)


def breadcrumbs(values: Values) -> tuple[Breadcrumb, ...] | None:
    if "breadcrumbs" not in values.raw.data:
        return None
    value = values.raw.data["breadcrumbs"]
    if value is None:
        return ()
    if not isinstance(value, list):
        values.warn(
            "breadcrumbs",
            f"'breadcrumbs' must be a list of {{title, url}} items, not {_kind(value)}; "
            "breadcrumbs come from the table of contents instead",
        )
        return None
    crumbs: list[Breadcrumb] = []
    for i, item in enumerate(value):
        key = f"breadcrumbs.{i}"
        line = values.raw.lines.get(key)
        if not isinstance(item, dict):
            values.warn(
                key,
                f"breadcrumb {i + 1} must be a mapping with title and url, not {_kind(item)}",
            )
            continue
        title, url = item.get("title"), item.get("url")
        if not isinstance(title, str) or not title.strip():
            values.warn(key, f"breadcrumb {i + 1} has no 'title' text; it is left out")
            continue
        if url is not None and not isinstance(url, str):
            values.warn(key, f"breadcrumb {i + 1} 'url' must be text, not {_kind(url)}")
            url = None
        crumbs.append(Breadcrumb(title.strip(), (url or "").strip(), line))
    return tuple(crumbs)


HERO_KEYS = ("title", "subtitle", "url")


def hero(values: Values) -> tuple[str | None, str | None, str | None]:
    """A role page's hero as (title, subtitle, url): the title of a page of the manual, or a
    mapping of ``title``, ``subtitle`` and ``url`` for a page outside it (2016 wrote two such
    promos into layouts of their own)."""
    value = values.get("hero")
    if not isinstance(value, dict):
        return values.text("hero"), None, None
    found: dict[str, str] = {}
    for key, item in value.items():
        if key not in HERO_KEYS:
            values.warn(
                "hero",
                f"unknown key {_short(key)} in 'hero'; expected one of: {', '.join(HERO_KEYS)}",
            )
        elif not isinstance(item, str) or not item.strip():
            values.warn("hero", f"'hero' {key} must be text, not {_kind(item)}; it is ignored")
        else:
            found[key] = item.strip()
    title, url = found.get("title"), found.get("url")
    if title is None:
        values.warn("hero", "'hero' has no 'title'; no promo is shown")
        return None, None, None
    if url is not None and not urls.is_web_url(url):
        values.warn(
            "hero",
            f"'hero' url {_short(url)} is not an http or https URL; "
            "the hero names a page of the manual by its title instead",
        )
        url = None
    return title, found.get("subtitle"), url


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
        *REVIEW_KEYS,
        "summary",
    }
)


def normalise(
    docname: str,
    raw: RawFrontMatter,
    vocab: Vocabulary,
    report: Report,
    *,
    review: ReviewSettings | None = None,
    review_report: Report | None = None,
) -> Guide:
    """Turn raw front matter into a :class:`Guide`, reporting every value it cannot use.
    The review keys are read against ``review`` (today, no defaults, when not given) and
    their problems go to ``review_report`` (``report`` when not given)."""
    n = Values(vocab, raw, report)
    layout = n.text("layout")
    if layout is not None and layout not in vocab.layouts:
        n.warn(
            "layout",
            f"unknown layout {_short(layout)}; using {vocab.default_layout!r} "
            f"(known layouts: {', '.join(vocab.layouts)})",
        )
        layout = None
    primary, secondary = audience(n)
    phase = n.choice("phase", vocab.phases, "phase")
    hero_title, hero_subtitle, hero_url = hero(n)
    extra = {k: v for k, v in raw.data.items() if k not in _KNOWN_KEYS}
    for key in extra:
        if key not in vocab.extra_keys:
            n.warn(key, f"unknown front matter key {_short(key)}; it is kept but not used")
    settings = review if review is not None else ReviewSettings(today())
    reviewed = read_review(Values(vocab, raw, review_report or report), settings)
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
        phases=phases(n),
        breadcrumbs=breadcrumbs(n),
        exclude_from_search=n.boolean("exclude_from_search"),
        hero=hero_title,
        hero_subtitle=hero_subtitle,
        hero_url=hero_url,
        phase=phase,
        summary=n.text("summary"),
        theme=n.choice("theme", vocab.themes, "theme"),
        old_paths=normalise_old_paths(n.get("old_paths"), (docname, raw.lines.get("old_paths"))),
        last_reviewed_on=reviewed.last_reviewed_on,
        review_in=reviewed.review_in,
        review_by=reviewed.review_by,
        owner=reviewed.owner,
        change_history=reviewed.change_history,
        turning_days=reviewed.turning_days,
        read_on=settings.today if reviewed.turning_days else None,
        extra=extra,
        lines=dict(raw.lines),
    )
