"""The site's posting intro and conclusion: cleaned like a body, on every posting page, and a
change to either redraws the posting pages (a cached build says what a cold one does)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from careers.config import load_config
from careers.engine import Options, build

DAY = dt.date(2026, 6, 1)


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content" / "jobs").mkdir(parents=True)
    (root / "careers.toml").write_text('company = "Acme"\n')
    (root / "content/jobs/a.md").write_text("---\ntitle: Engineer\n---\nBuild things.\n")
    (root / "content/jobs/b.md").write_text("---\ntitle: Analyst\n---\nRead things.\n")
    return root


def _page(root: Path, slug: str) -> str:
    return (root / "site" / "jobs" / slug / "index.html").read_text()


def test_every_posting_page_shows_the_intro_before_and_the_conclusion_after(tmp_path: Path) -> None:
    root = _site(tmp_path)
    (root / "content/posting-intro.html").write_text(
        '<h2>About Acme</h2><p onclick="x()">We make <b>rockets</b>.</p><script>bad()</script>'
    )
    (root / "content/posting-conclusion.html").write_text(
        "---\nimported: greenhouse posting-conclusion\n---\n<p>Acme is an equal opportunity employer.</p>"
    )
    report = build(load_config(root), Options(now=DAY))
    assert not [d for d in report.diagnostics if d.level == "error"]
    for slug, own in (("engineer", "Build things."), ("analyst", "Read things.")):
        head, body = _page(root, slug).split('<div class="posting-text">')
        intro, end = body.index("About Acme</h2>"), body.index("equal opportunity employer")
        assert intro < body.index(own) < end
        assert "onclick" not in body and "bad()" not in body and "<strong>rockets</strong>" in body
        assert (
            own in head and "About Acme" not in head and "rockets" not in head
        )  # the JobPosting: its own text


def test_a_change_to_the_intro_redraws_every_posting_page(tmp_path: Path) -> None:
    root = _site(tmp_path)
    intro = root / "content/posting-intro.html"
    intro.write_text("<p>We make rockets.</p>")
    build(load_config(root), Options(now=DAY))
    intro.write_text("<p>We make boats.</p>")
    report = build(load_config(root), Options(now=DAY))
    assert {"jobs/engineer/index.html", "jobs/analyst/index.html"} <= set(report.changed)
    assert "boats" in _page(root, "engineer") and "rockets" not in _page(root, "analyst")
    intro.unlink()
    build(load_config(root), Options(now=DAY))
    cold = load_config(root, {"output_dir": "cold"})
    build(cold, Options(now=DAY, cache=False))
    assert _page(root, "engineer") == (root / "cold/jobs/engineer/index.html").read_text()
    assert "boats" not in _page(root, "engineer")


def test_an_intro_that_cannot_be_read_is_an_error_naming_it(tmp_path: Path) -> None:
    root = _site(tmp_path)
    (root / "content/posting-intro.html").write_bytes(b"\x00\x01\x02 binary")
    report = build(load_config(root), Options(now=DAY))
    errors = [str(d) for d in report.diagnostics if d.level == "error"]
    assert len(errors) == 1 and errors[0].startswith("content/posting-intro.html")
    assert "Build things." in _page(root, "engineer")
