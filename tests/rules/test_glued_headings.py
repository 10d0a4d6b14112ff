"""glued-headings: a heading that lost the spaces around it gets them back."""

from __future__ import annotations

from careers.posting.clean.glued import glued_headings

from . import para


def fixed(text: str) -> str | None:
    made = glued_headings(para(text))
    return made[0].text if made else None


def test_a_heading_glued_on_both_sides_gets_its_spaces() -> None:
    assert fixed("Review SupervisorGENERAL DESCRIPTION:Reverse code bills.") == (
        "Review Supervisor GENERAL DESCRIPTION: Reverse code bills."
    )
    assert (
        fixed("Must travel.Requirements:Bachelor's degree") == "Must travel. Requirements: Bachelor's degree"
    )
    assert fixed("REQUIRED SKILLS:*Requires a diploma") == "REQUIRED SKILLS: *Requires a diploma"


def test_a_known_heading_run_into_its_text_is_cut_off() -> None:
    assert (
        fixed("Position SummaryOperates chemical systems.") == "Position Summary Operates chemical systems."
    )


def test_words_that_are_written_together_stay_together() -> None:
    assert fixed("Experience with JavaScript and PowerPoint: required") is None
    assert fixed("See https://acme.example/jobs or mailto:jobs@acme.example") is None
    assert fixed("Shift starts at 10:30 sharp.") is None
