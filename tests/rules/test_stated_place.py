"""stated-place: a line that is only a place, among the first lines, is the posting's location."""

from __future__ import annotations

from careers.posting.clean.place import stated_place

from . import doc, heading, kinds, para


def test_a_place_on_a_line_of_its_own_is_taken_as_the_location() -> None:
    for place in ("Brande, Denmark", "Brande, Danmark", "Portland, OR", "Leeds, United Kingdom"):
        document = doc()
        lines = [para("Lagermedarbejder"), para(place), heading("Om jobbet"), para("Vi søger en kollega.")]
        assert [t for _, t in kinds(stated_place(lines, document))] == [
            "Lagermedarbejder",
            "Om jobbet",
            "Vi søger en kollega.",
        ]
        assert document.stated == [("Location", place)]


def test_a_board_label_stated_first_a_place_in_a_sentence_or_a_late_one_is_left() -> None:
    document = doc()
    document.stated.append(("Job location", "Aarhus, Denmark"))
    assert len(stated_place([para("Brande, Denmark")], document)) == 1
    assert stated_place([para("We deliver across Brande, Denmark and Germany every day.")], doc())
    late = [para(f"Line {i}.") for i in range(12)] + [para("Brande, Denmark")]
    document = doc()
    assert len(stated_place(late, document)) == 13 and document.stated == []
    assert len(stated_place([para("Smith, John")], doc())) == 1  # a name, not a place
