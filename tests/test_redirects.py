"""A migrated site keeps its old URLs: the redirect map beside the source folder becomes
redirect pages through sphinx-reredirects' machinery, checked entry by entry, and files keep
their own paths. Redirect pages are whole, valid pages of the website, and no page of a book."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from conftest import build_root, run_sphinx, soup
from redirect_support import redirect_of

MAP = {
    "version": 1,
    "prefix": "/service-manual",
    "redirects": {
        "team/ops": "operations.html",
        "team/index/index": "../index.html",
        "elsewhere": "https://evil.example.com/",
        "scripted": "javascript:alert(1)",
    },
    "pages": {},
}


def prepare(srcdir: Path) -> None:
    (srcdir.parent / "redirects.json").write_text(json.dumps(MAP), encoding="utf-8")
    outside = srcdir.parent / "secret.txt"
    outside.write_text("not for publishing", encoding="utf-8")
    os.symlink(outside, srcdir / "team" / "files" / "link-to-secret.txt")


def test_redirect_map_feeds_sphinx_reredirects(tmp_path: Path) -> None:
    site = build_root(
        "seed",
        tmp_path,
        prepare=prepare,
        extensions=["service_manual", "sphinx_reredirects"],
    )
    bad = {
        f"WARNING: redirect map {tmp_path / 'redirects.json'}: {source!r} -> {target!r} is not "
        "a relative URL inside the site; it is left out [service_manual.config]"
        for source, target in [
            ("elsewhere", "https://evil.example.com/"),
            ("scripted", "javascript:alert(1)"),
        ]
    }
    assert set(site.warnings) == bad
    refresh = soup(site.outdir / "team/ops.html").find("meta", attrs={"http-equiv": "refresh"})
    assert refresh["content"] == "0; url=operations.html"
    assert (site.outdir / "team/index/index.html").is_file()
    assert not (site.outdir / "elsewhere.html").exists()
    assert not (site.outdir / "scripted.html").exists()


def test_files_keep_their_paths_but_never_leave_the_source_folder(tmp_path: Path) -> None:
    site = build_root(
        "seed",
        tmp_path,
        prepare=prepare,
        extensions=["service_manual", "sphinx_reredirects"],
    )
    for source in (site.srcdir / "team" / "files").iterdir():
        if source.is_symlink():
            continue
        assert (site.outdir / "team" / "files" / source.name).read_bytes() == source.read_bytes()
    assert not (site.outdir / "team" / "files" / "link-to-secret.txt").exists()
    assert not list(site.outdir.rglob("*.md"))  # pages are pages, not files


def test_without_a_map_nothing_changes(tmp_path: Path) -> None:
    site = build_root("seed", tmp_path, extensions=["service_manual", "sphinx_reredirects"])
    assert site.warnings == []
    assert not (site.outdir / "team" / "files").exists()


def test_an_incremental_build_leaves_unchanged_redirect_pages_alone(tmp_path: Path) -> None:
    site = build_root("seed", tmp_path, prepare=prepare)
    redirects = [site.outdir / "team/ops.html", site.outdir / "team/index/index.html"]
    pages = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in redirects}
    guide = site.srcdir / "team" / "operations.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    run_sphinx(site.srcdir, freshenv=False)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in pages} == pages


def test_redirect_pages_are_whole_pages(tmp_path: Path) -> None:
    site = build_root("seed", tmp_path, prepare=prepare)
    assert redirect_of(soup(site.outdir / "team/ops.html")) == {
        "lang": "en",
        "title": "This page has moved",
        "canonical": "operations.html",
        "refresh": "operations.html",
        "script": ["../_static/redirect.js"],
        "link": ("Running the service", "operations.html"),
        "text": "This page has moved This page has moved to Running the service.",
    }
    said = redirect_of(soup(site.outdir / "team/index/index.html"))
    assert said["link"] == ("Our team", "../index.html")
    assert said["script"] == ["../../_static/redirect.js"]
    script = (site.outdir / "_static" / "redirect.js").read_text(encoding="utf-8")
    assert "window.location.hash" in script


def test_redirect_pages_speak_the_sites_language(tmp_path: Path) -> None:
    site = build_root("seed", tmp_path, prepare=prepare, language="pt_BR")
    assert redirect_of(soup(site.outdir / "team/ops.html"))["lang"] == "pt-BR"


def test_a_book_has_no_redirect_pages(tmp_path: Path) -> None:
    """Neither the map's nor those of conf.py's own redirects, which sphinx-reredirects
    writes for every builder."""
    site = build_root(
        "seed", tmp_path, "epub", prepare=prepare, redirects={"old-home": "index.html"}, version="1"
    )
    (book,) = site.outdir.glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        names = set(epub.namelist())
    assert "team/operations.xhtml" in names
    assert not names & {"team/ops.xhtml", "team/index/index.xhtml", "old-home.xhtml"}
    assert not (site.outdir / "old-home.xhtml").exists()
