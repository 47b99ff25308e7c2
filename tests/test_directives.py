"""The ``{video}`` and ``{downloads}`` directives: their parsing helpers, and the HTML of the
``video`` and ``downloads`` roots. (Their LaTeX and text output is in ``test_builders.py``,
their warnings in ``test_bad_input.py``.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, build_root, off_site_requests
from service_manual.config import DEFAULT_VIDEO_HOSTS
from service_manual.downloads import describe_format, human_size
from service_manual.video import Video, VideoURLError, parse_video_url

# ----------------------------------------------------------------------------- video URLs

YT = "Ab0_-cDeF12"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"https://www.youtube.com/watch?v={YT}", Video("youtube", YT, 0)),
        (f"https://youtube.com/watch?feature=share&v={YT}", Video("youtube", YT, 0)),
        (f"https://m.youtube.com/watch?v={YT}", Video("youtube", YT, 0)),
        (f"http://www.youtube.com/watch?v={YT}", Video("youtube", YT, 0)),
        (f"  https://www.youtube.com/watch?v={YT}  ", Video("youtube", YT, 0)),
        (f"https://WWW.YouTube.com/watch?v={YT}", Video("youtube", YT, 0)),
        (f"https://youtu.be/{YT}", Video("youtube", YT, 0)),
        (f"https://www.youtube.com/embed/{YT}", Video("youtube", YT, 0)),
        (f"https://www.youtube-nocookie.com/embed/{YT}?rel=0", Video("youtube", YT, 0)),
        (f"https://www.youtube.com/shorts/{YT}", Video("youtube", YT, 0)),
        (f"https://www.youtube.com/watch?v={YT}&t=90", Video("youtube", YT, 90)),
        (f"https://www.youtube.com/watch?v={YT}&t=90s", Video("youtube", YT, 90)),
        (f"https://youtu.be/{YT}?t=1m30s", Video("youtube", YT, 90)),
        (f"https://youtu.be/{YT}?t=1h2m3s", Video("youtube", YT, 3723)),
        (f"https://www.youtube.com/embed/{YT}?start=45", Video("youtube", YT, 45)),
        (f"https://www.youtube.com/watch?v={YT}#t=2m", Video("youtube", YT, 120)),
        (f"https://www.youtube.com/watch?v={YT}&t=soon", Video("youtube", YT, 0)),
        ("https://vimeo.com/123456789", Video("vimeo", "123456789", 0)),
        ("https://vimeo.com/123456789#t=30s", Video("vimeo", "123456789", 30)),
        ("https://vimeo.com/channels/staffpicks/98765", Video("vimeo", "98765", 0)),
        ("https://player.vimeo.com/video/123456789", Video("vimeo", "123456789", 0)),
    ],
)
def test_parse_video_url(url: str, expected: Video) -> None:
    assert parse_video_url(url, DEFAULT_VIDEO_HOSTS) == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "scheme 'javascript' is not allowed; use https"),
        ("JavaScript:alert(1)", "scheme 'javascript' is not allowed; use https"),
        ("data:text/html,<script>alert(1)</script>", "scheme 'data' is not allowed; use https"),
        (f"ftp://www.youtube.com/watch?v={YT}", "scheme 'ftp' is not allowed; use https"),
        (f"//www.youtube.com/watch?v={YT}", "scheme '(none)' is not allowed; use https"),
        (f"www.youtube.com/watch?v={YT}", "scheme '(none)' is not allowed; use https"),
        (
            f"https://videos.example.com/watch?v={YT}",
            "host 'videos.example.com' is not an allowed video host",
        ),
        (
            f"https://www.youtube.com.example.com/watch?v={YT}",
            "host 'www.youtube.com.example.com' is not an allowed video host",
        ),
        (f"https:///watch?v={YT}", "host '(none)' is not an allowed video host"),
        ("https://www.youtube.com/watch", "no YouTube video id in 'https://www.youtube.com/watch'"),
        (
            "https://www.youtube.com/watch?v=short",
            "no YouTube video id in 'https://www.youtube.com/watch?v=short'",
        ),
        (
            'https://www.youtube.com/watch?v=Ab0_-cDeF1"',
            "no YouTube video id in 'https://www.youtube.com/watch?v=Ab0_-cDeF1\"'",
        ),
        ("https://youtu.be/", "no YouTube video id in 'https://youtu.be/'"),
        ("https://vimeo.com/about", "no Vimeo video id in 'https://vimeo.com/about'"),
    ],
)
def test_parse_video_url_refuses(url: str, message: str) -> None:
    with pytest.raises(VideoURLError) as caught:
        parse_video_url(url, DEFAULT_VIDEO_HOSTS)
    assert str(caught.value) == message


def test_allowed_hosts_come_from_the_caller() -> None:
    with pytest.raises(VideoURLError):
        parse_video_url("https://vimeo.com/123", ["youtube.com", "www.youtube.com"])


@pytest.mark.parametrize(
    ("video", "watch", "embed"),
    [
        (
            Video("youtube", YT, 0),
            f"https://www.youtube.com/watch?v={YT}",
            f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1&rel=0",
        ),
        (
            Video("youtube", YT, 90),
            f"https://www.youtube.com/watch?v={YT}&t=90s",
            f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1&rel=0&start=90",
        ),
        (
            Video("vimeo", "123", 30),
            "https://vimeo.com/123#t=30s",
            "https://player.vimeo.com/video/123?dnt=1&autoplay=1#t=30s",
        ),
    ],
)
def test_watch_and_embed_urls(video: Video, watch: str, embed: str) -> None:
    assert (video.watch_url, video.embed_url) == (watch, embed)


# ----------------------------------------------------------------------------- video HTML


@pytest.fixture(scope="module")
def videos(build):
    return build("video")


def test_video_root_builds_without_warnings(videos) -> None:
    assert videos.warnings == []


EXPECTED_FIGURES = [
    (
        "A designer shows a paper prototype to two users.",
        f"https://www.youtube.com/watch?v={YT}",
        f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1&rel=0",
        "YouTube",
    ),
    (
        "A developer explains continuous delivery.",
        "https://www.youtube.com/watch?v=Zy9xW8vU7t6&t=90s",
        "https://www.youtube-nocookie.com/embed/Zy9xW8vU7t6?autoplay=1&rel=0&start=90",
        "YouTube",
    ),
    (
        "A user researcher describes a lab session.",
        "https://www.youtube.com/watch?v=Qq1Ww2Ee3Rr&t=45s",
        "https://www.youtube-nocookie.com/embed/Qq1Ww2Ee3Rr?autoplay=1&rel=0&start=45",
        "YouTube",
    ),
    (
        "A service manager talks about the alpha assessment.",
        "https://vimeo.com/123456789",
        "https://player.vimeo.com/video/123456789?dnt=1&autoplay=1",
        "Vimeo",
    ),
]


def test_video_figures_hold_caption_and_watch_link(videos) -> None:
    figures = videos.html("forms").select("figure")
    found = []
    for figure in figures:
        # GOV.UK Frontend's inset text, as a figure.
        assert figure["class"] == ["sm-video", "govuk-inset-text"]
        (caption,) = figure.find_all("figcaption", recursive=False)
        (link,) = figure.select("p.sm-video__watch > a.govuk-link")
        found.append(
            (
                caption.get_text().strip(),
                link["href"],
                figure["data-embed-url"],
                link.find(string=True).removeprefix("Watch the video on "),
            )
        )
        assert figure["data-title"] == caption.get_text().strip()
        assert figure["data-play-label"] == "Play video"
        assert link.select_one(".govuk-visually-hidden").get_text() == ": " + found[-1][0]
    assert found == EXPECTED_FIGURES


def test_video_caption_keeps_its_inline_markup(videos) -> None:
    caption = videos.html("forms").select_one("figure figcaption")
    assert caption.find("em").get_text() == "two"


@pytest.mark.parametrize("docname", ["forms", "no-video", "index"])
def test_video_pages_request_nothing_from_another_host(videos, docname: str) -> None:
    page = videos.html(docname)
    assert page.find_all("iframe") == []
    assert off_site_requests(page) == []


def test_player_script_is_loaded_only_where_there_is_a_video(videos) -> None:
    def scripts(docname: str) -> list[str]:
        return [s["src"].split("?")[0] for s in videos.html(docname).find_all("script", src=True)]

    assert "_static/video.js" in scripts("forms")
    (tag,) = videos.html("forms").select('script[src^="_static/video.js"]')
    assert tag.has_attr("defer")
    assert "_static/video.js" not in scripts("no-video")
    assert "_static/video.js" not in scripts("index")
    shipped = videos.outdir / "_static" / "video.js"
    assert (
        shipped.read_bytes()
        == (REPO / "_ext" / "service_manual" / "theme" / "static" / "video.js").read_bytes()
    )


def test_player_script_only_embeds_privacy_enhanced_players() -> None:
    script = (REPO / "_ext" / "service_manual" / "theme" / "static" / "video.js").read_text(
        encoding="utf-8"
    )
    (allowed,) = re.findall(r"var ALLOWED = /(.*)/;", script)
    js_pattern = re.compile(allowed.replace("\\/", "/"))
    for url, allowed_url in [
        (f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1", True),
        ("https://player.vimeo.com/video/123?dnt=1", True),
        (f"https://www.youtube.com/embed/{YT}", False),
        ("javascript:alert(1)", False),
    ]:
        assert bool(js_pattern.match(url)) is allowed_url, url


# ----------------------------------------------------------------------------- download sizes


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (2, "2 bytes"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (1535, "1 KB"),
        (1537, "2 KB"),
        (57 * 1024, "57 KB"),
        (57 * 1024 + 300, "57 KB"),
        (1024 * 1024, "1.0 MB"),
        (int(1.44 * 1024 * 1024), "1.4 MB"),
        (25 * 1024 * 1024, "25.0 MB"),
        (1024 * 1024 - 1, "1.0 MB"),
    ],
)
def test_human_size(size: int, text: str) -> None:
    assert human_size(size) == text


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("job.odt", ("OpenDocument Text", "ODT")),
        ("a/b/job.ODT", ("OpenDocument Text", "ODT")),
        ("job.docx", ("Microsoft Word", "DOCX")),
        ("plan.ods", ("OpenDocument Spreadsheet", "ODS")),
        ("plan.xlsx", ("Microsoft Excel spreadsheet", "XLSX")),
        ("slides.pptx", ("Microsoft PowerPoint", "PPTX")),
        ("report.pdf", ("Portable Document Format", "PDF")),
        ("data.csv", ("Comma-separated values", "CSV")),
        ("notes.txt", ("Plain text", "TXT")),
        ("bundle.zip", ("ZIP archive", "ZIP")),
        ("drawing.sketch", ("SKETCH file", "SKETCH")),
        ("README", ("file file", "file")),
    ],
)
def test_describe_format(path: str, expected: tuple[str, str]) -> None:
    assert describe_format(path) == expected


# ----------------------------------------------------------------------------- downloads HTML

DOWNLOAD_HREF = re.compile(r"^\.\./_downloads/[0-9a-f]{32}/(?P<name>[^/]+)$")


def kilobytes(path: Path) -> str:
    """The size as the page should show it, computed here rather than by the extension."""
    size = path.stat().st_size
    return f"{size} bytes" if size < 1024 else f"{max(1, round(size / 1024))} KB"


@pytest.fixture(scope="module")
def downloads_site(build):
    return build("downloads")


def test_downloads_root_builds_without_warnings(downloads_site) -> None:
    assert downloads_site.warnings == []


def test_downloads_list_each_file_with_format_and_size(downloads_site) -> None:
    src = downloads_site.srcdir
    lists = downloads_site.html("guides/templates").select("div.sm-downloads")
    assert len(lists) == 2
    titles = [[p.get_text() for p in d.select("p.sm-downloads__title")] for d in lists]
    assert titles == [["Planning templates"], []]
    found = []
    for block in lists:
        assert [ul["class"] for ul in block.find_all("ul")] == [
            ["sm-downloads__list", "govuk-list"]
        ]
        for item in block.select("ul.sm-downloads__list > li.sm-download"):
            # The link, then its format and size, in one paragraph (GOV.UK's attachment style).
            (details,) = item.find_all(recursive=False)
            assert details.name == "p" and "sm-download__details" in details["class"]
            (link,) = item.find_all("a")
            match = DOWNLOAD_HREF.match(link["href"])
            assert match, link["href"]
            assert link.has_attr("download")
            found.append(
                (
                    link.get_text(),
                    match["name"],
                    item.select_one(".sm-download__meta").get_text(),
                )
            )
    plan = src / "guides/files/plan.csv"
    checklist = src / "shared/checklist.txt"
    note = src / "guides/files/note.txt"
    assert found == [
        ("plan.csv", "plan.csv", f"Comma-separated values, CSV, {kilobytes(plan)}"),
        ("checklist.txt", "checklist.txt", f"Plain text, TXT, {kilobytes(checklist)}"),
        ("Checklist for the team", "checklist.txt", f"Plain text, TXT, {kilobytes(checklist)}"),
        ("A one-line note", "note.txt", f"Plain text, TXT, {kilobytes(note)}"),
    ]
    # The sizes cover each unit the page shows.
    assert [kilobytes(p).split()[1] for p in (plan, checklist, note)] == ["KB", "bytes", "bytes"]


def test_downloads_are_copied_byte_for_byte(downloads_site) -> None:
    page = downloads_site.html("guides/templates")
    hrefs = {a["href"] for a in page.select("li.sm-download a")}
    copied = {
        Path(href).name: (downloads_site.outdir / "guides" / href).resolve() for href in hrefs
    }
    assert sorted(copied) == ["checklist.txt", "note.txt", "plan.csv"]
    sources = {
        "checklist.txt": "shared/checklist.txt",
        "note.txt": "guides/files/note.txt",
        "plan.csv": "guides/files/plan.csv",
    }
    for name, path in copied.items():
        assert path.read_bytes() == (downloads_site.srcdir / sources[name]).read_bytes()
    # One copy of a file linked twice, by a relative and a /-rooted path.
    assert len(hrefs) == 3
    assert sorted(p.name for p in (downloads_site.outdir / "_downloads").rglob("*.*")) == sorted(
        copied
    )


def test_parent_folder_path_inside_the_source_folder_is_a_download(tmp_path) -> None:
    index = "---\ntitle: Downloads\n---\n\n```{toctree}\nguides/templates\nguides/up\n```\n"
    page = "---\ntitle: Up a folder\n---\n\n```{downloads}\n../shared/checklist.txt\n```\n"
    site = build_root("downloads", tmp_path, files={"index.md": index, "guides/up.md": page})
    assert site.warnings == []
    assert [a.get_text() for a in site.html("guides/up").select("li.sm-download a")] == [
        "checklist.txt"
    ]


def test_symbolic_link_out_of_the_source_folder_is_refused(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the site\n", encoding="utf-8")
    index = "---\ntitle: Downloads\n---\n\n```{toctree}\nguides/templates\nguides/link\n```\n"
    page = "---\ntitle: A link\n---\n\n```{downloads}\nfiles/secret.txt\n```\n"

    def link(srcdir: Path) -> None:
        (srcdir / "guides" / "files" / "secret.txt").symlink_to(secret)

    site = build_root(
        "downloads",
        tmp_path,
        files={"index.md": index, "guides/link.md": page},
        prepare=link,
    )
    assert [re.sub(r":\d+: ", ":N: ", w) for w in site.warnings] == [
        "<srcdir>/guides/link.md:N: WARNING: download 'files/secret.txt' leaves the source "
        "folder; it is not copied [service_manual.download]"
    ]
    assert site.html("guides/link").select("li.sm-download") == []
    assert not list((site.outdir / "_downloads").rglob("secret.txt"))
