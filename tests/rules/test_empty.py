"""empty: a line with nothing to say is dropped, or marked "N/A" (its section goes with it)."""

from __future__ import annotations

from careers.posting.clean.lines import empty_line

from . import heading, item, kinds, para


def test_hashtags_and_rules_drawn_with_characters_are_dropped() -> None:
    for text in ("#hiring #nurses", "----------", "• • •"):
        made = empty_line(para(text))
        assert made is not None and made[0].kind == "drop", text


def test_not_applicable_is_marked_whatever_the_line_is() -> None:
    for line in (para("N/A"), item("None."), heading("Not applicable")):
        made = empty_line(line)
        assert made is not None and kinds(made) == [("na", line.text)]


def test_a_line_with_words_is_not_empty() -> None:
    assert empty_line(para("#1 in customer service")) is None
    assert empty_line(para("None of our drivers work nights.")) is None
