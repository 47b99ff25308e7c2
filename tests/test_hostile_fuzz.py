"""Fuzzing: whatever a writer puts in front matter or in our directives, no exception escapes
the extension, and every value it rejects gives a warning at the line that holds it.

Most examples run at the unit level (the front matter reader and normaliser, the video URL
parser), which is fast; a few dozen go through a whole Sphinx build of a one-page site.
"""

from __future__ import annotations

import string
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from hostile_support import (
    assert_no_traceback,
    build_in,
    parse_warnings,
    unlocated_or_untyped,
    write_site,
)
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from service_manual.config import (
    _SHAPES,
    DEFAULT_CATEGORIES,
    DEFAULT_LAYOUTS,
    DEFAULT_PHASES,
    DEFAULT_ROLES,
    DEFAULT_STATUSES,
    DEFAULT_THEMES,
    DEFAULT_TYPES,
    DEFAULT_VIDEO_HOSTS,
    vocabulary,
)
from service_manual.frontmatter import Guide, from_metadata, normalise, read_front_matter
from service_manual.frontmatter.review import REVIEW_KEYS
from service_manual.video import Video, VideoURLError, parse_video_url

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

VOCAB = vocabulary(
    SimpleNamespace(
        **{name: default for name, (default, _check, _shape) in _SHAPES.items()},
        service_manual_default_layout="detailed-guidance",
    )
)

FIELDS = [
    "title",
    "subtitle",
    "layout",
    "category",
    "type",
    "audience",
    "secondary-audience",
    "status",
    "phases",
    "breadcrumbs",
    "exclude_from_search",
    "hero",
    "phase",
    "theme",
    "long-title",
    "page_class",
    "old_paths",
    "summary",
    *REVIEW_KEYS,
    # Sphinx's own file-wide metadata, which Sphinx acts on.
    "orphan",
    "nosearch",
    "tocdepth",
]

# Words the manual knows, in the spellings writers get wrong.
KNOWN_WORDS = sorted(
    {
        *DEFAULT_PHASES,
        *DEFAULT_ROLES,
        *(alias for spec in DEFAULT_ROLES.values() for alias in spec["aliases"]),
        *DEFAULT_CATEGORIES,
        *DEFAULT_THEMES,
        *DEFAULT_TYPES,
        *DEFAULT_STATUSES,
        *DEFAULT_LAYOUTS,
    }
)
words = st.sampled_from(KNOWN_WORDS).flatmap(
    lambda w: st.sampled_from([w, w.upper(), w.title(), f" {w} ", f"{w},", f"{w}, {w}", w[:-1]])
)
urls = st.one_of(
    st.sampled_from(
        [
            "/service-manual",
            "/service-manual/",
            "/service-manual/page.html#part",
            "/",
            "//evil.example/x",
            "https://www.gov.uk/",
            "mailto:team@example.com",
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "https://[bad/",
            "../../etc/passwd",
            "",
        ]
    ),
    st.text(max_size=30),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(),
    st.text(max_size=40),
    words,
    st.dates(),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(
            st.sampled_from(["title", "url", "primary", "secondary"]) | st.text(max_size=8),
            inner,
            max_size=4,
        )
    ),
    max_leaves=16,
)
breadcrumbs = st.lists(
    st.one_of(
        st.fixed_dictionaries({"title": st.text(max_size=20) | values, "url": urls | values}),
        values,
    ),
    max_size=5,
)
audiences = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "primary": st.lists(words, max_size=3) | words | values,
            "secondary": st.lists(words, max_size=3) | words | values,
        },
    ),
    words,
    values,
)
FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "audience": audiences,
    "secondary-audience": st.lists(words, max_size=3) | values,
    "phases": st.lists(words, max_size=4) | words | values,
    "breadcrumbs": breadcrumbs | values,
}


@st.composite
def front_matter(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(st.sampled_from(FIELDS) | st.text(max_size=12), max_size=8, unique=True))
    return {k: draw(FIELD_VALUES.get(k, words | values)) for k in keys}


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


