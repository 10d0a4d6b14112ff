"""glued-items: items run together with no space between them are one item each."""

from __future__ import annotations

from careers.posting.clean.flattened import glued_items

from . import kinds, para


def test_items_glued_at_two_points_or_more_are_items() -> None:
    made = glued_items(para("Receive claims from the stateDetermine their validityMake recommendations"))
    assert made is not None and kinds(made) == [
        ("item", "Receive claims from the state"),
        ("item", "Determine their validity"),
        ("item", "Make recommendations"),
    ]


def test_one_glue_point_or_a_one_word_piece_is_not_a_list() -> None:
    assert glued_items(para("Receive claims from the stateDetermine their validity")) is None
    assert glued_items(para("Use the toolkitAnd then the plannerOK")) is None
