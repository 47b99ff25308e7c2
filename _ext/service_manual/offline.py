"""No request to another host that the reader did not ask for, and none from the build.

An image given by URL would make every reader's browser call that host as the page loads,
and makes Sphinx download it during print builds (LaTeX cannot link to an image). Each
remote image becomes a link to it instead, labelled with its alt text: the reader chooses
whether to load it, and the build stays offline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import census
from .core import urls

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class RemoteImagesAsLinks(SphinxPostTransform):
    """For the web: a remote image becomes a link to it."""

    # Before sphinx.transforms.post_transforms.images.ImageDownloader (priority 100).
    default_priority = 90
    formats: tuple[str, ...] = ("html",)
    show_url = False

    def run(self, **kwargs: Any) -> None:
        # The images the page was read with (post-transforms before this one make none).
        for image in census.findall(self.env, self.document, self.env.docname, nodes.image):
            uri = image.get("uri", "")
            if "://" not in uri:
                continue
            text = f"Image: {image.get('alt') or uri}"
            if self.show_url and image.get("alt"):
                text += f" ({uri})"
            if isinstance(image.parent, nodes.reference) or not urls.is_web_url(uri):
                image.replace_self(nodes.Text(text))
                continue
            link = nodes.reference("", text, refuri=uri, classes=["sm-remote-image"])
            if isinstance(image.parent, nodes.TextElement):
                image.replace_self(link)
            else:
                image.replace_self(nodes.paragraph("", "", link))


class RemoteImagesInPrint(RemoteImagesAsLinks):
    """For print and text, which cannot follow a link: the URL is written out too."""

    formats = ()
    show_url = True

    def is_supported(self) -> bool:
        return not RemoteImagesAsLinks(self.document, self.startnode).is_supported()


def setup(app: Sphinx) -> None:
    census.track(nodes.image)
    app.add_post_transform(RemoteImagesAsLinks)
    app.add_post_transform(RemoteImagesInPrint)
