"""Errors and diagnostics: what went wrong, where, printed like a compiler's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "info"]


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
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message}"

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
        return "\n".join(f"{self.path}: error: {p}" for p in self.problems)


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
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: error: {self.message}"
