"""Postings of the last run whose long fields are read from the posting store when first used.

A run that patches the last run's site (``careers.engine.patch``) holds every posting, but
draws the pages of a few. Each posting it did not process again is a ``StoredPosting``: a
``Posting`` whose short fields (``SHORT``: title, dates, places, pay...) come from the last
run's snapshot as that run assembled them, and whose long ones (the sections, the tags and
what the tagger found) are filled in from the posting store the first time any is read. Code
that reads a posting cannot tell the two apart; what it never reads is never decoded.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from typing import Any

from careers.model import Posting

# Fields a run reads for every posting (to put pages together, count them, date them, filter
# and price them); every other field is read only where a posting's own page or item is drawn.
LONG = frozenset({"sections", "summary", "skills", "soft_skills", "experience", "education", "details"})
SHORT = tuple(f.name for f in dataclasses.fields(Posting) if f.name not in LONG)
_LONG_FIELDS = tuple(f.name for f in dataclasses.fields(Posting) if f.name in LONG)
# The type of a snapshot's row of short fields, from the model's own hints (a field added to
# ``Posting`` is kept with no change here).
_HINTS = typing.get_type_hints(Posting, include_extras=True)
if typing.TYPE_CHECKING:
    ShortRow = tuple[Any, ...]
else:
    ShortRow = tuple[tuple(_HINTS[name] for name in SHORT)]
_SET = tuple(getattr(Posting, name).__set__ for name in SHORT)


class StoredPosting(Posting):
    """A posting whose long fields are read from the store (``load``) when first asked for."""

    __slots__ = ("_load",)

    def __getattr__(self, name: str) -> Any:
        """Called only for a field not set yet: fill every long field in, then answer."""
        if name not in LONG:
            raise AttributeError(name)
        full = object.__getattribute__(self, "_load")()
        for field in _LONG_FIELDS:
            object.__setattr__(self, field, getattr(full, field))
        return object.__getattribute__(self, name)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Posting):
            return NotImplemented
        names = [f.name for f in dataclasses.fields(Posting)]
        return [getattr(self, n) for n in names] == [getattr(other, n) for n in names]

    __hash__ = Posting.__hash__


def stored_posting(row: tuple[Any, ...], load: Callable[[], Posting]) -> StoredPosting:
    """A posting from its short fields (in ``SHORT``'s order) and the way to read the rest."""
    posting = object.__new__(StoredPosting)
    for put, value in zip(_SET, row, strict=True):
        put(posting, value)
    object.__setattr__(posting, "_load", load)
    return posting


def short_row(posting: Posting) -> tuple[Any, ...]:
    """A posting's short fields, in ``SHORT``'s order (what a snapshot keeps of it)."""
    return tuple(getattr(posting, name) for name in SHORT)
