"""item-blocks: an item's later blocks are joined to it, or read apart."""

from __future__ import annotations

from careers.posting.clean.items import item_blocks

from . import doc, heading, item, kinds


def test_a_later_paragraph_inside_an_item_is_joined_to_it() -> None:
    lines = [item("Drive the van"), item("safely and on time", more=True)]
    assert kinds(item_blocks(lines, doc())) == [("item", "Drive the van safely and on time")]


def test_a_list_that_swallowed_the_posting_gives_back_its_headings_and_text() -> None:
    lines = [item("Drive the van"), item("Benefits", more=True), item("• Free lunch", more=True)]
    assert kinds(item_blocks(lines, doc())) == [
        ("item", "Drive the van"),
        ("heading", "Benefits"),
        ("item", "Free lunch"),
    ]


def test_a_block_of_another_list_is_left_alone() -> None:
    lines = [heading("Duties"), item("Cook", more=True, list_id=2)]
    assert item_blocks(lines, doc()) == lines
