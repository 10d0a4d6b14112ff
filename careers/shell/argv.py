"""The command line's words in the order argparse reads them: the command first.

``-C DIR`` may come before the command or after it; so may any option of a command
(``careers -v build`` is ``careers build -v``); and ``build`` is the command when none is
named. The options are read from the parser itself, so a command's new option needs no list
kept here.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence

_FIRST = ("-h", "--help", "--version")


def command_first(argv: Sequence[str], parser: argparse.ArgumentParser, default: str = "build") -> list[str]:
    """``argv`` with the command first, a command's options written before it moved after it."""
    commands = _commands(parser)
    flags, valued = _options(commands.values())
    args = list(argv)
    before: list[str] = []  # -C, which is everyone's
    moved: list[str] = []  # a command's options, written before it
    i = 0
    while i < len(args):
        arg, name = args[i], args[i].split("=", 1)[0]
        width = 2 if (arg in ("-C", "--root") or arg in valued) else 1
        if arg in commands or arg in _FIRST:
            return [*before, arg, *moved, *args[i + 1 :]]
        if arg in ("-C", "--root") or name == "--root" or (arg.startswith("-C") and len(arg) > 2):
            before += args[i : i + width]
        elif arg in flags or name in flags or (arg[:2] in valued and len(arg) > 2):  # -j2, --now=...
            moved += args[i : i + width]
        else:
            break
        i += width
    return [*before, default, *moved, *args[i:]]


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(commands: Iterable[argparse.ArgumentParser]) -> tuple[set[str], set[str]]:
    """Every option string of the commands, and those that take a value."""
    flags: set[str] = set()
    valued: set[str] = set()
    for command in commands:
        for action in command._actions:
            flags.update(action.option_strings)
            if action.nargs != 0:
                valued.update(action.option_strings)
    return flags - {"-h", "--help"}, valued
