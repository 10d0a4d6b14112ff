"""What a build takes from a restored site, staging folder or cache is verified, or not taken."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from careers.config import load_config
from careers.engine import build

PAGE = "jobs/senior-data-engineer/index.html"


def planted(path: Path) -> bytes:
    """Put a file with another inode but the size and time of the one at ``path`` there, its
    text changed as an attacker would (a script where a word was)."""
    data = path.read_bytes()
    st = path.stat()
    word = b"Engineer"
    assert word in data
    evil = data.replace(word, b"<script>"[: len(word)].ljust(len(word), b" "), 1)
    assert len(evil) == len(data) and evil != data
    copy = path.with_name("planted")
    copy.write_bytes(evil)  # written while the old file still holds its inode: a new one
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns))
    copy.replace(path)
    assert path.stat().st_ino != st.st_ino
    return evil


def edit_another_posting(project: Path) -> None:
    other = project / "content" / "jobs" / "sales-development-intern.md"
    other.write_text(other.read_text() + "\nOne more line.\n")


def test_a_staged_file_with_the_size_and_time_of_the_current_one_is_read_not_published(project: Path) -> None:
    config = load_config(project)
    build(config)
    edit_another_posting(project)
    build(config)  # the staging folder now holds the previous site
    staged = project / ".site.new" / PAGE
    assert staged.exists()
    evil = planted(staged)
    edit_another_posting(project)
    build(config)
    assert (project / "site" / PAGE).read_bytes() != evil
    assert b"<script>" not in (project / "site" / PAGE).read_bytes()


def test_a_published_file_copied_back_with_other_bytes_is_drawn_again(project: Path) -> None:
    config = load_config(project)
    build(config)
    evil = planted(project / "site" / PAGE)
    build(config)  # nothing changed in content/: the site must still be what the build makes
    assert (project / "site" / PAGE).read_bytes() != evil
    edit_another_posting(project)
    build(config)
    assert (project / "site" / PAGE).read_bytes() != evil


def test_a_site_restored_whole_with_new_inodes_is_kept_where_its_bytes_check_out(project: Path) -> None:
    config = load_config(project)
    build(config)
    edit_another_posting(project)
    build(config)
    for name in ("site", ".site.new"):
        copy = project / f"{name}.copy"
        shutil.copytree(project / name, copy, copy_function=shutil.copy2)  # times kept, new inodes
        shutil.rmtree(project / name)
        copy.rename(project / name)
    report = build(config)
    assert report.rendered == 0 and not report.changed


def test_a_link_planted_in_the_site_goes_with_the_next_build_even_if_nothing_changed(project: Path) -> None:
    """A build never writes a link, so one in ``site/`` was planted (a restored cache, a hand):
    the next build, with nothing else to do, puts the site together again without it (the
    hostile fuzzer's seed 9011 found it kept, the site unlike a cold build)."""
    config = load_config(project)
    build(config)
    outside = project.parent / "outside.txt"
    outside.write_text("not the site's")
    for where in (project / "site" / "style.css", project / "site" / "jobs" / "planted"):
        where.symlink_to(outside)
        build(config)
        assert not where.is_symlink() and not where.exists()
    assert outside.read_text() == "not the site's"
