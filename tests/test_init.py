"""``careers init``: a first site that builds and checks clean, in a new or empty folder only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def careers(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_a_new_site_builds_and_checks_with_no_errors(tmp_path: Path) -> None:
    made = careers("init", "new-site", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    site = tmp_path / "new-site"
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == [
        ".gitignore",
        "README.md",
        "careers.toml",
        "content/jobs/customer-success-manager.md",
        "content/jobs/warehouse-associate.html",
    ]
    assert not (site / "templates").exists()  # the theme is the package's; a site adds overrides
    built = careers("build", cwd=site)
    assert built.returncode == 0, built.stderr
    assert (site / "site" / "jobs" / "warehouse-associate" / "index.html").is_file()
    checked = careers("check", cwd=site)
    assert checked.returncode == 0 and ": error: " not in checked.stdout, checked.stdout


def test_init_refuses_a_folder_that_holds_anything(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    refused = careers("init", str(tmp_path), cwd=tmp_path)
    assert refused.returncode == 2 and "not an empty folder" in refused.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_command_outside_a_site_says_so(tmp_path: Path) -> None:
    for command in ([], ["serve"], ["check"], ["tags"]):
        result = careers(*command, cwd=tmp_path)
        assert result.returncode == 2, command
        assert "this is not a careers site. Run 'careers init DIR'" in result.stderr, command
        assert "template" not in result.stderr


def test_the_site_folder_can_follow_the_command(tmp_path: Path) -> None:
    careers("init", "s", cwd=tmp_path)
    assert careers("build", "-C", "s", "-q", cwd=tmp_path).returncode == 0
    assert (tmp_path / "s" / "site" / "index.html").is_file()


def test_a_first_git_add_commits_no_build_output(tmp_path: Path) -> None:
    """``careers init`` wrote no .gitignore, so the first ``git add .`` took .cache/ and site/."""
    assert careers("init", "new-site", cwd=tmp_path).returncode == 0
    site = tmp_path / "new-site"
    assert careers("build", cwd=site).returncode == 0
    made = {p.name for p in site.iterdir()}
    assert {"site", ".cache"} <= made
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=site, check=True)
    added = subprocess.run(
        [*git, "add", "--dry-run", "."], cwd=site, capture_output=True, text=True, check=True
    )
    files = sorted(line.split("'")[1] for line in added.stdout.splitlines())
    assert files == [
        ".gitignore",
        "README.md",
        "careers.toml",
        "content/jobs/customer-success-manager.md",
        "content/jobs/warehouse-associate.html",
    ]
