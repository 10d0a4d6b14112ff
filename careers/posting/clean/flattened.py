"""Flattened text: headings that sit inline in one long run of text, and items run together."""

from __future__ import annotations

import dataclasses
import itertools
import re

from careers.model import Run
from careers.posting.clean.headings import (
    HEADING_PHRASE,
    clean_heading,
    heading_kind,
    is_capitals,
    is_known_heading,
    starts_heading,
    title_case,
)
from careers.posting.clean.line import Line
from careers.posting.clean.runs import normalize_runs, split_runs, text_of
from careers.posting.clean.thresholds import LIMITS

_WORD = re.compile(r"\S+")
_STARTS_CONTENT = re.compile(r"[\"“‘(•·▪$£€#¿¡*\d]|[^\W\d_a-z]")
_SENTENCE_STARTS = frozenset({"our", "the", "your", "this", "what", "a"})
_ENDS_NO_HEADING = frozenset(
    "a an and as at by for from in of on or the to with is are be we you our your".split()
)
_BOUNDARY = re.compile(r"[.!?:;…]$")
_SENTENCE_END = re.compile(r"[.!?;…]$")
# Heading phrases that end in a small word: "Who we are", "About you", "What we're looking for"
# (the known phrases of headings.py that do, written out: an open slot such as "Learn more
# about …" would take in the next words up to any "to").
_SMALL_END_PHRASE = re.compile(
    r"(who (we|you) are|about (us|you)|what we offer you|bonus points for|"
    r"(what|who) (we('re| are)|are we) looking for)",
    re.IGNORECASE,
)
_MAYBE_BULLET = re.compile(r"[•·▪●■➢►✓]|\s[-–?]\s")
_BULLET_CHAR = re.compile(r"(?:^|(?<=\s))[•·▪●■➢►✓](?=\s)")
# After a lead-in ("… in the following ways:"), " - " and the "?" a lost bullet became are bullets.
_DASH_BULLET = re.compile(r"(?<=\S)\s+[-–?](?=\s+[A-Z])")
# Where one sentence ends and the next starts: ". Drafting", "! We" (not "e.g. the", "B. Tech").
_SENTENCE_BREAK = re.compile(r"(?<=[A-Za-z0-9)]{2}[.!?])\s+(?=[A-Z])")
_LISTED_KINDS = frozenset({"responsibilities", "requirements", "preferred"})
_GLUED = re.compile(r"\b[a-z]{3,}(?=[A-Z][a-z]{2,})")


def flattened_headings(line: Line) -> list[Line] | None:
    """A long line of text (an export that collapsed its white space) cut at its inline headings."""
    text = line.text
    if text.count(" ") < LIMITS.flat or len(text.split()) < LIMITS.flat:
        return None
    pieces = _cut_headings(line)
    return pieces if pieces != [line] else None


def inline_bullets(line: Line) -> list[Line] | None:
    """A line holding bullets inline ("Duties: • Sell • Serve") as its lead-in and the items."""
    pieces = _inline_items(line)
    return pieces if pieces != [line] else None


def _cut(line: Line, cuts: list[tuple[int, int]], kinds: list[str]) -> list[Line]:
    """``line`` cut around the spans ``cuts``: the text between them (and each span, if kept)."""
    pieces: list[Line] = []
    rest, offset = line.runs, 0
    for (start, end), kind in zip(cuts, kinds, strict=True):
        before, rest = split_runs(rest, start - offset)
        span, rest = split_runs(rest, end - start)
        offset = end
        if normalize_runs(before):
            pieces.append(dataclasses.replace(line, runs=normalize_runs(before)))
        if kind == "heading":
            pieces.append(dataclasses.replace(line, kind="heading", runs=normalize_runs(span), gap=True))
    if normalize_runs(rest):
        pieces.append(dataclasses.replace(line, runs=normalize_runs(rest)))
    return pieces


