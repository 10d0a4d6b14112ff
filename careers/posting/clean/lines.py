"""Segments into lines, however they were broken, and what each line is on its own."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Literal

from careers.model import Run
from careers.posting.clean.facts import field_of, split_contact
from careers.posting.clean.flattened import split_flattened
from careers.posting.clean.headings import (
    BULLET,
    HASHTAG_LINE,
    NOT_APPLICABLE,
    clean_heading,
    looks_like_heading,
)
from careers.posting.clean.runs import all_strong, normalize_runs, read_marks, strip_prefix, text_of
from careers.posting.clean.walk import Break, Segment, Token
from careers.posting.deadline import check_time

LineKind = Literal["heading", "item", "para", "na", "drop"]
_WRAP_ENDINGS = re.compile(
    r"(,|-|\b(and|or|the|of|to|a|an|with|by|for|in|on|at|as|our|your|their|is|are|be))$",
    re.IGNORECASE,
)
_GOES_ON = re.compile(r"[,;:.)]|(and|or|to|of|in|on|at|for|with|by|as|is|are|will|who|which|that)\b")
_RULE = re.compile(r"[-–—_=*~#.•·\s]{3,}")  # a line drawn with characters, not words
_RULE_STARTS = frozenset("-–—_=*~#.•·▪●■➢►✓")
_MARKS_ONLY = re.compile(r"[-–—*•·▪●■➢►✓\s]+")  # bullets with nothing after them


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


def segment_lines(segments: list[Segment]) -> list[Line]:
    """Every line of the segments, each classified on its own."""
    lines: list[Line] = []
    for segment in segments:
        check_time()
        lines.extend(_segment_lines(segment))
    return [piece for line in _join_terms(lines) for piece in read_line(line)]


def read_line(line: Line) -> list[Line]:
    """One line classified: a line of text first cut at inline headings and bullets, if it has them."""
    check_time()
    if line.kind != "para":
        return [classify(line)]
    return [classify(piece) for piece in _split_contact(split_flattened([line]))]


def _segment_lines(segment: Segment) -> list[Line]:
    if segment.role == "text":
        pieces = join_wrapped(segment.tokens)
        return [Line("para", runs, gap=i == 0 or gap) for i, (gap, runs) in enumerate(pieces)]
    runs = read_marks(normalize_runs(t for t in segment.tokens if isinstance(t, Run)))
    if not runs:
        return []
    if segment.role == "heading":
        kind: LineKind = "heading" if len(text_of(runs).split()) <= 15 else "para"
        return [Line(kind, runs, origin="heading", list_id=segment.list_id)]
    return [
        Line(
            "item", runs, origin="item", list_id=segment.list_id, ordered=segment.ordered,
            group=segment.group, more=segment.more, term=segment.term,
        )
    ]  # fmt: skip


def join_wrapped(tokens: tuple[Token, ...]) -> list[tuple[bool, tuple[Run, ...]]]:
    """A block's text split at its breaks, each piece with whether a blank line came before it.

    A ``<br>`` next to a newline is one break; a single break inside a sentence is a line-wrap
    artifact, and the two pieces are joined.
    """
    pieces: list[tuple[int, tuple[Run, ...]]] = []
    hard = soft = 0
    current: list[Run] = []
    for token in tokens:
        if isinstance(token, Break):
            runs = read_marks(normalize_runs(current))
            current = []
            if text_of(runs):
                pieces.append((hard or soft, runs))
                hard = soft = 0
            hard, soft = (hard + 1, soft) if token.hard else (hard, soft + 1)
        else:
            current.append(token)
    runs = read_marks(normalize_runs(current))
    if text_of(runs):
        pieces.append((hard or soft, runs))
    lines: list[tuple[bool, tuple[Run, ...]]] = []
    for breaks, runs in pieces:
        if lines and breaks == 1 and is_wrap(lines[-1][1], runs):
            lines[-1] = (lines[-1][0], normalize_runs([*lines[-1][1], Run(" "), *runs]))
        else:
            lines.append((breaks > 1, runs))
    return lines


def is_wrap(before: tuple[Run, ...], after: tuple[Run, ...]) -> bool:
    """Whether a single break between two pieces of text is a line-wrap artifact.

    It is when the sentence goes on: the text before ends in a word that needs more ("and",
    "the", a comma), or the text after starts in lower case; after a bold line, only when
    what follows plainly continues it ("<b>Jet2.com</b> and …", "<b>the Analyst</b>, you'll").
    """
    prev, nxt = text_of(before), text_of(after)
    if not prev or not nxt or prev[-1] in ".!?:;" or BULLET.match(nxt) or field_of(prev) or field_of(nxt):
        return False  # … or a board's label on its own line ("Posted on", "time type")
    if all_strong(before):  # a bold line is a heading unless the sentence plainly goes on
        return bool(_GOES_ON.match(nxt))
    return bool(_WRAP_ENDINGS.search(prev)) or nxt[0].islower()


def _join_terms(lines: list[Line]) -> list[Line]:
    """A definition list's term and its definition as one item: "Location: Boston"."""
    out: list[Line] = []
    for line in lines:
        last = out[-1] if out else None
        if last and last.term and line.kind == "item" and not line.term and last.list_id == line.list_id:
            colon = () if last.text.endswith(":") else (Run(":"),)
            runs = normalize_runs([*last.runs, *colon, Run(" "), *line.runs])
            out[-1] = dataclasses.replace(last, runs=runs, term=False)
        else:
            out.append(line)
    return out


def _split_contact(lines: list[Line]) -> list[Line]:
    """A contact block whose labels were glued to their values, as one item per label."""
    out: list[Line] = []
    for line in lines:
        items = split_contact(line.runs) if line.kind == "para" else None
        if items:
            out.extend(dataclasses.replace(line, kind="item", runs=runs, list_id=0) for runs in items)
        else:
            out.append(line)
    return out


def classify(line: Line) -> Line:
    """What a line is on its own."""
    text = line.text
    empty = _empty_kind(text)
    if empty:
        return dataclasses.replace(line, kind=empty)
    if line.kind != "para":
        return line
    if looks_like_heading(text, all_strong(line.runs)):
        return dataclasses.replace(line, kind="heading")
    bullet = BULLET.match(text)
    if bullet:
        runs = strip_prefix(line.runs, bullet.end())
        kind: LineKind = _empty_kind(text_of(runs)) or "item"
        return dataclasses.replace(line, kind=kind, runs=runs, ordered=bullet.group(1)[0].isdigit())
    return line


def _empty_kind(text: str) -> LineKind | None:
    """The kind of a line with nothing to say: "drop" (hashtags, a rule drawn with characters), "na"."""
    if text[:1] in _RULE_STARTS and (
        HASHTAG_LINE.match(text) or _RULE.fullmatch(text) or _MARKS_ONLY.fullmatch(text)
    ):
        return "drop"
    if len(text) <= 20 and NOT_APPLICABLE.match(clean_heading(text)):
        return "na"
    return None
