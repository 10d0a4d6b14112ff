"""The tree walked into segments: headings, blocks' text and list items, each a run of styled text."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from bs4.element import NavigableString, PageElement, Tag

from careers.model import Run
from careers.posting.clean.markup import (
    BLOCK_TAGS,
    CELL_TAGS,
    DROP_TAGS,
    EM_TAGS,
    HEADING_TAGS,
    ITEM_TAGS,
    LIST_TAGS,
    STRONG_TAGS,
    VOID_TAGS,
    safe_href,
    tag_name,
)

# A field table's label cell is this short ("Job Posting Title", "Location #").
LABEL_CELL_WORDS = 5
_INVISIBLE = str.maketrans("", "", "\u200b\u200c\u200d\u2060\ufeff\u00ad")
# No posting needs more text than this (the longest of 187 real ones holds 13,000 characters):
# past it, text is left out, so that a paste gone wrong costs seconds, not minutes.
MAX_TEXT = 200_000
# Nor a line longer than this (the longest real one has 5,800 characters): a longer one is read
# as several, cut at a space, so that what is read a line at a time stays small.
MAX_LINE = 50_000


@dataclass(frozen=True)
class Break:
    """A line break inside a block: a ``<br>`` (hard) or a newline in its text (soft)."""

    hard: bool


HARD = Break(True)
SOFT = Break(False)
Token = Run | Break


@dataclass(frozen=True, slots=True)
class Segment:
    """Text between two block boundaries: a heading element's, a block's, or a list item's.

    Items of one list (nested lists included) share ``list_id``; ``group`` marks an item
    whose own list follows it (its text labels a group of items), ``more`` a later block
    inside the same item, ``term`` a ``<dt>``.
    """

    role: Literal["heading", "text", "item"]
    tokens: tuple[Token, ...]
    list_id: int = 0
    ordered: bool = False
    group: bool = False
    more: bool = False
    term: bool = False


@dataclass
class _Style:
    strong: bool = False
    em: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Walked:
    """A tree's segments, how deep it nested, and what the bounds on text did to it."""

    segments: list[Segment]
    depth: int
    text: int  # characters of text met
    left_out: int  # characters past ``MAX_TEXT``, not read
    long_lines: int  # lines cut into pieces of ``MAX_LINE`` characters


@dataclass
class _Walker:
    """Turns a parsed tree into segments; iterative, so no depth can overflow it."""

    segments: list[Segment] = field(default_factory=list)
    buffer: list[Token] = field(default_factory=list)
    lists: list[bool] = field(default_factory=list)  # open lists, innermost last: ordered?
    list_id: int = 0
    item_blocks: int = 0  # blocks of the open list item flushed so far
    term: bool = False
    heading_depth: int = 0
    seen: int = 0  # characters of text met
    left_out: int = 0
    line: int = 0  # characters in the open line
    long_lines: int = 0

    def text(self, text: str, style: _Style) -> None:
        if not text.isascii():
            text = text.translate(_INVISIBLE)
        self.seen += len(text)
        room = MAX_TEXT - (self.seen - len(text) - self.left_out)  # what may still be kept
        if len(text) > room:
            self.left_out += len(text) - room
            text = text[:room]
        if self.lists or self.heading_depth:
            self._add(Run(text, style.strong, style.em, style.href))
            return
        for i, piece in enumerate(text.split("\n")):
            if i:
                self.buffer.append(SOFT)
                self.line = 0
            if piece:
                self._add(Run(piece, style.strong, style.em, style.href))

    def _add(self, run: Run) -> None:
        """Add a run to the open line; a line that would outgrow ``MAX_LINE`` is ended first, at
        a space (the block goes on as another block)."""
        while self.line + len(run.text) > MAX_LINE:
            room = MAX_LINE - self.line
            cut = run.text.rfind(" ", 0, room + 1)
            if cut <= 0:
                cut = 0 if self.line else room
            if cut:
                self.buffer.append(dataclasses.replace(run, text=run.text[:cut]))
            self.long_lines += 1
            self.flush()
            run = dataclasses.replace(run, text=run.text[cut:])
        if run.text:
            self.buffer.append(run)
            self.line += len(run.text)

    def line_break(self) -> None:
        if self.lists or self.heading_depth:
            self._add(Run(" "))
        else:
            self.buffer.append(HARD)
            self.line = 0

    def flush(self) -> None:
        """End the current block's text, list item's block or heading."""
        self.line = 0
        if not self.buffer:
            return
        tokens, self.buffer = tuple(self.buffer), []
        if not any(isinstance(t, Run) and t.text.strip() for t in tokens):
            return
        if self.heading_depth:
            self.segments.append(Segment("heading", tokens, self.list_id if self.lists else 0))
        elif self.lists:
            more = self.item_blocks > 0
            self.segments.append(
                Segment("item", tokens, self.list_id, self.lists[-1], more=more, term=self.term)
            )
            self.item_blocks += 1
        else:
            self.segments.append(Segment("text", tokens))

    def open_list(self, ordered: bool) -> None:
        had_text = any(isinstance(t, Run) and t.text.strip() for t in self.buffer)
        self.flush()
        if not self.lists:
            self.list_id += 1
        elif had_text or self.item_blocks:
            self._mark_group()
        self.lists.append(ordered)

    def _mark_group(self) -> None:
        last = self.segments[-1] if self.segments else None
        if last is not None and last.role == "item" and last.list_id == self.list_id:
            self.segments[-1] = dataclasses.replace(last, group=True)

    def close_list(self) -> None:
        self.flush()
        self.lists.pop()
        self.item_blocks = 0

    def open_item(self, name: str) -> None:
        self.flush()
        self.item_blocks = 0
        self.term = name == "dt"

    def open_heading(self) -> None:
        self.flush()
        self.heading_depth += 1

    def close_heading(self) -> None:
        self.flush()
        self.heading_depth = max(0, self.heading_depth - 1)

    def end_heading_text(self) -> None:
        """A block after a heading element's text ("<h1>Title</h2>" left open over the page):
        the heading ends there, and what the block holds is the page's own text. (A block that
        is the heading's first content, "<h2><p>About</p></h2>", is still the heading.)"""
        if any(isinstance(t, Run) and t.text.strip() for t in self.buffer):
            self.flush()
            self.heading_depth = 0


