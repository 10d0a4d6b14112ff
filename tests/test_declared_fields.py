"""A posting field is one declaration: added to ``Posting`` alone, it is read, kept and published."""

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
