"""bullet: a line opening with a bullet or a number is a list item (numbered: ordered)."""

from __future__ import annotations

from careers.posting.clean.lines import bullet_item

from . import para


def test_bullets_and_numbers_make_items() -> None:
    for text, ordered in (("• Sell cars", False), ("- Sell cars", False), ("2) Sell cars", True)):
        made = bullet_item(para(text))
        assert made is not None
        assert (made[0].kind, made[0].text, made[0].ordered) == ("item", "Sell cars", ordered)


def test_a_bullet_with_nothing_after_it_is_not_an_item_and_a_hyphenated_word_is_not_a_bullet() -> None:
    made = bullet_item(para("- N/A"))
    assert made is not None and made[0].kind == "na"
    assert bullet_item(para("-20% off every order")) is None
