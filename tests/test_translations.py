"""Every string a reader sees can be translated, and the manual builds in Welsh.

The extension's catalogue (``_ext/service_manual/locale``) must hold every string the code
and templates show (``make translations`` brings it up to date), and the Welsh catalogue a
translation of each. The seed guide built with ``language = "cy"`` shows Welsh labels, from
our catalogue, from Sphinx's and from this project's additions to Sphinx's (``locale/``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import REPO
from service_manual import translations

LOCALE = REPO / "_ext" / "service_manual" / "locale"


def key(message_id: object) -> str:
    """A message's id: its singular form, for a message with plural forms."""
    return str(message_id[0] if isinstance(message_id, list | tuple) else message_id)


def messages(path: Path) -> dict[str, str]:
    with path.open("rb") as source:
        catalog = read_po(source)
    return {key(m.id): str(m.string) for m in catalog if m.id}


def test_the_template_holds_every_string_the_code_and_templates_show() -> None:
    found = {str(m.id) for m in translations.extract() if m.id}
    assert found == set(messages(LOCALE / "service_manual.pot")), (
        "run `make translations`: the catalogue template is out of date"
    )
    # Strings of every kind are found: Python, templates, {% trans %} blocks, vocabularies.
    assert {"Contents", "Skip to main content", "Discovery", "Design pattern"} <= found
    assert any(m.startswith("All content is available under the") for m in found)


def test_welsh_translates_every_string() -> None:
    template = messages(LOCALE / "service_manual.pot")
    welsh = messages(LOCALE / "cy" / "LC_MESSAGES" / "service_manual.po")
    assert set(welsh) == set(template)
    assert [m for m, text in welsh.items() if not text] == []


def test_compiled_catalogues_are_up_to_date() -> None:
    for po in [*LOCALE.glob("*/LC_MESSAGES/*.po"), *(REPO / "locale").glob("*/LC_MESSAGES/*.po")]:
        mo = po.with_suffix(".mo")
        assert mo.is_file(), f"{mo} is missing: run `make translations`"
        with mo.open("rb") as source:
            compiled = {key(m.id): m.string for m in read_mo(source) if m.id}
        assert set(compiled) == set(messages(po)), f"{mo} is stale: run `make translations`"


@pytest.fixture(scope="module")
def welsh(build):
    return build("seed", language="cy", locale_dirs=[str(REPO / "locale")])


def test_the_seed_guide_in_welsh(welsh) -> None:
    page = welsh.html("team/operations")
    assert page.html["lang"] == "cy"
    header = page.find("header").get_text(" ", strip=True)
    assert "Neidio i'r prif gynnwys" in page.find("a", class_="govuk-skip-link").get_text()
    assert "Chwilio" in header
    assert page.find("nav", class_="govuk-breadcrumbs")["aria-label"] == "Briwsion bara"
    tags = page.select_one(".sm-tags").get_text(" ", strip=True)
    assert "Ar gyfer" in tags and "Gweithrediadau gwe" in tags
    assert page.select_one(".sm-contents__title").get_text() == "Cynnwys"
    assert "Mae'r holl gynnwys ar gael o dan y" in page.find("footer").get_text()
    # Sphinx's own string, which its Welsh catalogue lacks, from this project's locale/.
    assert page.select_one("a.headerlink")["title"] == "Dolen i'r pennawd hwn"


def test_the_search_page_speaks_welsh(welsh) -> None:
    page = welsh.html("search")
    assert page.title.get_text().startswith("Chwilio")
    catalogue = welsh.text("_static/translations.js")
    data = json.loads(catalogue[catalogue.index("(") + 1 : catalogue.rindex(")")])
    assert data["locale"] == "cy"
    found = data["messages"]["Search finished, found one page matching the search query."]
    assert all(found), "every plural form is translated"
    assert data["messages"]["Search Results"] == "Canlyniadau chwilio"  # Sphinx's own
