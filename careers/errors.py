"""Errors and diagnostics: what went wrong, where, printed like a compiler's."""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "info", "advice"]
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a mistyped ``word`` most likely meant, or ``None``.

    A choice that begins the word or that the word begins ("introduction" for ``intro``)
    wins over one that is only spelled alike ("location"); then the closest spelling.
    """
    folded = word.casefold().replace("-", "_")
    options = sorted(choices)
    begun = [c for c in options if len(c) >= 3 and folded.startswith(c)]  # "introduction": intro
    if begun:
        return max(begun, key=len)
    begins = [c for c in options if len(folded) >= 3 and c.startswith(folded)]  # "accent": accent_color
    if begins:
        return min(begins, key=len)
    found = difflib.get_close_matches(folded, options, n=1, cutoff=0.6)
    return found[0] if found else None


def printable(text: str) -> str:
    """``text`` (a user's key, skill or file name) as a message may show it on a terminal.

    Every character that is not printable is escaped as Python writes it (``\\n``, ``\\x07``,
    ``\\u202e``), so no newline, escape sequence or bidirectional override reaches the
    console; letters of any script stay as they are. A byte of a file name that was not
    UTF-8 (kept by Python as a lone surrogate) is shown as that byte, ``\\xe9``.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _short_repr() -> reprlib.Repr:
    short = reprlib.Repr()
    short.maxlevel, short.maxstring, short.maxother = 2, 60, 60
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = 4
    return short


_SHORT = _short_repr()


def shown(value: object) -> str:
    """A user's value as a message may quote it: ``repr``, cut to a line (a value may be a
    list of a million items, or a megabyte of text: it is never expanded whole), printable."""
    return printable(_SHORT.repr(value))


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@dataclass(frozen=True)
class Diagnostic:
    """One finding about one file: ``path:line: level: message``.

    Diagnostics sort by path, then line (a finding about the whole file, with no line,
    first), level and message: a total order, since one file can have both kinds.
    """

    path: str
    line: int | None
    level: Level
    message: str

    def __str__(self) -> str:
        # Messages quote user text through ``printable`` already; this is the last guard.
        path = printable(self.path)
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.level}: {printable(self.message)}"

    def sort_key(self) -> tuple[str, bool, int, str, str]:
        return (self.path, self.line is not None, self.line or 0, self.level, self.message)

    def __lt__(self, other: Diagnostic) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: Diagnostic) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: Diagnostic) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: Diagnostic) -> bool:
        return self.sort_key() >= other.sort_key()


class CareersError(Exception):
    """The base of every error the package raises on purpose."""

    def __str__(self) -> str:
        return printable(super().__str__())  # it may quote a path or a value from the user


class ContentError(CareersError):
    """A posting (or other content file) that cannot be used as it is."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __reduce__(self) -> tuple[type[ContentError], tuple[str, int | None, str]]:
        return type(self), (self.path, self.line, self.message)  # crosses process boundaries

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(self.path, self.line, "error", self.message)

    def __str__(self) -> str:
        return str(self.diagnostic())


class ConfigError(CareersError):
    """``careers.toml`` is missing something, or holds something it should not.

    Carries every problem found, so the user can fix them in one go.
    """

    def __init__(self, path: str, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.path = path
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(f"{self.path}: error: {printable(p)}" for p in self.problems)


class TemplateError(CareersError):
    """A template that does not parse or fails while rendering."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __reduce__(self) -> tuple[type[TemplateError], tuple[str, int | None, str]]:
        return type(self), (self.path, self.line, self.message)  # raised in render workers

    def __str__(self) -> str:
        path = printable(self.path)
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: error: {printable(self.message)}"


def unknown_key(key: str, known: Iterable[str]) -> str:
    """The message for a key no one knows, with the closest known one as a hint."""
    close = closest(key, known)
    hint = f" (did you mean '{close}'?)" if close else ""
    return f"unknown key '{printable(key)}'{hint}"
