"""Headings that lost the space around them ("SupervisorGENERAL DESCRIPTION:Reverse code …",
"Position SummaryOperates …"), and run-in labels in plain text ("JOB DESCRIPTION: We are …")."""

from __future__ import annotations

import dataclasses
import re

from careers.model import Run
from careers.posting.clean.facts import field_of
from careers.posting.clean.headings import is_capitals, is_known_heading
from careers.posting.clean.line import Line
from careers.posting.clean.runs import normalize_runs, split_runs
from careers.posting.clean.thresholds import LIMITS

# A colon with no space after it, before a letter or a bullet ("DESCRIPTION:Reverse", "SKILLS:*Requires").
_TIGHT_COLON = re.compile(r"(?<=[A-Za-z)]):(?=[A-Za-z\d*•(])")
# Where a capitalized word is glued to a lowercase letter or a full stop: a heading may start there.
_GLUED_START = re.compile(r"(?<=[a-z.)])(?=[A-Z])")
# A lowercase letter run into a capitalized word: a heading may end there ("Position SummaryOperates").
_GLUED_END = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_URL_SCHEMES = ("http", "https", "mailto", "tel", "ftp")
_WINDOW = 100  # characters a label is looked for in, before its colon or its glued end
# A label in capitals and its colon, where a field starts: "JOB TITLE:", "REPORTS TO:", "HOURS:".
_CAPITALS_LABEL = re.compile(r"(?<![\w&/'-])([A-Z][A-Z&/'-]*(?: [A-Z][A-Z&/'-]*){0,5}):(?=\s)")
# What follows a label's colon when text follows it: a capital, a digit, a bullet, a quote.
_STARTS_TEXT = re.compile(r" +[A-Z\d•*(\"“]")
_LABEL = re.compile(r"[^\W\d_][\w&/'’ ()-]*", re.UNICODE)


def glued_headings(line: Line) -> list[Line] | None:
    """A heading glued to the text around it, given back the spaces it lost.

    A space goes where a heading's colon touches the next word ("DESCRIPTION:Reverse"), where a
    heading ending in a colon touches the word before it ("SupervisorGENERAL DESCRIPTION:",
    "plusSkills required:"), and where a known heading phrase runs into the next sentence
    ("Position SummaryOperates", "Education/ExperienceHigh School diploma").
    """
    text = line.text
    spaces = sorted(set(_around_colons(text) if ":" in text else ()) | set(_after_headings(text)))
    if not spaces:
        return None
    return [dataclasses.replace(line, runs=normalize_runs(_with_spaces(line.runs, spaces)))]


def _with_spaces(runs: tuple[Run, ...], offsets: list[int]) -> list[Run]:
    """``runs`` with a space inserted at each of the sorted ``offsets`` of their text, in one pass."""
    out: list[Run] = []
    seen, k = 0, 0
    for run in runs:
        end = seen + len(run.text)
        cut = 0
        while k < len(offsets) and offsets[k] < end:
            at = offsets[k] - seen
            out.append(Run(run.text[cut:at], run.strong, run.em, run.href))
            out.append(Run(" "))
            cut, k = at, k + 1
        out.append(Run(run.text[cut:], run.strong, run.em, run.href))
        seen = end
    return out


def _around_colons(text: str) -> list[int]:
    """Where spaces go around the headings that end in a colon (offsets in ``text``)."""
    found = []
    for colon in (i for i, ch in enumerate(text) if ch == ":"):
        tight = colon + 1 < len(text) and bool(_TIGHT_COLON.match(text, colon))
        if not tight and not _GLUED_START.search(text, max(0, colon - _WINDOW), colon):
            continue  # "Location: Boston": nothing lost its space
        word_start = text.rfind(" ", 0, colon) + 1
        if text[word_start:colon].lower() in _URL_SCHEMES:
            continue
        start = _label_start(text, colon)
        if start is None:
            continue
        if start > 0 and not text[start - 1].isspace():
            found.append(start)
        if tight:
            found.append(colon + 1)
    return found


def _label_start(text: str, colon: int) -> int | None:
    """Where the heading ending at ``colon`` starts: the longest candidate of at most a few words
    that is a known heading phrase or in capitals, starting after a space or glued to text."""
    window = max(0, colon - _WINDOW)
    starts = [m.start() for m in _GLUED_START.finditer(text, window, colon)]
    starts += [i + 1 for i in range(window, colon) if text[i] == " " and text[i + 1 : i + 2].isupper()]
    if window == 0 and text[:1].isupper():
        starts.append(0)
    for start in sorted(set(starts)):
        label = text[start:colon]
        if not _LABEL.fullmatch(label) or len(label.split()) > LIMITS.run_in_label:
            continue
        if (is_capitals(label) and " " in label.strip()) or is_known_heading(label):
            return start
    return None


