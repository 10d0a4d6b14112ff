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
