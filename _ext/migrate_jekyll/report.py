"""What the migration did: counts per conversion, and every construct it left for a person.

The report is written twice from the same data: ``migration-report.md`` for people and
``migration-report.json`` beside it for tools. Neither holds a date or an absolute path, so
two runs on the same source give the same bytes.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# What each counter means, in the order the report lists them.
COUNTS: dict[str, str] = {
    "pages": "Markdown guides converted",
    "home_page": "home page converted from index.html",
    "front_matter.audience": "audience values normalised to lists of role slugs",
    "front_matter.audience_alias": "2016 role spellings resolved to slugs",
    "front_matter.secondary_audience": "secondary-audience keys merged into audience.secondary",
    "front_matter.empty_phases": "empty phases: keys removed",
    "video": "video figures turned into {video} directives",
    "downloads.directive": "download lists turned into {downloads} directives",
    "downloads.files": "files listed in {downloads} directives",
    "downloads.role": "single download links turned into the {download} role",
    "links.page": "links to pages rewritten to /path/doc.md",
    "links.anchor": "links whose #fragment was checked against the target page",
    "links.asset": "links and images to files rewritten to /path/file",
    "links.govuk": "GOV.UK links outside the manual made absolute (https://www.gov.uk/...)",
    "links.raw_html": "links inside kept raw HTML rewritten to built page URLs",
    "headings.space": "#Heading without a space fixed",
    "headings.setext": "one-line setext headings rewritten as # headings",
    "headings.level": "heading levels changed (one title, body from ##, no skipped levels)",
    "headings.kramdown_id": "kramdown ids written out where MyST reads the heading differently",
    "anchors.shared_id": "ids used on several pages kept as raw <a id> (links use the slug)",
    "attributes.block": "kramdown block attribute lists turned into MyST {…} attributes",
    "attributes.span": "kramdown span attribute lists turned into MyST {…} attributes",
    "attributes.redundant_id": "id attributes dropped because the heading gets the same id",
    "abbreviations": "kramdown abbreviations turned into the {abbr} role",
    "tables": "kramdown tables rewritten as pipe tables",
    "html.converted": "raw HTML blocks converted to Markdown",
    "html.kept": "raw HTML blocks kept as they are (listed below)",
    "html.anchor": "<a name> anchors turned into MyST targets",
    "html.inline_link": "inline <a href> turned into Markdown links",
    "html.break": "<br> spacers removed or turned into hard line breaks",
    "liquid": "pages whose Liquid was replaced by layouts or directives",
    "liquid.include": "includes of a list of pages turned into {phase-navigation} or {role-links}",
    "layouts.phase_summary": "sentences of _includes/_phases.html made the phase pages' summary",
    "layouts.role_variant": "pages of a 2016 variant of role-index given layout: role-index",
    "layouts.hero": "heroes written into a 2016 layout moved to the page's hero",
    "toctree": "section toctrees written on index pages",
    "assets": "images and documents copied",
    "redirects": "redirects written for 2016 URLs that no page has any more",
}


@dataclass(frozen=True, slots=True, order=True)
class Issue:
    file: str
    line: int
    kind: str
    message: str


@dataclass
class Report:
    counts: Counter[str] = field(default_factory=Counter)
    issues: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    layouts: dict[str, tuple[int, str]] = field(default_factory=dict)  # pages, what it becomes

    def count(self, kind: str, n: int = 1) -> None:
        self.counts[kind] += n

    def issue(self, file: str, line: int, kind: str, message: str) -> None:
        """A construct that was not converted, or converted with a loss a person should see."""
        self.issues.append(Issue(file, line, kind, message))

    def note(self, text: str) -> None:
        self.notes.append(text)

    def layout(self, name: str, becomes: str) -> None:
        """One more page of the 2016 layout ``name``, which becomes ``becomes``."""
        pages, _ = self.layouts.get(name, (0, becomes))
        self.layouts[name] = (pages + 1, becomes)

    # ------------------------------------------------------------------ writing

    def as_json(self) -> dict[str, object]:
        return {
            "version": 1,
            "counts": {k: self.counts[k] for k in sorted(self.counts)},
            "issues": [
                {"file": i.file, "line": i.line, "kind": i.kind, "message": i.message}
                for i in sorted(set(self.issues))
            ],
            "layouts": {
                name: {"pages": pages, "becomes": becomes}
                for name, (pages, becomes) in sorted(self.layouts.items())
            },
            "notes": list(self.notes),
        }

    def as_markdown(self, source_name: str) -> str:
        out = [
            "# Migration report",
            "",
            f"Source: `{source_name}`. Generated by `python -m migrate_jekyll`; "
            "run it again to refresh this file.",
            "",
            "## Conversions",
            "",
            "| conversion | count |",
            "| --- | ---: |",
        ]
        known = [k for k in COUNTS if k in self.counts]
        others = sorted(k for k in self.counts if k not in COUNTS)
        for key in known + others:
            out.append(f"| {COUNTS.get(key, key)} (`{key}`) | {self.counts[key]} |")
        issues = sorted(set(self.issues))
        by_kind = Counter(i.kind for i in issues)
        out += ["", "## Not converted, or converted with a loss", ""]
        if not issues:
            out.append("Nothing: every construct was converted.")
        else:
            out += ["| kind | count |", "| --- | ---: |"]
            out += [f"| `{k}` | {n} |" for k, n in sorted(by_kind.items())]
            out += ["", "| file | line | kind | what |", "| --- | ---: | --- | --- |"]
            for i in issues:
                message = i.message.replace("|", "\\|").replace("\n", " ")
                out.append(f"| `{i.file}` | {i.line} | `{i.kind}` | {message} |")
        if self.layouts:
            out += [
                "",
                "## Layouts",
                "",
                'What each 2016 layout the pages use becomes (see the README, "Differences '
                'from the 2016 site").',
                "",
                "| 2016 layout | pages | becomes |",
                "| --- | ---: | --- |",
            ]
            for name, (pages, becomes) in sorted(self.layouts.items()):
                label = f"`{name}`" if name else "(none)"
                becomes = becomes.replace("|", "\\|")
                out.append(f"| {label} | {pages} | {becomes} |")
        if self.notes:
            out += ["", "## Notes", ""]
            out += [f"- {n}" for n in self.notes]
        return "\n".join(out) + "\n"

    def write(self, markdown_path: Path, source_name: str) -> Path:
        """Write the Markdown report and its JSON twin; return the JSON path."""
        markdown_path.parent.mkdir(parents=True, exist_ok=True)
        markdown_path.write_text(self.as_markdown(source_name), encoding="utf-8")
        json_path = markdown_path.with_suffix(".json")
        json_path.write_text(
            json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        return json_path
