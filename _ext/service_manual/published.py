"""Where the site is published: its base URL and the path it is served under.

Computed here once, from the configuration, for every feature that needs it: the 404 page's
links, the sitemap, ``robots.txt`` and each page's ``og:url``. The base URL is Sphinx's own
``html_baseurl``; the project's ``conf.py`` fills it from Read the Docs'
``READTHEDOCS_CANONICAL_URL``, and a project that leaves it unset gets that variable here, at
``config-inited`` (so the value is in the configuration Sphinx compares between builds). No
URL is ever made up: without a base URL there is no sitemap, no ``robots.txt`` and no
``og:url``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .config import set_by_project

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

READTHEDOCS_CANONICAL_URL = "READTHEDOCS_CANONICAL_URL"


def base_url(config: Config) -> str:
    """The site's canonical base URL, ending in ``/``; ``""`` when none is known."""
    url = str(config.html_baseurl or "")
    if not _is_web_url(url):
        return ""
    return url if url.endswith("/") else url + "/"


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def base_url_at_setup(app: Sphinx) -> str:
    """The base URL as it will be once the configuration is read, already known while
    extensions are set up: for deciding which extensions to load."""
    url = _configured_base_url(app.config)
    return url if _is_web_url(url) else ""


def _configured_base_url(config: Config) -> str:
    """``html_baseurl`` where ``conf.py`` or ``-D`` sets it, else Read the Docs' variable."""
    if set_by_project(config, "html_baseurl"):
        return str(config.html_baseurl or "")
    return os.environ.get(READTHEDOCS_CANONICAL_URL, "")


def url_prefix(config: Config) -> str:
    """The absolute path the site is served under, ``/`` or ``/x/y/``.

    The base URL's path when there is one; on Read the Docs without it, Read the Docs' own
    ``/<language>/<version>/``; otherwise the site is taken to be served at the host's root.
    """
    url = base_url(config)
    if url:
        path = urlsplit(url).path
    elif os.environ.get("READTHEDOCS") == "True" and os.environ.get("READTHEDOCS_VERSION"):
        language = os.environ.get("READTHEDOCS_LANGUAGE") or config.language or "en"
        path = f"/{language}/{os.environ['READTHEDOCS_VERSION']}/"
    else:
        path = "/"
    path = "/" + path.strip("/") + "/"
    return "/" if path == "//" else path


def read_the_docs_base_url(app: Sphinx, config: Config) -> None:
    url = _configured_base_url(config)
    if url != config.html_baseurl and _is_web_url(url):
        config.html_baseurl = url


def setup(app: Sphinx) -> None:
    app.connect("config-inited", read_the_docs_base_url, priority=100)
