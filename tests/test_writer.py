"""Writing the site: whole or not at all, stale files gone, unchanged files left alone, no link followed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from careers.engine.files import check_output_dir
from careers.engine.writer import LiveWriter, SiteWriter, WriteStats
from careers.errors import CareersError


def write_site(files, out: Path) -> WriteStats:  # type: ignore[no-untyped-def]
    """What a build does with its pages: each one put, then the new site swapped in."""
    writer = SiteWriter(out)
    paths = set()
    for path, data in files:
        writer.put(path, data)
        paths.add(path)
    return writer.finish(paths)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_first_write_then_update_removes_stale_files(tmp_path: Path) -> None:
    out = tmp_path / "site"
    stats = write_site([("index.html", b"one"), ("jobs/a/index.html", b"a")], out)
    assert (stats.written, stats.unchanged, stats.removed) == (2, 0, 0)
    old_inode = (out / "index.html").stat().st_ino
    stats = write_site([("index.html", b"one"), ("jobs/b/index.html", b"b")], out)
    assert (stats.written, stats.unchanged, stats.removed) == (1, 1, 1)
    assert tree(out) == {"index.html": b"one", "jobs/b/index.html": b"b"}
    assert (out / "index.html").stat().st_ino == old_inode  # not rewritten
    # The previous site is kept beside it, to be brought up to date by the next build.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.new", "site"]
    assert tree(tmp_path / ".site.new") == {"index.html": b"one", "jobs/a/index.html": b"a"}


def test_the_kept_copy_is_brought_up_to_date_without_touching_the_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site([("index.html", b"1"), ("jobs/a/index.html", b"a"), ("jobs/b/index.html", b"b")], out)
    write_site([("index.html", b"2"), ("jobs/a/index.html", b"a"), ("jobs/c/index.html", b"c")], out)
    live = {p: (out / p).stat().st_ino for p in ("index.html", "jobs/a/index.html")}
    stats = write_site([("index.html", b"3"), ("jobs/a/index.html", b"a"), ("jobs/d/x.css", b"d")], out)
    assert (stats.written, stats.unchanged, stats.removed) == (2, 1, 1)
    assert tree(out) == {"index.html": b"3", "jobs/a/index.html": b"a", "jobs/d/x.css": b"d"}
    assert sorted(p.name for p in (out / "jobs").iterdir()) == ["a", "d"]  # no empty folders
    assert (out / "jobs/a/index.html").stat().st_ino == live["jobs/a/index.html"]
    assert tree(tmp_path / ".site.new") == {
        "index.html": b"2",
        "jobs/a/index.html": b"a",
        "jobs/c/index.html": b"c",
    }
    assert (tmp_path / ".site.new" / "index.html").stat().st_ino == live["index.html"]


def test_a_damaged_kept_copy_does_not_matter(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site([("index.html", b"1"), ("jobs/a/index.html", b"a")], out)
    write_site([("index.html", b"2"), ("jobs/a/index.html", b"a")], out)
    kept = tmp_path / ".site.new"
    (kept / "index.html").write_bytes(b"garbage")
    (kept / "jobs" / "a" / "index.html").unlink()
    (kept / "jobs" / "a" / "index.html").mkdir()
    (kept / ".index.html.123.tmp").write_bytes(b"left by a killed build")
    write_site([("index.html", b"3"), ("jobs/a/index.html", b"a")], out)
    assert tree(out) == {"index.html": b"3", "jobs/a/index.html": b"a"}


def test_a_failing_page_leaves_the_old_site_untouched(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site([("index.html", b"old")], out)

    def pages():
        yield "index.html", b"new"
        raise RuntimeError("template blew up")

    with pytest.raises(RuntimeError):
        write_site(pages(), out)
    assert tree(out) == {"index.html": b"old"}
    write_site([("index.html", b"new")], out)  # and the next build recovers
    assert tree(out) == {"index.html": b"new"}


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd", "a/../../b"])
def test_paths_outside_the_output_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(CareersError, match="outside"):
        write_site([(bad, b"x")], tmp_path / "site")
    assert not (tmp_path / "escape.html").exists()


@pytest.mark.parametrize("out", [".", "..", "content", "content/jobs/site", "templates"])
def test_output_may_not_overlap_the_project(tmp_path: Path, out: str) -> None:
    with pytest.raises(CareersError):
        check_output_dir(tmp_path / out, tmp_path, (tmp_path / "content", tmp_path / "templates"))


def test_an_unwritable_output_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(CareersError) as info:
        write_site([("index.html", b"x")], tmp_path / "file" / "site")
    assert str(info.value) == (
        f"{tmp_path / 'file' / '.site.new'}: error: cannot write the site: Not a directory "
        "(check output_dir and free space)"
    )


def test_an_output_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    (tmp_path / "site").symlink_to("www")
    with pytest.raises(CareersError, match="is a symbolic link: set output_dir to the folder it points to"):
        check_output_dir(tmp_path / "site", tmp_path, (tmp_path / "content",))


def test_a_kept_copy_without_a_site_is_reused(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site([("index.html", b"1"), ("jobs/a/index.html", b"a")], out)
    write_site([("index.html", b"2"), ("jobs/b/index.html", b"b")], out)
    shutil.rmtree(out)
    stats = write_site([("index.html", b"3"), ("jobs/c/index.html", b"c")], out)
    assert (stats.written, stats.unchanged, stats.removed) == (2, 0, 0)
    assert tree(out) == {"index.html": b"3", "jobs/c/index.html": b"c"}


def content_folder(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "jobs").mkdir(parents=True)
    (content / "jobs" / "a.md").write_text("---\ntitle: A\n---\nText.\n")
    return content


def test_a_staging_folder_that_is_a_link_is_replaced_never_followed(tmp_path: Path) -> None:
    content = content_folder(tmp_path)
    (tmp_path / ".site.new").symlink_to("content")  # as it could arrive committed in a clone
    write_site([("index.html", b"1")], tmp_path / "site")
    assert (content / "jobs" / "a.md").read_text().startswith("---")  # nothing deleted there
    assert tree(tmp_path / "site") == {"index.html": b"1"}
    assert not (tmp_path / ".site.new").is_symlink()


def test_a_file_where_the_staging_folder_goes_is_only_a_head_start(tmp_path: Path) -> None:
    (tmp_path / ".site.new").write_text("not a folder")
    write_site([("index.html", b"1")], tmp_path / "site")
    write_site([("index.html", b"2")], tmp_path / "site")
    assert tree(tmp_path / "site") == {"index.html": b"2"}


def test_links_inside_the_staging_folder_are_removed_not_carried_into_the_site(tmp_path: Path) -> None:
    content = content_folder(tmp_path)
    write_site([("index.html", b"1")], tmp_path / "site")
    write_site([("index.html", b"2")], tmp_path / "site")
    staging = tmp_path / ".site.new"
    (staging / "jobs").symlink_to(content / "jobs")
    (staging / "secret.html").symlink_to(content / "jobs" / "a.md")
    write_site([("index.html", b"3")], tmp_path / "site")
    assert tree(tmp_path / "site") == {"index.html": b"3"}
    assert not any(p.is_symlink() for p in (tmp_path / "site").rglob("*"))
    assert (content / "jobs" / "a.md").exists()


def test_the_live_writer_writes_in_place_only_what_changed(tmp_path: Path) -> None:
    out = tmp_path / "preview"
    writer = LiveWriter(out)
    writer.put("index.html", b"1")
    writer.put("jobs/a/index.html", b"a")
    writer.finish({"index.html", "jobs/a/index.html"})
    inode = (out / "jobs/a/index.html").stat().st_ino
    writer = LiveWriter(out)
    assert writer.put("index.html", b"2") and not writer.put("jobs/a/index.html", b"a")
    stats = writer.finish({"index.html", "jobs/a/index.html"})
    assert (stats.written, stats.unchanged, stats.removed) == (1, 1, 0)
    assert (out / "jobs/a/index.html").stat().st_ino == inode
    stats = LiveWriter(out).finish({"index.html"})
    assert stats.removed_paths == ["jobs/a/index.html"] and tree(out) == {"index.html": b"2"}
    assert not (out / "jobs").exists()  # no empty folders left


@pytest.mark.parametrize("cache_dir", [".", "content", "content/cache", "templates", "site", "site/.cache"])
def test_the_cache_may_not_be_the_project_or_overlap_its_folders(project: Path, cache_dir: str) -> None:
    from careers.config import load_config
    from careers.engine import build

    with pytest.raises(CareersError, match="choose another cache_dir"):
        build(load_config(project, {"cache_dir": cache_dir}))
    assert not (project / "site").exists()