class Reports(list[tuple[str, int | None]]):
    def __call__(self, message: str, line: int | None) -> None:
        assert isinstance(message, str) and message
        self.append((message, line))

    def lines(self) -> set[int | None]:
        return {line for _message, line in self}


def read(text: str) -> tuple[Guide, Reports, dict[str, int]]:
    reports = Reports()
    raw = read_front_matter(text, reports)
    guide = normalise("guide", raw, VOCAB, reports)
    return guide, reports, raw.lines


def assert_well_formed(guide: Guide) -> None:
    """What the rest of the extension relies on, whatever the input was."""
    for value in (guide.title, guide.subtitle, guide.hero):
        assert value is None or (isinstance(value, str) and value == value.strip() and value)
    assert guide.layout in VOCAB.layouts
    assert guide.category is None or guide.category in VOCAB.categories
    assert guide.type is None or guide.type in VOCAB.types
    assert guide.status is None or guide.status in VOCAB.statuses
    assert guide.theme is None or guide.theme in VOCAB.themes
    assert guide.phase is None or guide.phase in VOCAB.phases
    assert set(guide.phases) <= set(VOCAB.phases)
    assert len(set(guide.phases)) == len(guide.phases)
    assert set(guide.audiences) <= set(VOCAB.roles)
    assert not set(guide.audience_primary) & set(guide.audience_secondary)
    assert isinstance(guide.exclude_from_search, bool)
    for crumb in guide.breadcrumbs or ():
        assert isinstance(crumb.title, str) and crumb.title
        assert isinstance(crumb.url, str)


FUZZ = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# ----------------------------------------------------------------------------- front matter


@FUZZ
@given(front_matter())
def test_any_front_matter_values_are_read_or_reported_at_their_line(drawn: dict[str, Any]) -> None:
    block = dump(drawn)
    text = f"---\n{block}---\n\nThe body.\n"
    # What the writer's YAML says, as the parser reads it back (PyYAML does not round-trip
    # every string: a key of U+0085 alone is dumped as one it reads as a space).
    data = {str(k): v for k, v in yaml.load(block, Loader=YAML_LOADER).items()}
    last_line = text.count("\n")
    guide, reports, lines = read(text)
    assert_well_formed(guide)
    for message, line in reports:
        assert isinstance(line, int) and 1 <= line <= last_line, (message, line)

    def reported(key: str) -> bool:
        return lines[key] in reports.lines()

    for key in ("category", "type", "status", "theme", "phase"):
        value = data.get(key)
        if isinstance(value, str) and value.strip() and getattr(guide, key) is None:
            assert reported(key), (key, value, reports)
        if value is not None and not isinstance(value, str | int | float):
            assert reported(key), (key, value, reports)
    for key in ("title", "subtitle", "hero"):
        value = data.get(key)
        if value is not None and not isinstance(value, str) and getattr(guide, key) is None:
            assert reported(key), (key, value, reports)
    layout = data.get("layout")
    blank = isinstance(layout, str) and not layout.strip()
    if layout is not None and not blank and str(layout).strip() not in VOCAB.layouts:
        assert reported("layout"), (layout, reports)
    phases = data.get("phases")
    if isinstance(phases, list):
        for item in phases:
            if item is not None and not isinstance(item, str):
                assert reported("phases"), (phases, reports)
            elif isinstance(item, str):
                for part in filter(None, (p.strip() for p in item.split(","))):
                    if part.lower() not in guide.phases:
                        assert reported("phases"), (part, phases, reports)
    for key in data:
        if key not in FIELDS:
            assert reported(key), (key, reports)


