"""What the commands print: which findings a run shows, and text for a reader that may stop early.

Everything a command prints goes through here, escaped as diagnostics are: a file name or a
title may hold a terminal escape (a window-title OSC, OSC 52 that writes the clipboard) or a
right-to-left override, and none of them may reach the terminal.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING

from careers.errors import Diagnostic, printable

if TYPE_CHECKING:
    from careers.config import Config
    from careers.engine.options import Report


def shown(diagnostic: Diagnostic, quiet: bool = False, verbose: bool = False) -> bool:
    """Errors always; warnings unless ``quiet``; informational notes with ``verbose``; advice
    (which only ``check --advice`` gives) always."""
    return {"error": True, "warning": not quiet, "info": verbose, "advice": True}[diagnostic.level]


def escaped(text: str) -> str:
    """``text`` line by line with every character a terminal would act on escaped (``\\x1b``,
    ``\\u202e``): the lines stay lines, letters of any script stay as they are."""
    return "\n".join(printable(line) for line in str(text).split("\n"))


def say(text: object) -> None:
    """A line for the user on standard error (findings, progress, problems), escaped."""
    print(escaped(str(text)), file=sys.stderr)


def print_out(text: str) -> None:
    """``text`` on standard output, escaped; a reader that stopped early (``| head``) is not an error."""
    try:
        print(escaped(text), flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def json_text(data: object) -> str:
    """JSON for tools and terminals alike: a character a terminal would act on is written as a
    ``\\u`` escape, which every JSON reader reads back as it was."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    return "\n".join(line if line.isprintable() else _json_escaped(line) for line in text.split("\n"))


def _json_escaped(line: str) -> str:
    out = []
    for char in line:
        if char.isprintable():
            out.append(char)
            continue
        units = char.encode("utf-16-be", "surrogatepass")
        out.extend(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))
    return "".join(out)


def print_report(report: Report, config: Config, quiet: bool = False, verbose: bool = False) -> None:
    """A build's findings as ``shown`` says, then its summary line (unless ``quiet``)."""
    for diagnostic in report.diagnostics:
        if shown(diagnostic, quiet, verbose):
            say(diagnostic)
    if quiet:
        return
    errors = sum(1 for d in report.diagnostics if d.level == "error")
    warnings = sum(1 for d in report.diagnostics if d.level == "warning")
    stats = report.stats
    print_out(
        f"built {report.postings} postings into {config.output_dir}/: {report.pages} pages; "
        f"{stats.written} files written, {stats.unchanged} unchanged, {stats.removed} removed; "
        f"{errors} error(s), {warnings} warning(s) in {report.seconds:.2f}s"
    )
