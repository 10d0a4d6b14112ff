"""run-in-headings: a line opening with a bold label ending in a colon is that heading and its text."""

from __future__ import annotations

from careers.model import Run
from careers.posting.clean.line import Line
from careers.posting.clean.runin import run_in_headings

from . import doc, kinds


def line(label: str, text: str, kind: str = "para") -> Line:
    return Line(kind, (Run(label, True), Run(text)))  # type: ignore[arg-type]


def test_a_bold_label_before_text_is_a_heading_of_its_own() -> None:
    made = run_in_headings(
        [line("About us:", " We build lockers for cities across the whole region.")], doc()
    )
    assert kinds(made) == [
        ("heading", "About us:"),
        ("para", "We build lockers for cities across the whole region."),
    ]


def test_a_label_before_a_value_stays_a_line() -> None:
    assert len(run_in_headings([line("Hours:", " 9 to 5")], doc())) == 1


def test_in_a_list_item_only_a_label_naming_a_section_is_a_heading() -> None:
    text = " We build lockers for cities across the whole region."
    assert kinds(run_in_headings([line("About us:", text, "item")], doc()))[0][0] == "heading"
    assert len(run_in_headings([line("Lockers:", text, "item")], doc())) == 1


def test_a_plain_label_in_capitals_before_a_list_heads_it_whatever_its_text() -> None:
    lines = [
        Line("para", (Run("APPLICATION PROCEDURES: Successful candidates should submit"),)),
        Line("item", (Run("A CV"),), origin="item"),
        Line("para", (Run("OPEN TO: All qualified candidates"),)),
        Line("para", (Run("We reply in a week."),)),
    ]
    assert kinds(run_in_headings(lines, doc()))[:3] == [
        ("heading", "APPLICATION PROCEDURES:"),
        ("para", "Successful candidates should submit"),
        ("item", "A CV"),
    ]
    assert kinds(run_in_headings(lines, doc()))[3] == ("para", "OPEN TO: All qualified candidates")
