"""A line classifier learned from the labelled headings, to weigh against the hand rules.

Each candidate line (twelve words or fewer, not a drop or "N/A") is described by binary
features (its length, case, colon, emphasis, where it came from, whether it is a known heading
phrase, its position, what comes before and after it) and scored by a logistic model whose
weights ``tools/train_lines.py`` learns from labelled postings: plain Python, a dictionary.

The product does not use it. ``bench/corpus.py --learned learned|stacked`` trains it once per
source family, without that family, and builds the family with it: on families it had not seen
it found fewer of the labelled headings than the hand rules of ``careers/posting/clean/registry``
(87% or 91% against 95%), for more precision (91% or 90% against 87%) that the issue's measures
do not ask for (docs/internals.md, "Line rules or a learned classifier"). It stays here, with its
training script, so the comparison can be run again as the corpus grows.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import math
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from careers.posting.clean.headings import (
    AMOUNT,
    heading_kind,
    is_capitals,
    is_known_heading,
    starts_heading,
    title_case,
)
from careers.posting.clean.line import Document, Line
from careers.posting.clean.registry import CONTEXT_RULES, LINE_RULES, Rule
from careers.posting.clean.runs import all_strong
from careers.posting.clean.thresholds import LIMITS

THRESHOLD = 0.5
Weights = dict[str, float]
# What each variant takes out of the registry: "learned" decides in place of the hand rules that
# say a line is a heading; "stacked" keeps them all and sees their decision.
REPLACED = {"learned": ("heading", "item-labels", "headings-in-context"), "stacked": ()}
PRIORITY = 55  # after the hand rules that find headings, before the board's facts are taken


def is_candidate(line: Line) -> bool:
    """Whether the classifier decides this line: a short line of text, an item or a heading."""
    return line.kind in ("heading", "para", "item") and 0 < len(line.text.split()) <= LIMITS.heading


def features(line: Line, prev: Line | None, nxt: Line | None, index: int, stacked: bool = False) -> list[str]:
    """The names of a line's binary features (``stacked`` adds the hand rules' own decision)."""
    text = line.text
    words = text.split()
    n = len(words)
    found = ["bias", f"words:{_bucket(n)}", f"end:{_end(text)}", f"origin:{line.origin}", f"kind:{line.kind}"]
    if stacked:
        found.append(f"rules:{line.kind}")
    if is_capitals(text):
        found.append("capitals")
    if title_case(words):
        found.append("title_case")
    if text[:1].isupper():
        found.append("first_upper")
    if any(c.isdigit() for c in text):
        found.append("digit")
    if AMOUNT.search(text):
        found.append("amount")
    if "@" in text or "http" in text:
        found.append("address")
    if all_strong(line.runs):
        found.append("bold")
    if line.group:
        found.append("group")
    if line.gap:
        found.append("gap")
    if is_known_heading(text):
        found.append("known")
    if starts_heading(words[0]):
        found.append("starts_heading")
    found.append(f"section:{heading_kind(text)}")
    found.append(f"index:{min(index, 5)}")
    found.append(f"prev:{_neighbour(prev)}")
    found.append(f"next:{_neighbour(nxt)}")
    return found


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-9" if n <= 9 else "10+"


def _end(text: str) -> str:
    last = text[-1]
    return {":": "colon", ".": "period", "?": "question", "!": "bang", ",": "comma", ";": "comma"}.get(
        last, "none"
    )


def _neighbour(line: Line | None) -> str:
    if line is None:
        return "none"
    if line.kind != "para":
        return line.kind
    text = line.text
    if all_strong(line.runs):
        return "bold"
    if text.endswith(":"):
        return "colon"
    return "sentence" if len(text.split()) >= LIMITS.sentence or text[-1] in ".!?" else "short"


def probability(found: list[str], weights: Weights) -> float:
    z = sum(weights.get(f, 0.0) for f in found)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def learned_headings(lines: list[Line], doc: Document, weights: Weights, stacked: bool = False) -> list[Line]:
    """Every candidate line made a heading, or not, by the learned model."""
    out = list(lines)
    for i, line in enumerate(lines):
        if not is_candidate(line):
            continue
        prev = out[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        heading = probability(features(line, prev, nxt, i, stacked), weights) >= THRESHOLD
        if heading and line.kind != "heading":
            out[i] = dataclasses.replace(line, kind="heading")
        elif not heading and line.kind == "heading":
            out[i] = dataclasses.replace(line, kind="item" if line.origin == "item" else "para")
    return out


@contextlib.contextmanager
def variant(name: str, rule: object) -> Iterator[None]:
    """The registry with ``rule`` (the classifier, or a rule capturing its examples) in it, and
    for ``learned`` the hand rules it replaces out; as it was afterwards."""
    removed = [(r, reg) for reg in (LINE_RULES, CONTEXT_RULES) for r in reg if r.name in REPLACED[name]]
    for old, registry in removed:
        registry.deregister(old.name)
    CONTEXT_RULES.register(Rule("learned-headings", PRIORITY, rule))  # type: ignore[arg-type]
    try:
        yield
    finally:
        CONTEXT_RULES.deregister("learned-headings")
        for old, registry in removed:
            registry.register(old)  # type: ignore[arg-type]


def classifying(name: str, weights: Weights) -> contextlib.AbstractContextManager[None]:
    """The registry deciding headings with the classifier and ``weights``."""
    return variant(name, functools.partial(learned_headings, weights=weights, stacked=name == "stacked"))
