"""The redirect map: every 2016 URL of a page, and the redirects the new site needs.

Shape of ``redirects.json`` (written beside the report, outside the Sphinx source)::

    {
      "version": 1,
      "prefix": "/service-manual",
      "redirects": {"agile/quality/index": "../quality.html", ...},
      "pages": {"/service-manual/agile/quality": "agile/quality", ...}
    }

- ``redirects`` is ready for sphinx-reredirects (``redirects = data["redirects"]`` in
  ``conf.py``): each key is the docname-like path of a redirect page to write, each value the
  URL it sends readers to, relative to that page. It assumes the HTML builder's URLs
  (``a/b.html``) with the site published at ``prefix``. Then ``/service-manual/a/b.html``,
  ``/service-manual/a/`` and ``/service-manual/a/index.html`` are built pages already, and only
  the extension-less URLs need a page: ``/service-manual/a/b`` gets ``a/b/index.html``, which
  a static server returns for ``/a/b/`` (and, after its usual slash redirect, for ``/a/b``);
  ``/service-manual/a/index``, which 2016 pages link to, gets ``a/index/index.html``.
- ``pages`` maps every 2016 URL form of every page to its docname, for server rules or for
  resolving old links elsewhere.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable
from pathlib import Path

from .site import PREFIX


def url_forms(docname: str) -> list[str]:
    if docname == "index":
        return [PREFIX, PREFIX + "/", PREFIX + "/index", PREFIX + "/index.html"]
    if docname.endswith("/index"):
        folder = docname[: -len("/index")]
        return [
            f"{PREFIX}/{folder}",
            f"{PREFIX}/{folder}/",
            f"{PREFIX}/{docname}",
            f"{PREFIX}/{docname}.html",
        ]
    return [f"{PREFIX}/{docname}", f"{PREFIX}/{docname}.html"]


def build(docnames: Iterable[str]) -> dict[str, object]:
    names = sorted(set(docnames))
    taken = set(names)
    redirects: dict[str, str] = {}
    pages: dict[str, str] = {}
    for docname in names:
        for url in url_forms(docname):
            pages[url] = docname
        source = f"{docname}/index"
        if source in taken:
            continue  # a folder index of the same name owns /a/b/
        target = posixpath.relpath(f"{docname}.html", docname)
        redirects[source] = target
    return {
        "version": 1,
        "prefix": PREFIX,
        "redirects": dict(sorted(redirects.items())),
        "pages": dict(sorted(pages.items())),
    }


def write(path: Path, data: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
