"""Rendering: links relative to the page, escaping, strict templates."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from careers.pages.labels import months_label
from careers.pages.render import relative_url


@pytest.mark.parametrize(
    ("page", "target", "url"),
    [
        ("index.html", "", "index.html"),
        ("index.html", "jobs/a/", "jobs/a/index.html"),
        ("jobs/a/index.html", "", "../../index.html"),
        ("jobs/a/index.html", "skills/sql/", "../../skills/sql/index.html"),
        ("skills/index.html", "static/style.css", "../static/style.css"),
    ],
)
def test_relative_url(page: str, target: str, url: str) -> None:
    assert relative_url(page, target) == url


def test_months_label() -> None:
    assert [months_label(m) for m in (12, 24, 6, 18, None)] == [
        "1 year",
        "2 years",
        "6 months",
        "18 months",
        "",
    ]


def test_posting_text_is_escaped_in_pages(project) -> None:
    from careers.config import load_config
    from careers.engine import build

    (project / "content" / "jobs" / "x.md").write_text(
        '---\ntitle: "<script>alert(1)</script> Engineer"\nlocation: "<b>Boston</b>"\n---\nHello.\n'
    )
    build(load_config(project))
    site = project / "site"
    page = next((site / "jobs").glob("script*/index.html")).read_text()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Engineer" in page
    assert "&lt;b&gt;Boston&lt;/b&gt;" in page


PARTS = ["jobs", "a", "index.html", ".", "..", ""]
PATHS = ["/".join(p) for n in range(1, 4) for p in itertools.product(PARTS, repeat=n)]


def test_relative_urls_lead_to_their_target() -> None:
    pages = [p for p in PATHS if all(part not in ("", ".", "..") for part in p.split("/"))]
    for page in pages:
        for target in ["", *PATHS]:
            full = target + "index.html" if target == "" or target.endswith("/") else target
            if full.startswith("/"):
                continue  # site paths are relative
            url = relative_url(page, target)
            resolved = posixpath.normpath(posixpath.join("/site", posixpath.dirname(page), url))
            assert resolved == posixpath.normpath(posixpath.join("/site", full)), (page, target, url)


def test_pages_at_one_depth_link_alike() -> None:
    assert relative_url("skills/sql/index.html", "skills/go/") == "../../skills/go/index.html"
    assert relative_url("jobs/a/index.html", "skills/go/") == "../../skills/go/index.html"
