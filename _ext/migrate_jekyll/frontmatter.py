"""Front matter: kept as YAML, with the 2016 shapes normalised.

- ``audience: {primary: "a, b ,", secondary: "c"}`` becomes lists of role slugs, with the
  2016 spellings resolved (``service-manager`` → ``service-managers`` ...). A plain string
  (the role index pages) stays a string, resolved.
- ``phases:`` with no value is removed; ``phases: "a, b"`` becomes a list.
- ``secondary-audience: "..."`` is merged into ``audience.secondary``.
- Every other key is kept, in its order.
"""

from __future__ import annotations

from typing import Any

import yaml
from service_manual.core.vocabulary import DEFAULT_ROLES

from .report import Report

# The manual's vocabulary is the extension's: one list of roles and their 2016 spellings.
ROLES: tuple[str, ...] = tuple(DEFAULT_ROLES)

ROLE_ALIASES: dict[str, str] = {
    alias: slug for slug, spec in DEFAULT_ROLES.items() for alias in spec["aliases"]
}


class FrontMatterError(ValueError):
    """The YAML could not be read; the page is migrated with its front matter as it was."""


def parse(yaml_text: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(yaml_text) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        raise FrontMatterError(str(exc).splitlines()[0]) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping")
    return {str(k): v for k, v in data.items()}


class _Normaliser:
    def __init__(self, file: str, line: int, report: Report) -> None:
        self.file = file
        self.line = line
        self.report = report

    def role(self, value: str) -> str:
        slug = value.strip().lower()
        if slug in ROLE_ALIASES:
            self.report.count("front_matter.audience_alias")
            return ROLE_ALIASES[slug]
        if slug not in ROLES:
            self.report.issue(
                self.file, self.line, "front_matter.role", f"unknown role {value!r} kept as it is"
            )
        return slug

    def roles(self, value: Any) -> list[str]:
        if value is None:
            return []
        items = value if isinstance(value, list) else str(value).split(",")
        result: list[str] = []
        for item in items:
            if str(item).strip():
                slug = self.role(str(item))
                if slug not in result:
                    result.append(slug)
        return result


def normalise(data: dict[str, Any], file: str, line: int, report: Report) -> dict[str, Any]:
    """Return the normalised front matter; ``line`` is where the block starts (for the report)."""
    fix = _Normaliser(file, line, report)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "secondary-audience":
            continue
        if key == "audience":
            if isinstance(value, dict):
                audience = {str(k): v for k, v in value.items()}
                for tier in ("primary", "secondary"):
                    audience[tier] = fix.roles(audience.get(tier))
                out[key] = audience
                report.count("front_matter.audience")
            elif isinstance(value, str):
                out[key] = fix.role(value) if "," not in value else fix.roles(value)
                report.count("front_matter.audience")
            else:
                out[key] = value
            continue
        if key == "phases":
            if value is None or value == "" or value == []:
                report.count("front_matter.empty_phases")
                continue
            if isinstance(value, str):
                value = [p.strip() for p in value.split(",") if p.strip()]
            out[key] = value
            continue
        out[key] = value
    extra = data.get("secondary-audience")
    if extra is not None:
        current = out.get("audience")
        merged: dict[str, Any] = (
            current
            if isinstance(current, dict)
            else {"primary": fix.roles(current), "secondary": []}
        )
        secondary = list(merged.get("secondary") or [])
        secondary += [r for r in fix.roles(extra) if r not in secondary]
        merged["secondary"] = secondary
        merged.setdefault("primary", [])
        out["audience"] = merged
        report.count("front_matter.secondary_audience")
    return out


class _Dumper(yaml.SafeDumper):
    """Block style, except lists of plain values, which read best as ``[a, b]``."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(v, str | int | float | bool) or v is None for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def dump(data: dict[str, Any]) -> str:
    """The front matter block, fences included, ending with a newline."""
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return f"---\n{text}---\n"


def check_site(fronts: dict[str, dict[str, Any]], report: Report) -> None:
    """What only the whole site shows: a ``hero`` naming no page, a role with no index page.

    Both are 2016 data the build warns about; the report says so first.
    """
    titles = {f.get("title") for f in fronts.values()}
    role_pages = {
        f.get("audience")
        for f in fronts.values()
        if str(f.get("layout", "")).startswith("role-index")
    }
    used: dict[str, str] = {}
    for file, front in sorted(fronts.items()):
        hero = front.get("hero")
        if isinstance(hero, str) and hero not in titles:
            report.issue(file, 1, "front_matter.hero", f"hero {hero!r} is not the title of a page")
        audience = front.get("audience")
        if isinstance(audience, dict):
            for role in [*audience.get("primary", []), *audience.get("secondary", [])]:
                used.setdefault(role, file)
    for role, file in sorted(used.items()):
        if role not in role_pages:
            report.issue(file, 1, "front_matter.role_page", f"role {role!r} has no role-index page")