def walk(root: Tag) -> Walked:
    """The segments under ``root``, the deepest nesting met on the way, and how much text
    was left out or cut into lines."""
    walker = _Walker()
    depth = 0
    # Each frame: the children still to visit, the style inside, and what closing does.
    stack: list[tuple[Iterator[PageElement], _Style, str]] = [(iter(root.contents), _Style(), "")]
    while stack:
        children, style, _ = stack[-1]
        node = next(children, None)
        if node is None:
            _close(walker, stack.pop()[2])
            continue
        if isinstance(node, Tag):
            frame = _open(walker, node, style)
            if frame is not None:
                stack.append((iter(node.contents), *frame))
                depth = max(depth, len(stack))
        elif type(node) is NavigableString:  # not comments, doctypes, scripts or ruby annotations
            walker.text(str(node), style)
    walker.flush()
    return Walked(walker.segments, depth, walker.seen, walker.left_out, walker.long_lines)


def _open(walker: _Walker, node: Tag, style: _Style) -> tuple[_Style, str] | None:
    """Act on entering ``node``; return the style and closing action for its children."""
    name = tag_name(node)
    if name in VOID_TAGS:
        return style, ""
    if name in DROP_TAGS:
        return None
    if name == "br":
        walker.line_break()
        return None
    if walker.heading_depth and name in BLOCK_TAGS:
        walker.end_heading_text()
    if name in HEADING_TAGS:
        walker.open_heading()
        return style, "heading"
    if name in LIST_TAGS:
        walker.open_list(ordered=name == "ol")
        return style, "list"
    if name in ITEM_TAGS:
        walker.open_item(name)
        return style, "block"
    if name in BLOCK_TAGS:
        walker.flush()
        return style, "block"
    if name in CELL_TAGS:
        walker.buffer.append(Run(" "))
        return style, _label_cell(node) or "space"
    if name in STRONG_TAGS:
        return _Style(True, style.em, style.href), ""
    if name in EM_TAGS:
        return _Style(style.strong, True, style.href), ""
    if name == "a":
        return _Style(style.strong, style.em, safe_href(node.get("href")) or style.href), ""
    return style, ""


def _label_cell(node: Tag) -> str | None:
    """A field table's label cell ("Job ID | 10231BR") ends its line, as a label on its own line
    before its value does ("block"); ``None`` for any other cell."""
    row = node.parent
    if row is None or tag_name(row) != "tr":
        return None
    cells = [c for c in row.children if isinstance(c, Tag) and tag_name(c) in CELL_TAGS]
    if len(cells) != 2 or cells[0] is not node:
        return None
    label = node.get_text(" ").split()
    if not 1 <= len(label) <= LABEL_CELL_WORDS or label[-1][-1] in ":.!?" or not cells[1].get_text().strip():
        return None
    return "block"


def _close(walker: _Walker, closing: str) -> None:
    if closing == "heading":
        walker.close_heading()
    elif closing == "list":
        walker.close_list()
    elif closing == "block":
        walker.flush()
    elif closing == "space":
        walker.buffer.append(Run(" "))
