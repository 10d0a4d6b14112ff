"""headings-in-context: lead-ins before a list and short title lines between text are headings."""

from __future__ import annotations

from careers.posting.clean.context import headings_in_context

from . import doc, item, kinds, para


def test_a_lead_in_before_a_list_is_its_heading_with_or_without_a_colon() -> None:
    for lead in ("The skills required are:", "The skills required are"):
        lines = [para("We cook."), para(lead), item("Knife skills")]
        assert kinds(headings_in_context(lines, doc()))[1] == ("heading", lead)


def test_a_short_title_case_line_between_text_is_a_heading() -> None:
    lines = [
        para("We cook for two hundred guests a day."),
        para("Customer Service"),
        para("Greet every guest."),
    ]
    assert kinds(headings_in_context(lines, doc()))[1] == ("heading", "Customer Service")


def test_a_line_a_lead_in_introduces_is_what_it_names_not_a_heading() -> None:
    lines = [
        para("Thank you. Apply at the link below:"),
        para("Acme Careers Portal"),
        para("We reply in a week."),
    ]
    assert kinds(headings_in_context(lines, doc()))[1] == ("para", "Acme Careers Portal")
