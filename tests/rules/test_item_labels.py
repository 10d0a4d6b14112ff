"""item-labels: an item that heads the items after it is a heading."""

from __future__ import annotations

from careers.posting.clean.items import item_labels

from . import doc, item, kinds


def test_a_group_label_and_a_short_item_ending_in_a_colon_head_the_items_after_them() -> None:
    lines = [item("Clinical", group=True), item("Triage patients"), item("Admin:"), item("File notes")]
    assert [k for k, _ in kinds(item_labels(lines, doc()))] == ["heading", "item", "heading", "item"]


def test_a_bold_item_heads_plain_ones_but_not_bold_ones_or_sentences() -> None:
    assert item_labels([item("Our Area -", bold=True), item("Leeds")], doc())[0].kind == "heading"
    assert item_labels([item("Our Area", bold=True), item("Leeds", bold=True)], doc())[0].kind == "item"
    assert item_labels([item("We file notes.", bold=True), item("Leeds")], doc())[0].kind == "item"


def test_a_heading_glued_to_the_end_of_an_item_is_cut_off() -> None:
    lines = [item("Support people in community integration every day. Professional:"), item("Keep records")]
    assert kinds(item_labels(lines, doc()))[:2] == [
        ("item", "Support people in community integration every day."),
        ("heading", "Professional:"),
    ]
