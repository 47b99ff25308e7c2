"""``guides.json``: every page's normalised front matter, for other tools.

Written by HTML builders at the end of every build (from the collector's data, so it is
whole on incremental builds too), unless the file already holds the same. The shape is
documented in the README.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .collector import guides
from .review.settings import today
from .review.state import review_record
from .site import site_map

if TYPE_CHECKING:
    from sphinx.application import Sphinx

EXPORT_VERSION = 1


def guide_records(app: Sphinx) -> list[dict[str, Any]]:
    env = app.env
    records = []
    site = site_map(env)
    day, within = today(env), app.config.service_manual_review_due_within
    for docname, guide in sorted(guides(env).items()):
        title = site.titles.get(docname, "")
        records.append(
            {
                "docname": docname,
                "url": app.builder.get_target_uri(docname),
                "title": title,
                "subtitle": guide.subtitle,
                "layout": guide.layout,
                "category": guide.category,
                "type": guide.type,
                "audience": {
                    "primary": list(guide.audience_primary),
                    "secondary": list(guide.audience_secondary),
                },
                "status": guide.status,
                "phases": list(guide.phases),
                "phase": guide.phase,
                "theme": guide.theme,
                "hero": guide.hero,
                "breadcrumbs": (
                    None
                    if guide.breadcrumbs is None
                    else [{"title": c.title, "url": c.url} for c in guide.breadcrumbs]
                ),
                "exclude_from_search": guide.exclude_from_search,
                "old_paths": [app.builder.get_target_uri(path) for path in guide.old_paths],
                # The review on the build's day (README: "For owners: `make review`").
                "review": review_record(guide, day, within),
                "change_history": [
                    {"date": c.date.isoformat(), "note": c.note} for c in guide.change_history
                ],
            }
        )
    return records


def write_export(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name == "epub":
        return
    payload = {"version": EXPORT_VERSION, "guides": guide_records(app)}
    target = Path(app.outdir) / app.config.service_manual_export_filename
    # Most saves in the live preview change no guide's data: reading the file back is a
    # fraction of the cost of printing it (pure Python, as it is indented).
    try:
        if json.loads(target.read_text(encoding="utf-8")) == payload:
            return
    except (OSError, ValueError):
        pass
    target.write_text(
        json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n",
        encoding="utf-8",
    )


def setup(app: Sphinx) -> None:
    app.add_config_value(
        "service_manual_export_filename", "guides.json", "html", types=frozenset({str})
    )
    app.connect("build-finished", write_export)
