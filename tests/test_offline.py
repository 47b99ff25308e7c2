"""A remote image asks nothing of its host until the reader follows the link, and the print
build downloads nothing."""

from __future__ import annotations

import socket

import pytest
from conftest import build_root, soup

PAGE = """---
title: Pictures from elsewhere
orphan: true
---

A diagram: ![the service map](https://drawings.example.com/map.png)

![](https://drawings.example.com/flow.png)

[![A linked picture](https://drawings.example.com/linked.png)](https://example.com/about)

![Local](ftp://files.example.com/x.png)
"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"the build tried to reach the network: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.parametrize("builder", ["html", "latex", "text"])
def test_remote_images_become_links_and_nothing_is_fetched(tmp_path, no_network, builder):
    site = build_root("seed", tmp_path, builder, files={"remote.md": PAGE})
    assert site.warnings == []
    if builder == "html":
        page = soup(site.outdir / "remote.html")
        assert page.find_all("img") == []
        links = {a.get_text(): a["href"] for a in page.select("a.sm-remote-image")}
        assert links == {
            "Image: the service map": "https://drawings.example.com/map.png",
            "Image: https://drawings.example.com/flow.png": "https://drawings.example.com/flow.png",
        }
        linked = page.find("a", href="https://example.com/about")
        assert linked.get_text() == "Image: A linked picture"
        assert "Image: Local" in page.get_text()
        assert page.find("a", href="ftp://files.example.com/x.png") is None
    elif builder == "text":
        text = " ".join((site.outdir / "remote.txt").read_text().split())  # unwrap lines
        assert "A diagram: Image: the service map (https://drawings.example.com/map.png)" in text
    # nothing was downloaded
    assert not [p for p in site.outdir.rglob("*.png") if "drawings" in p.name or p.stem in NAMES]


NAMES = {"map", "flow", "linked", "x"}
