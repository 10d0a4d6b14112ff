"""A place the posting states on a line of its own near its start ("Brande, Denmark"): its location."""

from __future__ import annotations

import re

from careers.posting.clean.facts import field_of
from careers.posting.clean.line import Document, Line
from careers.posting.location import CA_PROVINCES, US_STATES, country_code

# "City, Country" or "City, ST", a few words each, in any language's letters.
_PLACE = re.compile(r"(?P<city>[^\W\d_][\w .'’-]{0,40}),\s*+(?P<where>[^\W\d_][\w .'’()-]{0,40})")
OPENING_LINES = 12  # a place is looked for among a posting's first lines
PLACE_WORDS = 5


def stated_place(lines: list[Line], doc: Document) -> list[Line]:
    """A line that is only a place, among the first lines, taken as the posting's location.

    Only when no board's label stated one; a place the text states beats the site's default.
    """
    if any(field_of(label) == "location" for label, _ in doc.stated):
        return lines
    for i, line in enumerate(lines[:OPENING_LINES]):
        if line.kind not in ("para", "item") or len(line.text.split()) > PLACE_WORDS:
            continue
        found = _PLACE.fullmatch(line.text.rstrip("."))
        if found and _is_region(found["where"]):
            doc.stated.append(("Location", line.text.rstrip(".")))
            return lines[:i] + lines[i + 1 :]
    return lines


def _is_region(text: str) -> bool:
    """A country (in English or its own language) or a US state's or Canadian province's code."""
    return bool(country_code(text)) or text.strip() in US_STATES or text.strip() in CA_PROVINCES