def _cut_headings(line: Line) -> list[Line]:
    spans = inline_headings("".join(r.text for r in line.runs))
    if len(spans) < 2:
        return [line]
    out: list[Line] = []
    for piece in _cut(line, spans, ["heading"] * len(spans)):
        if piece.kind != "para":
            out.append(piece)
            continue
        glued = split_glued(piece.runs)
        if len(glued) > 1:  # "… follow safety proceduresKnowledge of …": items run together
            out.extend(dataclasses.replace(piece, kind="item", runs=runs, list_id=0) for runs in glued)
        elif out and out[-1].kind == "heading" and heading_kind(out[-1].text) in _LISTED_KINDS:
            out.extend(_sentence_items(piece))
        else:
            out.append(piece)
    return [dataclasses.replace(piece, gap=True) for piece in out]


def _sentence_items(line: Line) -> list[Line]:
    """Duties or requirements run together as sentences, one item each (when all are short)."""
    text = "".join(r.text for r in line.runs)
    cuts = [m.start() for m in _SENTENCE_BREAK.finditer(text)]
    bounds = [0, *cuts, len(text)]
    if len(cuts) < 2 or any(
        len(text[a:b].split()) > LIMITS.inline_item for a, b in itertools.pairwise(bounds)
    ):
        return [line]
    pieces, rest, offset = [], line.runs, 0
    for cut in [*cuts, len(text)]:
        before, rest = split_runs(rest, cut - offset)
        offset = cut
        if normalize_runs(before):
            pieces.append(dataclasses.replace(line, kind="item", runs=normalize_runs(before), list_id=0))
    return pieces


def inline_headings(text: str) -> list[tuple[int, int]]:
    """Where headings sit in a run of text: (start, end) of each, in order, merged when adjacent.

    A heading starts with a capital and is a known heading phrase, a clause in title case
    ending in a colon at a sentence boundary, or a run of three or more words in capitals;
    what follows it starts like a sentence (a capital, a digit, a bullet).
    """
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        end_word = _heading_at(text, words, i)
        if end_word is None:
            i += 1
            continue
        start, end = words[i][0], words[end_word - 1][1]
        last = spans[-1] if spans else None
        adjacent = last is not None and not text[last[1] : start].strip()
        if last and adjacent and not _two_headings(text[slice(*last)], text[start:end]):
            start = spans.pop()[0]  # one heading found in two pieces
        spans.append((start, end))
        i = end_word
    return spans


def _two_headings(first: str, second: str) -> bool:
    """Whether two headings side by side are two ("Qualifications" then "Required
    Qualifications", "Basic Qualifications:" then "Experience"), not one found in pieces."""
    return first.endswith(":") or (is_known_heading(first) and is_known_heading(second))


def _heading_at(text: str, words: list[tuple[int, int]], i: int) -> int | None:
    """The word index just past a heading starting at word ``i``, or ``None``.

    The longest known heading phrase wins; else a title-case clause ending in a colon at
    a sentence boundary; else three or more words in capitals.
    """
    first = text[words[i][0] : words[i][1]]
    if not first[0].isupper():
        return None
    previous = text[words[i - 1][0] : words[i - 1][1]] if i else ""
    after_boundary = not previous or bool(_BOUNDARY.search(previous))
    phrases = []
    for n in range(min(LIMITS.inline_heading, len(words) - i), 0, -1):
        phrase = text[words[i][0] : words[i + n - 1][1]]
        nxt = text[words[i + n][0] : words[i + n][1]] if i + n < len(words) else ""
        if phrase.endswith(":") or not nxt or _STARTS_CONTENT.match(nxt):
            phrases.append((n, phrase))
    if starts_heading(first):
        for n, phrase in phrases:
            free = after_boundary or (previous[:1].isupper() and previous.lower() not in _SENTENCE_STARTS)
            if _known_inline(phrase, n, free):
                return i + n
    if not previous or _SENTENCE_END.search(previous):  # after a label's colon, a value runs on
        for n, phrase in reversed(phrases):
            if phrase.endswith(":") and "(" not in phrase and title_case(phrase.split()):
                return i + n
    # A run of capitals is a heading only if it starts like one or holds a small word: found
    # once here, not for each of its lengths (a line of "A& A& …" once took 30 µs a word).
    three = text[words[i][0] : words[min(i + 2, len(words) - 1)][1]]
    if any(c.islower() for c in three):
        return None
    small = [text[a:b].lower() in _ENDS_NO_HEADING for a, b in words[i : i + LIMITS.inline_heading]]
    first_small = small.index(True) if True in small else LIMITS.inline_heading
    leads = starts_heading(first)
    for n, phrase in phrases:
        if n >= 3 and (leads or first_small < n) and _capitals_heading(phrase):
            return i + n
    return None


