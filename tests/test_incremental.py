"""The preview's incremental rebuild: only what a save touches is redone, and the result is a full build's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from careers.config import load_config
from careers.engine.builder import BuildOptions, build
from careers.engine.incremental import Preview, Update
from careers.pages.assets import load_assets

from .conftest import edit, h1_line

MARKDOWN = "content/jobs/senior-data-engineer.md"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        (Path(d) / name).relative_to(folder).as_posix(): (Path(d) / name).read_bytes()
        for d, _, names in os.walk(folder)
        for name in names
    }


def full_build(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """What ``build`` writes, with the static files under their own names as the preview has them."""
    out = tmp_path / "reference"
    build(load_config(project, {"output_dir": str(out)}), BuildOptions())
    files = snapshot(out)
    renamed = {
        published: "static/" + name
        for name, published in load_assets(project / "templates" / "static").names.items()
    }
    for published, plain in renamed.items():
        files[plain] = files.pop(published)
    for path, data in files.items():
        for published, plain in renamed.items():
            data = data.replace(published.split("/", 1)[1].encode(), plain.split("/", 1)[1].encode())
        files[path] = data
    return files


def rebuild(preview: Preview) -> tuple[Update, Update | None]:
    first = preview.update()
    return first, preview.settle(lambda: False)


@pytest.fixture
def preview(project: Path) -> Preview:
    p = Preview(lambda: load_config(project), BuildOptions())
    rebuild(p)
    return p


def test_first_rebuild_is_a_full_build(preview: Preview, project: Path, tmp_path: Path) -> None:
    assert snapshot(project / "site") == full_build(project, tmp_path)


def test_body_edit_reprocesses_one_posting_and_writes_one_page(preview: Preview, project: Path) -> None:
    edit(project, MARKDOWN, "Mentor two data engineers", "Mentor three data engineers")
    first, settled = rebuild(preview)
    assert first.sources == (MARKDOWN,)
    assert first.changed == ("jobs/senior-data-engineer/index.html",)
    assert settled is not None and set(settled.changed) <= {"jobs.json", "feed.xml", "sitemap.xml"}


def test_skill_change_rewrites_exactly_the_pages_whose_bytes_change(
    preview: Preview, project: Path, tmp_path: Path
) -> None:
    before = snapshot(project / "site")
    edit(project, MARKDOWN, "skills: [Python, SQL,", "skills: [Rust, SQL,")
    first, settled = rebuild(preview)
    assert settled is not None
    after = snapshot(project / "site")
    assert after == full_build(project, tmp_path)
    differing = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    assert set(first.changed) | set(settled.changed) == differing
    assert {"skills/rust/index.html", "jobs/senior-data-engineer/index.html", "jobs.json"} <= differing
    assert "jobs/territory-account-manager/index.html" not in differing


def test_template_edit_rerenders_without_rereading(preview: Preview, project: Path, tmp_path: Path) -> None:
    edit(
        project,
        "templates/posting.html",
        "<h1>{{ posting.title }}</h1>",
        "<h1>Join: {{ posting.title }}</h1>",
    )
    first, settled = rebuild(preview)
    assert first.sources == ()
    assert settled is not None and "jobs/senior-data-engineer/index.html" in settled.changed
    assert "index.html" not in settled.changed
    assert snapshot(project / "site") == full_build(project, tmp_path)


def test_new_deleted_and_renamed_postings(preview: Preview, project: Path, tmp_path: Path) -> None:
    jobs = project / "content" / "jobs"
    (jobs / "night-baker.md").write_text("---\ntitle: Night Baker\n---\nBake bread at night.\n")
    first, _ = rebuild(preview)
    assert "jobs/night-baker/index.html" in first.changed
    (jobs / "night-baker.md").unlink()
    (jobs / "senior-data-engineer.md").rename(jobs / "data-engineer.md")
    edit(project, "content/jobs/data-engineer.md", "slug: senior-data-engineer", "slug: data-engineer")
    rebuild(preview)
    site = project / "site"
    assert not (site / "jobs" / "night-baker").exists()
    assert not (site / "jobs" / "senior-data-engineer").exists()
    assert (site / "jobs" / "data-engineer" / "index.html").is_file()
    assert snapshot(site) == full_build(project, tmp_path)


def test_broken_posting_is_reported_and_fixed(preview: Preview, project: Path) -> None:
    edit(project, MARKDOWN, "date: 2026-11-02", "date: yesterday")
    first, _ = rebuild(preview)
    assert any(line.startswith(f"{MARKDOWN}:7: error:") for line in first.errors)
    assert not (project / "site" / "jobs" / "senior-data-engineer").exists()
    edit(project, MARKDOWN, "date: yesterday", "date: 2026-11-02")
    first, _ = rebuild(preview)
    assert first.errors == ()
    assert (project / "site" / "jobs" / "senior-data-engineer" / "index.html").is_file()


def test_template_error_keeps_the_pages(preview: Preview, project: Path) -> None:
    page = project / "site" / "jobs" / "senior-data-engineer" / "index.html"
    before = page.read_bytes()
    edit(project, "templates/posting.html", "<h1>{{ posting.title }}</h1>", "<h1>{{ posting.title }</h1>")
    first = preview.update(showing={"jobs/senior-data-engineer/index.html"})
    assert first.problem is not None and first.errors[0].startswith(
        f"templates/posting.html:{h1_line(project)}: error:"
    )
    assert page.read_bytes() == before


def test_config_and_vocabulary_changes_start_afresh(preview: Preview, project: Path, tmp_path: Path) -> None:
    (project / "content" / "skills.toml").write_text(
        '[[skill]]\nname = "Arcserve Suite"\ncategory = "Software"\naliases = ["arcserve"]\n'
    )
    first, _ = rebuild(preview)
    assert MARKDOWN in first.sources  # every posting is read again with the new vocabulary
    assert (project / "site" / "skills" / "arcserve-suite" / "index.html").is_file()
    edit(project, "careers.toml", "Every open role is below.", "Come build with us.")
    first, _ = rebuild(preview)
    assert first.errors == ()
    assert b"Come build with us." in (project / "site" / "index.html").read_bytes()
    assert snapshot(project / "site") == full_build(project, tmp_path)


def test_config_error_is_reported_and_fixed(preview: Preview, project: Path) -> None:
    edit(project, "careers.toml", "intro =", "intro_text =")
    first = preview.update()
    assert first.problem is not None and "careers.toml: error: unknown key 'intro_text'" in first.errors[0]
    edit(project, "careers.toml", "intro_text =", "intro =")
    assert rebuild(preview)[0].errors == ()


def test_settle_stops_for_a_newer_save(preview: Preview, project: Path) -> None:
    edit(project, MARKDOWN, "skills: [Python, SQL,", "skills: [Rust, SQL,")
    preview.update()
    assert preview.settle(lambda: True) is None
    assert not preview.settled
    assert preview.settle(lambda: False) is not None


def test_changed_files_from_the_watcher_are_enough(preview: Preview, project: Path, tmp_path: Path) -> None:
    jobs = (project / "content" / "jobs").resolve()
    edit(project, MARKDOWN, "Mentor two data engineers", "Mentor four data engineers")
    (jobs / "night-baker.md").write_text("---\ntitle: Night Baker\n---\nBake bread at night.\n")
    (jobs / "003_2595a3ad57c9d7f4.html").unlink()
    told = {
        str(jobs / name)
        for name in ("senior-data-engineer.md", "night-baker.md", "003_2595a3ad57c9d7f4.html")
    }
    first = preview.update(files=told | {str(jobs / ".#draft.md"), str(project.resolve() / "careers.toml")})
    assert set(first.sources) == {
        MARKDOWN,
        "content/jobs/night-baker.md",
        "content/jobs/003_2595a3ad57c9d7f4.html",
    }
    preview.settle(lambda: False)
    assert snapshot(project / "site") == full_build(project, tmp_path)


def test_edits_in_a_row_without_settling(preview: Preview, project: Path, tmp_path: Path) -> None:
    page = project / "site" / "jobs" / "senior-data-engineer" / "index.html"
    for n in range(3):  # each swaps the posting into the last plan; none settles
        edit(project, MARKDOWN, f"Mentor {n + 2} data" if n else "Mentor two data", f"Mentor {n + 3} data")
        preview.update(showing={"index.html"})
        assert f"Mentor {n + 3} data".encode() in page.read_bytes()
    (project / "content" / "jobs" / "night-baker.md").write_text(
        "---\ntitle: Night Baker\n---\nBake bread.\n"
    )
    preview.update()
    assert b"Mentor 5 data" in page.read_bytes()
    preview.settle(lambda: False)
    assert snapshot(project / "site") == full_build(project, tmp_path)
