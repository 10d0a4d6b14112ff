"""title-repeats: a heading that only repeats the title goes; a leading heading element is the title."""

from __future__ import annotations

from careers.posting.clean.lines import title_repeats

from . import doc, heading, kinds, para


def test_a_heading_or_an_opening_line_repeating_the_title_goes_and_later_text_saying_it_stays() -> None:
    lines = [heading("Night Nurse!"), para("NIGHT NURSE"), heading("Duties"), para("Night nurse")]
    assert kinds(title_repeats(lines, doc("Night Nurse"))) == [("heading", "Duties"), ("para", "Night nurse")]


def test_without_a_title_the_first_heading_element_is_it() -> None:
    document = doc()
    assert kinds(title_repeats([heading("Chef"), para("Cook.")], document)) == [("para", "Cook.")]
    assert document.title == "Chef"
