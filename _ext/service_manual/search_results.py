"""Search that finds the page you mean, with Sphinx's own search and its hooks.

- Ranking: ``theme/static/search/scorer.js`` is the ``html_search_scorer`` (set at
  ``config-inited`` unless ``conf.py`` names its own): Sphinx's ranking, with the page whose
  title is the query first and a topic's page next when the query names a topic.
- Subtitles: ``theme/static/search/subtitles.js`` adds each page's subtitle under its title in
  the results (with the manual's theme, which ships the file).
- Both read ``_static/search/pages-<checksum>.js``, which the build writes from every page's
  front matter as it writes the search page, the one page that loads it: each page's
  subtitle, and the topics (the categories, by slug and by name, and their
  ``type: category-index`` pages). An incremental build writes what a fresh one does.

The file is named by its content, and the one an earlier build wrote is removed. A fixed name
would do for a build run on its own, but Sphinx remembers a static file's checksum (the
``?v=`` of its URL) for as long as the Python process lives: a second build in the same process
(a live preview, the tests) would link the new content with the old checksum.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

from .collector import guides
from .config import set_by_project
from .layouts import THEME_PATH, uses_our_theme

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

_ = get_translation("service_manual")

SCORER = THEME_PATH / "static" / "search" / "scorer.js"
DATA_FOLDER = "search"
SUBTITLES_SCRIPT = "search/subtitles.js"


def use_our_scorer(app: Sphinx, config: Config) -> None:
    # An absolute path: Sphinx opens the file relative to the working directory.
    if not config.html_search_scorer and not set_by_project(config, "html_search_scorer"):
        config.html_search_scorer = str(SCORER)


def search_data(app: Sphinx) -> dict[str, Any]:
    """What the search page knows of the site's pages, in docname order."""
    env = app.env
    metadata = env.metadata
    categories = app.config.service_manual_categories
    pages: dict[str, dict[str, str]] = {}
    topics: list[tuple[str, str]] = []
    for docname, guide in sorted(guides(env).items()):
        if "nosearch" in metadata.get(docname, {}):
            continue
        if guide.subtitle:
            pages[docname] = {
                "url": app.builder.get_target_uri(docname),
                "subtitle": " ".join(guide.subtitle.split()),
            }
        if guide.type == "category-index" and guide.category:
            label = categories.get(guide.category, "")
            # The slug, the name, and the name in the site's language, as readers type them.
            names = [guide.category, label, _(label) if label else ""]
            topics += [(name, docname) for name in dict.fromkeys(names) if name]
    return {"pages": pages, "topics": sorted(topics)}


def write_search_data(app: Sphinx) -> str:
    """Write the search page's data file; return its name under ``_static/``."""
    # ASCII-only JSON is a valid JavaScript literal, whatever the front matter holds.
    data = json.dumps(search_data(app), ensure_ascii=True, indent=1, sort_keys=True)
    text = (
        "// The service manual's pages, for its search page. Written by the build.\n"
        f"window.serviceManualSearch = {data};\n"
    )
    name = f"pages-{zlib.crc32(text.encode('utf-8')):08x}.js"
    folder = Path(app.outdir, "_static", DATA_FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("pages-*.js"):
        if old.name != name:
            old.unlink()
    (folder / name).write_text(text, encoding="utf-8")
    return f"{DATA_FOLDER}/{name}"


def search_page_scripts(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """The search page, written after every document: its data, then its scripts."""
    if templatename != "search.html" or getattr(app.builder, "embedded", False):
        return
    app.add_js_file(write_search_data(app))
    if uses_our_theme(app):
        app.add_js_file(SUBTITLES_SCRIPT, loading_method="defer")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", use_our_scorer)
    app.connect("html-page-context", search_page_scripts)
