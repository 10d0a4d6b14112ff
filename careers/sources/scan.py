"""Find the posting files of a project: the one scanner, and the one policy for links.

Every command finds postings here. Hidden files and folders (``.x``, ``_x``) and editor
leftovers are skipped. A link to a file counts when it leads to a file inside the content
folder (anything else is an error naming the link); a link to a folder is never followed (it
could loop, or lead anywhere) and is reported; and the jobs folder itself may be a link only
into the content folder. Plain strings and ``os.scandir``: this runs
over every posting on every build and every save.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from careers.errors import ContentError, Diagnostic, Level, printable
from careers.sources.files import (
    RACY_NS,
    Stamp,
    check_path,
    is_posting_name,
    is_text_name,
    stamp_of,
    trusted,
)


@dataclass(frozen=True, slots=True)
class Found:
    """One posting file: its name in messages, its path, and its stamp when it can be trusted
    (a link, or a file changed within the last moments, has none: it is always read)."""

    relpath: str
    path: str
    stamp: Stamp | None = None
    problem: Diagnostic | None = None


def scan_postings(jobs_dir: str, content_dir: str, root: str) -> list[Found]:
    """Every posting file under ``jobs_dir``, in the order of their paths' parts."""
    prefix = "" if root in (".", "") else root.rstrip("/") + "/"
    outside = _jobs_outside(jobs_dir, content_dir, prefix)
    if outside is not None:
        return [outside]
    trusted_before = time.time_ns() - RACY_NS
    found: list[Found] = []
    folders = [jobs_dir]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                listed = [entry for entry in entries if not entry.name.startswith((".", "_"))]
        except OSError as exc:
            if folder != jobs_dir:  # a missing content folder is the caller's to report
                found.append(_problem(folder, prefix, "error", f"cannot read folder: {exc.strerror}"))
            continue
        for entry in listed:
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif (item := _file(entry, prefix, content_dir, trusted_before)) is not None:
                    found.append(item)
            except OSError:
                continue  # vanished while scanning: the next scan sees it as it is then
    found.sort(key=lambda f: f.path.split(os.sep))
    return found


def _jobs_outside(jobs_dir: str, content_dir: str, prefix: str) -> Found | None:
    """An error when the jobs folder is a link leading out of the content folder: the link
    policy holds for the folder itself, or one link would publish a folder from anywhere."""
    if not os.path.islink(jobs_dir):
        return None
    real = os.path.realpath(jobs_dir)
    if Path(real).is_relative_to(os.path.realpath(content_dir)):
        return None
    name = Path(content_dir).name
    message = (
        f"the postings folder is a symbolic link to '{printable(os.readlink(jobs_dir))}', outside {name}/: "
        f"nothing in it is published; make it a folder in {name}/ and copy the postings there"
    )
    return _problem(jobs_dir, prefix, "error", message)


def _file(entry: os.DirEntry[str], prefix: str, content_dir: str, trusted_before: int) -> Found | None:
    """What one directory entry that is not a real folder contributes, if anything."""
    if entry.is_symlink():
        if os.path.isdir(entry.path):
            message = "a link to a folder is not followed: move or copy the folder here instead"
            return _problem(entry.path, prefix, "warning", message)
        if not is_posting_name(entry.name):
            return None
        return _linked(entry.path, _relpath(entry.path, prefix), content_dir)
    if not is_posting_name(entry.name):
        return None
    relpath = _relpath(entry.path, prefix)
    if not is_text_name(relpath):  # the name in messages and on pages must be text
        return _linked(entry.path, relpath, content_dir)
    st = entry.stat(follow_symlinks=False)
    stamp = stamp_of(st) if stat.S_ISREG(st.st_mode) else None
    if stamp is not None and not trusted(stamp, trusted_before):
        stamp = None
    return Found(relpath, entry.path, stamp)


def _linked(path: str, relpath: str, content_dir: str) -> Found:
    """A file the scanner cannot vouch for by its entry alone: a link, or a name that is not text."""
    try:
        check_path(Path(path), relpath, Path(content_dir))
    except ContentError as exc:
        return Found(exc.path, path, None, exc.diagnostic())  # the escaped name
    return Found(relpath, path)


def _relpath(path: str, prefix: str) -> str:
    if prefix and path.startswith(prefix):
        return path[len(prefix) :]
    return path


def _problem(path: str, prefix: str, level: Level, message: str) -> Found:
    relpath = _relpath(path, prefix)
    return Found(relpath, path, None, Diagnostic(relpath, None, level, message))
