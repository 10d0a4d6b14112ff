"""Run-in headings: a line opening with a bold label ("**About us:** We …"), as the heading and its text."""

from __future__ import annotations

import dataclasses

from careers.model import Run
from careers.posting.clean.facts import field_of
from careers.posting.clean.headings import is_capitals, is_known_heading, looks_like_heading
from careers.posting.clean.line import Document, Line
from careers.posting.clean.runs import normalize_runs, split_runs, strip_prefix, text_of
from careers.posting.clean.thresholds import LIMITS


def run_in_headings(lines: list[Line], doc: Document) -> list[Line]:
    """Every line that opens with a bold label ending in a colon, as that heading and its text.

    So is a plain label in capitals or naming a section before a list, whatever its text's
    length ("APPLICATION PROCEDURES: Successful candidates should submit", then the list).
    """
    out: list[Line] = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        made = _run_in(line)
        if len(made) == 1 and nxt is not None and nxt.kind == "item":
            made = _labelled_lead_in(line)
        out.extend(made)
    return out


def _labelled_lead_in(line: Line) -> list[Line]:
    """A plain line "LABEL: lead-in" before a list, as the label's heading and the lead-in."""
    text = line.text
    colon = text.find(":")
    if line.kind != "para" or colon <= 0 or line.runs[0].strong:
        return [line]
    label, rest = text[:colon], text[colon + 1 :].strip()
    words = label.split()
    if not rest or not 1 <= len(words) <= LIMITS.run_in_label or any(c.isdigit() for c in rest):
        return [line]
    if not ((is_capitals(label) and len(words) > 1) or is_known_heading(label)) or field_of(label):
        return [line]
    head, body = split_runs(line.runs, colon + 1)
    return [
        dataclasses.replace(line, kind="heading", runs=normalize_runs(head)),
        dataclasses.replace(line, runs=normalize_runs(body), gap=True),
    ]


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
        or len(text_of(rest).split()) < LIMITS.run_in_text
        or len(label.split()) > LIMITS.run_in_label
    ):
        return [line]
    if not looks_like_heading(label.rstrip("!"), True) or (
        line.kind == "item" and not is_known_heading(label)
    ):
        return [line]
    heading = dataclasses.replace(line, kind="heading", runs=(Run(label, True),))
    return [heading, dataclasses.replace(line, kind="para", origin="text", runs=rest, gap=True)]
