"""``careers import``: postings written from an applicant tracking system's export or public board.

Everything is read (and fetched) first; only then are files written, each whole or not at all.
A file or board that cannot be read is one error naming it, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from careers.ats.fetch import fetch_board
from careers.ats.files import find_records
from careers.ats.job import Board
from careers.ats.plan import Change, block_changes, plan_import, write_file
from careers.ats.systems import ImportFailed, System, read_board, read_files, system_named
from careers.config import Config
from careers.errors import CareersError, Diagnostic
from careers.shell.output import print_out, say

KINDS = ("new", "updated", "unchanged", "closed", "kept")


def import_postings(
    config: Config,
    system_name: str,
    files: list[Path],
    board: str | None,
    force: list[Path],
    today: dt.date,
    quiet: bool = False,
) -> bool:
    """Import, print what changed and a summary; whether an error stopped it (nothing written then)."""
    system = system_named(system_name)
    if bool(files) == bool(board):
        raise CareersError(
            "careers import: give the saved export FILE(s), or --board NAME to fetch the board's public "
            "listing (not both)"
        )
    try:
        read = _read(system, files, board)
    except ImportFailed as exc:
        say(exc)
        say("nothing was imported")
        return True
    records = find_records(config.jobs_path)
    forced = _forced(force, [r.path for r in records if r.system == system.name], system)
    postings = plan_import(system.name, read, config.jobs_path, records, today, forced)
    blocks = block_changes(system.name, read, config.content_path)
    for change in (*postings, *blocks):
        if change.text is not None:
            write_file(change.path, change.text)
    _report(system, read, postings + blocks, config, _again(system, files, board), quiet)
    _summary(system, read, postings, config, quiet)
    return False


def _read(system: System, files: list[Path], board: str | None) -> Board:
    if files:
        return read_files(system, files, [_shown(path) for path in files])
    assert board is not None
    return read_board(system, fetch_board(system, board), board, board)


def _forced(paths: list[Path], imported: list[Path], system: System) -> frozenset[Path]:
    """The files ``--force`` names, each one this system's import (else an error, nothing written)."""
    known = {path.resolve(): path for path in imported}
    found = set()
    for path in paths:
        match = known.get(path.resolve())
        if match is None:
            raise CareersError(f"{_shown(path)}: error: --force names no file imported from {system.title}")
        found.add(match)
    return frozenset(found)


def _again(system: System, files: list[Path], board: str | None) -> str:
    """The command that imports the same again, for "to take the board's version" hints."""
    source = " ".join(_shown(path) for path in files) if files else f"--board {board}"
    return f"careers import {system.name} {source}"


def _report(
    system: System, board: Board, changes: list[Change], config: Config, again: str, quiet: bool
) -> None:
    for note in board.notes:
        say(Diagnostic(system.title, None, "warning", note))
    for job, why in board.skipped:
        if not quiet:
            say(f"{system.title}: skipped '{job}': {why}")
    for change in changes:
        where = _shown(change.path, config.root)
        if change.kind == "kept":
            hint = (
                f"; to take the board's version: {again} --force {where}" if "edited" in change.note else ""
            )
            say(Diagnostic(where, None, "warning", change.note + hint))
        elif change.kind == "skipped":
            say(Diagnostic(where, None, "warning", change.note))
        elif change.kind != "unchanged" and not quiet:
            print_out(f"{where}: {change.kind}" + (f" ({change.note})" if change.note else ""))


def _summary(system: System, board: Board, postings: list[Change], config: Config, quiet: bool) -> None:
    """One line: how many postings each change made, and how many jobs were left out."""
    if quiet:
        return
    counts: Counter[str] = Counter(change.kind for change in postings)
    summary = ", ".join(f"{counts[kind]} {kind}" for kind in KINDS)
    skipped = len(board.skipped) + counts["skipped"]
    tail = f"; {skipped} job(s) skipped" if skipped else ""
    folder = _shown(config.jobs_path, config.root)
    print_out(f"imported {len(board.jobs)} job(s) from {system.title} into {folder}/: {summary}{tail}")


def _shown(path: Path, root: Path | None = None) -> str:
    for base in (root, Path.cwd()):
        if base is not None:
            try:
                return path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
    return path.as_posix()
