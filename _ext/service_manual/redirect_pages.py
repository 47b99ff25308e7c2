"""The migration's redirect pages, written only when they change.

sphinx-reredirects writes every redirect page on every build. The migrated manual has 205,
so every incremental build, and every save in ``make livehtml``, rewrote 205 files that had not
changed: most of the time such a build took, on a disk where replacing a file's content waits
for the old blocks. When ``redirects`` comes from the migration's map (``redirects.py``), this
module takes it over at ``config-inited`` and writes the same pages, with sphinx-reredirects'
own code for their names and their text, leaving alone a page whose file already holds it.
A ``redirects`` that ``conf.py`` sets itself stays sphinx-reredirects' business, as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def take_over(app: Sphinx, config: Config) -> None:
    pages: dict[str, str] = {}
    own = "redirects" in config._raw_config or "redirects" in config.overrides
    if "redirects" in config and config.redirects and not own:
        pages, config.redirects = dict(config.redirects), {}
    app.service_manual_redirect_pages = pages  # type: ignore[attr-defined]


def write_redirect_pages(app: Sphinx) -> list[tuple[str, dict[str, str], str]]:
    pages: dict[str, str] = getattr(app, "service_manual_redirect_pages", {})
    if not pages:  # for every builder that collects pages, as sphinx-reredirects does
        return []
    from sphinx_reredirects import Reredirects

    writer = Reredirects(app)
    writer.redirects_option = pages
    suffix = getattr(app.builder, "out_suffix", ".html")
    outdir = Path(app.outdir)
    for docname, target in writer.grab_redirects().items():
        page = outdir.joinpath(*writer.docname_out_path(docname, suffix)).with_suffix(suffix)
        text = writer._render_redirect_template(target)
        try:
            if page.read_text(encoding="utf-8") == text:
                continue
        except (OSError, UnicodeDecodeError):
            pass
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    return []


def setup(app: Sphinx) -> None:
    # After redirects.py has filled ``redirects`` from the map (priority 600).
    app.connect("config-inited", take_over, priority=700)
    app.connect("html-collect-pages", write_redirect_pages)
