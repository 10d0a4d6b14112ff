"""pay-heading: a heading element that states pay is a line of text, not a section's title."""

from __future__ import annotations

from careers.posting.clean.lines import pay_heading

from . import heading


def test_a_heading_stating_pay_is_a_line_of_text() -> None:
    made = pay_heading(heading("Pay Scale 1 £8.83 per hour"))
    assert made is not None and made[0].kind == "para"


def test_a_heading_without_an_amount_or_a_known_pay_heading_stays() -> None:
    assert pay_heading(heading("Pay and benefits")) is None
    assert pay_heading(heading("Salary")) is None
    assert pay_heading(heading("Shift 8:00 to 16:00")) is None
