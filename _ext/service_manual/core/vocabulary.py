"""The manual's vocabularies: phases, roles, categories, themes, types, statuses, layouts.

Sphinx-free, so that the migration tool and anything else can read them without importing
Sphinx; :mod:`service_manual.config` makes them config values a project can change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Phases of a service, in the order a service goes through them.
DEFAULT_PHASES: dict[str, str] = {
    "discovery": "Discovery",
    "alpha": "Alpha",
    "beta": "Beta",
    "live": "Live",
    "retirement": "Retirement",
}

# Roles (audiences): slug -> display name and the other spellings found in the 2016 data.
DEFAULT_ROLES: dict[str, dict[str, Any]] = {
    "service-managers": {"title": "Service managers", "aliases": ["service-manager"]},
    "delivery-managers": {"title": "Delivery managers", "aliases": ["delivery-manager"]},
    "tech-archs": {
        "title": "Technical architects",
        "aliases": ["tech-arch", "technical-architect", "technical-architects"],
    },
    "developers": {"title": "Developers", "aliases": ["developer"]},
    "web-ops": {"title": "Web operations", "aliases": ["web-operations", "webops"]},
    "designers": {"title": "Designers", "aliases": ["designer"]},
    "content-designers": {"title": "Content designers", "aliases": ["content-designer"]},
    "user-researchers": {
        "title": "User researchers",
        "aliases": ["user-researcher", "researchers", "researcher"],
    },
    "performance-analysts": {
        "title": "Performance analysts",
        "aliases": ["performance-analyst", "analyst", "analysts"],
    },
    "qa": {"title": "Quality assurance testers", "aliases": ["tester", "testers"]},
    "chief-technology-officers": {
        "title": "Chief technology officers",
        "aliases": ["chief-technology-officer", "cto", "ctos"],
    },
}

# Categories, in the order of the 2016 "Browse guides by topic" page, then the others
# that the 2016 data uses.
DEFAULT_CATEGORIES: dict[str, str] = {
    "agile": "Agile",
    "assisted-digital": "Assisted digital",
    "governance": "Governance",
    "making-software": "Making software",
    "measurement": "Measurement",
    "operations": "Operations",
    "phases": "Phases",
    "identity-assurance": "Identity assurance",
    "technology": "Technology",
    "the-team": "The team",
    "user-centred-design": "User-centred design",
    "user-research": "User research",
    "communications": "Communications",
    "design-and-development-resources": "Design and development resources",
    "domain-names": "Domain names",
    "dbd": "Digital by Default Service Standard",
    "service-managers": "Service managers",
    "feedback": "Feedback",
    "guidance": "Guidance",
    "home": "Home",
}

DEFAULT_THEMES: dict[str, str] = {
    "getting-started": "Getting started",
    "understanding-your-audience": "Understanding your audience",
    "security-and-the-law": "Security and the law",
    "design-and-build": "Designing and building your service",
    "maintain-and-improve": "Maintaining and improving your service",
    "agile": "Agile",
}

DEFAULT_TYPES: list[str] = ["guide", "resource", "category-index"]

# Status -> the tag shown on the page ("" shows none).
DEFAULT_STATUSES: dict[str, str] = {"draft": "Draft", "beta": "Beta", "published": ""}

# Layout -> template in _templates/. The 2016 names; layouts that looked the same share one.
DEFAULT_LAYOUTS: dict[str, str] = {
    "detailed-guidance": "detailed-guidance.html",
    "design-pattern": "detailed-guidance.html",
    "standard": "detailed-guidance.html",
    "standard-support": "detailed-guidance.html",
    "default": "detailed-guidance.html",
    "role-index": "index-page.html",
    "role-index-content-designer": "index-page.html",
    "role-index-designers": "index-page.html",
    # 2016's phase pages were detailed guidance around their text: Contents and page tools.
    "phases": "detailed-guidance.html",
    "phases-index": "index-page.html",
    "category-index": "index-page.html",
    "browse": "index-page.html",
    "themes": "index-page.html",
    "cards": "wide.html",
    "wide": "wide.html",
    "homepage": "index-page.html",
}

# Layouts of guide pages: they get header tags and a "Contents" list of their sections.
DEFAULT_GUIDE_LAYOUTS: list[str] = [
    "detailed-guidance",
    "design-pattern",
    "standard",
    "standard-support",
    "default",
    "phases",
]

# Layouts whose pages are read as one series (2016: the six pages that support the Digital by
# Default Service Standard): each page's Contents lists every page of the series, in the
# order of the table of contents, with its own sections under its own entry.
DEFAULT_SERIES_LAYOUTS: list[str] = ["standard-support"]

# Front matter keys the 2016 data carries that we keep without interpreting.
DEFAULT_EXTRA_KEYS: list[str] = ["long-title", "page_class"]

DEFAULT_VIDEO_HOSTS: list[str] = [
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtu.be",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
    "vimeo.com",
    "www.vimeo.com",
    "player.vimeo.com",
]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The checked vocabularies, as one object the normaliser can take."""

    phases: dict[str, str]
    roles: dict[str, str]  # slug -> display name
    role_aliases: dict[str, str]  # any accepted spelling -> slug
    categories: dict[str, str]
    themes: dict[str, str]
    types: tuple[str, ...]
    statuses: dict[str, str]
    layouts: dict[str, str]
    default_layout: str
    extra_keys: frozenset[str]

    def role_slug(self, value: str) -> str | None:
        return self.role_aliases.get(value.strip().lower())


def make_vocabulary(
    *,
    phases: Mapping[str, str] = DEFAULT_PHASES,
    roles: Mapping[str, Mapping[str, Any]] = DEFAULT_ROLES,
    categories: Mapping[str, str] = DEFAULT_CATEGORIES,
    themes: Mapping[str, str] = DEFAULT_THEMES,
    types: Iterable[str] = DEFAULT_TYPES,
    statuses: Mapping[str, str] = DEFAULT_STATUSES,
    layouts: Mapping[str, str] = DEFAULT_LAYOUTS,
    default_layout: str = "detailed-guidance",
    extra_keys: Iterable[str] = DEFAULT_EXTRA_KEYS,
) -> Vocabulary:
    """A :class:`Vocabulary` (the defaults unless given), with every role alias resolved."""
    aliases: dict[str, str] = {}
    for slug, spec in roles.items():
        aliases[slug.lower()] = slug
        for alias in spec.get("aliases", []):
            aliases.setdefault(alias.lower(), slug)
    return Vocabulary(
        phases=dict(phases),
        roles={slug: spec["title"] for slug, spec in roles.items()},
        role_aliases=aliases,
        categories=dict(categories),
        themes=dict(themes),
        types=tuple(types),
        statuses=dict(statuses),
        layouts=dict(layouts),
        default_layout=default_layout,
        extra_keys=frozenset(extra_keys),
    )
