"""Convert the 2016 Jekyll/kramdown service manual into MyST sources for our Sphinx project.

Run it as ``python -m migrate_jekyll SRC DEST [--report FILE] [--redirects FILE]``. Each
conversion lives in its own module, named after what it converts (``frontmatter``, ``video``,
``downloads``, ``links`` ...); :mod:`migrate_jekyll.pipeline` runs them in order and
:mod:`migrate_jekyll.report` records what each did and what it could not convert.

The package needs only the standard library, PyYAML and ``service_manual.core`` (the
manual's vocabularies and heading ids, which import no Sphinx): it never loads Sphinx or the
extension. It writes files, and the build reads them.
"""

from __future__ import annotations

__version__ = "0.1.0"
