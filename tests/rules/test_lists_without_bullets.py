"""lists-without-bullets: lines in a row, with no blank line between, are a list."""

from __future__ import annotations

from careers.posting.clean.context import lists_without_bullets

from . import doc, heading, kinds, para


def test_three_lines_in_a_row_are_a_list() -> None:
    lines = [para("Health insurance"), para("Paid holidays", gap=False), para("A pension", gap=False)]
    assert [k for k, _ in kinds(lists_without_bullets(lines, doc()))] == ["item", "item", "item"]


def test_two_short_lines_under_a_heading_are_a_list_but_not_elsewhere() -> None:
    lines = [heading("Perks"), para("Free lunch"), para("Gym", gap=False)]
    assert [k for k, _ in kinds(lists_without_bullets(lines, doc()))] == ["heading", "item", "item"]
    assert [k for k, _ in kinds(lists_without_bullets(lines[1:], doc()))] == ["para", "para"]


def test_lines_apart_are_paragraphs_and_a_title_line_among_them_heads_the_rest() -> None:
    apart = [para("We cook."), para("We clean."), para("We serve.")]
    assert [k for k, _ in kinds(lists_without_bullets(apart, doc()))] == ["para", "para", "para"]
    run = [
        para("We cook for two hundred guests every day of the week."),
        para("Customer Service", gap=False),
        para("Greet every guest by name.", gap=False),
        para("Take orders", gap=False),
    ]
    assert [k for k, _ in kinds(lists_without_bullets(run, doc()))] == ["item", "heading", "item", "item"]
