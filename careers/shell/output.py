"""What the commands print: which findings a run shows, and text for a reader that may stop early."""

from __future__ import annotations

import os
import sys

from careers.errors import Diagnostic


def shown(diagnostic: Diagnostic, quiet: bool = False, verbose: bool = False) -> bool:
    """Errors always; warnings unless ``quiet``; informational notes with ``verbose``; advice
    (which only ``check --advice`` gives) always."""
    return {"error": True, "warning": not quiet, "info": verbose, "advice": True}[diagnostic.level]


def print_out(text: str) -> None:
    """``text`` on standard output; a reader that stopped early (``| head``) is not an error."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
