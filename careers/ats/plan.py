"""What an import changes in ``content/``: for each job a file new, updated, unchanged or kept,
and for each job that left the board its file closed; decided before anything is written.

A file is found by the record in it (the system and the job's id), wherever the team moved it,
so a title change never renames it. A file edited since its import is kept (``--force`` takes
the board's version); a job no longer on the board is closed, never deleted: its
``valid_through`` is set to the day of the import.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from careers.ats.files import Record, closed, file_name, posting_text, stamped
from careers.ats.job import Board

Kind = Literal["new", "updated", "unchanged", "closed", "kept", "skipped"]
INTRO, CONCLUSION = "posting-intro.html", "posting-conclusion.html"
_ID = re.compile(r"[A-Za-z0-9._-]{1,80}")


@dataclass(frozen=True)
class Change:
    """One file an import touches (or leaves), what becomes of it, and why when it is not plain."""

    path: Path
    kind: Kind
    text: str | None = None  # what to write; None: nothing is written
    note: str = ""


def plan_import(
    system: str,
    board: Board,
    jobs_dir: Path,
    records: list[Record],
    today: dt.date,
    force: frozenset[Path] = frozenset(),
) -> list[Change]:
    """Every change an import of ``board`` makes under ``jobs_dir`` (its records found before)."""
    mine: dict[str, Record] = {}
    for record in records:
        if record.system == system:
            mine.setdefault(record.id, record)
    taken = {record.path for record in records}
    changes = []
    listed = set()
    for job in sorted(board.jobs, key=lambda j: j.id):
        if not job.title or not _ID.fullmatch(job.id):
            why = "it has no title" if _ID.fullmatch(job.id) else f"its id {job.id!r} cannot name a file"
            changes.append(
                Change(jobs_dir / file_name(system, job.id), "skipped", note=f"not imported: {why}")
            )
            continue
        listed.add(job.id)
        text = posting_text(system, job)
        found = mine.get(job.id)
        path = found.path if found else jobs_dir / file_name(system, job.id)
        changes.append(_change(path, text, found, path in taken, path in force))
    if board.whole:
        for job_id, record in sorted(mine.items()):
            if job_id not in listed:
                changes.append(_closing(record, today))
    return changes


def _change(path: Path, text: str, record: Record | None, taken: bool, forced: bool) -> Change:
    if record is None and (taken or path.exists()):
        return Change(path, "kept", note="is not this job's import: not overwritten (move it, or delete it)")
    if record is None:
        return Change(path, "new", text)
    if record.text == text:
        return Change(path, "unchanged")
    if record.edited and not forced:
        return Change(path, "kept", note="edited by hand since it was imported: kept as it is")
    return Change(path, "updated", text)


def _closing(record: Record, today: dt.date) -> Change:
    """A job no longer on the board: its file closed after ``today`` (unless it closed before)."""
    text = closed(record.text, today)
    if text == record.text:
        return Change(record.path, "unchanged")
    note = "no longer on the board"
    if record.edited:
        note += "; edited by hand, so only its valid_through line was set"
    return Change(record.path, "closed", text, note)


def block_changes(system: str, board: Board, content_dir: Path) -> list[Change]:
    """The site-level blocks: the intro and conclusion every job of the board repeated, shown once
    a posting page (``content/posting-intro.html``, ``content/posting-conclusion.html``)."""
    changes = []
    for name, markup in ((INTRO, board.intro), (CONCLUSION, board.conclusion)):
        if not markup:
            continue
        path = content_dir / name
        text = stamped(f"---\nimported: {system} {name.removesuffix('.html')}\n---\n{markup}\n")
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            changes.append(Change(path, "new", text))
            continue
        except (OSError, UnicodeDecodeError):
            current = ""
        if current == text:
            changes.append(Change(path, "unchanged"))
        elif current and stamped(current) == current and "\nimported: " in current:
            changes.append(Change(path, "updated", text))
        else:
            changes.append(Change(path, "kept", note="is the site's own (or edited by hand): kept as it is"))
    return changes


def write_file(path: Path, text: str) -> None:
    """Write ``text`` whole or not at all: a temporary file beside ``path``, flushed to disk, renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
