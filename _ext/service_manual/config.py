"""The manual's vocabularies and settings, as typed Sphinx config values.

Every value carries the ``service_manual_`` prefix. Defaults describe the 2016 manual. The
inner shape of the dict and list values is checked once, at ``config-inited``: a malformed
value gets a warning and the default takes its place, so a typo in ``conf.py`` never stops a
build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .diagnostics import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

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
    "phases": "index-page.html",
    "phases-index": "index-page.html",
    "category-index": "index-page.html",
    "browse": "index-page.html",
    "themes": "index-page.html",
    "cards": "wide.html",
    "wide": "wide.html",
    "homepage": "homepage.html",
}

# Layouts of guide pages: they get header tags and a "Contents" list of their sections.
DEFAULT_GUIDE_LAYOUTS: list[str] = [
    "detailed-guidance",
    "design-pattern",
    "standard",
    "standard-support",
    "default",
]

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


def _is_str_map(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def _is_role_map(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(slug, str)
        and isinstance(spec, dict)
        and isinstance(spec.get("title"), str)
        and _is_str_list(spec.get("aliases", []))
        for slug, spec in value.items()
    )


# name -> (default, shape check, description of the shape for the warning)
_SHAPES: dict[str, tuple[Any, Any, str]] = {
    "service_manual_phases": (DEFAULT_PHASES, _is_str_map, "a dict of slug to title"),
    "service_manual_roles": (
        DEFAULT_ROLES,
        _is_role_map,
        "a dict of slug to {'title': str, 'aliases': [str, ...]}",
    ),
    "service_manual_categories": (DEFAULT_CATEGORIES, _is_str_map, "a dict of slug to title"),
    "service_manual_themes": (DEFAULT_THEMES, _is_str_map, "a dict of slug to title"),
    "service_manual_types": (DEFAULT_TYPES, _is_str_list, "a list of strings"),
    "service_manual_statuses": (DEFAULT_STATUSES, _is_str_map, "a dict of status to tag"),
    "service_manual_layouts": (DEFAULT_LAYOUTS, _is_str_map, "a dict of layout to template"),
    "service_manual_guide_layouts": (
        DEFAULT_GUIDE_LAYOUTS,
        _is_str_list,
        "a list of layout names",
    ),
    "service_manual_extra_keys": (DEFAULT_EXTRA_KEYS, _is_str_list, "a list of strings"),
    "service_manual_video_hosts": (DEFAULT_VIDEO_HOSTS, _is_str_list, "a list of host names"),
}


def check_config(app: Sphinx, config: Config) -> None:
    """Check the inner shape of our config values; a bad one warns and falls back."""
    for name, (default, is_valid, shape) in _SHAPES.items():
        if not is_valid(config[name]):
            warn(
                f"{name} must be {shape}; using the default",
                subtype="config",
                location=None,
            )
            config[name] = default
    if config.service_manual_default_layout not in config.service_manual_layouts:
        warn(
            f"service_manual_default_layout {config.service_manual_default_layout!r} "
            "is not a layout in service_manual_layouts; using 'detailed-guidance'",
            subtype="config",
            location=None,
        )
        config.service_manual_default_layout = "detailed-guidance"
    prefix = config.service_manual_legacy_prefix
    if prefix and not prefix.startswith("/"):
        warn(
            f"service_manual_legacy_prefix {prefix!r} must start with '/'; using '/service-manual'",
            subtype="config",
            location=None,
        )
        config.service_manual_legacy_prefix = "/service-manual"


def vocabulary(config: Config) -> Vocabulary:
    roles = config.service_manual_roles
    aliases: dict[str, str] = {}
    for slug, spec in roles.items():
        aliases[slug.lower()] = slug
        for alias in spec.get("aliases", []):
            aliases.setdefault(alias.lower(), slug)
    return Vocabulary(
        phases=dict(config.service_manual_phases),
        roles={slug: spec["title"] for slug, spec in roles.items()},
        role_aliases=aliases,
        categories=dict(config.service_manual_categories),
        themes=dict(config.service_manual_themes),
        types=tuple(config.service_manual_types),
        statuses=dict(config.service_manual_statuses),
        layouts=dict(config.service_manual_layouts),
        default_layout=config.service_manual_default_layout,
        extra_keys=frozenset(config.service_manual_extra_keys),
    )


def setup(app: Sphinx) -> None:
    for name, (default, _check, _shape) in _SHAPES.items():
        app.add_config_value(name, default, "env", types=frozenset({type(default)}))
    app.add_config_value(
        "service_manual_default_layout", "detailed-guidance", "env", types=frozenset({str})
    )
    app.add_config_value(
        "service_manual_legacy_prefix", "/service-manual", "env", types=frozenset({str})
    )
    app.add_config_value("service_manual_repository_url", "", "html", types=frozenset({str}))
    app.add_config_value("service_manual_repository_branch", "main", "html", types=frozenset({str}))
    app.add_config_value(
        "service_manual_empty_list_text",
        "There is no guidance in this category for this phase.",
        "env",
        types=frozenset({str}),
    )
    app.connect("config-inited", check_config)
