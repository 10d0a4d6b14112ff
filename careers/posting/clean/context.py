"""Lines read by their neighbours: headings only context shows, run-in headings, lists without bullets."""

from __future__ import annotations

import dataclasses
import re

from careers.model import Run
from careers.posting.clean.headings import (
    AMOUNT,
    heading_kind,
    is_known_heading,
    looks_like_heading,
    title_case,
)
from careers.posting.clean.lines import Line, read_line
from careers.posting.clean.runs import all_strong, normalize_runs, split_runs, strip_prefix, text_of

_SENTENCE_END = re.compile(r"[.!?…]$")
# An email address or a phone number: a contact block, which a lead-in can title.
# An address is tried from the start of its run only: searched from every letter of a long
# word, it took time growing with the square of the word.
_CONTACT = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++\.\w|\d[\d ()-]{8,}\d")
RUN_IN_WORDS = 8  # a run-in heading's text is at least this long: shorter, it is a label's value
# "…community integration. Professional:" — a heading glued to the end of the line before it.
_GLUED_LABEL = re.compile(r"^(.*[.!?])\s+([A-Z][\w&/'’-]*(?: [\w&/'’-]+){0,3}):$")
_LABEL_END = re.compile(r"[:\-–—]$")
# How a lead-in without its colon ends: "The skills required are", "… provide the following support".
_LEADS_IN = re.compile(r"\b(are|is|include|includes|including|such as)$|\bthe following\b", re.IGNORECASE)


def read_in_context(lines: list[Line]) -> list[Line]:
    """List items that are headings, runs of lines made lists, then headings that what follows shows."""
    return _headings_in_context(_lists_without_bullets(_items_in_context(lines)))


def _items_in_context(lines: list[Line]) -> list[Line]:
    """An item's later blocks joined to it (or headings and text of their own), then labels found."""
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
            joined.extend(read_line(dataclasses.replace(line, kind="para", origin="text", gap=True)))
        else:
            joined.append(line)
    out: list[Line] = []
    for i, line in enumerate(joined):
        nxt = joined[i + 1] if i + 1 < len(joined) else None
        if line.kind != "item":
            out.append(line)
        elif _labels_items(line, nxt):
            out.append(dataclasses.replace(line, kind="heading"))
        else:
            out.extend(_glued_label(line))
    return out


def _labels_items(line: Line, nxt: Line | None) -> bool:
    """An item that is the heading of the items after it ("Clinical:", a bold "Our Area -").

    A group's label (its own list follows it) is one when short; so is a short item ending
    in a colon, or a bold one ending its list or in a dash, before items that are not bold.
    """
    text = line.text
    words = len(text.split())
    if line.group:
        return words <= 8 and not _SENTENCE_END.search(text)
    if nxt is None or nxt.kind != "item" or not text[:1].isupper():
        return False
    if words <= 6 and text.endswith(":"):
        return True
    if not all_strong(line.runs) or all_strong(nxt.runs) or words > 8 or _SENTENCE_END.search(text):
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


