"""List items read by their neighbours: an item's later blocks, and items that label the items after them."""

from __future__ import annotations

import dataclasses
import re

from careers.model import Run
from careers.posting.clean.headings import looks_like_heading, title_case
from careers.posting.clean.line import Document, Line
from careers.posting.clean.runs import all_strong, normalize_runs, split_runs
from careers.posting.clean.thresholds import LIMITS

_SENTENCE_END = re.compile(r"[.!?…]$")
# "…community integration. Professional:" — a heading glued to the end of the line before it.
_GLUED_LABEL = re.compile(r"^(.*[.!?])\s+([A-Z][\w&/'’-]*(?: [\w&/'’-]+){0,3}):$")
_LABEL_END = re.compile(r"[:\-–—]$")


def item_blocks(lines: list[Line], doc: Document) -> list[Line]:
    """An item's later blocks (a paragraph inside a list item) joined to it, or read apart.

    A later block that reads as a heading is one; after a heading or text (a list that swallowed
    the rest of the posting), it is text again, read by the line rules.
    """
    joined: list[Line] = []
    for line in lines:
        last = joined[-1] if joined else None
        if line.kind != "item" or not line.more or last is None or last.list_id != line.list_id:
            joined.append(line)
        elif looks_like_heading(line.text, all_strong(line.runs)):
            joined.append(dataclasses.replace(line, kind="heading", origin="text"))
        elif last.kind == "item":
            joined[-1] = dataclasses.replace(last, runs=normalize_runs([*last.runs, Run(" "), *line.runs]))
        elif last.kind in ("heading", "para"):
            joined.extend(doc.read_line(dataclasses.replace(line, kind="para", origin="text", gap=True)))
        else:
            joined.append(line)
    return joined


def item_labels(lines: list[Line], doc: Document) -> list[Line]:
    """Items that head the items after them ("Clinical:", a bold "Our Area -") as headings.

    So is a heading glued to the end of an item ("… community integration. Professional:").
    """
    out: list[Line] = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if line.kind != "item":
            out.append(line)
        elif _labels_items(line, nxt):
            out.append(dataclasses.replace(line, kind="heading"))
        else:
            out.extend(_glued_label(line))
    return out


def _labels_items(line: Line, nxt: Line | None) -> bool:
    """An item that is the heading of the items after it.

    A group's label (its own list follows it) is one when short; so is a short item ending
    in a colon, or a bold one ending its list or in a dash, before items that are not bold.
    """
    text = line.text
    words = len(text.split())
    if line.group:
        return words <= LIMITS.group_label and not _SENTENCE_END.search(text)
    if nxt is None or nxt.kind != "item" or not text[:1].isupper():
        return False
    if words <= LIMITS.item_label_colon and text.endswith(":"):
        return True
    if (
        not all_strong(line.runs)
        or all_strong(nxt.runs)
        or words > LIMITS.item_label_bold
        or _SENTENCE_END.search(text)
    ):
        return False
    return bool(_LABEL_END.search(text)) or (nxt.list_id, nxt.ordered) != (line.list_id, line.ordered)


def _glued_label(line: Line) -> list[Line]:
    match = _GLUED_LABEL.match(line.text)
    if not match or not title_case(match.group(2).split()):
        return [line]
    before, label = split_runs(line.runs, match.start(2))
    return [
        dataclasses.replace(line, runs=normalize_runs(before)),
        dataclasses.replace(line, kind="heading", runs=normalize_runs(label)),
    ]
