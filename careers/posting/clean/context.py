"""Lines read by their neighbours: lists without bullets, and headings only what follows shows."""

from __future__ import annotations

import dataclasses
import re

from careers.posting.clean.headings import AMOUNT, heading_kind, title_case
from careers.posting.clean.line import Document, Line
from careers.posting.clean.runs import all_strong, text_of
from careers.posting.clean.thresholds import LIMITS

_SENTENCE_END = re.compile(r"[.!?…]$")
# An email address or a phone number: a contact block, which a lead-in can title.
# An address is tried from the start of its run only: searched from every letter of a long
# word, it took time growing with the square of the word.
_CONTACT = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++\.\w|\d[\d ()-]{8,}\d")
# How a lead-in without its colon ends: "The skills required are", "… provide the following support".
_LEADS_IN = re.compile(r"\b(are|is|include|includes|including|such as)$|\bthe following\b", re.IGNORECASE)


def headings_in_context(lines: list[Line], doc: Document) -> list[Line]:
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
    return _is_sentence(nxt) or (
        nxt.kind == "para" and nxt.text.endswith(":") and len(nxt.text.split()) >= LIMITS.titled_lead
    )


def _is_lead_in(line: Line, nxt: Line) -> bool:
    """A short clause that introduces what follows: "The skills required are:" (before a list, no colon)."""
    text = line.text
    words = text.split()
    if not 1 <= len(words) <= LIMITS.lead_in or not text[0].isupper() or re.search(r"[.!?;] ", text):
        return False
    if text.endswith(":"):
        return True
    if nxt.kind != "item" or len(words) < LIMITS.lead_in_bare or ":" in text or re.search(r"[.!?;,)]$", text):
        return False
    return bool(_LEADS_IN.search(text))


def _bold_label(text: str) -> bool:
    return len(text.split()) <= LIMITS.bold_label and text[:1].isupper() and not re.search(r"[.!;,]$", text)


def _is_title_line(line: Line) -> bool:
    """A short line in title case with no closing punctuation: a heading if text follows it."""
    text = line.text
    words = text.split()
    if line.kind != "para" or not words or len(words) > LIMITS.title_line or not text[0].isupper():
        return False
    return not re.search(r"[.!?;,:]$|: |@", text) and not AMOUNT.search(text) and title_case(words)


def _is_sentence(line: Line) -> bool:
    if line.kind in ("item", "na", "heading", "drop"):
        return line.kind == "item"
    return bool(_SENTENCE_END.search(line.text)) or len(line.text.split()) >= LIMITS.sentence


def _is_short(line: Line) -> bool:
    return (
        line.kind == "para"
        and len(line.text.split()) <= LIMITS.short_line
        and not _SENTENCE_END.search(line.text)
    )


def lists_without_bullets(lines: list[Line], doc: Document) -> list[Line]:
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
        if len(run) >= LIMITS.run:
            out.extend(_read_run(run, prev, after, -i - 1))
        elif len(run) == LIMITS.short_run and under_heading and all(_is_short(line) for line in run):
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
        titles_list = (
            k == 0
            and len(run) >= LIMITS.titled_run
            and not (prev and prev.kind == "heading")
            and _names_list(line)
        )
        after_text = before is not None and (before.kind == "heading" or _ends_sentence(before))
        if titles_list or (_is_title_line(line) and after_text and _titles(before, nxt)):
            out.append(dataclasses.replace(line, kind="heading"))
        else:
            out.append(dataclasses.replace(line, kind="item", list_id=list_id))
    return out


def _ends_sentence(line: Line) -> bool:
    return bool(_SENTENCE_END.search(line.text)) or len(line.text.split()) >= LIMITS.sentence


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
