"""Postings that once hung a build or ate its memory: each is read, or refused with a message,
well within a generous bound (a bound that catches a hang, not a speed target: those live in
``bench/``), and the time a posting takes grows with its length, not with its square."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from careers.config import Config
from careers.model import Result
from careers.posting.process import process_source
from careers.posting.tagging.vocabulary_files import load_vocabulary
from careers.sources.source import parse_source

VOCAB = load_vocabulary()
BOUND = 20.0  # seconds: far above what any of these takes, far below a hang


def processed(body: str, name: str = "content/jobs/x.html") -> tuple[Result, float]:
    """A posting body read and tagged, and the CPU seconds it took."""
    start = time.process_time()
    source = parse_source(body.encode(), Path(name), name)
    result = process_source(source, VOCAB, Config())
    return result, time.process_time() - start


def paragraph(text: str) -> str:
    return f"<h1>Job</h1><p>{text}</p>"


SKILLS = ("Python", "SQL", "Excel", "Java", "communication", "Go", "Chef")
CASES: dict[str, Callable[[int], str]] = {
    # Nested repeats over a list of names: every two more "A& " once quadrupled the time.
    "names-and-ampersands": lambda n: paragraph("Collaborate with " + "A& " * n + "x Leadership"),
    # A skill then dashes, on a preferred line: adjacent repeats once cost 2 s a mention.
    "skill-then-dashes": lambda n: (
        "<h1>Job</h1><h2>Preferred</h2><ul>" + ("<li>Python" + "-" * 60 + "</li>") * (n // 60) + "</ul>"
    ),
    # Every mention once read the whole clause before it: quadratic in the paragraph.
    "years-of-experience": lambda n: paragraph("5+ years of experience " * (n // 23)),
    # Every mention of a soft or guarded skill once searched the whole clause.
    "skill-like-words": lambda n: paragraph(" ".join(SKILLS[i % len(SKILLS)] for i in range(n // 6))),
    "capitals": lambda n: paragraph("ABOUT THE ROLE " * (n // 15)),
    "spaces": lambda n: paragraph("Python" + " " * n + "x:"),
    "nested-elements": lambda n: "<h1>Deep</h1>" + "<div>" * (n // 11) + "text" + "</div>" * (n // 11),
    "table": lambda n: "<h1>Job</h1><table>" + "<tr><td>Python</td><td>5 years</td></tr>" * (n // 40),
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_time_grows_with_the_length_not_its_square(case: str) -> None:
    """A posting four times as long takes about four times as long, not sixteen."""
    make = CASES[case]
    small = min(processed(make(25_000))[1] for _ in range(2))
    large = min(processed(make(100_000))[1] for _ in range(2))
    assert large < BOUND
    assert large < 4 * 2.5 * max(small, 0.02), f"{small:.2f} s at 25 KB, {large:.2f} s at 100 KB"


REPORTED = [
    ("names-and-ampersands", 100),
    ("years-of-experience", 69_000),
    ("years-of-experience", 460_000),
    ("skill-like-words", 720_000),
    ("nested-elements", 110_000),
]


@pytest.mark.parametrize(("case", "size"), REPORTED, ids=str)
def test_the_reported_postings_are_read_in_time(case: str, size: int) -> None:
    """The sizes the issue reported: 69 KB of "5+ years" took 14-21 s, 460 KB over 4 minutes;
    100,000 skill-like words and 10,000 nested elements."""
    result, seconds = processed(CASES[case](size))
    assert result.posting is not None
    assert seconds < BOUND
