"""The cyclic garbage collector's pace during a run: fewer full passes over a heap that only grows."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often, for the length of a run.

    A run keeps every posting until it ends, so the heap only grows, and each of the
    collector's full passes walks all of it: at 10,000 postings, with the default
    thresholds, those passes cost more than reading the postings. Young objects are still
    collected, in larger batches; what is frozen once the postings are read goes back at the end.
    """
    old = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*old)
