"""run-in-label: plain text opening with a heading's label is that heading and its text."""

from __future__ import annotations

from careers.model import Run
from careers.posting.clean.glued import run_in_label
from careers.posting.clean.line import Line

from . import kinds, para


def test_a_label_in_capitals_or_a_known_heading_opens_a_section() -> None:
    made = run_in_label(para("JOB DESCRIPTION: Acme is seeking a driver to work in its two Yerevan offices."))
    assert made is not None and kinds(made) == [
        ("heading", "JOB DESCRIPTION:"),
        ("para", "Acme is seeking a driver to work in its two Yerevan offices."),
    ]
    made = run_in_label(para("About Acme: We build parcel lockers for cities across the whole region."))
    assert made is not None and made[0].text == "About Acme:"


def test_a_value_a_boards_label_or_a_sentence_with_a_colon_is_not_one() -> None:
    assert run_in_label(para("JOB TITLE: Driver")) is None
    assert run_in_label(para("Location: we are based near the station in the centre of Leeds today")) is None
    assert run_in_label(para("Please note: we reply to every application within two weeks of it.")) is None


def test_a_bold_label_is_left_to_the_run_in_headings_rule() -> None:
    line = Line("para", (Run("About Acme:", True), Run(" We build parcel lockers for the whole region.")))
    assert run_in_label(line) is None
