"""One run per project at a time: two builds at once would interleave their state and cards.

The lock is an ``flock`` on ``.cache/lock`` (released by the kernel when its holder dies, so a
killed build never leaves it held). A second run waits a while for the first, saying so, then
gives up with a message naming the holder. The holder writes its process id into the file and
clears it when it lets go, so the next holder knows when the last one was killed (and may have
left temporary files behind).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from careers.engine.files import remove_leftovers
from careers.errors import CareersError

LOCK_FILE = "lock"
WAIT_SECONDS = 60.0


@contextlib.contextmanager
def project_lock(cache_dir: Path, written: Iterable[Path] = (), wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the project's lock for the length of the block. When the last holder was killed
    holding it, the temporary files it left in the cache and the ``written`` folders go first."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(cache_dir / LOCK_FILE, flags, 0o644)  # never through a link planted there
    except OSError:
        yield  # a cache that cannot be written is not shared either: nothing to guard
        return
    held = False
    try:
        _acquire(fd, cache_dir, wait)
        held = True
        if _holder_pid(fd):  # the last holder died half-way: what it was writing goes
            for folder in (cache_dir, *written):
                remove_leftovers(folder)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        if held:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # let go in good order (an exception included)
        os.close(fd)  # releases the lock


def _acquire(fd: int, cache_dir: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    said = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = _holder(fd)
        if time.monotonic() >= deadline:
            raise CareersError(
                f"another build of this project ({holder}) is still running: "
                f"wait for it to finish, or stop it (the lock is {cache_dir / LOCK_FILE})"
            )
        if not said:
            print(f"waiting for another build of this project ({holder}) to finish…", file=sys.stderr)
            said = True
        time.sleep(0.05)


def _holder(fd: int) -> str:
    pid = _holder_pid(fd)
    return f"process {pid}" if pid.isdigit() else "another process"


def _holder_pid(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return "?"
