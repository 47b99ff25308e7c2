"""A manual that stays current: review dates, owners and change history on every guide.

- ``settings``: the review settings and the build's day;
- ``box``: the review box in a guide's header, in HTML, print, EPUB and text;
- ``state``: a guide's review state on a day, and pages read again as days pass;
- ``report`` (``python -m service_manual.review``, ``make review``): the owners' report.

The review keys of front matter are read in ``frontmatter/review.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from . import box, settings, state

    settings.setup(app)
    box.setup(app)
    state.setup(app)
