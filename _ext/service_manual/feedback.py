""" "Report a problem with this page": a link on every guide, from one setting.

``service_manual_feedback`` is either an ``https:`` URL template, such as an issue
tracker's new-issue address, in which ``{title}`` and ``{url}`` stand for the page's title and
address (URL-encoded); or an email address (``team@example.org`` or ``mailto:...``), which
becomes a ``mailto:`` link whose subject names the page. Empty (the default): no link. A value
that is neither warns once, at its line in ``conf.py``, and gives no link.
"""

from __future__ import annotations

import re
import string
from typing import TYPE_CHECKING
from urllib.parse import quote

from sphinx.locale import get_translation

from .core import urls
from .diagnostics import setting_location, warn
from .site import site_map

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

_ = get_translation("service_manual")

PLACEHOLDERS = frozenset({"title", "url"})
_EMAIL = re.compile(r"^[^@\s/:?#]+@[^@\s/:?#]+\.[^@\s/:?#]+$")


def _fields(template: str) -> set[str] | None:
    """The ``{name}`` fields of a template; None when its braces do not pair up."""
    try:
        return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}
    except ValueError:
        return None


def problem_with(value: str) -> str:
    """What is wrong with a ``service_manual_feedback`` value ("" when nothing is)."""
    if _address(value) is not None:
        return ""
    fields = _fields(value)
    if fields is None:
        return "has a '{' or '}' that is not part of {title} or {url}"
    if fields - PLACEHOLDERS:
        unknown = ", ".join("{" + name + "}" for name in sorted(fields - PLACEHOLDERS))
        return f"has unknown placeholders {unknown}; use {{title}} and {{url}}"
    filled = value.replace("{title}", "title").replace("{url}", "url")
    if not urls.is_allowed_link(filled, frozenset({"https"})):
        return "must be an https: URL template or an email address"
    return ""


def _address(value: str) -> str | None:
    address = value.strip().removeprefix("mailto:")
    return address if _EMAIL.match(address) else None


def check_setting(app: Sphinx, config: Config) -> None:
    value = config.service_manual_feedback
    if value and (problem := problem_with(value)):
        warn(
            f"service_manual_feedback {value!r} {problem}; pages get no 'Report a problem' link",
            subtype="config",
            location=setting_location(app, "service_manual_feedback"),
        )


def page_url(app: Sphinx, docname: str) -> str:
    """The page's address: absolute under ``html_baseurl`` when it is set, else its path
    from the site's root."""
    path = app.builder.get_target_uri(docname)
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/{path}" if base else path


def feedback_url(app: Sphinx, docname: str) -> str | None:
    """The page's "Report a problem" link, or None."""
    value = app.config.service_manual_feedback
    if not value or problem_with(value):
        return None
    title = site_map(app.env).titles.get(docname) or docname
    url = page_url(app, docname)
    address = _address(value)
    if address is not None:
        subject = _("Problem with the page: {title}").format(title=title)
        return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(url, safe='')}"
    return value.replace("{title}", quote(title, safe="")).replace("{url}", quote(url, safe=""))


def setup(app: Sphinx) -> None:
    app.add_config_value("service_manual_feedback", "", "html", types=frozenset({str}))
    app.connect("config-inited", check_setting)
