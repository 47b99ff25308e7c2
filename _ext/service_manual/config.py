"""The manual's vocabularies and settings, as typed Sphinx config values.

Every value carries the ``service_manual_`` prefix. Defaults describe the 2016 manual. The
inner shape of the dict and list values is checked once, at ``config-inited``: a malformed
value gets a warning and the default takes its place, so a typo in ``conf.py`` never stops a
build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .core.vocabulary import (
    DEFAULT_CATEGORIES,
    DEFAULT_EXTRA_KEYS,
    DEFAULT_GUIDE_LAYOUTS,
    DEFAULT_LAYOUTS,
    DEFAULT_PHASES,
    DEFAULT_ROLES,
    DEFAULT_SERIES_LAYOUTS,
    DEFAULT_STATUSES,
    DEFAULT_THEMES,
    DEFAULT_TYPES,
    DEFAULT_VIDEO_HOSTS,
    Vocabulary,
    make_vocabulary,
)
from .diagnostics import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

# What an empty list of guides says, and the label above the title of some layouts.
DEFAULT_EMPTY_LIST_TEXT = "There is no guidance in this category for this phase."
DEFAULT_LAYOUT_CAPTIONS = {"design-pattern": "Design pattern"}

__all__ = [
    "DEFAULT_CATEGORIES",
    "DEFAULT_EXTRA_KEYS",
    "DEFAULT_GUIDE_LAYOUTS",
    "DEFAULT_LAYOUTS",
    "DEFAULT_PHASES",
    "DEFAULT_ROLES",
    "DEFAULT_SERIES_LAYOUTS",
    "DEFAULT_STATUSES",
    "DEFAULT_THEMES",
    "DEFAULT_TYPES",
    "DEFAULT_VIDEO_HOSTS",
    "Vocabulary",
    "vocabulary",
]


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
    "service_manual_layout_captions": (
        DEFAULT_LAYOUT_CAPTIONS,
        _is_str_map,
        "a dict of layout to the label shown above the title",
    ),
    "service_manual_guide_layouts": (
        DEFAULT_GUIDE_LAYOUTS,
        _is_str_list,
        "a list of layout names",
    ),
    "service_manual_series_layouts": (
        DEFAULT_SERIES_LAYOUTS,
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


# Settings of Sphinx and MyST that the manual needs, and the value a project gets when its
# conf.py does not set them: a guide's front matter `title` is its <h1>; a book in the
# manual's theme leaves out the vendored GOV.UK Frontend's licence file (a book packs no
# .txt file, and Sphinx would warn; the stylesheet the book packs names its licence itself).
PROJECT_DEFAULTS: dict[str, Any] = {
    "myst_title_to_header": True,
    "epub_exclude_files": ["_static/govuk-frontend/LICENCE.txt"],
}


def set_by_project(config: Config, name: str) -> bool:
    """Whether conf.py (or -D on the command line) sets ``name``."""
    return name in config._raw_config or name in config.overrides


def project_defaults(app: Sphinx, config: Config) -> None:
    """Give a project that lists only ``myst_parser`` and ``service_manual`` what the manual's
    pages need. Decided when the configuration is read, the same way on every run, so the
    configuration Sphinx saves never differs from the next build's."""
    for name, value in PROJECT_DEFAULTS.items():
        if name in config and not set_by_project(config, name):
            config[name] = value


def vocabulary(config: Config) -> Vocabulary:
    """The vocabularies as this project's config sets them."""
    return make_vocabulary(
        phases=config.service_manual_phases,
        roles=config.service_manual_roles,
        categories=config.service_manual_categories,
        themes=config.service_manual_themes,
        types=config.service_manual_types,
        statuses=config.service_manual_statuses,
        layouts=config.service_manual_layouts,
        default_layout=config.service_manual_default_layout,
        extra_keys=config.service_manual_extra_keys,
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
    app.add_config_value(
        "service_manual_empty_list_text",
        DEFAULT_EMPTY_LIST_TEXT,
        "env",
        types=frozenset({str}),
    )
    app.connect("config-inited", check_config)
    app.connect("config-inited", project_defaults)