def _capitals_heading(phrase: str) -> bool:
    """ "ABOUT THE ROLE": words in capitals that read as a phrase, not a run of acronyms."""
    words = phrase.split()
    if not (starts_heading(words[0]) or any(w.lower() in _ENDS_NO_HEADING for w in words)):
        return False  # asked first: cheaper than reading every letter, for a line of capitals
    if len(words) > LIMITS.capitals[1]:
        return False  # a sentence shouted, not a heading
    return is_capitals(phrase) and not any(c.isdigit() for c in phrase) and phrase[-1].isalpha()


def _known_inline(phrase: str, n: int, free: bool) -> bool:
    """A known heading phrase that can stand inline: whole, not ending in a small word or a comma.

    One word alone ("Responsibilities") needs a boundary or a capitalized word before it, or
    a colon after it ("… a role available Role: A Chef …"); a few phrases ("Who we are", "About
    you") end in a small word.
    """
    last = phrase.split()[-1].lower()
    if not (last[-1].isalnum() or last[-1] in ".:)?") or phrase[-1] in ",;!":
        return False  # a question may be a heading ("Who Are We Looking For?"), a list's comma not
    whole = _SMALL_END_PHRASE.fullmatch(clean_heading(phrase).replace("’", "'"))
    if (last in _ENDS_NO_HEADING and not whole) or (n == 1 and not free and not phrase.endswith(":")):
        return False
    if phrase.endswith(".") and n < LIMITS.dotted_inline:
        return False
    whole = HEADING_PHRASE.fullmatch(clean_heading(phrase).rstrip("?").replace("’", "'"))
    if phrase.split()[0].lower() in _SENTENCE_STARTS and not whole:
        return False  # "Our Culture Code is …" starts a sentence; "The Role" is a heading
    return is_known_heading(phrase)


def _inline_items(line: Line) -> list[Line]:
    text = "".join(r.text for r in line.runs)
    if " " not in text[1:] or not _MAYBE_BULLET.search(text):
        return [line]
    cuts = [(m.start(), m.end()) for m in _BULLET_CHAR.finditer(text)]
    if not cuts:
        colon = text.find(": ")
        dashes = [(m.start(), m.end()) for m in _DASH_BULLET.finditer(text, colon)] if colon > 0 else []
        cuts = dashes if dashes and not text[colon + 1 : dashes[0][0]].strip() else []
    if len(cuts) < 2:
        return [line]
    pieces = _cut(line, cuts, ["bullet"] * len(cuts))
    lead = 0 if cuts[0][0] > 0 and text[: cuts[0][0]].strip() else -1
    return [
        piece if i == lead else dataclasses.replace(piece, kind="item", list_id=0)
        for i, piece in enumerate(pieces)
    ]


def glued_items(line: Line) -> list[Line] | None:
    """Items run together with no space between them, one item each ("regulationsDetermine").

    Two glue points or more ("… state regulationsDetermine validity … programsMake …"), and
    every piece two words or more: one camel-cased word ("JavaScript") is no list.
    """
    if len(_GLUED.findall(line.text)) + 1 < LIMITS.glued_items:
        return None  # most lines: not glued at all
    glued = split_glued(line.runs)
    if len(glued) < LIMITS.glued_items or any(len(text_of(runs).split()) < 2 for runs in glued):
        return None
    return [dataclasses.replace(line, kind="item", runs=runs, list_id=0) for runs in glued]


def split_glued(runs: tuple[Run, ...]) -> list[tuple[Run, ...]]:
    """``runs`` cut where a lowercase word runs into a capitalized one with no space."""
    text = "".join(r.text for r in runs)
    pieces: list[tuple[Run, ...]] = []
    rest, offset = runs, 0
    for match in _GLUED.finditer(text):
        before, rest = split_runs(rest, match.end() - offset)
        offset = match.end()
        if normalize_runs(before):
            pieces.append(normalize_runs(before))
    if normalize_runs(rest):
        pieces.append(normalize_runs(rest))
    return pieces
