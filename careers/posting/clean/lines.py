"""Segments into lines, however they were broken; and the rules for what a line is on its own."""

from __future__ import annotations

import dataclasses
import re

from careers.model import Run
from careers.posting.clean.facts import field_of
from careers.posting.clean.headings import (
    BULLET,
    HASHTAG_LINE,
    NOT_APPLICABLE,
    clean_heading,
    is_known_heading,
    looks_like_heading,
    same_words,
)
from careers.posting.clean.line import Document, Line, LineKind
from careers.posting.clean.runs import all_strong, normalize_runs, read_marks, strip_prefix, text_of
from careers.posting.clean.thresholds import LIMITS
from careers.posting.clean.walk import Break, Segment, Token
from careers.posting.deadline import check_time

_WRAP_ENDINGS = re.compile(
    r"(,|-|\b(and|or|the|of|to|a|an|with|by|for|in|on|at|as|our|your|their|is|are|be))$",
    re.IGNORECASE,
)
_GOES_ON = re.compile(r"[,;:.)]|(and|or|to|of|in|on|at|for|with|by|as|is|are|will|who|which|that)\b")
_RULE = re.compile(r"[-–—_=*~#.•·\s]{3,}")  # a line drawn with characters, not words
_RULE_STARTS = frozenset("-–—_=*~#.•·▪●■➢►✓")
_MONEY = re.compile(r"[$£€¥₹]\s?\d")  # an amount of money: "£8.83", "$165,000"
_MARKS_ONLY = re.compile(r"[-–—*•·▪●■➢►✓\s]+")  # bullets with nothing after them


def segment_lines(segments: list[Segment]) -> list[Line]:
    """Every line of the segments, as read (a heading element's, a list item's, a line of text)."""
    lines: list[Line] = []
    for segment in segments:
        check_time()
        lines.extend(_segment_lines(segment))
    return lines


def _segment_lines(segment: Segment) -> list[Line]:
    if segment.role == "text":
        pieces = join_wrapped(segment.tokens)
        return [Line("para", runs, gap=i == 0 or gap) for i, (gap, runs) in enumerate(pieces)]
    runs = read_marks(normalize_runs(t for t in segment.tokens if isinstance(t, Run)))
    if not runs:
        return []
    if segment.role == "heading":
        kind: LineKind = "heading" if len(text_of(runs).split()) <= LIMITS.heading_element else "para"
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


def definition_terms(lines: list[Line], doc: Document) -> list[Line]:
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


def title_repeats(lines: list[Line], doc: Document) -> list[Line]:
    """Headings that only repeat the title go, and so does text repeating it before any other.

    A plain-text export starts with its title; with no title known, a leading heading element
    is it.
    """
    if doc.title is None and lines and lines[0].origin == "heading":
        doc.title = lines[0].text
    out: list[Line] = []
    for i, line in enumerate(lines):
        opening = not out and line.kind == "para" and any(x.kind in ("para", "item") for x in lines[i + 1 :])
        if (line.kind == "heading" or opening) and repeats(line.text, doc.title):
            continue  # (a posting whose only text is its title keeps it: check says so)
        out.append(line)
    return out


def repeats(heading: str, title: str | None) -> bool:
    """Whether a heading only repeats the title (or is empty once cleaned)."""
    text = clean_heading(heading)
    return not text or (title is not None and same_words(text, title))


def pay_heading(line: Line) -> list[Line] | None:
    """A heading element that states pay ("Pay Scale 1 £8.83 per hour") as a line of text.

    It is a fact about the post, not the title of what follows: the description under it would
    otherwise be filed as pay and never read.
    """
    text = line.text
    if not _MONEY.search(text) or is_known_heading(text):
        return None
    return [dataclasses.replace(line, kind="para")]


def empty_line(line: Line) -> list[Line] | None:
    """A line with nothing to say: hashtags or a rule drawn with characters (dropped), "N/A"."""
    empty = _empty_kind(line.text)
    return [dataclasses.replace(line, kind=empty)] if empty else None


def heading_alone(line: Line) -> list[Line] | None:
    """A line that reads as a heading whatever comes around it (``looks_like_heading``)."""
    if looks_like_heading(line.text, all_strong(line.runs)):
        return [dataclasses.replace(line, kind="heading")]
    return None


def bullet_item(line: Line) -> list[Line] | None:
    """A line opening with a bullet or a number ("• Sell", "2) Serve") as a list item."""
    bullet = BULLET.match(line.text)
    if not bullet:
        return None
    runs = strip_prefix(line.runs, bullet.end())
    kind: LineKind = _empty_kind(text_of(runs)) or "item"
    return [dataclasses.replace(line, kind=kind, runs=runs, ordered=bullet.group(1)[0].isdigit())]


def _empty_kind(text: str) -> LineKind | None:
    """The kind of a line with nothing to say: "drop" (hashtags, a rule drawn with characters), "na"."""
    if text[:1] in _RULE_STARTS and (
        HASHTAG_LINE.match(text) or _RULE.fullmatch(text) or _MARKS_ONLY.fullmatch(text)
    ):
        return "drop"
    if len(text) <= 20 and NOT_APPLICABLE.match(clean_heading(text)):
        return "na"
    return None