def _headings_in_context(lines: list[Line]) -> list[Line]:
    """Lead-ins and bold labels before a list, and short title-case lines before text, as headings.

    Runs of lines are lists by now, so what follows a line here is what a reader sees there.
    """
    out = list(lines)
    for i, line in enumerate(lines):
        prev = out[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if line.kind != "para" or nxt is None or nxt.kind in ("heading", "drop"):
            continue
        if _is_title_line(line) and _titles(prev, nxt):
            out[i] = dataclasses.replace(line, kind="heading")
        elif prev is not None and prev.kind == "heading":
            continue  # a lead-in right under a heading introduces that heading's list
        elif _introduces(line, nxt):
            out[i] = dataclasses.replace(line, kind="heading")
    return out


def _introduces(line: Line, nxt: Line) -> bool:
    """A lead-in before a list or a contact block, or a bold label before a list."""
    if _is_lead_in(line, nxt) and (nxt.kind == "item" or _is_short(nxt) or bool(_CONTACT.search(nxt.text))):
        return True
    return all_strong(line.runs) and nxt.kind == "item" and _bold_label(line.text)


def _titles(prev: Line | None, nxt: Line | None) -> bool:
    """Whether a title-case line between these two is a heading: text before it, text after it."""
    if (
        prev is None
        or nxt is None
        or _is_title_line(prev)
        or (prev.kind == "para" and prev.text.endswith(":"))
    ):
        return False  # a line a lead-in introduces ("… follow the link below:") is what it names
    return _is_sentence(nxt) or (nxt.kind == "para" and nxt.text.endswith(":") and len(nxt.text.split()) >= 3)


def _is_lead_in(line: Line, nxt: Line) -> bool:
    """A short clause that introduces what follows: "The skills required are:" (before a list, no colon)."""
    text = line.text
    words = text.split()
    if not 1 <= len(words) <= 12 or not text[0].isupper() or re.search(r"[.!?;] ", text):
        return False
    if text.endswith(":"):
        return True
    if nxt.kind != "item" or len(words) < 3 or ":" in text or re.search(r"[.!?;,)]$", text):
        return False
    return bool(_LEADS_IN.search(text))


def _bold_label(text: str) -> bool:
    return len(text.split()) <= 12 and text[:1].isupper() and not re.search(r"[.!;,]$", text)


def _is_title_line(line: Line) -> bool:
    """A short line in title case with no closing punctuation: a heading if text follows it."""
    text = line.text
    words = text.split()
    if line.kind != "para" or not words or len(words) > 6 or not text[0].isupper():
        return False
    return not re.search(r"[.!?;,:]$|: |@", text) and not AMOUNT.search(text) and title_case(words)


def _is_sentence(line: Line) -> bool:
    if line.kind in ("item", "na", "heading", "drop"):
        return line.kind == "item"
    return bool(_SENTENCE_END.search(line.text)) or len(line.text.split()) >= 10


def _is_short(line: Line) -> bool:
    return line.kind == "para" and len(line.text.split()) <= 8 and not _SENTENCE_END.search(line.text)


def _lists_without_bullets(lines: list[Line]) -> list[Line]:
    """Runs of single lines of text (no blank line between) read as lists without bullets.

    Three or more lines in a row are a list, cut by the title lines among them ("Customer
    Service" before the lines about it) and titled by a first line that names a section;
    two short lines right under a heading are a list too.
    """
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i + 1
        if _in_run(lines[i]):
            while j < len(lines) and _in_run(lines[j]) and not lines[j].gap:
                j += 1
        run = lines[i:j]
        prev = out[-1] if out else None
        after = lines[j] if j < len(lines) else None
        under_heading = prev is not None and prev.kind == "heading"
        if len(run) >= 3:
            out.extend(_read_run(run, prev, after, -i - 1))
        elif len(run) == 2 and under_heading and all(_is_short(line) for line in run):
            out.extend(dataclasses.replace(line, kind="item", list_id=-i - 1) for line in run)
        else:
            out.extend(run)
        i = j
    return out


def _read_run(run: list[Line], prev: Line | None, after: Line | None, list_id: int) -> list[Line]:
    out: list[Line] = []
    for k, line in enumerate(run):
        before = out[-1] if out else prev
        nxt = run[k + 1] if k + 1 < len(run) else after
        titles_list = k == 0 and len(run) >= 4 and not (prev and prev.kind == "heading") and _names_list(line)
        after_text = before is not None and (before.kind == "heading" or _ends_sentence(before))
        if titles_list or (_is_title_line(line) and after_text and _titles(before, nxt)):
            out.append(dataclasses.replace(line, kind="heading"))
        else:
            out.append(dataclasses.replace(line, kind="item", list_id=list_id))
    return out


def _ends_sentence(line: Line) -> bool:
    return bool(_SENTENCE_END.search(line.text)) or len(line.text.split()) >= 10


def _names_list(line: Line) -> bool:
    """A first line that titles the lines after it ("Compensation/Targeted Bonus")."""
    return _is_title_line(line) and heading_kind(line.text) != "other"


def _in_run(line: Line) -> bool:
    """A line of text that can be one of a list's items: not bold, not opening with a bold label."""
    if line.kind != "para" or line.origin != "text" or all_strong(line.runs):
        return False
    first = line.runs[0]
    return not (
        first.strong and (first.text.rstrip().endswith(":") or text_of(line.runs[1:]).startswith(":"))
    )


def shape_lines(lines: list[Line]) -> list[Line]:
    """Run-in headings ("**About us:** We …") apart from their text."""
    out: list[Line] = []
    for line in lines:
        out.extend(_run_in(line))
    return out


def _run_in(line: Line) -> list[Line]:
    """A line that opens with a bold label ending in a colon, as that heading and its text.

    The text must be more than a value ("**Hours:** 9 to 5" stays a line); in a list item,
    only a label that names a section ("About us:") is a heading.
    """
    if line.kind not in ("para", "item") or not line.runs or not line.runs[0].strong:
        return [line]
    first, rest = line.runs[0], line.runs[1:]
    label = first.text
    if ":" in label.rstrip() and not label.rstrip().endswith(":"):
        label, _, tail = label.partition(":")
        label += ":"
        rest = (Run(tail, True, first.em, first.href), *rest)
    elif not label.rstrip().endswith((":", "!", "?")) and text_of(rest).startswith(":"):
        label += ":"
        rest = strip_prefix(normalize_runs(rest), 1)
    label, rest = label.strip(), normalize_runs(rest)
    if (
        not label.endswith((":", "!", "?"))
        or len(text_of(rest).split()) < RUN_IN_WORDS
        or len(label.split()) > 8
    ):
        return [line]
    if not looks_like_heading(label.rstrip("!"), True) or (
        line.kind == "item" and not is_known_heading(label)
    ):
        return [line]
    heading = dataclasses.replace(line, kind="heading", runs=(Run(label, True),))
    return [heading, dataclasses.replace(line, kind="para", origin="text", runs=rest, gap=True)]
