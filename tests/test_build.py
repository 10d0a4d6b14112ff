"""End to end: build the sample project and check what a visitor and a tool would see."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careers.pages.links import check_links
from careers.shell.cli import main

from .conftest import ROOT, SEEDS

# The day builds run "on" (2026-12-01), so that no test depends on the real date: the sample's
# postings close in 2027.
TODAY_EPOCH = "1796083200"


def run(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": TODAY_EPOCH, **(env or {})},
    )


def digest_tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_sample_project_builds_every_page(project: Path) -> None:
    result = run(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    jobs = json.loads((site / "jobs.json").read_text())
    assert len(jobs) == len(list((project / "content" / "jobs").iterdir()))
    for record in jobs:
        assert (site / "jobs" / record["slug"] / "index.html").is_file()
    for page in ("index.html", "404.html", "skills/index.html", "experience/index.html"):
        assert (site / page).is_file(), page
    assert len(list((site / "static").glob("style.*.css"))) == 1
    skills = {s for record in jobs for s in record["skills"]}
    assert len(list((site / "skills").iterdir())) == len(skills) + 1  # + index.html
    assert "built 7 postings" in result.stdout


def test_every_internal_link_resolves(project: Path) -> None:
    assert run(project).returncode == 0
    assert check_links(project / "site") == []


def test_links_work_under_a_sub_path(project: Path) -> None:
    assert run(project, "build", "--base-url", "https://acme.github.io/careers/").returncode == 0
    assert check_links(project / "site", "/careers/") == []
    assert 'href="/careers/jobs/' in (project / "site" / "404.html").read_text()


def test_jobs_json_schema(project: Path) -> None:
    assert run(project).returncode == 0
    text = (project / "site" / "jobs.json").read_text()
    records = {r["source"]: r for r in json.loads(text)}
    # One posting per line, so a diff of two builds names the postings that changed.
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(records) + 2
    assert [json.loads(line.rstrip(","))["source"] for line in lines[1:-1]] == list(records)
    record = records["content/jobs/004_aafd6c70d35ae0c0.html"]
    assert record["title"] == "Enterprise Account Manager (EAM) - Spectrum Enterprise"
    assert record["url"] == f"https://careers.northwind.example.com/jobs/{record['slug']}/"
    assert record["sections"][0] == {"heading": "At a glance", "kind": "summary"}
    assert "Salesforce" in record["skills"]
    experience = record["experience"]
    assert (experience["level"], experience["min_months"], experience["max_months"]) == (
        "associate",
        24,
        None,
    )
    assert experience["required"] is True and experience["phrase"].startswith("Two or more years of B2B")
    assert experience["level_reason"] == "24 months of experience"
    tags = {t["name"]: t for t in record["skill_tags"]}
    assert [t["name"] for t in record["skill_tags"]] == record["skills"] + record["soft_skills"]
    assert record["soft_skills"] and all(tags[n]["category"] == "Soft skills" for n in record["soft_skills"])
    assert not any(tags[n]["category"] == "Soft skills" for n in record["skills"])
    assert tags["Salesforce"]["required"] is False  # only under "How you will stand out"
    assert tags["Salesforce"]["phrase"] == "Familiar with Salesforce, ICOMS/CSG or other billing systems"
    assert (
        tags["B2B Sales"]["required"] is True
        and tags["B2B Sales"]["category"] == "Sales & account management"
    )
    assert record["education"]["level"] == "high_school" and record["education"]["required"] is True
    assert record["education"]["preferred_level"] == "bachelor"
    md = records["content/jobs/senior-data-engineer.md"]
    assert md["experience"]["level"] == "mid_senior" and md["remote"] is True
    assert md["date_posted"] == "2026-11-02" and md["employment_type"] == "FULL_TIME"


def test_posting_page_shows_clean_sections_and_tag_links(project: Path) -> None:
    assert run(project).returncode == 0
    page = (project / "site" / "jobs" / "territory-account-manager" / "index.html").read_text()
    for heading in ("Job Summary", "Essential Job Responsibilities", "Required Job Qualifications"):
        assert f">{heading}</h2>" in page
    assert "engagement and interlock" in page
    assert 'href="../../skills/salesforce/index.html"' in page
    assert 'href="../../experience/associate/index.html"' in page


def test_builds_are_deterministic(project: Path, tmp_path: Path) -> None:
    assert run(project).returncode == 0
    first = digest_tree(project / "site")
    (project / "site").rename(tmp_path / "first")
    assert run(project).returncode == 0
    assert digest_tree(project / "site") == first


def test_a_bad_posting_is_reported_and_the_rest_still_build(project: Path) -> None:
    jobs = project / "content" / "jobs"
    (jobs / "broken.md").write_text("---\ntitle: Broken\ndate: yesterday\n---\nBody text here.\n")
    (jobs / "untitled.html").write_text("<p>No heading at all, just text.</p>")
    before = digest_tree(project / "content")
    result = run(project)
    assert result.returncode == 1
    assert (
        "content/jobs/broken.md:3: error: front matter 'date' must be a date written YYYY-MM-DD"
        in result.stderr
    )
    assert "content/jobs/untitled.html:1: error: posting has no title" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(json.loads((project / "site" / "jobs.json").read_text())) == 7
    assert digest_tree(project / "content") == before


@pytest.mark.parametrize(
    "salary",
    ["{min: .nan, max: 90000}", "{min: 60000, max: .inf}", '"$1' + "0" * 400 + ' a year"'],
)
def test_a_salary_no_number_can_hold_is_an_error_at_its_line(project: Path, salary: str) -> None:
    (project / "content" / "jobs" / "odd-pay.md").write_text(
        f"---\ntitle: Odd Pay\nsalary: {salary}\n---\nBody text here.\n"
    )
    result = run(project)
    assert result.returncode == 1
    assert "content/jobs/odd-pay.md:3: error: front matter 'salary' must hold finite amounts" in result.stderr
    assert "NaN" not in (project / "site" / "jobs.json").read_text()


def test_template_error_keeps_the_previous_site(project: Path) -> None:
    assert run(project).returncode == 0
    before = digest_tree(project / "site")
    (project / "templates" / "index.html").write_text(
        "{% extends 'base.html' %}\n{% block main %}{{ nope.x }}{% endblock %}\n"
    )
    result = run(project)
    assert result.returncode == 2
    assert result.stderr.startswith("templates/index.html:2: error: while rendering: 'nope' is undefined")
    assert digest_tree(project / "site") == before


def test_unknown_config_key_exits_with_a_hint(project: Path) -> None:
    with (project / "careers.toml").open("a") as f:
        f.write('titel = "x"\n')
    result = run(project)
    assert result.returncode == 2
    assert "careers.toml: error: unknown key 'titel' (did you mean 'title'?)" in result.stderr


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "build" in out and "serve" in out


def test_drafts_only_with_the_flag(project: Path) -> None:
    (project / "content" / "jobs" / "draft.md").write_text(
        "---\ntitle: Secret Role\ndraft: true\n---\nSoon.\n"
    )
    assert run(project).returncode == 0
    assert "Secret Role" not in (project / "site" / "index.html").read_text()
    assert run(project, "build", "--drafts").returncode == 0
    assert "Secret Role" in (project / "site" / "index.html").read_text()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seeds_ship_unchanged(seed: Path) -> None:
    shared = ROOT.parent / "shared" / "seeds" / seed.name
    if not shared.exists():
        pytest.skip("../shared/seeds is not beside this clone")
    assert seed.read_bytes() == shared.read_bytes()


@pytest.mark.parametrize("emptied", ["no folder", "no postings"])
def test_nothing_to_publish_is_an_error_for_build_and_check_and_keeps_the_site(
    project: Path, emptied: str
) -> None:
    assert run(project).returncode == 0
    before = digest_tree(project / "site")
    jobs = project / "content" / "jobs"
    for posting in jobs.iterdir():
        posting.unlink()
    if emptied == "no folder":
        jobs.rmdir()
    else:
        (jobs / "notes.docx").write_text("not a posting")  # (a .txt file is a posting)
    for command in ([], ["check"]):
        result = run(project, *command)
        assert result.returncode == 1, result.stderr
        assert "content/jobs: error: no " in result.stderr + result.stdout
    assert digest_tree(project / "site") == before  # `check && build` never deploys an empty site
