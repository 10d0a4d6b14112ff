"""Files for machines that hold one item per posting, in order, between a head and a tail.

``jobs.json``, ``postings.js`` and the job feeds are each a ``Layout``: the postings it lists,
what one posting's item is (a function of that posting alone, and of the layout's ``key``),
and the head, separator and tail around the items. Drawing one is joining its items; a
caller that kept an item (the same posting, the same key) may hand it back instead of
drawing it again (``encode``'s ``items``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from careers.model import Posting

# The head, the separator and the tail, given each item's length in bytes (0: the posting has
# none; LinkedIn counts the postings that have one).
Frame = Callable[[Sequence[int]], tuple[bytes, bytes, bytes]]


@dataclass(frozen=True)
class Layout:
    """A machine file as its postings' items between a head and a tail."""

    postings: Sequence[Posting]
    item: Callable[[Posting], str]  # one posting's text in the file ("" for none)
    frame: Frame
    key: str = ""  # what every item depends on besides its posting (the skills' numbers)
    themed: bool = False  # its items are drawn with the theme's templates (the index's cards)

    def encode(self, items: Sequence[bytes] | None = None) -> bytes:
        """The file's bytes, from ``items`` (one a posting, as ``item`` draws them) if given."""
        if items is None:
            items = [self.item(posting).encode() for posting in self.postings]
        head, separator, tail = self.frame([len(item) for item in items])
        return head + separator.join(items) + tail


def fixed(head: bytes, separator: bytes, tail: bytes, empty: bytes) -> Frame:
    """A frame that is the same whatever the items (``empty`` when there are none)."""
    return lambda lengths: (head, separator, tail) if lengths else (empty, b"", b"")
