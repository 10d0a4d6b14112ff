"""When each posting file first entered the project's git history (as Hugo's ``:git`` dates do),
and when it last changed there.

This is what a build knows of the order in which postings were published when nothing else
says: a posting committed earlier keeps its URL over one committed later, and a posting with no
``date:`` is dated by its first commit (its author date; a rename keeps the date). Its last
change is the last commit that changed its bytes (a rename alone is none): the sitemap's
``lastmod``, the same for every build of one commit. A file not committed yet has neither (a
date is never taken from the clock). Renames are kept too, so a posting file renamed with
``git mv`` keeps the URL it was published at. Without git, outside a repository, or in a
shallow clone (whose history is cut), nothing is known.
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
    last: dict[str, int] = field(default_factory=dict)  # the last commit that changed each file
    renamed: dict[str, str] = field(default_factory=dict)  # a file's name → its name before its last rename

    def day(self, relpath: str) -> dt.date | None:
        return _day(self.first.get(relpath))

    def changed(self, relpath: str) -> dt.date | None:
        """The day of the last commit that changed the file's bytes (its first, if no other)."""
        return _day(self.last.get(relpath, self.first.get(relpath)))


def _day(seconds: int | None) -> dt.date | None:
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
    last: dict[str, int] = {}
    renamed: dict[str, str] = {}
    seconds = 0
    for line in (out or "").splitlines():
        if line.startswith("\0"):
            seconds = int(line[1:] or 0)
            continue
        status, _, paths = line.partition("\t")
        names = paths.split("\t")
        if status.startswith(("A", "M")):
            first.setdefault(names[0], seconds)
            last[names[0]] = seconds
        elif status.startswith(("R", "C")) and len(names) == 2:
            first.setdefault(names[1], first.get(names[0], seconds))
            same = status in ("R100", "C100") and names[0] in last  # renamed (or copied) as it was
            last[names[1]] = last[names[0]] if same else seconds
            if status.startswith("R"):
                renamed[names[1]] = names[0]
    return History(head, first, last=last, renamed=renamed)


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
