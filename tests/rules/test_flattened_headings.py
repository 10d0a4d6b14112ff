"""flattened-headings: a long line with no break is cut at its inline headings."""

from __future__ import annotations

from careers.posting.clean.flattened import flattened_headings

from . import kinds, para

FILLER = "We build parcel lockers for cities across the region and we keep them working every day. " * 7


def test_a_long_flattened_line_is_cut_at_its_inline_headings() -> None:
    text = (
        FILLER
        + "Responsibilities: Fix lockers on site. Requirements: A driving licence and two years in the trade."
    )
    pieces = flattened_headings(para(text))
    assert pieces is not None
    assert [k for k, _ in kinds(pieces)] == ["para", "heading", "para", "heading", "para"]
    assert [t for k, t in kinds(pieces) if k == "heading"] == ["Responsibilities:", "Requirements:"]


def test_a_short_line_or_a_long_one_without_two_headings_is_left_to_other_rules() -> None:
    assert flattened_headings(para("Responsibilities: Fix lockers. Requirements: A licence.")) is None
    assert flattened_headings(para(FILLER + "Requirements: a licence.")) is None


def test_questions_curly_apostrophes_and_headings_side_by_side_are_found_but_not_a_ticker() -> None:
    text = (
        FILLER + "Who Are We Looking For? A scientist who reads data well. What You’ll Do Design the "
        "sampling plan. Basic Qualifications: Experience Five years with SQL. Our Story Acme (NASDAQ: ACME) "
        "builds lockers."
    )
    pieces = flattened_headings(para(text))
    assert pieces is not None
    assert [t for k, t in kinds(pieces) if k == "heading"] == [
        "Who Are We Looking For?",
        "What You’ll Do",
        "Basic Qualifications:",
        "Experience",
        "Our Story",
    ]


def test_a_known_phrase_ending_in_a_small_word_stands_inline_but_an_open_slot_does_not_run_on() -> None:
    text = (
        FILLER + "What We’re Looking For Business acumen and five years of SQL. Who We Are Acme builds "
        "lockers. Learn More About Acme Welcome to Acme! We build lockers."
    )
    pieces = flattened_headings(para(text))
    assert pieces is not None
    assert [t for k, t in kinds(pieces) if k == "heading"] == [
        "What We’re Looking For",
        "Who We Are",
        "Learn More About Acme",
    ]


def test_a_heading_of_two_nouns_joined_by_a_slash_stands_inline() -> None:
    text = (
        FILLER
        + "Duties Operate the line. Keep it clean. Education/Experience High School diploma or equivalent."
    )
    pieces = flattened_headings(para(text))
    assert pieces is not None
    assert [t for k, t in kinds(pieces) if k == "heading"] == ["Duties", "Education/Experience"]
