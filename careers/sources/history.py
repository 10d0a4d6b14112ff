"""When each posting file first entered the project's git history (as Hugo's ``:git`` dates do).

This is what a build knows of the order in which postings were published when nothing else
says: a posting committed earlier keeps its URL over one committed later, and a posting with no
``date:`` is dated by its first commit (its author date; a rename keeps the date). A file not
committed yet has none (a date is never taken from the clock). Renames are kept too, so a
posting file renamed with ``git mv`` keeps the URL it was published at. Without git, outside a
repository, or in a shallow clone (whose history is cut), nothing is known.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field

GIT_SECONDS = 60


@dataclass(frozen=True)
class History:
    """Each posting file's first commit (seconds since 1970, UTC), by its project-relative name."""

    head: str = ""  # the commit the history was read at ("" when there is none)
    first: dict[str, int] = field(default_factory=dict)
    shallow: bool = False  # a shallow clone: its history is cut, so nothing is known from it
    renamed: dict[str, str] = field(default_factory=dict)  # a file's name → its name before its last rename

    def day(self, relpath: str) -> dt.date | None:
        seconds = self.first.get(relpath)
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date() if seconds is not None else None


def git_head(root: str) -> str:
    """The commit checked out in ``root``'s repository, or "" (no git, no repository, no commit)."""
    out = _git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    return out.strip() if out else ""


def read_history(root: str, jobs: str) -> History:
    """The first commit of every file ever under ``jobs`` (a path relative to ``root``)."""
    head = git_head(root)
    if not head:
        return History()
    if (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return History(head, shallow=True)  # every posting would seem first committed at the cut
    out = _git(root, "log", "--relative", "--reverse", "--format=%x00%at", "--name-status", "-M", "--", jobs)
    first: dict[str, int] = {}
    renamed: dict[str, str] = {}
    seconds = 0
    for line in (out or "").splitlines():
        if line.startswith("\0"):
            seconds = int(line[1:] or 0)
            continue
        status, _, paths = line.partition("\t")
        names = paths.split("\t")
        if status.startswith("A") and names[0] not in first:
            first[names[0]] = seconds
        elif status.startswith(("R", "C")) and len(names) == 2:
            first.setdefault(names[1], first.get(names[0], seconds))
            if status.startswith("R"):
                renamed[names[1]] = names[0]
    return History(head, first, renamed=renamed)


def _git(root: str, *args: str) -> str | None:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", "-C", root, "--no-pager", "-c", "core.quotepath=off", *args],
            capture_output=True,
            text=True,
            errors="surrogateescape",
            env=env,
            timeout=GIT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
