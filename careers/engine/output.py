"""Stage 6: write the site so that ``site/`` is never half-written.

The new site is assembled in a sibling folder (files whose bytes did not change are
hard-linked from the current site rather than written again), then swapped in with one
atomic ``renameat2(RENAME_EXCHANGE)`` where the kernel has it. A build killed at any
moment leaves the previous complete site or the new one.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from careers.errors import CareersError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int
    # Every file of the new site: (size, mtime_ns, inode), as a later build can check them.
    stamps: dict[str, tuple[int, int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Keep:
    """In place of a page's bytes: the current file is known to be right; link it as it is.

    ``stamp`` is the current file's (size, mtime_ns, inode), as the caller has just checked
    it: a staged file that is already a link to that inode is left alone, unread.
    """

    stamp: tuple[int, int, int]


@dataclass(frozen=True)
class Placed:
    """In place of a page's bytes: a render worker already put it in the staging folder."""

    written: bool  # False when the current file had the same bytes and was linked


class Staging:
    """The folder a new site is assembled in before it is swapped in (see ``write_site``).

    ``place`` may be called from worker processes: each writes through a temporary file of
    its own name and an atomic rename, so pages can be written where they are rendered.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.dir = out.with_name(f".{out.name}.new")
        self.held: set[str] = set()  # what it held when opened

    def open(self) -> Staging:
        """Make the folder ready and note the files it holds (a head start, checked later)."""
        recover(self.out)
        if self.dir.exists() and not self.dir.is_dir():
            self.dir.unlink()
        # Whatever the copy holds (even a killed build's leftovers) is only a head start: every
        # file is checked or replaced, and the rest removed.
        self.dir.mkdir(parents=True, exist_ok=True)
        self.held = set(_relfiles(self.dir))
        return self

    def place(self, relpath: str, data: bytes) -> bool:
        """Put ``data`` at ``relpath``; return whether bytes were written (else a link)."""
        key = safe_key(relpath)
        old, target = self.out / key, self.dir / key
        if _same_bytes(old, data) and _place_link(old, target, required=False):
            return False
        _place_bytes(target, data)
        return True


def check_output_dir(out: Path, root: Path, protected: Iterable[Path]) -> None:
    """Refuse an output folder that would replace the project, its content or templates."""
    if out.is_symlink():
        # The swap would replace the link itself with a folder, not write through it.
        raise CareersError(
            f"output folder '{out}' is a symbolic link: set output_dir to the folder it points to"
        )
    target = out.resolve()
    if target == root.resolve() or target in root.resolve().parents:
        raise CareersError(
            f"output folder '{out}' would replace the project folder: choose another output_dir"
        )
    for path in protected:
        p = path.resolve()
        if target == p or target in p.parents or p in target.parents:
            raise CareersError(f"output folder '{out}' overlaps '{path}': choose another output_dir")


# A path with no leading, doubled or trailing "/" and no "." or ".." part: as it is, it is safe.
_NOT_PLAIN = re.compile(r"^/|//|(^|/)\.\.?(/|$)|^$|/$")


def is_plain(path: str) -> bool:
    """A relative path with no empty, "." or ".." segment."""
    return _NOT_PLAIN.search(path) is None


def safe_key(path: str) -> str:
    """``safe_relpath(path)`` as text; a plain path (as every planned page's is) is itself."""
    return path if is_plain(path) else safe_relpath(path).as_posix()


def safe_relpath(path: str) -> PurePosixPath:
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise CareersError(f"refusing to write outside the output folder: {path!r}")
    return rel


def write_site(
    files: Iterable[tuple[str, bytes | Keep | Placed]], out: Path, staging: Staging | None = None
) -> WriteStats:
    """Write every ``(relative path, bytes)`` into a copy of ``out``, then swap it in.

    The copy is the site from before the last swap, kept for this: it is brought up to
    date in place (unchanged files are hard links to the current site's, changed files
    are written beside and renamed over, so no file of the current site is ever written
    to), which costs file system work for what changed only, not for every page.
    ``Keep`` instead of bytes links the current file without reading it; ``Placed`` says
    a worker already put the file in ``staging`` (which the caller then opened).

    A file-system failure (no space, no permission, a file where a folder should be) is a
    ``CareersError`` naming the path; the previous site is left as it was.
    """
    try:
        return _write_site(files, out, staging)
    except OSError as exc:
        where = os.fsdecode(exc.filename) if exc.filename is not None else str(out)
        raise CareersError(
            f"{where}: error: cannot write the site: {exc.strerror or exc} (check output_dir and free space)"
        ) from None


def open_staging(out: Path) -> Staging:
    """The staging folder for ``out``, ready for pages to be placed in it."""
    try:
        return Staging(out).open()
    except OSError as exc:
        where = os.fsdecode(exc.filename) if exc.filename is not None else str(out)
        raise CareersError(f"{where}: error: cannot write the site: {exc.strerror or exc}") from None


def _write_site(
    files: Iterable[tuple[str, bytes | Keep | Placed]], out: Path, staging: Staging | None
) -> WriteStats:
    if staging is None:
        staging = Staging(out).open()
    stale = set(staging.held)
    written = unchanged = 0
    stamps: dict[str, tuple[int, int, int]] = {}
    staged = str(staging.dir)
    for relpath, data in files:
        key = safe_key(relpath)
        if key in stamps:
            raise CareersError(f"two pages want the same path: {relpath}")
        stale.discard(key)
        if isinstance(data, Keep):
            unchanged += 1
            if _inode(f"{staged}/{key}") == data.stamp[2]:
                stamps[key] = data.stamp  # linked to the current file by an earlier build
                continue
            _place_link(out / key, staging.dir / key, required=True)
        elif isinstance(data, Placed):
            written += data.written
            unchanged += not data.written
        else:
            fresh = staging.place(key, data)
            written += fresh
            unchanged += not fresh
        st = os.stat(f"{staged}/{key}")
        stamps[key] = (st.st_size, st.st_mtime_ns, st.st_ino)
    _remove(staging.dir, stale)
    removed = sum(1 for f in _relfiles(out) if f not in stamps)
    swap(staging.dir, out)
    return WriteStats(written, unchanged, removed, stamps)


def _relfiles(root: Path) -> Iterable[str]:
    """Every file under ``root`` as a relative path, as ``os.walk`` finds them (a folder it
    cannot read, and what a link to a folder holds, are left out), with fewer calls."""
    folders = [(str(root), "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir():
                        if not entry.is_symlink():
                            folders.append((entry.path, f"{prefix}{entry.name}/"))
                    else:
                        yield prefix + entry.name
        except OSError:
            continue


def _inode(path: str) -> int | None:
    try:
        return os.lstat(path).st_ino
    except OSError:
        return None


def _same_bytes(old: Path, data: bytes) -> bool:
    try:
        return old.stat().st_size == len(data) and old.read_bytes() == data
    except OSError:
        return False


def _prepare(target: Path) -> None:
    """Make room for a file at ``target``: its folder exists, no folder stands in its place."""
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)


def _place_link(old: Path, target: Path, required: bool) -> bool:
    """Make ``target`` the same file as ``old`` (a hard link); never writes into a file."""
    try:
        if os.path.samestat(old.stat(), target.stat()):
            return True
    except OSError:
        pass
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        _prepare(target)
        os.link(old, temp)
        os.replace(temp, target)
        return True
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if required:
            raise CareersError(f"'{old}' changed during the build ({exc.strerror}): build again") from None
        return False


def _place_bytes(target: Path, data: bytes) -> None:
    _prepare(target)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temp.write_bytes(data)
    os.replace(temp, target)


def _remove(staging: Path, stale: set[str]) -> None:
    """Delete files the new site does not have, and the folders that leaves empty."""
    folders: set[PurePosixPath] = set()
    for key in stale:
        (staging / key).unlink()
        folders.update(PurePosixPath(key).parents)
    for folder in sorted(folders, key=lambda f: -len(f.parts)):
        if folder.parts:
            with contextlib.suppress(OSError):
                (staging / folder).rmdir()


def swap(staging: Path, out: Path) -> None:
    """Put ``staging`` where ``out`` is, atomically where the platform allows."""
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        return  # the previous site stays at ``staging``, to be brought up to date next time
    old = out.with_name(f".{out.name}.old")
    if old.exists():
        shutil.rmtree(old)
    os.rename(out, old)
    os.rename(staging, out)
    shutil.rmtree(old)


def recover(out: Path) -> None:
    """Finish a swap that a killed build left half done (only on the non-atomic path)."""
    old = out.with_name(f".{out.name}.old")
    if old.exists() and not out.exists():
        os.rename(old, out)
    elif old.exists():
        shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    try:
        # The running process's own symbols include libc's; find_library would spawn ldconfig.
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)
