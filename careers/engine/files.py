"""The engine's file primitives: one atomic write, one whole-file read.

Every file the engine writes (pages, cache entries, its state) goes through ``write_atomically``:
the bytes go to a temporary file beside the target, which is then renamed over it, so a reader
(or a build killed half-way) sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


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
