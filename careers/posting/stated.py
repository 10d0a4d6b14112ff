"""What a body states of itself (a board's metadata block, JSON-LD) as typed fields; front matter wins."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from careers.employment import read_employment_type
from careers.model import Salary
from careers.posting.clean import Facts
from careers.posting.fields import Fields, read_url
from careers.posting.salary import parse_salary

T = TypeVar("T")
_DATE_FORMATS = (
    "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d/%m/%Y", "%m/%d/%Y",
)  # fmt: skip
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+-]*Z?)?")


@dataclass(frozen=True)
class Stated:
    """Fields front matter left unset, filled from what the body states."""

    company: str | None = None
    location: str | None = None
    employment_type: str | None = None
    date_posted: dt.date | None = None
    valid_through: dt.date | None = None
    apply_url: str | None = None
    salary: Salary | None = None
    reference: str | None = None
    details: tuple[tuple[str, str], ...] = ()


def stated_fields(facts: Facts, fields: Fields, title: str) -> Stated:
    """The facts front matter does not set, read into typed values; what cannot be read stays a detail."""
    details = list(facts.details)
    if facts.title and facts.title.casefold() != title.casefold():
        details.insert(0, ("Job title", facts.title))

    def read(label: str, value: str | None, given: object, reader: Callable[[str], T]) -> T | None:
        if value is None or given is not None:
            return None
        try:
            return reader(value)
        except ValueError:
            details.append((label, value))
            return None

    return Stated(
        company=facts.company if fields.company is None else None,
        location=facts.location if fields.location is None else None,
        employment_type=read("Employment type", facts.employment_type, fields.employment_type, _employment),
        date_posted=read("Posted", facts.date_posted, fields.date, read_date),
        valid_through=read("Closing date", facts.valid_through, fields.valid_through, read_date),
        apply_url=read("Apply", facts.apply_url, fields.apply_url, read_url),
        salary=parse_salary(facts.salary) if facts.salary and fields.salary is None else None,
        reference=facts.reference,
        details=tuple(details),
    )


def _employment(text: str) -> str:
    """ "Full time", or the first part of "Full-time, Permanent" a reader knows."""
    for part in [text, *re.split(r"(?<!\s)\s*[,/;|]\s*|(?<!\s)\s+-\s+", text)]:
        try:
            return read_employment_type(part)
        except ValueError:
            continue
    raise ValueError(text)


def read_date(text: str) -> dt.date:
    """A stated date: ISO, "30 June 2026", "June 30, 2026", or day-first "30/06/2026" when unambiguous."""
    text = " ".join(text.split())
    iso = _ISO_DATE.fullmatch(text)
    if iso:
        return dt.date.fromisoformat(iso.group(1))
    slashed = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if slashed and int(slashed.group(1)) <= 12 and int(slashed.group(2)) <= 12:
        raise ValueError(f"ambiguous date {text!r}")
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")
