"""How a command ends when it does not finish: a bug of ours, Ctrl-C or SIGTERM.

Internal errors are told apart from anything wrong with the content or settings.

The traceback goes to a file in the project's cache folder, ``.cache/internal-errors/`` (it
helps a bug report; it is no help to a careers team), where the newest few are kept, and the
one-line message says where it is. Where there is no such folder (``--no-cache``, no project,
a folder that cannot be written), the details are printed instead: nothing is ever left in
the system's temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
import traceback
from pathlib import Path

from careers import __version__
from careers.engine.files import real_folders
from careers.shell.output import escaped, say

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug of ours, never a problem with the content
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM
REPORTS_DIR = "internal-errors"
KEEP_REPORTS = 10


def internal_error(exc: BaseException, cache: Path | None) -> str:
    """Keep ``exc``'s traceback in a file under ``cache`` (else print it); the message that says where."""
    details = (
        f"careers {__version__} on Python {sys.version.split()[0]} ({sys.platform})\n"
        f"command: {' '.join(sys.argv)}\n\n{''.join(traceback.format_exception(exc))}"
    )
    kept = keep_report(cache / REPORTS_DIR, details) if cache is not None else None
    if kept is None:
        print(escaped(details), file=sys.stderr)  # nowhere else to keep it
        where = "above"
    else:
        where = f"in {kept}"
    return (
        f"internal error ({type(exc).__name__}): a bug in careers, not a problem with your content "
        f"or settings. The details are {where}; please include them when you report it."
    )


def keep_report(folder: Path, details: str) -> Path | None:
    """Write ``details`` to a new file in ``folder`` (never through a link), keeping the newest
    ``KEEP_REPORTS``; the file, or ``None`` if it cannot be written."""
    now = time.time_ns()
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(now // 10**9)) + f".{now % 10**9:09d}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        if real_folders(folder.parent, folder) is not None:  # the cache or its folder a link
            return None
        for n in range(100):  # names sort by time
            path = folder / f"{stamp}-{n:02d}-{os.getpid()}.txt"
            try:
                fd = os.open(path, flags, 0o644)
            except FileExistsError:
                continue
            with open(fd, "w", encoding="utf-8", errors="backslashreplace") as f:
                f.write(details)
            break
        else:
            return None
    except OSError:
        return None
    _prune(folder)
    return path


def _prune(folder: Path) -> None:
    """Delete all but the newest ``KEEP_REPORTS`` reports (their names sort by time)."""
    with contextlib.suppress(OSError):
        reports = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and not p.is_symlink())
        for old in reports[:-KEEP_REPORTS]:
            with contextlib.suppress(OSError):
                old.unlink()


class Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a cancelled CI job, ``timeout``): a stop, cleaned up after as Ctrl-C is."""


def _terminated(signum: int, frame: object) -> None:
    raise Terminated


def stop_on_sigterm() -> None:
    """Make SIGTERM raise ``Terminated`` in the main thread (by default it ends the process
    at once, and a build would leave its staging folder and temporary files behind)."""
    signal.signal(signal.SIGTERM, _terminated)


def interrupted(exc: KeyboardInterrupt) -> int:
    """Say so; the exit status of a command stopped by Ctrl-C or SIGTERM."""
    say("interrupted")
    return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
