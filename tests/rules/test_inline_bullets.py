"""inline-bullets: bullets inside one line make its lead-in and its items."""

from __future__ import annotations

from careers.posting.clean.flattened import inline_bullets

from . import kinds, para


def test_bullets_inline_are_items_after_their_lead_in() -> None:
    pieces = inline_bullets(para("What you will do: • Sell cars • Serve tea"))
    assert pieces is not None and kinds(pieces) == [
        ("para", "What you will do:"),
        ("item", "Sell cars"),
        ("item", "Serve tea"),
    ]


def test_dashes_after_a_lead_in_are_bullets_but_a_dash_in_a_sentence_is_not() -> None:
    pieces = inline_bullets(para("You bring: - A licence - Two years driving"))
    assert pieces is not None and [k for k, _ in kinds(pieces)] == ["para", "item", "item"]
    assert inline_bullets(para("Pay is good - really good - and hours are short.")) is None
