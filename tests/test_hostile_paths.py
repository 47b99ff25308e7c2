"""URLs and paths: only allowed schemes and video hosts are linked, and no download reaches
outside the source folder.

The ``hostile-paths`` root has one guide with breadcrumbs in every scheme, downloads that try
every way out of the source folder (``..``, absolute paths, symbolic links the test adds to
its copy) in both ``{downloads}`` and Sphinx's ``{download}`` role, and videos on look-alike
hosts. A ``/``-rooted path is rooted at the source folder in Sphinx: the test puts a file at
``<srcdir>/etc/passwd`` and checks that it, not the system's, is what ``/etc/passwd`` means.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import Site, breadcrumb_items, build_root
from hostile_support import assert_no_traceback, html_pages, parse_warnings, unlocated_or_untyped
from service_manual.config import DEFAULT_VIDEO_HOSTS
from service_manual.video import VideoURLError, parse_video_url

OUTSIDE = "SECRET OUTSIDE THE SOURCE FOLDER"
SRCDIR_PASSWD = "a file at <srcdir>/etc/passwd\n"
ALLOWED_SCHEMES = {"", "http", "https", "mailto"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    tmp = tmp_path_factory.mktemp("paths")
    outside = tmp / "outside"
    outside.mkdir()
    (tmp / "outside.txt").write_text(OUTSIDE, encoding="utf-8")
    (outside / "outside.txt").write_text(OUTSIDE, encoding="utf-8")

    def prepare(srcdir: Path) -> None:
        files = srcdir / "files"
        os.symlink(tmp / "outside.txt", files / "link-out.txt")
        os.symlink(outside, files / "link-dir", target_is_directory=True)
        os.symlink("inside.txt", files / "link-in.txt")
        (srcdir / "etc").mkdir()
        (srcdir / "etc" / "passwd").write_text(SRCDIR_PASSWD, encoding="utf-8")
        # ``..`` from the source folder: the file next to it.
        (srcdir.parent / "outside.txt").write_text(OUTSIDE, encoding="utf-8")

    return build_root("hostile-paths", tmp, prepare=prepare)


def messages(site: Site, subtype: str) -> list[str]:
    return [
        w.message for w in parse_warnings(site.warnings) if w.type == f"service_manual.{subtype}"
    ]


def test_the_site_builds_with_located_typed_warnings(site: Site) -> None:
    assert_no_traceback(*site.warnings)
    assert unlocated_or_untyped(site.warnings) == []
    assert all(w.line for w in parse_warnings(site.warnings)), site.warnings


def test_every_way_out_is_refused_with_a_warning(site: Site) -> None:
    out = "leaves the source folder; it is not copied"
    assert sorted(messages(site, "download")) == sorted(
        [
            f"download '../outside.txt' {out}",
            f"download '../../../../../../etc/passwd' {out}",
            f"download '//etc/passwd' {out}",
            f"download '/../outside.txt' {out}",
            f"download 'files/link-out.txt' {out}",
            f"download 'files/link-dir/outside.txt' {out}",
            "download 'file:///etc/passwd' is a URL, not a file of this site; link to it instead",
            "download 'javascript:alert(1)' is a URL, not a file of this site; link to it instead",
            "download 'files/missing.txt' does not exist; it is not copied",
            "download 'files' does not exist; it is not copied",
            "download path 'files\\\\inside.txt' is not a valid file path",
            # Sphinx's own role, held to the same rules.
            f"download '../outside.txt' {out}",
            f"download '//etc/passwd' {out}",
            f"download 'files/link-out.txt' {out}",
            "download \"javascript:alert('://')\" is a URL whose scheme is not allowed; "
            "it is not linked",
        ]
    )


def test_only_files_inside_the_source_folder_are_copied(site: Site) -> None:
    copied = {
        p.relative_to(site.outdir / "_downloads").parts[-1]: p.read_text(encoding="utf-8")
        for p in (site.outdir / "_downloads").rglob("*")
        if p.is_file()
    }
    # ``/etc/passwd`` is the source folder's etc/passwd; the link inside the folder is
    # copied as the file it points at.
    assert copied == {
        "inside.txt": "A file inside the source folder.\n",
        "passwd": SRCDIR_PASSWD,
    }


def test_nothing_from_outside_is_anywhere_in_the_output(site: Site) -> None:
    system_passwd = Path("/etc/passwd")
    marker = system_passwd.read_text().splitlines()[0] if system_passwd.is_file() else OUTSIDE
    for path in site.outdir.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            assert OUTSIDE.encode() not in data, path
            assert marker.encode() not in data, path
        assert not path.is_symlink(), path


def test_download_links_point_into_the_site(site: Site) -> None:
    page = site.html("guide")
    hrefs = [a["href"] for a in page.select("main a.download")]
    assert hrefs and all(
        h.startswith("_downloads/") or h == "https://example.com/x.pdf" for h in hrefs
    ), hrefs
    # The refused role targets keep their words, as text.
    text = page.select_one("main").get_text()
    for words in ("up", "root", "link", "script"):
        assert f"{words}," in text or f"{words} and" in text


def test_only_allowed_schemes_are_linked_anywhere(site: Site) -> None:
    for path in html_pages(site.outdir):
        page = site.html(str(path.relative_to(site.outdir).with_suffix("")))
        for element in page.find_all(href=True) + page.find_all(src=True):
            url = element.get("href") or element.get("src")
            parts = urlsplit(url)
            assert parts.scheme.lower() in ALLOWED_SCHEMES, (path.name, url)
            assert parts.scheme or not parts.netloc, (path.name, url)


def test_breadcrumbs_link_only_allowed_schemes(site: Site) -> None:
    assert breadcrumb_items(site.html("guide")) == [
        ("Relative", "index.html"),
        ("HTTPS", "https://www.gov.uk/service-manual"),
        ("HTTP in capitals", "HTTP://www.gov.uk/"),
        ("Mail", "mailto:team@example.com"),
        ("FTP", None),
        ("File", None),
        ("Script", None),
        ("VBScript", None),
        ("Data", None),
        ("Telephone", None),
        ("HTTPS with no host", None),
        ("Protocol-relative", None),
        ("Up and out", None),
    ]
    assert len(messages(site, "breadcrumb")) == 9


def test_videos_link_only_allowed_hosts(site: Site) -> None:
    figures = site.html("guide").select("figure.sm-video")
    assert [bool(f.get("data-embed-url")) for f in figures] == [True] + [False] * 5
    for figure in figures:
        for url in [figure.get("data-embed-url"), *(a["href"] for a in figure.find_all("a"))]:
            if url:
                assert urlsplit(url).scheme == "https"
                assert urlsplit(url).hostname in DEFAULT_VIDEO_HOSTS
    assert len(messages(site, "video")) == 5


@pytest.mark.parametrize(
    ("url", "made"),
    [
        ("https://www.youtube.com/watch?v=Ab0_-cDeF12", "https://www.youtube.com/watch?v=Ab0_-cDeF12"),
        ("HTTP://WWW.YOUTUBE.COM:443/watch?v=Ab0_-cDeF12", "https://www.youtube.com/watch?v=Ab0_-cDeF12"),
        ("https://player.vimeo.com/video/76979871", "https://vimeo.com/76979871"),
        # urllib takes the host after the last '@' where a browser stops at the '\': the
        # parsers disagree, so what we link is rebuilt on the video host, never the input.
        ("https://evil.example\\@www.youtube.com/watch?v=Ab0_-cDeF12", "https://www.youtube.com/watch?v=Ab0_-cDeF12"),
        ("https://youtube.com.evil.example/watch?v=Ab0_-cDeF12", None),
        ("https://www.youtube.com@evil.example/watch?v=Ab0_-cDeF12", None),
        ("https://evil.example/watch?v=Ab0_-cDeF12#@www.youtube.com", None),
        ("https://www.youtube.com./watch?v=Ab0_-cDeF12", None),
        ("https://[::1]/watch?v=Ab0_-cDeF12", None),
        ("https://[www.youtube.com/watch?v=Ab0_-cDeF12", None),
        ("javascript://www.youtube.com/%0aalert(1)", None),
        ("data:text/html,https://www.youtube.com/watch?v=Ab0_-cDeF12", None),
        ("//www.youtube.com/watch?v=Ab0_-cDeF12", None),
        ("https://www.youtube.com/watch?v=Ab0_-cDeF12%22%3E%3Cscript%3E", None),
        ("https://www.youtube.com/embed/../../evil", None),
    ],
)  # fmt: skip
def test_video_urls_are_rebuilt_on_allowed_hosts(url: str, made: str | None) -> None:
    if made is None:
        with pytest.raises(VideoURLError):
            parse_video_url(url, DEFAULT_VIDEO_HOSTS)
    else:
        video = parse_video_url(url, DEFAULT_VIDEO_HOSTS)
        assert video.watch_url == made
        assert urlsplit(video.embed_url).hostname in DEFAULT_VIDEO_HOSTS
