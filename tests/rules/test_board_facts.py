"""board-facts: a board's metadata block is taken out of the text, its labels kept as facts."""

from __future__ import annotations

from careers.posting.clean.facts import board_facts

from . import doc, kinds, para


def test_labelled_lines_a_board_prints_are_facts() -> None:
    document = doc()
    lines = [para("Location: Boston"), para("Job ID: R-12"), para("We are hiring a cook.")]
    assert kinds(board_facts(lines, document)) == [("para", "We are hiring a cook.")]
    assert document.stated == [("Location", "Boston"), ("Job ID", "R-12")]


def test_a_label_on_its_own_line_and_its_value_on_the_next_are_a_fact() -> None:
    document = doc()
    lines = [para("Time type"), para("Full time"), para("Location"), para("Leeds"), para("We cook.")]
    assert kinds(board_facts(lines, document)) == [("para", "We cook.")]
    assert document.stated == [("Time type", "Full time"), ("Location", "Leeds")]


def test_labelled_text_that_is_not_a_boards_stays() -> None:
    document = doc()
    lines = [para("We cook."), para("Note: the kitchen closes on Sundays for deep cleaning.")]
    assert board_facts(lines, document) == lines and document.stated == []
