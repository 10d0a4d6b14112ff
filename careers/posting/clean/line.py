"""One line of a posting as the line rules read it: what it is, its styled runs, where it came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from careers.model import Run
from careers.posting.clean.runs import text_of

LineKind = Literal["heading", "item", "para", "na", "drop"]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a posting: ``gap`` says a blank line or a block boundary comes before it.

    ``origin`` is what it was read from: a heading element, text (a block's, broken into
    lines), or a list item (``list_id``, ``group``, ``more`` and ``term`` as its segment's).
    """

    kind: LineKind
    runs: tuple[Run, ...]
    gap: bool = True
    origin: Literal["heading", "text", "item"] = "text"
    list_id: int = 0
    ordered: bool = False
    group: bool = False
    more: bool = False
    term: bool = False
    text: str = field(init=False, repr=False, compare=False)  # the runs' text, asked for often

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", text_of(self.runs))


@dataclass
class Document:
    """What the context rules share besides the lines: the title, how one line is read on its
    own (the line rules, for a line a context rule makes text again), the board's labels taken out."""

    title: str | None
    read_line: Callable[[Line], list[Line]]
    stated: list[tuple[str, str]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)  # what the rules made, once they have run
