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


# -- keeping the catalogues up to date: `make translations`, which runs this module


def _vocabulary_names() -> list[str]:
    """Names shown to readers that are data, not literals in the code: the vocabularies'
    display names and the settings' default texts."""
    from .config import DEFAULT_EMPTY_LIST_TEXT, DEFAULT_LAYOUT_CAPTIONS
    from .core import vocabulary as v

    names = [
        *v.DEFAULT_PHASES.values(),
        *(spec["title"] for spec in v.DEFAULT_ROLES.values()),
        *v.DEFAULT_CATEGORIES.values(),
        *v.DEFAULT_THEMES.values(),
        *(label for label in v.DEFAULT_STATUSES.values() if label),
        *DEFAULT_LAYOUT_CAPTIONS.values(),
        DEFAULT_EMPTY_LIST_TEXT,
    ]
    return list(dict.fromkeys(names))


def extract() -> Any:
    """Every reader-visible string of the package, as a Babel catalogue."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    package = Path(__file__).resolve().parent
    catalog = Catalog(project="service_manual", domain=CATALOGUE, charset="utf-8")
    method_map = [("core/**.py", "ignore"), ("**.py", "python"), ("theme/**.html", "jinja2")]
    options = {"theme/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    for filename, lineno, message, comments, context in extract_from_dir(
        package, method_map=method_map, options_map=options, keywords={"_": None, "gettext": None}
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for name in _vocabulary_names():
        catalog.add(name, None, [("core/vocabulary.py", 0)])
    return catalog


def _compile(catalog: Any, path: Path) -> None:
    """Write the ``.mo``, the same bytes for the same messages: its header's dates (which a
    catalogue read without a header sets to now) are the epoch."""
    from datetime import UTC, datetime

    from babel.messages.mofile import write_mo

    catalog.creation_date = catalog.revision_date = datetime.fromtimestamp(0, UTC)
    with path.open("wb") as out:
        write_mo(out, catalog)


def update() -> int:
    """Write the template, bring each language's catalogue up to date and compile it.
    Returns the number of messages a language still lacks."""
    from babel.messages.pofile import read_po, write_po

    template = extract()
    with (LOCALE_DIR / f"{CATALOGUE}.pot").open("wb") as out:
        write_po(out, template, width=100, omit_header=True, sort_output=True, include_lineno=False)
    missing = 0
    for po_path in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{CATALOGUE}.po")):
        with po_path.open("rb") as source:
            catalog = read_po(source, locale=po_path.parts[-3])
        catalog.update(template, no_fuzzy_matching=True)
        with po_path.open("wb") as out:
            write_po(
                out, catalog, width=100, omit_header=True, sort_output=True, include_lineno=False
            )
        _compile(catalog, po_path.with_suffix(".mo"))
        lacking = [m.id for m in catalog if m.id and not m.string]
        for message in lacking:
            print(f"{po_path}: no translation for {message!r}")
        missing += len(lacking)
    return missing


def update_sphinx_catalogues(locale_dir: Path) -> int:
    """A project's own ``<language>/LC_MESSAGES/sphinx.po``: Sphinx's strings that its own
    catalogue for that language lacks. Compiled to ``.mo`` (which Sphinx reads after its
    own), and merged with Sphinx's own JavaScript catalogue into ``sphinx.js`` (Sphinx's
    search page takes the first ``sphinx.js`` it finds, so it must hold every message)."""
    import json

    import sphinx
    from babel.messages.pofile import read_po

    missing = 0
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/sphinx.po")):
        language = po_path.parts[-3]
        with po_path.open("rb") as source:
            catalog = read_po(source, locale=language)
        _compile(catalog, po_path.with_suffix(".mo"))
        builtin = Path(sphinx.package_dir, "locale", language, "LC_MESSAGES", "sphinx.js")
        text = builtin.read_text(encoding="utf-8") if builtin.is_file() else ""
        data = json.loads(text[text.index("(") + 1 : text.rindex(")")]) if text else {}
        messages: dict[str, Any] = data.get("messages", {})
        for message in catalog:
            if not message.id or not message.string:
                missing += bool(message.id)
                continue
            key = str(message.id[0] if isinstance(message.id, list | tuple) else message.id)
            existing = messages.get(key)
            if not (any(existing) if isinstance(existing, list) else existing):
                messages[key] = (
                    list(message.string) if isinstance(message.string, tuple) else message.string
                )
        data.update(
            locale=language,
            messages=dict(sorted(messages.items())),
            plural_expr=data.get("plural_expr") or str(catalog.plural_expr),
        )
        js = json.dumps(data, ensure_ascii=True, indent=4, sort_keys=True)
        po_path.with_suffix(".js").write_text(f"Documentation.addTranslations({js});\n", "utf-8")
    return missing


if __name__ == "__main__":
    import sys

    lacking = update()
    for folder in sys.argv[1:]:
        lacking += update_sphinx_catalogues(Path(folder))
    raise SystemExit(1 if lacking else 0)