def _after_headings(text: str) -> list[int]:
    """Where a known heading phrase runs into the next sentence with no space."""
    found = []
    for match in _GLUED_END.finditer(text):
        end = match.start()
        window = max(0, end - _WINDOW)
        begin = max(text.rfind(". ", window, end) + 2, text.rfind(": ", window, end) + 2, window)
        words = text[begin:end].split(" ")
        for n in range(min(len(words), LIMITS.run_in_label), 0, -1):
            phrase = " ".join(words[-n:])
            if phrase[:1].isupper() and is_known_heading(phrase):
                found.append(end)
                break
    return found


def run_together_labels(line: Line) -> list[Line] | None:
    """Labels in capitals run together with their values, one line each ("JOB TITLE: Coder").

    "JOB TITLE: Coder DEPARTMENT: Claims REPORTS TO: …" is a board's fields whose line breaks
    an export lost.
    """
    text = line.text
    if text.count(":") < 2:
        return None
    starts = [m.start() for m in _CAPITALS_LABEL.finditer(text) if len(m.group(1).replace(" ", "")) >= 2]
    if len(starts) < 2:
        return None
    cuts = [0, *(s for s in starts if s > 0), len(text)]
    pieces, rest, offset = [], line.runs, 0
    for end in cuts[1:]:
        piece, rest = split_runs(rest, end - offset)
        offset = end
        if normalize_runs(piece):
            pieces.append(dataclasses.replace(line, runs=normalize_runs(piece), gap=True))
    return pieces


def inline_labels(line: Line) -> list[Line] | None:
    """A heading's label after a sentence inside a line ("… them. About Acme: We …"), cut out.

    It is a heading of its own between the text before and after it. The label is a known
    heading phrase or in capitals (two words or more) and ends in a colon followed by text that
    starts like a sentence; a label opening the line is ``run-in-label``'s.
    """
    text = line.text
    if ": " not in text:
        return None
    spans = []
    for colon in (i for i, ch in enumerate(text) if ch == ":"):
        if not _STARTS_TEXT.match(text, colon + 1):
            continue
        window = max(0, colon - _WINDOW)
        start = max(text.rfind(end, window, colon) for end in (". ", "! ", "? ", "; ")) + 2
        if start <= 1:
            continue
        label = text[start:colon]
        if not _LABEL.fullmatch(label) or len(label.split()) > LIMITS.run_in_label or field_of(label):
            continue
        if (is_capitals(label) and " " in label) or is_known_heading(label):
            spans.append((start, colon + 1))
    if not spans:
        return None
    pieces, rest, offset = [], line.runs, 0
    for start, end in spans:
        before, rest = split_runs(rest, start - offset)
        heading, rest = split_runs(rest, end - start)
        offset = end
        if normalize_runs(before):
            pieces.append(dataclasses.replace(line, runs=normalize_runs(before)))
        pieces.append(dataclasses.replace(line, kind="heading", runs=normalize_runs(heading), gap=True))
    if normalize_runs(rest):
        pieces.append(dataclasses.replace(line, runs=normalize_runs(rest), gap=True))
    return pieces


def run_in_label(line: Line) -> list[Line] | None:
    """A line of plain text opening with a heading's label and a colon, as that heading and its text.

    The label is in capitals ("JOB DESCRIPTION:") or a known heading phrase ("About Acme:",
    "Role:"); its text is more than a value, and a board's labels ("Location:", "Hours:") are
    left to the facts.
    """
    text = line.text
    colon = text.find(":")
    if colon <= 0 or colon > LIMITS.run_in_label * 12 or line.runs[0].strong:
        return None
    label, rest = text[:colon].strip(), text[colon + 1 :].strip()
    if not _LABEL.fullmatch(label) or len(label.split()) > LIMITS.run_in_label:
        return None
    if len(rest.split()) < LIMITS.run_in_text or field_of(label):
        return None
    capitals = is_capitals(label) and (" " in label or is_known_heading(label))
    if not capitals and not is_known_heading(label):
        return None
    head, body = split_runs(line.runs, colon + 1)
    return [
        dataclasses.replace(line, kind="heading", runs=normalize_runs(head)),
        dataclasses.replace(line, runs=normalize_runs(body), gap=True),
    ]
