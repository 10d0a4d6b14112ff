"""A link planted in the cache never makes a build or the preview write or delete outside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from careers.config import load_config
from careers.engine import Options, build
from careers.errors import CareersError
from careers.shell.preview import Preview


def outside(tmp_path: Path) -> Path:
    """A folder outside the project, with what a prune or a write there would change."""
    folder = tmp_path / "outside"
    (folder / "ab").mkdir(parents=True)
    (folder / "ab" / "precious.json").write_text("mine")
    (folder / "precious.txt").write_text("mine")
    return folder


def contents(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def plant(link: Path, target: Path) -> None:
    if link.is_dir() and not link.is_symlink():
        for path in sorted(link.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
        link.rmdir()
    elif link.exists() or link.is_symlink():
        link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


def edit_a_posting(project: Path) -> None:
    posting = project / "content" / "jobs" / "senior-data-engineer.md"
    posting.write_text(posting.read_text() + "\nOne more line.\n")


@pytest.mark.parametrize("folder", [".cache", ".cache/postings", ".cache/state", ".cache/templates"])
def test_a_link_for_a_cache_folder_is_refused_and_nothing_outside_changes(
    project: Path, tmp_path: Path, folder: str
) -> None:
    config = load_config(project)
    build(config)
    away = outside(tmp_path)
    before = contents(away)
    plant(project / folder, away)
    edit_a_posting(project)
    with pytest.raises(CareersError, match="symbolic link"):
        build(config)
    assert contents(away) == before


def test_a_link_inside_the_store_is_never_written_through(project: Path, tmp_path: Path) -> None:
    config = load_config(project)
    build(config)
    away = outside(tmp_path)
    before = contents(away)
    for entry in (project / ".cache" / "postings").iterdir():  # every entry's folder a link
        plant(entry, away)
    edit_a_posting(project)
    report = build(config)
    assert not report.failed
    assert contents(away) == before
    with (project / "careers.toml").open("a") as f:
        f.write('language = "en-GB"\n')  # new settings: the store is pruned
    build(load_config(project))
    assert contents(away) == before


@pytest.mark.parametrize("name", ["lock", "published.json", "related.json", "history.json"])
def test_a_link_for_a_cache_file_is_replaced_not_written_through(
    project: Path, tmp_path: Path, name: str
) -> None:
    config = load_config(project)
    away = outside(tmp_path)
    before = contents(away)
    plant(project / ".cache" / name, away / "precious.txt")
    edit_a_posting(project)
    build(config)
    assert contents(away) == before


def test_a_link_for_the_state_and_card_log_is_never_written_through(project: Path, tmp_path: Path) -> None:
    config = load_config(project)
    build(config)
    away = outside(tmp_path)
    before = contents(away)
    for path in (project / ".cache" / "state").iterdir():  # the state and the card log
        plant(path, away / "precious.txt")
    edit_a_posting(project)
    build(config)
    edit_a_posting(project)
    build(config)
    assert contents(away) == before


def test_a_link_for_the_preview_folder_is_refused_one_in_it_replaced(project: Path, tmp_path: Path) -> None:
    preview = Preview(lambda: load_config(project), Options())
    assert preview.rebuild().problem is None
    away = outside(tmp_path)
    before = contents(away)
    jobs = project / ".cache" / "preview" / "jobs"
    plant(jobs, away)
    os.utime(project / "content" / "jobs" / "senior-data-engineer.md")
    edit_a_posting(project)
    update = preview.rebuild()  # the folder is the preview's own: the link goes, a folder is made
    assert update.problem is None and jobs.is_dir() and not jobs.is_symlink()
    assert contents(away) == before
    plant(project / ".cache" / "preview", away)
    edit_a_posting(project)
    update = Preview(lambda: load_config(project), Options()).rebuild()
    assert update.problem is not None and "symbolic link" in update.problem
    assert contents(away) == before


@pytest.mark.parametrize("folder", [".cache", ".cache/postings", ".cache/state", ".cache/templates"])
def test_a_cache_folder_made_a_link_while_the_preview_runs_is_refused(
    project: Path, tmp_path: Path, folder: str
) -> None:
    """The preview's engine outlives its first run: the cache's folders are checked at every run,
    not once (the hostile fuzzer saw the state, the card log and compiled templates written
    outside through a link planted between two saves)."""
    preview = Preview(lambda: load_config(project), Options())
    assert preview.rebuild().problem is None
    away = outside(tmp_path)
    before = contents(away)
    plant(project / folder, away)
    edit_a_posting(project)
    template = project / "templates" / "posting.html"
    template.write_text(template.read_text() + "\n")  # a template to compile and keep again
    update = preview.rebuild()
    assert update.problem is not None and "symbolic link" in update.problem
    assert contents(away) == before


@pytest.mark.parametrize("folder", [".cache", ".cache/preview", ".cache/preview/jobs"])
def test_a_cache_folder_made_a_link_to_a_file_is_no_internal_error(
    project: Path, tmp_path: Path, folder: str
) -> None:
    preview = Preview(lambda: load_config(project), Options())
    assert preview.rebuild().problem is None
    away = outside(tmp_path)
    before = contents(away)
    plant(project / folder, away / "precious.txt")
    edit_a_posting(project)
    update = preview.rebuild()
    if folder == ".cache/preview/jobs":  # in the preview's own folder: replaced
        assert update.problem is None and (project / folder).is_dir()
    else:
        assert update.problem is not None and "symbolic link" in update.problem
    assert contents(away) == before


def test_a_link_planted_in_the_preview_folder_goes_at_its_next_run(project: Path, tmp_path: Path) -> None:
    """A link planted in the preview's folder, where the server serves from, is removed (the
    link itself): the folder holds the pages the preview wrote and nothing else."""
    preview = Preview(lambda: load_config(project), Options())
    assert preview.rebuild().problem is None
    away = outside(tmp_path)
    before = contents(away)
    site = project / ".cache" / "preview"
    (site / "posting.html").symlink_to(away / "precious.txt")
    (site / "cd").symlink_to(away / "ab")
    (site / "jobs" / "index.html").symlink_to(away / "precious.txt")
    edit_a_posting(project)
    assert preview.rebuild().problem is None
    assert [p for p in site.rglob("*") if p.is_symlink()] == []
    assert contents(away) == before
