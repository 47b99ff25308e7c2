"""Every string a reader sees can be translated: the extension's message catalogue.

Python code translates with ``_ = get_translation("service_manual")``; templates with
``{{ _("...") }}``, which here looks in our catalogue first and then in Sphinx's own (as
python-docs-theme does), so one ``_`` serves both. The catalogues live in ``locale/``:
``locale/service_manual.pot`` is the template, ``locale/<language>/LC_MESSAGES/
service_manual.po`` a translation, compiled to ``.mo`` beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

CATALOGUE = "service_manual"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def add_translation_to_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    ours = get_translation(CATALOGUE)
    sphinx = get_translation("sphinx")

    def gettext(message: str, **variables: Any) -> str:
        translated = ours(message)
        if translated == message:
            translated = sphinx(message)
        return translated % variables if variables else translated

    context["_"] = context["gettext"] = gettext


def setup(app: Sphinx) -> None:
    app.add_message_catalog(CATALOGUE, LOCALE_DIR)
    app.connect("html-page-context", add_translation_to_context)
