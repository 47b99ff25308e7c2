"""Which URLs the site may link to or load: one policy, used wherever a URL comes from a
writer (breadcrumbs, videos, downloads, images, owners, redirect maps, settings).

Only ``http``, ``https`` and ``mailto`` links are ever written into a page; anything else
(``javascript:``, ``data:``, ``file:`` ...) is refused with a warning where it was written.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
WEB_SCHEMES = frozenset({"http", "https"})


def parse(url: str) -> SplitResult | None:
    """``url`` split into its parts, or None when it is not a valid URL (an unclosed ``[``
    host, a NUL ...)."""
    if "\x00" in url:
        return None
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        return None
    return parts


def scheme(url: str) -> str:
    """The URL's scheme in lower case ("" when it has none or is not valid)."""
    parts = parse(url)
    return parts.scheme.lower() if parts is not None else ""


def is_allowed_link(url: str, schemes: frozenset[str] = LINK_SCHEMES) -> bool:
    """Whether ``url`` is an absolute link with an allowed scheme: a web URL with a host, or
    a ``mailto:`` with an address."""
    parts = parse(url)
    if parts is None or parts.scheme.lower() not in schemes:
        return False
    if parts.scheme.lower() == "mailto":
        return bool(parts.path.strip())
    return bool(parts.hostname)


def is_web_url(url: str) -> bool:
    """An ``http``/``https`` URL with a host."""
    return is_allowed_link(url, WEB_SCHEMES)


def is_site_relative(url: object) -> bool:
    """A relative URL that stays on the site: no scheme, no host, not ``/``-rooted."""
    if not isinstance(url, str) or not url or "\\" in url or url.startswith("/"):
        return False
    parts = parse(url)
    return parts is not None and not parts.scheme and not parts.netloc
