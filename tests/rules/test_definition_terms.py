"""definition-terms: a definition list's term and its definition are one item."""

from __future__ import annotations

from careers.posting.clean.lines import definition_terms

from . import doc, item, kinds


def test_a_term_and_its_definition_are_one_labelled_item() -> None:
    lines = [item("Location", term=True), item("Boston"), item("Hours:", term=True), item("9 to 5")]
    assert kinds(definition_terms(lines, doc())) == [("item", "Location: Boston"), ("item", "Hours: 9 to 5")]


def test_a_term_of_another_list_is_not_joined() -> None:
    lines = [item("Location", term=True, list_id=1), item("Boston", list_id=2)]
    assert len(definition_terms(lines, doc())) == 2
