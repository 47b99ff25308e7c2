"""The review box in a guide's header: whether the guidance may be out of date, when it was
last reviewed and is due for review, who owns it, and what changed.

It is built when the page is read, from the guide's front matter, into builder-neutral nodes:
a :class:`review_box` of standard paragraphs and lists, with :class:`review_date` for each
date (HTML writes ``<time datetime>``), a :class:`review_notice` for "This guidance may be out
of date" and a :class:`page_history` for the change history. HTML shows them with GOV.UK
Frontend's warning text and details components; print, EPUB and text show the same lines.

The notice is right on the day of reading, not only on the day of building. A page past its
review date when it is built shows it. Any other page with a review date carries the notice
hidden, with the date in ``data-sm-review-by``; ``review.js`` shows it once that date has
passed. Without JavaScript the page still says "Due for review by …", which stays true.

"Last updated" comes from git (``sphinx-last-updated-by-git``, when the project loads it),
which knows a page's date only once every page has been read: a :class:`last_updated`
placeholder is filled in when the doctree is resolved.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from babel.core import UnknownLocaleError
from babel.dates import format_date
from docutils import nodes
from sphinx.locale import get_translation

from .. import census
from ..frontmatter import Guide
from ..frontmatter.model import Owner
from ..visitors import add_node
from .settings import today

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

_ = get_translation("service_manual")


class review_box(nodes.General, nodes.Element):
    """A guide's review: its notice, dates and owner, change history and last update."""


class review_notice(nodes.General, nodes.Element):
    """ "This guidance may be out of date", a paragraph. ``review_by``: the ISO day the guide
    was due for review by; ``past_due``: whether that day had passed when it was built."""


class review_date(nodes.Inline, nodes.TextElement):
    """A day as readers read it; ``date`` is the ISO day."""


class page_history(nodes.General, nodes.Element):
    """The change history: the latest update (a paragraph) and, when there are more, a label
    paragraph and a bullet list of the earlier ones, newest first."""


class last_updated(nodes.General, nodes.Element):
    """Where "Last updated on …" goes, from git, for ``docname``."""


# -- words and dates


def day_text(day: date, language: str | None) -> str:
    """A day as a reader of the page's language writes it: "3 March 2026", "3 Mawrth 2026"."""
    try:
        return format_date(day, "d MMMM y", locale=language or "en")
    except (UnknownLocaleError, ValueError, TypeError):
        return format_date(day, "d MMMM y", locale="en")


def dated(day: date, language: str | None) -> review_date:
    text = day_text(day, language)
    return review_date(text, text, date=day.isoformat())


def owner_node(owner: Owner) -> nodes.Node:
    if owner.url:
        return nodes.reference(owner.name, owner.name, refuri=owner.url, classes=["sm-owner"])
    return nodes.inline(owner.name, owner.name, classes=["sm-owner"])


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def sentence(template: str, **parts: nodes.Node | str) -> list[nodes.Node]:
    """A translated sentence with nodes in its ``{name}`` places (a date, a link), in the
    order the translation puts them."""
    found: list[nodes.Node] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > position:
            found.append(nodes.Text(template[position : match.start()]))
        part = parts.get(match[1], match[0])
        found.append(nodes.Text(part) if isinstance(part, str) else part.deepcopy())
        position = match.end()
    if position < len(template):
        found.append(nodes.Text(template[position:]))
    return found


def _paragraph(classes: list[str], *runs: list[nodes.Node]) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=classes)
    for i, run in enumerate(runs):
        if i:
            paragraph += nodes.Text(" ")
        paragraph.extend(run)
    return paragraph


# -- building the box


def shows_review(guide: Guide, is_guide: bool) -> bool:
    """Guides show their review; other pages only when their front matter gives one."""
    return is_guide or bool(
        guide.last_reviewed_on or guide.change_history or "owner" in guide.lines
    )