# Pieces of YAML, valid and not, that a hand-written block is made of.
YAML_PIECES = [
    "title: A guide",
    "title:",
    "title: [",
    "title: {a: 1",
    "phases: [alpha, beta",
    "audience:\n  primary: developers\n secondary: x",
    "  - item",
    "- item",
    "? complex",
    ": value",
    "&anchor key: value",
    "alias: *anchor",
    "alias: *missing",
    "<<: *anchor",
    "<<: [1, 2]",
    "tag: !!python/object/apply:os.system ['id']",
    "tag: !custom x",
    "tag: !!binary aGVsbG8=",
    "tag: !!set {a: null}",
    "tag: !!omap [a: 1]",
    "date: 2016-02-30",
    "time: 2016-01-01 25:61:00",
    "hex: 0x" + "f" * 4400,
    "big: " + "9" * 4400,
    "text: |\n  one\n  two",
    "text: >-\n  folded",
    "quoted: 'it''s'",
    'quoted: "\\x00\\u2028\\ud800"',
    "tab:\tvalue",
    "%YAML 1.1",
    "---",
    "...",
    "\ufeffbom: 1",
    "ctrl: \x01\x7f\x85",
    "nel: a\u2028b",
    "null: ~",
    "true: yes",
    "1.5: x",
    "[a, b]: x",
    "{a: 1}: x",
    "key: value # comment",
    "   ",
    "",
]


@FUZZ
@given(
    st.lists(
        st.sampled_from(YAML_PIECES) | st.text(max_size=30),
        max_size=10,
    ),
    st.booleans(),
)
def test_any_front_matter_text_is_read_or_reported(pieces: list[str], closed: bool) -> None:
    text = "---\n" + "\n".join(pieces) + ("\n---\n" if closed else "\n") + "\nThe body.\n"
    last_line = text.count("\n") + 1
    guide, reports, _lines = read(text)
    assert_well_formed(guide)
    for message, line in reports:
        assert line is None or 1 <= line <= last_line, (message, line)


@FUZZ
@given(st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), st.text(max_size=40)))
def test_any_sphinx_metadata_is_read(metadata: dict[str, str]) -> None:
    """Documents that are not Markdown: Sphinx's metadata, strings (lists as JSON)."""
    reports = Reports()
    assert_well_formed(normalise("page", from_metadata(metadata), VOCAB, reports))


@pytest.mark.parametrize(
    "block",
    [
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
            for p, n in zip("abcdefghi", "bcdefghij", strict=True)
        )
        + "phases: [*j]\nexclude_from_search: *j\nlayout: *j\n",
        "x: &x [*x]\nphases: *x\naudience: {primary: *x}\n",
        "title: " + "[" * 5000 + "]" * 5000 + "\n",
        "title: 0x" + "f" * 5000 + "\nphases: [0x" + "f" * 5000 + "]\n",
        "title: A\nnote: \x01\n",
    ],
    ids=["alias-bomb", "self-reference", "deep-nesting", "huge-integers", "control-character"],
)
def test_pathological_yaml_is_reported_quickly(block: str) -> None:
    guide, reports, _lines = read(f"---\n{block}---\n")
    assert_well_formed(guide)
    assert reports
    assert all(len(message) < 2000 for message, _line in reports)


# ----------------------------------------------------------------------------- video URLs

video_hosts = st.sampled_from(
    [
        *DEFAULT_VIDEO_HOSTS,
        "evil.example",
        "youtube.com.evil.example",
        "evil.example\\@youtube.com",
        "youtube.com@evil.example",
        "YOUTU.BE",
        "[::1]",
        "[bad",
        "",
    ]
)
url_parts = st.text(alphabet=string.printable + "é\u2028\x00", max_size=20)


@st.composite
def video_urls(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 4)) == 0:
        return draw(st.text(max_size=60))
    scheme = draw(st.sampled_from(["https", "http", "HTTPS", "javascript", "data", "", "ftp"]))
    host = draw(video_hosts)
    port = draw(st.sampled_from(["", ":443", ":99999", ":x"]))
    path = draw(
        st.sampled_from(["watch", "embed/", "v/", "shorts/", "live/", "", "video/"])
        | st.text(max_size=10)
    )
    video_id = draw(
        st.sampled_from(["Ab0_-cDeF12", "123456789", "Ab0_-cDeF1", '"><img src=x>']) | url_parts
    )
    query = draw(st.sampled_from(["?v=" + video_id, f"?v={video_id}&t=1h2m3s", "?", ""]))
    fragment = draw(st.sampled_from(["", "#t=90", "#t=" + video_id]) | url_parts)
    return f"{scheme}://{host}{port}/{path}{video_id}{query}{fragment}"


