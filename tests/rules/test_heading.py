"""heading: a line that reads as a heading whatever comes around it."""

from __future__ import annotations

from careers.posting.clean.lines import heading_alone

from . import para


def is_heading(text: str, bold: bool = False) -> bool:
    return heading_alone(para(text, bold=bold)) is not None


def test_known_phrases_capitals_and_title_case_with_a_colon_are_headings() -> None:
    assert is_heading("Key Responsibilities")
    assert is_heading("WHAT YOU WILL DO")
    assert is_heading("Skills and Abilities Required:")


def test_a_short_bold_line_is_a_heading_but_a_bold_fact_is_not() -> None:
    assert is_heading("Our Warehouse", bold=True)
    assert not is_heading("Wage: $25 an hour", bold=True)


def test_a_lone_letter_or_a_garbled_character_is_never_a_heading() -> None:
    for text in ("Â", "A", "Ã©", "1.", "—"):
        assert not is_heading(text, bold=True), text


def test_sentences_and_long_lines_are_never_headings() -> None:
    assert not is_heading("We are hiring drivers.")
    assert not is_heading("Excellent customer service skills")
    assert not is_heading("Requirements for this role include a licence and a clean record and more:")


def test_the_parts_schema_org_names_a_posting_by_are_headings() -> None:
    for text in ("Security Clearance", "Clearance:", "Special Commitments", "Sensory Requirements",
                 "Travel Requirements", "Incentives"):  # fmt: skip
        assert is_heading(text), text
