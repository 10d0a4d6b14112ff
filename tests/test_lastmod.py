"""``lastmod`` in the sitemap (and ``date_modified`` in feed.json) is a posting's last change: the
last commit that changed its file, never the build's clock; a cached build says what a cold one does."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from careers.config import load_config
from careers.engine import Options, build
from careers.sources.history import read_history

from .test_urls import git

JOBS = "content/jobs"


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / JOBS).mkdir(parents=True)
    (root / "careers.toml").write_text(
        'company = "Acme"\nbase_url = "https://jobs.acme.example/"\nmax_age_days = 0\n'
    )
    (root / JOBS / "engineer.md").write_text(
        "---\ntitle: Engineer\nlocation: Boston, MA, US\n---\nBuild things.\n"
    )
    (root / JOBS / "analyst.md").write_text("---\ntitle: Analyst\ndate: 2026-01-20\n---\nRead things.\n")
    git(root, "init", "-q")
    git(root, "add", JOBS)
    git(root, "commit", "-qm", "two postings", date="2026-01-10T12:00:00")
    return root


def _lastmods(root: Path, output: str = "site") -> dict[str, str]:
    text = (root / output / "sitemap.xml").read_text()
    return dict(
        re.findall(r"<loc>https://jobs.acme.example/(jobs/[^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", text)
    )


def test_lastmod_is_the_last_commit_that_changed_the_posting(tmp_path: Path) -> None:
    root = _site(tmp_path)
    day = dt.date(2026, 6, 1)
    build(load_config(root), Options(now=day))
    assert _lastmods(root) == {
        "jobs/engineer/": "2026-01-10",
        "jobs/analyst/": "2026-01-20",
    }  # its date is later
    (root / JOBS / "engineer.md").write_text(
        "---\ntitle: Engineer\nlocation: Boston, MA, US\n---\nBuild more.\n"
    )
    build(load_config(root), Options(now=day))
    assert _lastmods(root)["jobs/engineer/"] == "2026-01-10"  # not committed: no change git knows of yet
    git(root, "commit", "-qam", "edit", date="2026-03-05T12:00:00")
    build(load_config(root), Options(now=day))  # the cache knows the bytes: only history says it changed
    assert _lastmods(root) == {"jobs/engineer/": "2026-03-05", "jobs/analyst/": "2026-01-20"}
    items = {i["title"]: i for i in json.loads((root / "site" / "feed.json").read_text())["items"]}
    assert items["Engineer"]["date_published"] == "2026-01-10T00:00:00Z"  # posted: its first commit
    assert items["Engineer"]["date_modified"] == "2026-03-05T00:00:00Z"
    cold = load_config(root, {"output_dir": "cold", "cache_dir": ".cold-cache"})
    build(cold, Options(now=day, cache=False))
    for name in ("sitemap.xml", "feed.json", "feed.xml", "indeed.xml"):
        assert (root / "cold" / name).read_bytes() == (root / "site" / name).read_bytes(), name


def test_a_rename_alone_is_no_change(tmp_path: Path) -> None:
    root = _site(tmp_path)
    git(root, "mv", f"{JOBS}/engineer.md", f"{JOBS}/platform-engineer.md")
    git(root, "commit", "-qm", "rename", date="2026-04-01T12:00:00")
    history = read_history(str(root), JOBS)
    assert history.changed(f"{JOBS}/platform-engineer.md") == dt.date(2026, 1, 10)
    assert history.day(f"{JOBS}/platform-engineer.md") == dt.date(2026, 1, 10)
