"""glued-contact: NHS Jobs' contact block whose labels lost their spaces, one item per label."""

from __future__ import annotations

from careers.posting.clean.facts import glued_contact

from . import kinds, para


def test_a_glued_contact_block_is_one_item_per_label() -> None:
    pieces = glued_contact(para("NameJane DoeJob titleEstates officerEmail addressjane@nhs.net"))
    assert pieces is not None and kinds(pieces) == [
        ("item", "Name: Jane Doe"),
        ("item", "Job title: Estates officer"),
        ("item", "Email address: jane@nhs.net"),
    ]


def test_a_sentence_starting_with_name_is_not_one() -> None:
    assert glued_contact(para("Name badges are worn at all times on the ward.")) is None