def build_box(guide: Guide, env: BuildEnvironment, is_guide: bool) -> review_box | None:
    if not shows_review(guide, is_guide):
        return None
    language = env.config.language
    box = review_box(classes=["sm-review"])
    if guide.review_by is not None:
        box += notice(guide, today(env), language)
    dates: list[list[nodes.Node]] = []
    if guide.last_reviewed_on is not None and guide.review_by is not None:
        dates.append(
            sentence(_("Last reviewed on {date}."), date=dated(guide.last_reviewed_on, language))
        )
        dates.append(
            sentence(_("Due for review by {date}."), date=dated(guide.review_by, language))
        )
    if guide.owner is not None:
        dates.append(sentence(_("Owner: {owner}"), owner=owner_node(guide.owner)))
    if dates:
        box += _paragraph(["sm-review__dates"], *dates)
    if guide.change_history:
        box += history(guide, language)
    else:
        box += last_updated(docname=guide.docname)
    return box


def notice(guide: Guide, day: date, language: str | None) -> review_notice:
    assert guide.review_by is not None
    runs = [
        [nodes.strong("", _("This guidance may be out of date."))],
        sentence(_("It was due for review by {date}."), date=dated(guide.review_by, language)),
    ]
    if guide.owner is not None:
        runs.append(
            sentence(
                _("To check that it is still right, contact {owner}."),
                owner=owner_node(guide.owner),
            )
        )
    return review_notice(
        "",
        _paragraph(["sm-review__notice-text"], *runs),
        review_by=guide.review_by.isoformat(),
        past_due=day > guide.review_by,
        # Not in the search index: hidden, it would make every page with a review date a
        # result for "out of date".
        classes=["no-search"],
    )


def history(guide: Guide, language: str | None) -> page_history:
    latest, *earlier = guide.change_history
    node = page_history(count=len(earlier), classes=["sm-history"])
    node += _paragraph(
        ["sm-history__latest"],
        sentence(
            _("Last update: {date}: {note}"), date=dated(latest.date, language), note=latest.note
        ),
    )
    if earlier:
        node += nodes.paragraph("", _("Earlier updates:"), classes=["sm-history__label"])
        items = nodes.bullet_list(classes=["sm-history__list"])
        for change in earlier:
            items += nodes.list_item(
                "",
                _paragraph(
                    [],
                    sentence(
                        _("{date}: {note}"), date=dated(change.date, language), note=change.note
                    ),
                ),
            )
        node += items
    return node


# -- "Last updated", from git, once every page has been read


def git_day(app: Sphinx, docname: str) -> date | None:
    """The day git last changed the page's source (or a file it includes), as
    ``sphinx-last-updated-by-git`` found it; None when it is not loaded or does not know."""
    found = getattr(app.env, "git_last_updated", {}).get(docname)
    if not found or found[0] is None:
        return None
    zone = getattr(app.config, "git_last_updated_timezone", None)
    moment = datetime.fromtimestamp(int(found[0]), UTC)
    return moment.astimezone(zone).date() if zone is not None else moment.date()


