"""Lines grouped into sections: titled by their headings, boilerplate and the company apart."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from careers.model import ListBlock, Paragraph, Run, Section, SectionKind
from careers.posting.clean.boilerplate import (
    FURNITURE_HEADING,
    is_boilerplate,
    is_company_opening,
    is_furniture,
    notice_start,
)
from careers.posting.clean.headings import clean_heading, heading_kind, same_words, words_of
from careers.posting.clean.line import Line
from careers.posting.clean.registry import read_line
from careers.posting.clean.runs import normalize_runs, read_marks, split_runs, text_of

# Sections whose boilerplate gets a section of its own: an equal-opportunity paragraph at the end of
# the requirements, or after a benefits list, is neither.
_NOTICE_FROM = frozenset(
    {"summary", "responsibilities", "requirements", "preferred", "other", "benefits", "company"}
)


@dataclass
class _Draft:
    heading: str | None
    kind: SectionKind
    lines: list[Line] = field(default_factory=list)


def assemble(lines: list[Line]) -> tuple[Section, ...]:
    """Group lines into sections; drop furniture, "N/A" sections and empty openings."""
    drafts = [_Draft(None, "summary")]
    skipping = False  # inside a section of job-board furniture ("Similar jobs")
    resume: SectionKind | None = None  # the kind a list after an untitled notice goes back to
    for line in lines:
        text = line.text
        if line.kind == "heading":
            # A heading is shown as plain text: marks split across its runs are read once joined.
            heading = clean_heading(text_of(read_marks((Run(text),))))
            skipping = bool(FURNITURE_HEADING.fullmatch(heading))
            restated = _restated(drafts[-1], line, heading)
            if restated:
                drafts[-1].lines.append(restated)
            elif heading and not skipping and not is_furniture(line.runs, text):
                drafts.append(_Draft(heading, heading_kind(heading)))
                resume = None
            continue
        if skipping or line.kind == "drop" or is_furniture(line.runs, text):
            continue
        if line.kind == "para" and drafts[-1].kind in _NOTICE_FROM and is_boilerplate(text):
            resume = drafts[-1].kind
            start = notice_start(text)
            if start:  # "… a valid licence. Acme is an equal opportunity employer.": two lines
                before, after = split_runs(line.runs, start)
                drafts[-1].lines.append(dataclasses.replace(line, runs=normalize_runs(before)))
                line = dataclasses.replace(line, runs=normalize_runs(after))
            drafts.append(_Draft(None, "equal_opportunity"))
        elif line.kind == "item" and resume is not None and drafts[-1].kind == "equal_opportunity":
            drafts.append(_Draft(None, resume))  # a list after the notice is the section's again
            resume = None
        drafts[-1].lines.append(line)
    kept = _sub_sections([draft for draft in _split_opening(drafts) if _worth_keeping(draft)])
    sections = []
    for i, draft in enumerate(kept):
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if draft.lines or not _repeated(draft, nxt):
            sections.append(Section(draft.heading, draft.kind, to_blocks(draft.lines)))
    return tuple(sections)


def _worth_keeping(draft: _Draft) -> bool:
    """Not an empty opening, nor a section that only says "N/A"."""
    if not draft.lines:
        return draft.heading is not None
    return not all(line.kind == "na" for line in draft.lines)


def _restated(draft: _Draft, line: Line, heading: str) -> Line | None:
    """A lead-in right under the heading it restates ("Preferred Qualifications", then
    "Preferred qualifications include:") as that heading's first line, else ``None``."""
    if draft.heading is None or draft.lines:
        return None
    first, second = words_of(draft.heading), words_of(heading)
    if not first or len(second) <= len(first) or second[: len(first)] != first:
        return None
    read = [x for x in read_line(dataclasses.replace(line, kind="para", origin="text")) if x.kind != "drop"]
    return read[0] if len(read) == 1 else None  # a line that is more than a lead-in stays a heading


def _repeated(draft: _Draft, nxt: _Draft | None) -> bool:
    """An empty heading the next one repeats ("Skills:" then "Skills")."""
    return nxt is not None and draft.heading is not None and same_words(draft.heading, nxt.heading or "")


def _sub_sections(drafts: list[_Draft]) -> list[_Draft]:
    """Headings that say nothing of their kind, under an empty one that does, are of its kind.

    "What You'll Do" with nothing under it, then "Treasury Operations", "Debt / Financing":
    those are the responsibilities, grouped.
    """
    out: list[_Draft] = []
    parent: SectionKind | None = None
    for draft in drafts:
        if draft.kind == "other" and parent is not None:
            draft = _Draft(draft.heading, parent, draft.lines)
        elif draft.heading is not None:
            parent = draft.kind if not draft.lines and draft.kind != "other" else None
        out.append(draft)
    return out


def _split_opening(drafts: list[_Draft]) -> list[_Draft]:
    """The untitled opening's leading paragraphs about the employer as a company section."""
    opening = drafts[0]
    count = 0
    for line in opening.lines:
        if line.kind != "para" or not is_company_opening(line.text):
            break
        count += 1
    if not count:
        return drafts
    company = _Draft(None, "company", opening.lines[:count])
    rest = _Draft(None, "summary", opening.lines[count:])
    return [company, rest, *drafts[1:]]


def to_blocks(lines: list[Line]) -> tuple[Paragraph | ListBlock, ...]:
    """Lines as paragraphs and lists: items in a row make one list (a source's lists cut in
    pieces by empty items or closing tags read as one), numbered or not."""
    blocks: list[Paragraph | ListBlock] = []
    items: list[tuple[Run, ...]] = []
    ordered = False
    for line in lines:
        if line.kind == "item":
            if items and line.ordered != ordered:
                blocks.append(ListBlock(tuple(items), ordered))
                items = []
            items.append(line.runs)
            ordered = line.ordered
            continue
        if items:
            blocks.append(ListBlock(tuple(items), ordered))
            items = []
        if line.kind in ("para", "na", "heading"):
            blocks.append(Paragraph(line.runs))
    if items:
        blocks.append(ListBlock(tuple(items), ordered))
    return tuple(blocks)
