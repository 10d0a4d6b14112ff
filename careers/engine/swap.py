"""Putting a new site where the old one is: one atomic exchange where the kernel has it.

``renameat2(RENAME_EXCHANGE)`` swaps the staging folder and the site in one step, so a build
killed at any moment leaves one complete site or the other, and the previous site stays in
the staging folder for the next build to bring up to date. Elsewhere the old site is moved
aside (``.<out>.old``) and the new one renamed in; ``recover`` finishes a swap cut short.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_dir(out: Path) -> Path:
    """Where the new site is assembled beside ``out`` (and the previous one kept)."""
    return out.with_name(f".{out.name}.new")


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
    if old.is_symlink():
        old.unlink()
    elif old.exists() and not out.exists():
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
