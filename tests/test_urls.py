"""Published URLs never move: what is added, dated or un-drafted later never takes a posting's URL,
a title edit keeps it, a renamed file keeps it, and a URL an explicit slug gives up redirects."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from careers.config import load_config
from careers.engine import build
from careers.shell.cli import main

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


def test_a_changed_title_keeps_the_published_url_and_says_why(small: Path) -> None:
    write(small, "a.md", "title: Key Account Manager\ndate: 2026-05-01")
    report = build(load_config(small))
    assert urls(small) == {"a.md": "account-manager/"}
    assert not (small / "site" / "jobs" / "key-account-manager").exists()
    said = [str(d) for d in report.diagnostics]
    assert said == [
        f"{JOBS}/a.md: info: its title makes 'key-account-manager', but it keeps the URL it was "
        "published at, 'account-manager' (set 'slug:' in front matter to choose)"
    ]
    page = (small / "site" / "jobs" / "account-manager" / "index.html").read_text()
    assert "<h1>Key Account Manager" in page
    write(small, "b.md", "title: Key Account Manager")  # a new posting of that title gets its slug
    build(load_config(small))
    assert urls(small) == {"a.md": "account-manager/", "b.md": "key-account-manager/"}


def test_a_slug_removed_again_keeps_the_url_it_gave(small: Path) -> None:
    write(small, "a.md", "title: Account Manager\ndate: 2026-05-01\nslug: sales")
    build(load_config(small))
    write(small, "a.md", "title: Account Manager\ndate: 2026-05-01")
    report = build(load_config(small))
    assert urls(small) == {"a.md": "sales/"}
    assert not any(d.level == "warning" for d in report.diagnostics)
    assert redirect_target(small, "account-manager") == "../../jobs/sales/index.html"


def redirect_target(project: Path, slug: str, site: str = "site") -> str:
    """Where the redirect page at ``jobs/<slug>/`` sends a browser (a relative URL)."""
    page = (project / site / "jobs" / slug / "index.html").read_text()
    found = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page)
    assert found, page
    return found.group(1)


@pytest.mark.parametrize("base_url", ["https://example.com/", "https://example.github.io/careers/", "/"])
def test_a_url_given_up_for_a_slug_redirects_to_the_new_one_and_build_and_check_say_so(
    small: Path, base_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = f'title = "Careers"\nbase_url = "{base_url}"\ncompany = "Acme"\nlocation = "Boston, MA, US"\n'
    (small / "careers.toml").write_text(settings)
    assert build(load_config(small)).failed is False
    write(small, "a.md", "title: Account Manager\ndate: 2026-05-01\nslug: key-accounts")
    moved = (
        f"{JOBS}/a.md: warning: published URL jobs/account-manager/ moves to jobs/key-accounts/ "
        "(its 'slug:' says so): the old URL redirects to the new one"
    )
    assert main(["-C", str(small), "check"]) == 0  # a warning, not an error
    assert moved in capsys.readouterr().out.splitlines()
    report = build(load_config(small))
    assert [str(d) for d in report.diagnostics] == [moved]
    assert urls(small) == {"a.md": "key-accounts/"}
    # The old URL answers with a page that sends browsers on, relative (from disk, under any
    # sub-path), names the new URL as canonical and is not indexed.
    assert redirect_target(small, "account-manager") == "../../jobs/key-accounts/index.html"
    page = (small / "site" / "jobs" / "account-manager" / "index.html").read_text()
    assert '<meta name="robots" content="noindex">' in page
    canonical = f'<link rel="canonical" href="{base_url}jobs/key-accounts/">'
    assert (canonical in page) == base_url.startswith("https:")
    assert '<a href="../../jobs/key-accounts/index.html">Account Manager</a>' in page
    sitemap = small / "site" / "sitemap.xml"
    assert not sitemap.exists() or "jobs/account-manager/" not in sitemap.read_text()
    # Once built, the move is done: nothing more to say, and the redirect stays.
    report = build(load_config(small))
    assert report.diagnostics == () and redirect_target(small, "account-manager")
    capsys.readouterr()
    assert main(["-C", str(small), "check"]) == 0
    assert "moves" not in capsys.readouterr().out


def test_a_url_moved_twice_redirects_from_both_and_a_new_posting_never_takes_them(small: Path) -> None:
    write(small, "a.md", "title: Account Manager\ndate: 2026-05-01\nslug: sales")
    build(load_config(small))
    write(small, "a.md", "title: Account Manager\ndate: 2026-05-01\nslug: key-accounts")
    build(load_config(small))
    write(small, "b.md", "title: Account Manager")  # wants the first URL: it redirects to a.md
    build(load_config(small))
    assert urls(small) == {"a.md": "key-accounts/", "b.md": "account-manager-d7b9e2/"} or (
        urls(small)["b.md"].startswith("account-manager-")
    )
    assert redirect_target(small, "account-manager") == "../../jobs/key-accounts/index.html"
    assert redirect_target(small, "sales") == "../../jobs/key-accounts/index.html"
    write(small, "c.md", "title: Sales\nslug: sales")  # an explicit slug takes a redirect's URL
    build(load_config(small))
    assert urls(small)["c.md"] == "sales/"
    assert redirect_target(small, "account-manager") == "../../jobs/key-accounts/index.html"


def test_a_published_url_an_explicit_slug_claims_moves_with_a_warning(small: Path) -> None:
    write(small, "b.md", "title: Sales Lead\nslug: account-manager")
    report = build(load_config(small))
    assert urls(small)["b.md"] == "account-manager/"
    assert urls(small)["a.md"].startswith("account-manager-")
    warnings = [str(d) for d in report.diagnostics if d.level == "warning"]
    assert warnings == [
        f"{JOBS}/a.md: warning: published URL jobs/account-manager/ moves to jobs/{urls(small)['a.md']} "
        f"('slug: account-manager' of {JOBS}/b.md): the old URL shows that posting"
    ]


def test_a_deleted_posting_takes_its_url_and_redirects_with_it(small: Path) -> None:
    write(small, "a.md", "title: Account Manager\ndate: 2026-05-01\nslug: sales")
    build(load_config(small))
    (small / JOBS / "a.md").unlink()
    write(small, "b.md", "title: Account Manager")
    build(load_config(small))
    assert urls(small) == {"b.md": "account-manager/"}
    assert not (small / "site" / "jobs" / "sales").exists()


LONG = "Sell the product to the largest accounts in the region, with the team.\n" * 8


@pytest.mark.parametrize("rename", ["moved", "new extension", "git mv and an edit"])
def test_a_renamed_posting_file_keeps_its_url(small: Path, rename: str) -> None:
    write(small, "a.md", "title: Account Manager\ndate: 2026-05-01", body=LONG)  # as published
    git(small, "init", "-q")
    git(small, "add", JOBS)
    git(small, "commit", "-qm", "first posting")
    build(load_config(small))
    write(small, "a.md", "title: Key Account Manager\ndate: 2026-05-01", body=LONG)  # keeps the URL
    build(load_config(small))
    old = small / JOBS / "a.md"
    if rename == "moved":  # same bytes, another name
        old.rename(small / JOBS / "key-accounts.md")
        new = "key-accounts.md"
    elif rename == "new extension":  # saved again as HTML, the same name
        old.unlink()
        (small / JOBS / "a.html").write_text("<h1>Key Account Manager</h1><p>Sell the product.</p>")
        new = "a.html"
    else:
        git(small, "mv", f"{JOBS}/a.md", f"{JOBS}/key-accounts.md")
        write(small, "key-accounts.md", "title: Key Account Manager\ndate: 2026-05-01", body=LONG + "More.")
        git(small, "commit", "-qam", "renamed", date="2026-02-01T00:00:00")
        new = "key-accounts.md"
    report = build(load_config(small))
    assert urls(small) == {new: "account-manager/"}
    renamed = f"{JOBS}/{new}: info: was {JOBS}/a.md: keeps the URL it was published at, jobs/account-manager/"
    assert renamed in [str(d) for d in report.diagnostics]
    again = build(load_config(small))  # the record follows the file now: nothing more to say
    assert urls(small) == {new: "account-manager/"}
    assert renamed not in [str(d) for d in again.diagnostics]


def test_a_posting_back_from_draft_gets_its_url_back(small: Path) -> None:
    write(small, "a.md", "title: Account Manager\ndate: 2026-05-01\ndraft: true")  # taken down
    build(load_config(small))
    assert urls(small) == {}
    write(small, "b.md", "title: Account Manager")  # would take the URL: it is kept for a.md
    build(load_config(small))
    assert urls(small)["b.md"].startswith("account-manager-")
    write(small, "a.md", "title: Key Account Manager\ndate: 2026-05-01")  # back, retitled
    build(load_config(small))
    assert urls(small)["a.md"] == "account-manager/"


def test_the_first_form_of_the_record_is_read_and_a_bad_one_is_not_followed(small: Path) -> None:
    record = small / ".cache" / "published.json"
    record.write_text(json.dumps({f"{JOBS}/a.md": ["account-manager", "sales"]}))  # as main wrote it
    write(small, "a.md", "title: Key Account Manager\ndate: 2026-05-01")
    build(load_config(small))
    assert urls(small) == {"a.md": "sales/"}
    evil = {"format": 2, "postings": {f"{JOBS}/a.md": {"slug": "../../../x", "moved": ["../../y", "ok"]}}}
    record.write_text(json.dumps(evil))
    write(small, "a.md", "title: Account Manager\ndate: 2026-05-01")
    build(load_config(small))
    assert urls(small) == {"a.md": "account-manager/"}
    assert not (small / "x").exists() and not (small.parent / "x").exists()


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
