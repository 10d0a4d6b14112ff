"""inline-labels: a heading's label after a sentence, inside a line, is a heading of its own."""

from __future__ import annotations

from careers.posting.clean.glued import inline_labels

from . import kinds, para


def test_a_known_label_after_a_sentence_is_cut_out() -> None:
    made = inline_labels(para("Reverse code bills to check them. About Acme: We are a claims company."))
    assert made is not None and kinds(made) == [
        ("para", "Reverse code bills to check them."),
        ("heading", "About Acme:"),
        ("para", "We are a claims company."),
    ]


def test_a_label_opening_the_line_or_inside_a_sentence_or_of_a_board_is_left_alone() -> None:
    assert inline_labels(para("Requirements: A licence and a van.")) is None
    assert inline_labels(para("We value these Requirements: Honesty and care.")) is None
    assert inline_labels(para("We cook. Location: Leeds, near the station.")) is None
    assert inline_labels(para("We cook. Note: Sundays are closed.")) is None
