"""Reading a redirect page back, for the tests of the redirect map and of ``old_paths``."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup, Doctype, Tag


def redirect_of(page: BeautifulSoup) -> dict[str, Any]:
    """What a redirect page says, checking its markup on the way: one HTML doctype, a title,
    a canonical link, a refresh inside ``<noscript>``, a script file and no inline script,
    and one link in the body."""
    doctypes = [item for item in page.contents if isinstance(item, Doctype)]
    assert [str(d).lower() for d in doctypes] == ["html"]
    root, head, body = page.find("html"), page.find("head"), page.find("body")
    assert isinstance(root, Tag) and isinstance(head, Tag) and isinstance(body, Tag)
    titles = head.find_all("title")
    assert len(titles) == 1 and titles[0].get_text().strip()
    (canonical,) = head.find_all("link", rel="canonical")
    (noscript,) = head.find_all("noscript")
    (refresh,) = noscript.find_all("meta", attrs={"http-equiv": "refresh"})
    delay, _, url = str(refresh["content"]).partition(";")
    assert delay == "0" and url.strip().startswith("url=")
    scripts = page.find_all("script")
    assert [s.get_text() for s in scripts] == [""], "an inline script"
    (link,) = body.find_all("a")
    return {
        "lang": root.get("lang"),
        "title": titles[0].get_text(),
        "canonical": canonical["href"],
        "refresh": url.strip()[len("url=") :],
        "script": [s["src"] for s in scripts],
        "link": (link.get_text(), link["href"]),
        "text": " ".join(body.get_text().split()),
    }
