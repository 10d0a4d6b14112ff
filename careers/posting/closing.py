"""When a posting closes: its own closing date, else a maximum age after it was posted (no ghost jobs)."""

from __future__ import annotations

import datetime as dt

from careers.model import Posting


def closes_on(posting: Posting, max_age_days: int) -> dt.date | None:
    """The last day ``posting`` is open: ``valid_through``, else ``max_age_days`` after it was
    posted (``None``: it never closes by itself: no date posted, ``max_age_days`` is 0, or it was
    imported from a board, which closes it by dropping it)."""
    if posting.valid_through is not None:
        return posting.valid_through
    if posting.date_posted is None or max_age_days <= 0 or posting.board:
        return None
    return posting.date_posted + dt.timedelta(days=max_age_days)


def closes_by_age(posting: Posting, max_age_days: int) -> bool:
    """Whether ``posting`` closes only because of its age (it states no closing date)."""
    return posting.valid_through is None and closes_on(posting, max_age_days) is not None
