"""Nothing from outside the source folder reaches the site: includes, literal includes,
images and symlinked folders that lead out of it are left out, each with a located warning."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import build_root

SECRET = "SECRET-FROM-OUTSIDE"

PAGE = """---
title: Reaching outside
orphan: true
---

```{literalinclude} ../secret.txt
```

```{include} ../secret.md
```

![the secret diagram](../secret.png)

```{image} /../secret.png
```

Inside text stays.

```{literalinclude} team/files/handbook.txt
:lines: 1
```
"""


def prepare(srcdir: Path) -> None:
    outside = srcdir.parent
    (outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (outside / "secret.md").write_text(f"A paragraph {SECRET}.\n", encoding="utf-8")
    (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
    (outside / "elsewhere").mkdir()
    (outside / "elsewhere" / "leak.md").write_text(
        f"---\ntitle: Leak\norphan: true\n---\n\n{SECRET}\n", encoding="utf-8"
    )
    os.symlink(outside / "elsewhere", srcdir / "linked")


def test_content_from_outside_is_left_out_with_a_warning(tmp_path: Path) -> None:
    site = build_root("seed", tmp_path, files={"reach.md": PAGE}, prepare=prepare)
    out = tmp_path / "test-seed" / "_build" / "html"
    published = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert SECRET.encode() not in published
    assert not list(out.rglob("secret*"))
    parent = tmp_path
    assert site.warnings == sorted(
        [
            f"<srcdir>/reach.md: WARNING: content from '{parent}/secret.txt', outside the "
            "source folder, is left out [service_manual.outside_source]",
            f"<srcdir>/reach.md: WARNING: content from '{parent}/secret.md', outside the "
            "source folder, is left out [service_manual.outside_source]",
            "<srcdir>/reach.md:12: WARNING: image '../secret.png' is outside the source "
            "folder; it is not shown [service_manual.outside_source]",
            "<srcdir>/reach.md:14: WARNING: image '/../secret.png' is outside the source "
            "folder; it is not shown [service_manual.outside_source]",
            # A link out of the folder is not read at all; the warning names it.
            "<srcdir>/linked/leak.md:1: WARNING: 'linked' is a symbolic link out of the source "
            "folder; its 1 page(s) are not read [service_manual.outside_source]",
        ]
    )
    page = (out / "reach.html").read_text(encoding="utf-8")
    assert "Inside text stays." in page
    assert "the secret diagram" in page  # the image's alt text is kept
    handbook = (site.srcdir / "team/files/handbook.txt").read_text().splitlines()[0]
    assert handbook.split()[0] in page  # an include from inside the folder still works


def test_a_link_out_of_the_folder_does_not_make_every_build_a_full_one(tmp_path: Path) -> None:
    """Left out when the configuration is read, never after: the configuration Sphinx saves
    is the one the next build computes, so the next build reads nothing again."""
    from conftest import run_sphinx

    site = build_root("seed", tmp_path, prepare=prepare)
    again = run_sphinx(site.srcdir, freshenv=False)
    status = again.status.getvalue()
    assert "loading pickled environment" in status
    assert "0 added, 0 changed, 0 removed" in status
    assert "config changed" not in status
    assert again.config.exclude_patterns == site.app.config.exclude_patterns
    assert "linked" in again.config.exclude_patterns
