"""The link checker: files and anchors, relative and rooted, with the line of each link."""

from __future__ import annotations

from pathlib import Path

from careers.pages.links import BrokenLink, check_links


def test_broken_links_and_anchors_with_their_lines(tmp_path: Path) -> None:
    (tmp_path / "jobs" / "a").mkdir(parents=True)
    (tmp_path / "index.html").write_text(
        '<!doctype html>\n<p id="top"><a href="jobs/a/index.html#x">a</a>\n'
        '<a href="#top">top</a> <a href="#gone">gone</a>\n<a href="jobs/b/">b</a>\n'
        '<a href="https://example.com/">out</a> <a href="/careers/index.html">home</a></p>\n'
    )
    (tmp_path / "jobs" / "a" / "index.html").write_text('<p id="x"><a href="../../index.html#top">up</a></p>')
    (tmp_path / "empty.html").write_text("")
    assert check_links(tmp_path, "/careers/") == [
        BrokenLink("index.html", "#gone", "no element with id 'gone'", 3),
        BrokenLink("index.html", "jobs/b/", "no such file", 4),
    ]
    assert BrokenLink("index.html", "/careers/index.html", "no such file", 5) in check_links(tmp_path)
