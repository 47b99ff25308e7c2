"""Sphinx configuration for the Government Service Design Manual.

The source folder is ``docs/``; this file sits at the top of the repository so that
``sphinx-build -c . docs _build/html`` (and the Makefile) find our extension in ``_ext/``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

project = "Government Service Design Manual"
author = "Government Digital Service"
copyright = "Crown copyright"
language = "en"
# Sphinx's strings that its own catalogue of a language lacks (see README, "Translations").
locale_dirs = [str(HERE / "locale")]
# The manual's edition, shown on the PDF's title page and required by the EPUB builder.
version = release = "2016"

extensions = [
    "myst_parser",
    # ImageMagick turns GIFs (which LaTeX cannot include) into PNGs for the PDF.
    "sphinx.ext.imgconverter",
    "service_manual",
    # Redirect pages for 2016 URLs, from the map `make migrate` writes beside its output.
    "sphinx_reredirects",
]
# sphinx-design (grids, cards, tabs) is installed for writers who need it: add "sphinx_design"
# above to use it. It is off by default: it adds a stylesheet and a script to every page, its
# transforms cost about 7% of a full build, and it appends to html_static_path at start-up,
# which makes Sphinx report a changed configuration on every incremental build.

root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "README.md"]
nitpicky = True

# MyST: front matter `title` is the page's one <h1>; `##` sections nest below it.
myst_title_to_header = True
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence", "deflist"]
# Heading ids as kramdown made them in 2016, so old #fragment links keep working; headings
# that the migration moved down a level keep theirs too.
myst_heading_anchors = 6
myst_heading_slug_func = "service_manual.core.slugs.kramdown_slug"

# HTML: the extension's own theme (GOV.UK-style pages on Sphinx's `basic` theme).
html_theme = "service_manual"
templates_path = ["_templates"]  # project overrides of the theme's templates
html_static_path = ["_static"]  # project overrides of the theme's static files
html_title = project
html_short_title = "Service Manual"
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
html_copy_source = True
html_show_sourcelink = False
html_permalinks_icon = "#"

# The service manual extension. The "View the source" and "history" links come from the
# git checkout's origin remote, or Read the Docs' (see README, "Source and feedback links"):
# no repository URL is set here. No default owner or feedback address is set either: none
# is known yet, and the site shows none rather than a made-up one.

# A guide's "Last updated" is git's author date of its last change (the extension loads
# sphinx-last-updated-by-git where the sources are in a git checkout), as a day in the UK.
git_last_updated_timezone = "Europe/London"

# Debian's ImageMagick, not another program called convert earlier on PATH.
image_converter = "/usr/bin/convert" if os.path.exists("/usr/bin/convert") else "convert"

# LaTeX (PDF): one book of the whole manual, with a title page and contents.
# xelatex, not pdflatex: pdflatex draws ŵ and ŷ as a letter under a separate accent, so the
# PDF's text holds "w" + U+0302, which search, copy and screen readers read as another word.
# Fonts are Sphinx's xelatex defaults: FreeSerif, FreeSans, FreeMono (fonts-freefont-otf).
latex_engine = "xelatex"
latex_use_xindy = False  # makeindex comes with TeX Live; xindy would need clisp
latex_documents = [(root_doc, "service-manual.tex", project, author, "manual")]
latex_elements = {"papersize": "a4paper", "pointsize": "11pt"}
epub_show_urls = "no"
