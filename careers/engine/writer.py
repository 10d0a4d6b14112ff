"""Stage 6: the one writer, writing only bytes that changed, each file atomically (``files`` stamps them).

``SiteWriter`` (build, check) assembles the new site in a sibling folder and swaps it in with
one atomic ``renameat2(RENAME_EXCHANGE)`` where the kernel has it (``careers.engine.swap``),
so a build killed at any moment leaves the previous complete site or the new one. The
sibling then holds the previous site, and the next build brings it up to date in place
(unchanged files are hard links to the current ones), so a rebuild creates and deletes files
only for pages that changed. A build that fails or is interrupted leaves no litter.
``LiveWriter`` (the preview) writes into the folder it serves, one atomic file at a time.
Neither ever follows a link it finds, nor deletes anything outside its folders.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from careers.engine.files import (
    OutStamp,
    known_files,
    out_stamp,
    real_folder,
    real_folders,
    site_files,
    write_atomically,
)
from careers.engine.swap import recover, staging_dir, swap
from careers.errors import CareersError
from careers.pages.render import is_plain


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    stamps: dict[str, OutStamp] = field(default_factory=dict)  # every file of the new site
    removed_paths: list[str] = field(default_factory=list)  # files the site no longer has

    @property
    def removed(self) -> int:
        return len(self.removed_paths)


def safe_key(path: str) -> str:
    """``path`` as a relative key, or a ``CareersError`` for one that would leave the folder."""
    if is_plain(path):
        return path
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise CareersError(f"refusing to write outside the output folder: {path!r}")
    return rel.as_posix()


class LiveWriter:
    """Writes into ``out`` itself: each changed file atomically, stale files removed at the end."""

    def __init__(self, out: Path, current: dict[str, OutStamp] | None = None) -> None:
        self.out = out
        self.stats = WriteStats()
        self.folders: set[Path] = set()  # folders found real this run
        # What the folder holds now: as the caller knows it (the preview wrote it), or as found.
        self.current = site_files(out) if current is None else current

    def keep(self, relpath: str, digest: str = "") -> None:
        self.stats.unchanged += 1
        if relpath in self.current:
            self.stats.stamps[relpath] = self.current[relpath]

    def put(self, relpath: str, data: bytes) -> bool:
        """Write ``data`` unless the file holds it already; whether bytes were written."""
        key = safe_key(relpath)
        target = self.out / key
        if target.parent not in self.folders:  # never through a link planted in the folder
            bad = real_folders(self.out, target.parent)
            if bad is not None and bad != self.out:  # a link or file where a folder of its own goes
                with contextlib.suppress(OSError):
                    os.unlink(bad)  # the link itself, never what it leads to
                bad = real_folders(self.out, target.parent)
            if bad is not None:
                raise CareersError(f"'{bad}' is a link or no folder: delete it, the preview makes it again")
            self.folders.add(target.parent)
        written = not _same_bytes(target, data)
        try:
            if written:
                _place_bytes(target, data)
        except OSError as exc:  # a full disk, a file made read-only: nothing to do with our code
            raise _write_error(exc, self.out) from None
        self.stats.written += written
        self.stats.unchanged += not written
        self.stats.stamps[key] = out_stamp(target.stat())
        return written

    def finish(self, paths: set[str]) -> WriteStats:
        """Remove every file of ``out`` not in ``paths``, and every link found there: the folder
        is the preview's own, and a link planted in it would be served (a listing of the folder,
        10,000 postings' in 0.13 s, after the pages the browser waits for)."""
        for stale in sorted(self.current.keys() - paths):
            if real_folders(self.out, (self.out / stale).parent, make=False) is None:  # never through a link
                _unlink_and_prune(self.out, stale)
            self.stats.removed_paths.append(stale)
        links: list[str] = []
        if real_folder(self.out, make=False):  # never a listing through a link
            site_files(self.out, links, inodes_only=True)
        for link in links:
            with contextlib.suppress(OSError):
                os.unlink(link)  # the link itself, never what it leads to
        return self.stats

    def abandon(self) -> None:
        """A run that failed or was stopped: the pages it wrote stay (each one whole)."""


