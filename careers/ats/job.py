"""A job as an applicant tracking system states it, whichever system: what a posting file is written from."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from typing import Any

from careers.model import Salary
from careers.posting.location import CA_PROVINCES, US_STATES, country_code, country_name, parse_address
from careers.posting.salary_parts import salary_from_parts


class PayloadError(Exception):
    """A payload that is not what the system sends: the message says what was found instead."""


@dataclass(frozen=True)
class Job:
    """One job on a board: the facts its system states as fields, and its description as HTML."""

    id: str
    title: str
    body: str
    company: str | None = None
    department: str | None = None
    team: str | None = None
    locations: tuple[str, ...] = ()
    remote: bool | None = None
    employment_type: str | None = None
    level: str | None = None
    date_posted: dt.date | None = None
    valid_through: dt.date | None = None
    apply_url: str | None = None
    salary: Salary | None = None  # pay the employer chose to show
    reference: str | None = None
    notes: tuple[str, ...] = ()  # what an editor should know of it ("no description in this export")


@dataclass(frozen=True)
class Board:
    """What one import read: the jobs, those left out and why, and text every job repeated.

    ``whole`` says the payloads list the whole board, so a job imported before and missing now
    has left it; a single job's details say nothing of the others.
    """

    jobs: tuple[Job, ...]
    skipped: tuple[tuple[str, str], ...] = ()  # (job, why)
    intro: str = ""  # HTML every job's description opened with: one block for the site
    conclusion: str = ""  # HTML every job's description closed with
    whole: bool = True
    notes: tuple[str, ...] = field(default=())


def text(value: Any) -> str | None:
    """A field's text with its white space collapsed; ``None`` for anything else or nothing."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    collapsed = " ".join(str(value).split())
    return collapsed or None


def label(value: Any) -> str | None:
    """The name in a ``{"label": ...}`` or ``{"name": ...}`` object, or the text itself."""
    if isinstance(value, dict):
        return text(value.get("label")) or text(value.get("name"))
    return text(value)


def paragraphs(plain: str) -> str:
    """Plain text as HTML: a paragraph per blank-line-separated block, its lines kept apart."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", plain.replace("\r\n", "\n")) if b.strip()]
    return "".join("<p>" + "<br>".join(map(html.escape, block.split("\n"))) + "</p>" for block in blocks)


def day(value: Any) -> dt.date | None:
    """The day of an ISO date or time ("2026-07-16T11:55:32-04:00", "+0200" offsets too, in its
    own offset), of "2026-08-05 10:10:39 UTC", or of epoch milliseconds (in UTC)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        try:
            return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            raise PayloadError(f"{value!r} is not a time in milliseconds") from None
    written = text(value)
    if written is None:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?=$|[T ])", written)
    try:
        if match is None:
            raise ValueError
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise PayloadError(f"{written!r} is not a date") from None


def place(city: Any = None, region: Any = None, country: Any = None) -> str | None:
    """A location as the site writes it ("Boston, MA, US"-style parts): the city, the region for
    a US state or Canadian province, and the country's name ("Madrid, Spain")."""
    code = country_code(text(country) or "") if country else None
    parts = [text(city)]
    state = text(region)
    if state and (code in ("US", "CA") or (code is None and state.upper() in US_STATES | CA_PROVINCES)):
        parts.append(state)
    parts.append(country_name(code) if code else text(country))
    found = [p for p in parts if p]
    return ", ".join(dict.fromkeys(found)) or None


def with_country(location: str | None, country: Any) -> str | None:
    """``location`` with the country a system states apart ("Washington, D.C." and "US") when
    the text names none of its own."""
    code = country_code(text(country) or "")
    address = parse_address(location) if location else None
    if not location or code is None or (address is not None and address.country):
        return location
    return f"{location}, {country_name(code)}"


def pay(low: Any, high: Any, currency: Any, unit: Any = None, *, cents: bool = False) -> Salary | None:
    """Pay from a system's parts as the one salary model reads them (``salary_from_parts``); none
    without a currency or an amount, or with amounts that cannot be pay."""
    if not text(currency):
        return None
    try:
        salary = salary_from_parts(low, high, currency, unit or None, cents=cents)
    except ValueError:
        return None
    return salary if salary is not None and salary.known else None


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
