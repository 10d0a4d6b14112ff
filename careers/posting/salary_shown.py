"""The one salary value as pages compare and show it: a year's top, and the words a board wrote."""

from __future__ import annotations

import re

from careers.model import Posting, Salary
from careers.posting.html import html_text
from careers.posting.salary import pay_label

__all__ = ["PER_YEAR", "pay_as_written", "pay_label", "yearly_top"]  # pay_label: what a card shows

# A full-time year in each period, to compare pay given per hour with pay given per year.
PER_YEAR = {"HOUR": 2080, "DAY": 260, "WEEK": 52, "MONTH": 12, "YEAR": 1}


def yearly_top(salary: Salary | None) -> float | None:
    """The most a salary can pay in a full-time year (its maximum, else its minimum), if it says."""
    if salary is None or not salary.known:
        return None
    top = salary.max_value if salary.max_value is not None else salary.min_value
    return (top or 0) * PER_YEAR.get(salary.unit, 1)


def pay_as_written(posting: Posting) -> str:
    """The pay's words as the posting wrote them, when they say more than its label and are not
    in the text shown ("$14.50 - $16.00/HR dependent upon experience" from a board's label)."""
    salary = posting.salary
    if salary is None or not salary.known:
        return ""
    written = " ".join(salary.text.split())
    if _words(written) == _words(pay_label(salary)):
        return ""
    shown = " ".join(html_text(section.html) for section in posting.sections)
    return "" if written in " ".join(shown.split()) else written


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+|\d+", text.lower().replace(".00", "").replace(",", ""))
