"""The engine's file primitives: one atomic write, one whole-file read, the folders it may write.

Every file the engine writes (pages, cache entries, its state) goes through ``write_atomically``:
the bytes go to a temporary file beside the target, which is then renamed over it, so a reader
(or a build killed half-way) sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from careers.errors import CareersError

# An output file as a later run can check it: size, mtime_ns, inode.
OutStamp = tuple[int, int, int]


def write_atomically(path: Path, data: bytes) -> None:
    """Put ``data`` at ``path`` through a temporary file and a rename; raises ``OSError``."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as f:
            f.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_quietly(path: Path, data: bytes) -> bool:
    """``write_atomically`` for the cache: creates the folder, and a failure only returns False
    (everything under the cache only saves time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
        return True
    except OSError:
        return False


def read_all(path: str) -> bytes | None:
    """A regular file's bytes in one read, or ``None`` if it cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)
        if len(data) > size:  # it grew since: read on to its end
            parts = [data]
            while chunk := os.read(fd, 1 << 16):
                parts.append(chunk)
            data = b"".join(parts)
        return data
    except OSError:
        return None
    finally:
        os.close(fd)


def check_output_dir(out: Path, root: Path, protected: tuple[Path, ...]) -> None:
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


def check_cache_dir(cache: Path, root: Path, others: list[tuple[str, Path]]) -> None:
    """Refuse a cache folder that is the project, or overlaps its content, theme or output:
    the cache holds machine paths and stale pages, and pruning it deletes files."""
    target = cache.resolve()
    if target == root.resolve() or target in root.resolve().parents:
        raise CareersError(f"cache folder '{cache}' would be the project folder: choose another cache_dir")
    for name, path in others:
        p = path.resolve()
        if target == p or target in p.parents or p in target.parents:
            raise CareersError(
                f"cache folder '{cache}' overlaps the {name} '{path}': choose another cache_dir"
            )
