"""The 2016 video figures, as our ``{video}`` directive.

2016 pages embed a video as raw HTML, on one line or spread over several, sometimes with
``width``/``height`` attributes (dropped: the player sizes itself)::

    <figure class="media-player-wrapper video"><a href="https://www.youtube.com/watch?v=ID">
    Caption</a></figure>

which becomes::

    ```{video} https://www.youtube.com/watch?v=ID
    Caption
    ```

:mod:`migrate_jekyll.html` finds the figures (alone or inside other HTML) and calls
:func:`is_video_figure` and :func:`directive`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .html_tree import Element


def is_video_figure(element: Element) -> bool:
    classes = element.attrs.get("class", "").split()
    return element.tag == "figure" and ("video" in classes or "media-player-wrapper" in classes)


def video_link(element: Element) -> Element | None:
    """The ``<a href>`` inside a video figure, which holds the URL and the caption."""
    for link in element.find_all("a"):
        if link.attrs.get("href", "").strip():
            return link
    return None


def directive(url: str, caption: str) -> list[str]:
    """The lines of a ``{video}`` directive; the caption is one line of inline Markdown."""
    fence = "````" if "```" in caption else "```"
    return [f"{fence}{{video}} {url.strip()}", caption.strip(), fence]