@settings(max_examples=1500, deadline=None)
@given(video_urls())
def test_any_video_url_is_parsed_to_an_allowed_host_or_refused(url: str) -> None:
    try:
        video = parse_video_url(url, DEFAULT_VIDEO_HOSTS)
    except VideoURLError as error:
        assert str(error)
        return
    assert isinstance(video, Video)
    for made in (video.watch_url, video.embed_url):
        assert made.startswith(
            (
                "https://www.youtube.com/watch?",
                "https://www.youtube-nocookie.com/embed/",
                "https://vimeo.com/",
                "https://player.vimeo.com/video/",
            )
        ), made
        assert not set(made) & set("\"'<> \\\n\t`"), made
    assert video.start >= 0


# ----------------------------------------------------------------------------- whole builds

directive_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="`"), max_size=30
)
option_names = {
    "video": ["class", "name", "bogus"],
    "downloads": ["class", "name", "bogus"],
    "guide-list": [
        "phase",
        "audience",
        "tier",
        "category",
        "type",
        "theme",
        "exclude",
        "sort",
        "empty",
        "class",
        "bogus",
    ],
}
download_lines = st.sampled_from(
    [
        "files/present.txt",
        "Label <files/present.txt>",
        "/files/present.txt",
        "files/missing.odt",
        "../outside.txt",
        "/etc/passwd",
        "//etc/passwd",
        "https://example.com/x.pdf",
        "javascript:alert(1)",
        "files",
        "<>",
        "a\\b",
    ]
)


@st.composite
def directive(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(sorted(option_names)))
    argument = draw(
        st.sampled_from(["", "https://www.youtube.com/watch?v=Ab0_-cDeF12", "https://[x"])
        | directive_text
    )
    options = [
        f":{key}: {draw(words | directive_text)}"
        for key in draw(st.lists(st.sampled_from(option_names[name]), max_size=4))
    ]
    content = draw(st.lists(download_lines | directive_text, max_size=4))
    return "\n".join([f"````{{{name}}} {argument}".rstrip(), *options, "", *content, "````"])


@pytest.mark.slow
@settings(
    max_examples=30,
    deadline=None,
    # A failing build is printed as it was found: shrinking one takes minutes of builds.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(front_matter(), st.lists(directive(), max_size=3))
def test_any_page_builds_with_located_typed_warnings(
    tmp_path: Path, data: dict[str, Any], directives: list[str]
) -> None:
    try:
        block = dump(data)
    except yaml.YAMLError:
        assume(False)
    # tmp_path is one folder for all the examples: each gets a new folder inside it, so no
    # example can pass on the pages an earlier one wrote.
    srcdir = write_site(
        Path(tempfile.mkdtemp(prefix="example-", dir=tmp_path)) / "site",
        {
            "index.md": "---\ntitle: Home\n---\n\n```{toctree}\npage\n```\n",
            "page.md": f"---\n{block}---\n\nThe body text.\n\n" + "\n\n".join(directives),
            "files/present.txt": "a file\n",
        },
    )
    built = build_in(srcdir)
    assert_no_traceback(built.status, *built.warnings)
    assert (built.outdir / "page.html").is_file()
    assert "The body text." in built.html("page")
    assert unlocated_or_untyped(built.warnings) == []
    assert all(w.type for w in parse_warnings(built.warnings)), built.warnings
    assert not (built.outdir / "_downloads").exists() or {
        p.name for p in (built.outdir / "_downloads").rglob("*") if p.is_file()
    } <= {"present.txt"}