def resolve_last_updated(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    for node in census.findall(app.env, doctree, fromdocname, last_updated):
        box = node.parent
        day = git_day(app, node["docname"])
        if day is None:
            node.parent.remove(node)
        else:
            date_node = dated(day, app.config.language)
            node.replace_self(
                _paragraph(
                    ["sm-review__updated"],
                    sentence(_("Last updated on {date}."), date=date_node),
                )
            )
        if isinstance(box, review_box) and not box.children:
            box.parent.remove(box)


# -- HTML


def _inline(self: HTML5Translator, paragraph: nodes.Element) -> None:
    """Write a paragraph's content (text, links, dates) without the paragraph."""
    for child in paragraph.children:
        child.walkabout(self)


def _attrs(self: HTML5Translator, classes: list[str]) -> str:
    return f' class="{self.attval(" ".join(classes))}"' if classes else ""


def _is_epub(self: HTML5Translator) -> bool:
    return self.builder.name.startswith("epub")


def visit_review_box_html(self: HTML5Translator, node: review_box) -> None:
    self.body.append(f"<div{_attrs(self, node['classes'])}>\n")
    for part in node.children:
        if isinstance(part, review_notice):
            _notice_html(self, part)
        elif isinstance(part, page_history):
            _history_html(self, part)
        elif isinstance(part, nodes.paragraph):
            self.body.append(f"<p{_attrs(self, ['govuk-body-s', *part['classes']])}>")
            _inline(self, part)
            self.body.append("</p>\n")
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _notice_html(self: HTML5Translator, node: review_notice) -> None:
    """GOV.UK Frontend's warning text. A page built before its review date carries it hidden,
    for ``review.js`` to show once the date has passed; an EPUB runs no script, so there it
    is left out."""
    if not node["past_due"] and _is_epub(self):
        return
    hidden = "" if node["past_due"] else " hidden"
    review_by = self.attval(node["review_by"])
    warning = self.encode(_("Warning"))
    self.body.append(
        '<div class="govuk-warning-text sm-review__notice" '
        f'data-sm-review-by="{review_by}"{hidden}>\n'
        '<span class="govuk-warning-text__icon" aria-hidden="true">!</span>\n'
        '<strong class="govuk-warning-text__text">'
        f'<span class="govuk-visually-hidden">{warning}</span> '
    )
    for child in node[0].children:
        # The component's text is bold already: its own <strong> would be a second one.
        for part in child.children if isinstance(child, nodes.strong) else [child]:
            part.walkabout(self)
    self.body.append("</strong>\n</div>\n")


def _history_html(self: HTML5Translator, node: page_history) -> None:
    """The latest update, then the earlier ones in a native ``<details>`` (GOV.UK Frontend's
    details component), which opens with a keyboard and without JavaScript. An EPUB reader
    may not open a ``<details>``: there the earlier updates are a plain list."""
    latest, *rest = node.children
    self.body.append(f"<p{_attrs(self, ['govuk-body-s', *latest['classes']])}>")
    _inline(self, latest)
    self.body.append("</p>\n")
    if not rest:
        return
    label, items = rest
    entries = "".join(_list_item_html(self, item) for item in items.children)
    if _is_epub(self):
        self.body.append(
            f'<p class="govuk-body-s sm-history__label">{self.encode(label.astext())}</p>\n'
            f'<ul class="govuk-list govuk-body-s sm-history__list">{entries}</ul>\n'
        )
        return
    summary = self.encode(_("Show all page updates ({count})").format(count=node["count"]))
    self.body.append(
        '<details class="govuk-details sm-history__details">\n'
        '<summary class="govuk-details__summary">'
        f'<span class="govuk-details__summary-text">{summary}</span></summary>\n'
        '<div class="govuk-details__text">\n'
        f'<ul class="govuk-list sm-history__list">{entries}</ul>\n'
        "</div>\n</details>\n"
    )


def _list_item_html(self: HTML5Translator, item: nodes.Element) -> str:
    start = len(self.body)
    self.body.append("<li>")
    _inline(self, item[0])
    self.body.append("</li>")
    written = "".join(self.body[start:])
    del self.body[start:]
    return written


def visit_review_date_html(self: HTML5Translator, node: review_date) -> None:
    self.body.append(f'<time datetime="{self.attval(node["date"])}">')


def depart_review_date_html(self: HTML5Translator, node: review_date) -> None:
    self.body.append("</time>")


# -- print and text: the same lines, and the notice only when it was past due


def visit_notice_other(self: Any, node: review_notice) -> None:
    if not node["past_due"]:
        raise nodes.SkipNode


def depart_notice_other(self: Any, node: review_notice) -> None:
    pass


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None
) -> None:
    """Only pages whose notice waits for its date load the script that shows it."""
    if doctree is None or app.builder.name.startswith("epub"):
        return
    notices = census.findall(app.env, doctree, pagename, review_notice)
    if any(not notice["past_due"] for notice in notices):
        app.add_js_file("review.js", loading_method="defer")


def setup(app: Sphinx) -> None:
    other = (visit_notice_other, depart_notice_other)
    add_node(app, review_box, html=(visit_review_box_html, None))
    add_node(
        app,
        review_notice,
        html=(visit_notice_other, None),
        latex=other,
        text=other,
        other=other,
    )
    add_node(app, review_date, html=(visit_review_date_html, depart_review_date_html))
    for node in (page_history, last_updated):
        add_node(app, node)
    census.track(last_updated)
    census.track(review_notice)
    app.connect("doctree-resolved", resolve_last_updated)
    app.connect("html-page-context", add_script)
