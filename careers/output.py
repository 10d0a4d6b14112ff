"""Stage 6: write the site so that ``site/`` is never half-written.

The new site is assembled in a sibling folder (files whose bytes did not change are
hard-linked from the current site rather than written again), then swapped in with one
atomic ``renameat2(RENAME_EXCHANGE)`` where the kernel has it. A build killed at any
moment leaves the previous complete site or the new one.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import CareersError

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


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


def safe_relpath(path: str) -> PurePosixPath:
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise CareersError(f"refusing to write outside the output folder: {path!r}")
    return rel


def write_site(files: Iterable[tuple[str, bytes]], out: Path) -> WriteStats:
    """Write every ``(relative path, bytes)`` into a fresh copy of ``out``, then swap it in.

    A file-system failure (no space, no permission, a file where a folder should be) is a
    ``CareersError`` naming the path; the previous site is left as it was.
    """
    try:
        return _write_site(files, out)
    except OSError as exc:
        where = os.fsdecode(exc.filename) if exc.filename is not None else str(out)
        raise CareersError(
            f"{where}: error: cannot write the site: {exc.strerror or exc} (check output_dir and free space)"
        ) from None


def _write_site(files: Iterable[tuple[str, bytes]], out: Path) -> WriteStats:
    recover(out)
    staging = out.with_name(f".{out.name}.new")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    written = unchanged = 0
    seen: set[str] = set()
    for relpath, data in files:
        rel = safe_relpath(relpath)
        if rel.as_posix() in seen:
            raise CareersError(f"two pages want the same path: {relpath}")
        seen.add(rel.as_posix())
        target = staging.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if _link_if_same(out.joinpath(*rel.parts), target, data):
            unchanged += 1
        else:
            target.write_bytes(data)
            written += 1
    removed = sum(1 for f in _files(out) if f.relative_to(out).as_posix() not in seen)
    swap(staging, out)
    return WriteStats(written, unchanged, removed)


def _files(root: Path) -> Iterable[Path]:
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            yield Path(dirpath) / name


def _link_if_same(old: Path, new: Path, data: bytes) -> bool:
    try:
        if old.stat().st_size != len(data) or old.read_bytes() != data:
            return False
        os.link(old, new)
        return True
    except OSError:
        return False


def swap(staging: Path, out: Path) -> None:
    """Put ``staging`` where ``out`` is, atomically where the platform allows."""
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging)
        return
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
