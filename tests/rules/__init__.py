"""One test module per line rule of ``careers/posting/clean/registry.py``, with small examples."""

from __future__ import annotations

from careers.model import Run
from careers.posting.clean.line import Document, Line, LineKind
from careers.posting.clean.registry import read_line


def para(text: str, *, bold: bool = False, gap: bool = True) -> Line:
    """A line of text, as a block's text is read."""
    return Line("para", (Run(text, bold),), gap=gap)


def item(text: str, *, bold: bool = False, list_id: int = 1, **flags: bool) -> Line:
    """A list item's line (``group``, ``more``, ``term``, ``ordered`` as its segment's)."""
    return Line("item", (Run(text, bold),), origin="item", list_id=list_id, **flags)


def heading(text: str) -> Line:
    """A heading element's line."""
    return Line("heading", (Run(text),), origin="heading")


def doc(title: str | None = None) -> Document:
    return Document(title, read_line)


def kinds(lines: list[Line]) -> list[tuple[LineKind, str]]:
    return [(line.kind, line.text) for line in lines]
