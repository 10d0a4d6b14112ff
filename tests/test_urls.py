"""Published URLs never move: what is added, dated or un-drafted later never takes a posting's URL."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from careers.config import load_config
from careers.engine import build

from .conftest import ROOT

JOBS = "content/jobs"


def write(project: Path, name: str, front: str, body: str = "Sell the product.") -> None:
    (project / JOBS / name).write_text(f"---\n{front}\n---\n{body}\n")


def urls(project: Path) -> dict[str, str]:
    """Each published posting's file → its URL path, from jobs.json."""
    records = json.loads((project / "site" / "jobs.json").read_text())
    return {r["source"].rsplit("/", 1)[1]: r["url"].split("/jobs/", 1)[1] for r in records}


@pytest.fixture
def small(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / JOBS).mkdir(parents=True)
    (project / "careers.toml").write_text('title = "Careers"\n')
    shutil.copytree(ROOT / "templates", project / "templates")
    write(project, "a.md", "title: Account Manager\ndate: 2026-05-01")
    assert build(load_config(project)).failed is False
    assert urls(project) == {"a.md": "account-manager/"}
    return project


@pytest.mark.parametrize(
    "front",
    ["title: Account Manager", "title: Account Manager\ndate: 2020-01-01"],
    ids=["undated", "older"],
)
def test_a_later_posting_with_the_same_title_never_takes_a_published_url(small: Path, front: str) -> None:
    write(small, "0-b.md", front)
    build(load_config(small))
    assert urls(small)["a.md"] == "account-manager/"
    assert urls(small)["0-b.md"].startswith("account-manager-")


def test_an_older_posting_leaving_draft_never_takes_a_published_url(small: Path) -> None:
    write(small, "0-b.md", "title: Account Manager\ndate: 2020-01-01\ndraft: true")
    build(load_config(small))
    write(small, "0-b.md", "title: Account Manager\ndate: 2020-01-01")
    build(load_config(small))
    assert urls(small)["a.md"] == "account-manager/"


def test_a_changed_title_is_a_new_url_and_frees_the_old_one(small: Path) -> None:
    write(small, "a.md", "title: Key Account Manager\ndate: 2026-05-01")
    build(load_config(small))
    assert urls(small) == {"a.md": "key-account-manager/"}


def test_an_explicit_slug_always_wins(small: Path) -> None:
    write(small, "b.md", "title: Sales Lead\nslug: account-manager")
    build(load_config(small))
    assert urls(small)["b.md"] == "account-manager/"
    assert urls(small)["a.md"].startswith("account-manager-")


def test_two_postings_with_one_explicit_slug_are_an_error_naming_both(small: Path) -> None:
    write(small, "b.md", "title: Sales Lead\nslug: sales")
    write(small, "c.md", "title: Sales Rep\nslug: sales")
    report = build(load_config(small))
    errors = [str(d) for d in report.diagnostics if d.level == "error"]
    assert errors == [
        f"{JOBS}/c.md: error: 'slug: sales' is also set by {JOBS}/b.md, which keeps it: "
        "two postings cannot share one URL, so this one was not built (give it another slug)"
    ]
    assert urls(small)["b.md"] == "sales/" and "c.md" not in urls(small)


def git(project: Path, *args: str, date: str = "2026-01-01T00:00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args]
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)


def test_without_the_cache_git_history_says_what_was_there_first(small: Path) -> None:
    git(small, "init", "-q")
    git(small, "add", JOBS)
    git(small, "commit", "-qm", "first posting")
    write(small, "0-b.md", "title: Account Manager")  # undated: would have been "oldest"
    git(small, "add", JOBS)
    git(small, "commit", "-qm", "second", date="2026-02-01T00:00:00")
    for cache in (small / ".cache").rglob("published.json"):
        cache.unlink()  # a fresh checkout: no record of the last build
    build(load_config(small, {"cache_dir": ".fresh-cache"}))
    assert urls(small)["a.md"] == "account-manager/"


def test_a_shallow_clone_warns_and_takes_nothing_from_its_cut_history(small: Path, tmp_path: Path) -> None:
    write(small, "b.md", "title: Field Engineer")  # undated: its first commit would date it
    git(small, "init", "-q")
    git(small, "add", JOBS)
    git(small, "commit", "-qm", "postings")
    write(small, "b.md", "title: Field Engineer", body="Fix the network.")
    git(small, "commit", "-qam", "edit", date="2026-03-01T00:00:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", small.as_uri(), str(clone))
    report = build(load_config(clone))
    warnings = [str(d) for d in report.diagnostics if d.level == "warning"]
    assert any("shallow git clone" in w and "fetch-depth: 0" in w for w in warnings), warnings
    records = {r["source"]: r for r in json.loads((clone / "site" / "jobs.json").read_text())}
    assert records[f"{JOBS}/b.md"]["date_posted"] is None  # not the cut's date, 2026-03-01
