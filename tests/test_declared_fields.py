"""A posting field, or a way to browse, is one declaration (and its template), nothing else."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

DECLARED = "    details: tuple[tuple[str, str], ...] = declare((), published=False)\n"
NEW_FIELD = '    grade: str | None = declare(None, key="grade")  # a pay grade, as the employer names it\n'


def careers_with_a_new_field(where: Path) -> Path:
    """A copy of the package whose ``Posting`` declares one more field (and no other change),
    and of the built-in theme, whose posting page shows it (the field's template)."""
    shutil.copytree(ROOT / "careers", where / "careers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", where / "templates")
    model = where / "careers" / "model.py"
    text = model.read_text("utf-8")
    assert text.count(DECLARED) == 1, "the last field of Posting moved: update DECLARED"
    model.write_text(text.replace(DECLARED, DECLARED + NEW_FIELD), "utf-8")
    page = where / "templates" / "posting.html"
    page.write_text(
        page.read_text("utf-8").replace(
            "<h1>{{ posting.title }}</h1>",
            '<h1>{{ posting.title }}</h1>\n<p class="grade">{{ posting.grade }}</p>',
        ),
        "utf-8",
    )
    return where


def build(careers: Path, project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(careers)}
    command = [
        sys.executable,
        "-c",
        "import sys; from careers.shell.cli import main; sys.exit(main(['build', '-q']))",
    ]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_a_field_added_to_posting_alone_is_read_kept_through_a_cached_build_and_published(
    tmp_path: Path,
) -> None:
    careers = careers_with_a_new_field(tmp_path / "checkout")
    project = tmp_path / "project"
    (project / "content" / "jobs").mkdir(parents=True)
    (project / "content" / "jobs" / "nurse.md").write_text(
        "---\ntitle: Staff Nurse\ngrade: Band 5\n---\n## About the role\n\nCare for patients on a ward.\n"
    )
    page = project / "site" / "jobs" / "staff-nurse" / "index.html"
    build(careers, project)
    assert '<p class="grade">Band 5</p>' in page.read_text()
    # A theme edit draws every page again from the kept posting (the store), not from the file.
    base = careers / "templates" / "base.html"
    base.write_text(base.read_text() + "<!-- edited -->\n")
    build(careers, project)
    assert "<!-- edited -->" in page.read_text()
    assert '<p class="grade">Band 5</p>' in page.read_text()
    assert [r["grade"] for r in json.loads((project / "site" / "jobs.json").read_text())] == ["Band 5"]
    stored = [p.read_text() for p in (project / ".cache" / "postings").glob("*/*.json")]
    assert len(stored) == 1 and '"grade":"Band 5"' in stored[0]


DECLARED_LAST = """    Taxonomy("skills", "Skills", "Skills", "skill", "skills.html", "skill.html",
             lambda postings, order: skill_terms(postings), rare_unindexed=True),
"""
NEW_TAXONOMY = """    Taxonomy("teams", "Teams", "Teams", "team", "teams.html", "team.html",
             field_terms("team"), optional=True),
"""
TEAMS = """{% extends "base.html" %}
{% from "_macros.html" import term_list %}
{% block title %}Teams · {{ config.title }}{% endblock %}
{% block main %}<h1>Teams</h1>{{ term_list(terms, 'teams', url) }}{% endblock %}
"""
TEAM = """{% extends "base.html" %}
{% from "_macros.html" import term_listing %}
{% block title %}{{ term.name }} team · {{ config.title }}{% endblock %}
{% block main %}{{ term_listing(term, postings, pager, url, 'Teams', 'teams/') }}{% endblock %}
"""


def test_a_way_to_browse_added_to_taxonomies_alone_gets_its_pages_link_sitemap_and_titles(
    tmp_path: Path,
) -> None:
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "careers", checkout / "careers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", checkout / "templates")
    module = checkout / "careers" / "pages" / "taxonomies.py"
    text = module.read_text("utf-8")
    assert text.count(DECLARED_LAST) == 1, "the last taxonomy moved: update DECLARED_LAST"
    module.write_text(text.replace(DECLARED_LAST, DECLARED_LAST + NEW_TAXONOMY), "utf-8")
    (checkout / "templates" / "teams.html").write_text(TEAMS)
    (checkout / "templates" / "team.html").write_text(TEAM)
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "careers.toml", project / "careers.toml")
    posting = project / "content" / "jobs" / "senior-data-engineer.md"
    posting.write_text(posting.read_text().replace("title: ", "team: Data Platform\ntitle: ", 1))
    build(checkout, project)
    site = project / "site"
    teams = {p.parent.name for p in (site / "teams").glob("*/index.html")}
    assert teams == {"data-platform"} and (site / "teams" / "index.html").exists()
    index = (site / "index.html").read_text()
    assert '<a href="teams/index.html">Teams</a>' in index and ">team</a>" in index  # navigation, "Browse by"
    sitemap = (site / "sitemap.xml").read_text()
    assert all(f"/teams/{slug}/</loc>" in sitemap for slug in teams)
    one = (site / "teams" / sorted(teams)[0] / "index.html").read_text()
    assert "team · " in one and "open " in one.lower()