class SiteWriter:
    """Assembles the new site beside ``out`` (in ``.<out>.new``), then swaps it in."""

    def __init__(self, out: Path, known: Iterable[str] | None = None) -> None:
        """``known``: the files the site being replaced is known to hold (the last run's), each
        looked at where it is rather than the whole folder walked; other files there go with it."""
        self.out = out
        self.dir = staging_dir(out)
        self.stats = WriteStats()
        self.folders: set[Path] = set()  # staging folders known to exist
        try:
            recover(out)
            self.held = _open_staging(self.dir)  # the previous site, or whatever is there
            # The site being replaced: every file in it, or the known ones.
            self.current = site_files(out) if known is None else known_files(out, known)
        except OSError as exc:
            raise _write_error(exc, out) from None

    def keep(self, relpath: str, digest: str = "") -> None:
        """The current file is right as it is: link it into the new site (if not already).
        A staged file that is not that very file (a copy restored apart from the site, or a
        file planted there) is linked over, never read: from then on both folders share it."""
        key = safe_key(relpath)
        self.stats.unchanged += 1
        now = self.current.get(key)
        held = self.held.get(key)
        if now is not None and held is not None and held[2] == now[2]:
            self.stats.stamps[key] = now  # the staged file is that very file already
            return
        old, target = self.out / key, self.dir / key
        try:
            if held is not None:
                _relink(old, target)
            elif not self._link_new(old, target):
                _place_link(old, target)
            self.stats.stamps[key] = out_stamp(target.stat())
        except OSError as exc:
            message = f"'{old}' changed during the build ({exc.strerror}): build again"
            raise CareersError(message) from None

    def _link_new(self, old: Path, target: Path) -> bool:
        """Link ``old`` at ``target``, where the staging folder held nothing: two calls, not five
        (the first rebuild after a cold build links every page so). False if something is there."""
        folder = target.parent
        if folder not in self.folders:
            folder.mkdir(parents=True, exist_ok=True)
            self.folders.add(folder)
        try:
            os.link(old, target, follow_symlinks=False)
        except FileExistsError:
            return False
        return True

    def put(self, relpath: str, data: bytes) -> bool:
        key = safe_key(relpath)
        try:
            if key in self.current and _same_bytes(self.out / key, data):
                self.keep(key)
                return False
            _place_bytes(self.dir / key, data)
            self.stats.stamps[key] = out_stamp((self.dir / key).stat())
        except OSError as exc:
            raise _write_error(exc, self.out) from None
        self.stats.written += 1
        return True

    def finish(self, paths: set[str]) -> WriteStats:
        """Remove what the new site does not have, then swap it in."""
        try:
            for stale in sorted(self.held.keys() - paths):
                _unlink_and_prune(self.dir, stale)
            self.stats.removed_paths = sorted(self.current.keys() - paths)
            swap(self.dir, self.out)
        except OSError as exc:
            raise _write_error(exc, self.out) from None
        return self.stats

    def abandon(self) -> None:
        """A run that failed or was interrupted: the site stays as it was. The staging folder
        stays beside it as a head start (as after a finished build); with no site, there is
        nothing for it to be a copy of, and it goes."""
        with contextlib.suppress(OSError):
            recover(self.out)  # a swap cut short (where it is not atomic): the site put back
            if not self.out.exists():
                shutil.rmtree(self.dir, ignore_errors=True)


def _open_staging(folder: Path) -> dict[str, OutStamp]:
    """The staging folder, made a real folder, and the files it holds (only ever a head start).

    A link there (it can arrive in a clone) is removed, never followed; so is anything else
    that is not a folder, and any link inside it.
    """
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    links: list[str] = []
    held = site_files(folder, links, inodes_only=True)
    for link in links:
        os.unlink(link)
    return held


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.is_symlink() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _prepare(target: Path) -> None:
    """Make room for a file at ``target``: its folder exists, no folder stands in its place."""
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)


def _place_bytes(target: Path, data: bytes) -> None:
    _prepare(target)
    write_atomically(target, data)


def _relink(old: Path, target: Path) -> None:
    """Make the file at ``target`` (its folder is there) the same file as ``old``: two calls."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        os.link(old, temp, follow_symlinks=False)
    except FileExistsError:  # a killed run's temporary file: never written through
        os.unlink(temp)
        os.link(old, temp, follow_symlinks=False)
    try:
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _place_link(old: Path, target: Path) -> None:
    """Make ``target`` the same file as ``old`` (a hard link); never writes into a file."""
    _prepare(target)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        os.link(old, temp, follow_symlinks=False)
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _unlink_and_prune(root: Path, key: str) -> None:
    """Delete ``root/key`` and the folders that leaves empty (up to ``root``)."""
    target = root / key
    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    parent = target.parent
    while parent != root:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent


def _write_error(exc: OSError, out: Path) -> CareersError:
    where = os.fsdecode(exc.filename) if exc.filename is not None else str(out)
    return CareersError(
        f"{where}: error: cannot write the site: {exc.strerror or exc} (check output_dir and free space)"
    )
