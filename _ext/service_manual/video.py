"""Where the video lives: the ``{video}`` directive and its figure.

The static page holds the caption and a plain link to watch the video: it works with
JavaScript off and asks nothing of another host. ``_static/video.js`` offers a play button
that swaps in a privacy-enhanced player (``youtube-nocookie.com``, or Vimeo with
``dnt=1``) only when the reader chooses to play. Print and text show the caption and URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import parse_qs, urlencode

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from . import census
from .core import urls
from .diagnostics import content_line, inline_lineno, warn
from .doctree import raw_as_text
from .visitors import CHILDREN_ONLY, add_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

_ = get_translation("service_manual")

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{1,12}$")
_TIME = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")


@dataclass(frozen=True, slots=True)
class Video:
    platform: str  # "youtube" or "vimeo"
    video_id: str
    start: int  # seconds

    @property
    def watch_url(self) -> str:
        if self.platform == "youtube":
            query = {"v": self.video_id}
            if self.start:
                query["t"] = f"{self.start}s"
            return "https://www.youtube.com/watch?" + urlencode(query)
        return f"https://vimeo.com/{self.video_id}" + (f"#t={self.start}s" if self.start else "")

    @property
    def embed_url(self) -> str:
        if self.platform == "youtube":
            query = {"autoplay": "1", "rel": "0"}
            if self.start:
                query["start"] = str(self.start)
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?" + urlencode(query)
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1&autoplay=1" + (
            f"#t={self.start}s" if self.start else ""
        )

    @property
    def platform_name(self) -> str:
        return "YouTube" if self.platform == "youtube" else "Vimeo"


class VideoURLError(ValueError):
    pass


def _seconds(value: str) -> int:
    match = _TIME.match(value.strip())
    if not value.strip() or not match:
        return 0
    h, m, s = (int(g) if g else 0 for g in match.groups())
    return h * 3600 + m * 60 + s


def parse_video_url(url: str, allowed_hosts: list[str]) -> Video:
    """Read a YouTube or Vimeo URL (watch, short, embed forms; start time kept)."""
    parts = urls.parse(url)
    if parts is None:
        raise VideoURLError(f"{url!r} is not a valid URL")
    if parts.scheme.lower() not in urls.WEB_SCHEMES:
        raise VideoURLError(f"scheme {parts.scheme or '(none)'!r} is not allowed; use https")
    host = (parts.hostname or "").lower()
    if host not in {h.lower() for h in allowed_hosts}:
        raise VideoURLError(f"host {host or '(none)'!r} is not an allowed video host")
    query = parse_qs(parts.query)
    fragment = parse_qs(parts.fragment)
    start = _seconds((query.get("t") or query.get("start") or fragment.get("t") or [""])[0])
    path = [p for p in parts.path.split("/") if p]
    if "vimeo" in host:
        video_id = path[-1] if path else ""
        if not _VIMEO_ID.match(video_id):
            raise VideoURLError(f"no Vimeo video id in {url!r}")
        return Video("vimeo", video_id, start)
    if host == "youtu.be":
        video_id = path[0] if path else ""
    elif path[:1] in (["embed"], ["shorts"], ["live"], ["v"]):
        video_id = path[1] if len(path) > 1 else ""
    else:
        video_id = (query.get("v") or [""])[0]
    if not _YOUTUBE_ID.match(video_id):
        raise VideoURLError(f"no YouTube video id in {url!r}")
    return Video("youtube", video_id, start)


class video(nodes.General, nodes.Element):
    """A video figure. Attributes: ``watch_url``, ``embed_url``, ``platform`` (display name)
    and ``title`` (the caption as plain text); its child is the caption paragraph. A video
    whose URL was refused has no ``watch_url``."""


class VideoDirective(SphinxDirective):
    """``{video} URL`` with the caption as content."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    has_content = True
    option_spec: ClassVar[dict[str, object]] = {
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        location = self.get_location()
        node = video(classes=["sm-video", *self.options.get("class", [])])
        self.set_source_info(node)
        try:
            parsed = parse_video_url(self.arguments[0], self.config.service_manual_video_hosts)
        except VideoURLError as exc:
            warn(f"video not linked: {exc}", subtype="video", location=location)
        else:
            node["watch_url"] = parsed.watch_url
            node["embed_url"] = parsed.embed_url
            node["platform"] = parsed.platform_name
        caption = nodes.paragraph(classes=["sm-video__caption"])
        second = self._second_paragraph()
        if second is not None:
            warn(
                "video caption runs on into another paragraph; a caption is one paragraph "
                "(is the closing fence of the video missing?)",
                subtype="video",
                location=(self.env.docname, content_line(self, second)),
            )
        if self.content:
            inline, messages = self.parse_inline(
                "\n".join(self.content).strip(), lineno=inline_lineno(self, content_line(self, 0))
            )
            caption.extend(inline)
            node.extend(messages)
            raw_as_text(caption)  # a caption is text with inline markup, never HTML
        else:
            warn(
                "video has no caption; write one as the directive's content, "
                "saying who speaks and what the video is about",
                subtype="video",
                location=location,
            )
            caption += nodes.Text("Video")
        node.insert(0, caption)
        node["title"] = caption.astext()
        self.add_name(node)
        return [node]

    def _second_paragraph(self) -> int | None:
        """The index of the content line that starts a second paragraph, if any: an
        unclosed fence runs to the end of the file, and the rest of the page would
        otherwise become the caption without a word said."""
        seen_text = seen_blank = False
        for index, text in enumerate(self.content):
            if not text.strip():
                seen_blank = seen_text
            elif seen_blank:
                return index
            else:
                seen_text = True
        return None


# -- HTML: a figure with a caption and a watch link; the player is the reader's choice.


def visit_video_html(self: HTML5Translator, node: video) -> None:
    """GOV.UK Frontend's inset text, as a figure. ``video.js`` reads the player's address,
    the title and the play button's label from ``data-`` attributes."""
    attrs = {}
    if node.get("embed_url"):
        attrs["data-embed-url"] = node["embed_url"]
        attrs["data-title"] = node["title"]
        attrs["data-play-label"] = str(_("Play video"))
    self.body.append(self.starttag(node, "figure", "", CLASS="govuk-inset-text", **attrs))
    self.body.append('<figcaption class="sm-video__figcaption">')


def depart_video_html(self: HTML5Translator, node: video) -> None:
    self.body.append("</figcaption>\n")
    if node.get("watch_url"):
        watch = _("Watch the video on {platform}").format(platform=node["platform"])
        self.body.append(
            f'<p class="govuk-body sm-video__watch"><a class="govuk-link sm-video__link" '
            f'href="{self.attval(node["watch_url"])}">{self.encode(watch)}'
            f'<span class="govuk-visually-hidden">: {self.encode(node["title"])}</span></a></p>\n'
        )
    self.body.append("</figure>\n")


# -- LaTeX and text: the caption, then the URL.


def visit_video_latex(self: LaTeXTranslator, node: video) -> None:
    self.body.append("\n\n\\begin{quote}\\textbf{Video:} ")


def depart_video_latex(self: LaTeXTranslator, node: video) -> None:
    if node.get("watch_url"):
        self.body.append(f"\\par\\sphinxurl{{{self.encode_uri(node['watch_url'])}}}")
    self.body.append("\\end{quote}\n\n")


def visit_video_text(self: TextTranslator, node: video) -> None:
    self.new_state(0)
    self.add_text("Video: ")


def depart_video_text(self: TextTranslator, node: video) -> None:
    if node.get("watch_url"):
        self.add_text(f"Watch: {node['watch_url']}")
    self.end_state()


def setup(app: Sphinx) -> None:
    add_node(
        app,
        video,
        html=(visit_video_html, depart_video_html),
        latex=(visit_video_latex, depart_video_latex),
        text=(visit_video_text, depart_video_text),
        other=CHILDREN_ONLY,
    )
    app.add_directive("video", VideoDirective)
    census.track(video)
    app.connect("html-page-context", add_player_script)


def add_player_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """Only pages with a video load the player script."""
    if doctree is None or not census.may_hold(app.env, pagename, video):
        return
    if any(doctree.findall(video)):
        app.add_js_file("video.js", loading_method="defer")
