"""Front matter: the fields a posting may set, their types, and what they mean."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from careers.errors import Diagnostic, closest, printable, shown
from careers.model import LEVELS, Salary, Source
from careers.posting.salary import parse_salary
from careers.posting.salary_parts import read_amount, salary_from_mapping

# Accepted spellings → schema.org employmentType values.
EMPLOYMENT_TYPES = {
    "full-time": "FULL_TIME",
    "full time": "FULL_TIME",
    "fulltime": "FULL_TIME",
    "full_time": "FULL_TIME",
    "part-time": "PART_TIME",
    "part time": "PART_TIME",
    "parttime": "PART_TIME",
    "part_time": "PART_TIME",
    "contract": "CONTRACTOR",
    "contractor": "CONTRACTOR",
    "freelance": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "temp": "TEMPORARY",
    "seasonal": "TEMPORARY",
    "internship": "INTERN",
    "intern": "INTERN",
    "volunteer": "VOLUNTEER",
    "per diem": "PER_DIEM",
    "per_diem": "PER_DIEM",
    "other": "OTHER",
}
EMPLOYMENT_LABELS = {
    "FULL_TIME": "Full-time",
    "PART_TIME": "Part-time",
    "CONTRACTOR": "Contract",
    "TEMPORARY": "Temporary",
    "INTERN": "Internship",
    "VOLUNTEER": "Volunteer",
    "PER_DIEM": "Per diem",
    "OTHER": "Other",
}


class SkillNames(NamedTuple):
    """Front matter ``skills:``: the names required, and those only preferred."""

    required: tuple[str, ...]
    preferred: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fields:
    """Front matter read into typed values; absent keys are ``None``."""

    title: str | None = None
    company: str | None = None
    location: tuple[str, ...] | None = None  # one place, or several
    employment_type: str | None = None
    department: str | None = None
    team: str | None = None
    remote: bool | None = None
    date: dt.date | None = None
    valid_through: dt.date | None = None
    apply_url: str | None = None
    salary: Salary | None = None
    skills: SkillNames | None = None
    level: str | None = None
    draft: bool = False
    slug: str | None = None
    summary: str | None = None
    reference: str | None = None
    imported: str | None = None
    existing_vacancy: bool | None = None
    ai_screening: bool | None = None
    pay_shared_before_interview: bool | None = None
    pay_url: str | None = None
    reports_to: str | None = None


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError("must be text")
    text = " ".join(str(value).split())
    if not text:
        raise ValueError("must not be empty")
    return text


def _locations(value: Any) -> tuple[str, ...]:
    """One place ("Boston, MA, US"), or a list of them: the first is the posting's main location."""
    if not isinstance(value, list):
        return (_text(value),)
    places = tuple(dict.fromkeys(_text(v) for v in value))
    if not places:
        raise ValueError("must name a place, or a list of places")
    return places


# What ``careers import`` writes: the system, the job's id there, and a hash of the file as written.
IMPORTED = re.compile(r"(?P<system>[a-z]+) (?P<id>[A-Za-z0-9._-]{1,80}) (?P<digest>[0-9a-f]{16})")


def _imported(value: Any) -> str:
    text = _text(value)
    if not IMPORTED.fullmatch(text):
        raise ValueError(
            f"is written by 'careers import' as 'SYSTEM JOB-ID HASH', not {text!r}: "
            "delete the line to keep the file as yours"
        )
    return text


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"must be a date written YYYY-MM-DD, not {shown(value)}")


def read_url(value: Any) -> str:
    """An http(s) URL, or an email address as a ``mailto:`` link."""
    text = _text(value)
    if "@" in text and ":" not in text:
        text = "mailto:" + text
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (reading it checks it)
    except ValueError:  # "http://[::1", a port of 99999
        parts = None
    if (
        not parts
        or parts.scheme not in ("http", "https", "mailto")
        or (parts.scheme != "mailto" and not parts.netloc)
    ):
        raise ValueError(f"must be an http(s) URL or an email address, not {shown(text)}")
    return text


def read_employment_type(value: Any) -> str:
    """Any common spelling ("Full time", "contract") as a schema.org employmentType."""
    text = _text(value)
    key = text.lower().replace("_", " ") if text.upper() not in EMPLOYMENT_LABELS else None
    if key is None:
        return text.upper()
    found = EMPLOYMENT_TYPES.get(key) or EMPLOYMENT_TYPES.get(key.replace(" ", "-"))
    if found is None:
        choices = ", ".join(sorted(set(EMPLOYMENT_LABELS.values())))
        raise ValueError(f"unknown employment type {shown(text)} (use one of: {choices})")
    return found


def _skills(value: Any) -> SkillNames:
    """A list (all required), or ``{required: [...], preferred: [...]}``; a name in both is required."""
    if not isinstance(value, dict):
        return SkillNames(_skill_list(value))
    unknown = sorted(str(key) for key in value if key not in ("required", "preferred"))
    if unknown:
        raise ValueError(f"may hold 'required' and 'preferred' lists, not {shown(unknown)[1:-1]}")
    required = _skill_list(value.get("required") or [])
    taken = {name.casefold() for name in required}
    preferred = tuple(n for n in _skill_list(value.get("preferred") or []) if n.casefold() not in taken)
    return SkillNames(required, preferred)


def _skill_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        raise ValueError(
            "must be a list of skill names, e.g. [Python, SQL], or {required: [...], preferred: [...]}"
        )
    return tuple(_text(v) for v in value if not (isinstance(v, str) and not v.strip()))


def _level(value: Any) -> str:
    text = _text(value).lower().replace("-", "_").replace(" ", "_")
    text = {"mid": "mid_senior", "senior": "mid_senior", "entry_level": "entry", "intern": "internship"}.get(
        text, text
    )
    if text not in LEVELS:
        raise ValueError(f"unknown level {shown(value)} (use one of: {', '.join(LEVELS)})")
    return text


def _slug(value: Any) -> str:
    text = _text(value)
    if len(text) > 80 or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text):
        raise ValueError(f"must be lowercase letters, digits and dashes, not {shown(text)}")
    return text


def _salary(value: Any) -> Salary:
    if isinstance(value, dict):
        try:
            salary = salary_from_mapping(value)
        except ValueError as exc:
            raise ValueError(printable(str(exc))) from None
        assert salary is not None  # a mapping with neither amount was refused
        return salary
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        amount = read_amount(value)
        return Salary("USD", amount, amount, "YEAR", _text(value))
    text = _text(value)
    if re.search(r"\d{16,}", re.sub(r"(?<=\d)[,.](?=\d)", "", text)):
        raise ValueError("must hold finite amounts, not .nan, .inf or hundreds of digits")
    return parse_salary(text)


READERS: dict[str, Callable[[Any], Any]] = {
    "title": _text,
    "company": _text,
    "location": _locations,
    "department": _text,
    "team": _text,
    "employment_type": read_employment_type,
    "remote": _bool,
    "date": _date,
    "valid_through": _date,
    "apply_url": read_url,
    "salary": _salary,
    "skills": _skills,
    "level": _level,
    "draft": _bool,
    "slug": _slug,
    "summary": _text,
    "existing_vacancy": _bool,
    "ai_screening": _bool,
    "pay_shared_before_interview": _bool,
    "pay_url": read_url,
    "reports_to": _text,
    "reference": _text,
    "imported": _imported,
}


def read_fields(source: Source) -> tuple[Fields, list[Diagnostic]]:
    """Type-check every front matter key: errors for wrong values, warnings for unknown keys."""
    values: dict[str, Any] = {}
    found: list[Diagnostic] = []
    for key, raw in source.meta.items():
        line = source.meta_lines.get(key)
        reader = READERS.get(key)
        if reader is None and closest(key, READERS) == "draft":
            # A mistyped "draft" must never publish what the team meant to keep private.
            message = (
                f"front matter key '{printable(key)}' is not 'draft' (write it in lower case, singular): "
                "the posting is kept out until it is"
            )
            found.append(Diagnostic(source.relpath, line, "error", message))
            continue
        if reader is None:
            close = closest(key, READERS)
            hint = f"; did you mean '{close}'?" if close else f"; known keys: {', '.join(READERS)}"
            found.append(
                Diagnostic(
                    source.relpath,
                    line,
                    "warning",
                    f"unknown front matter key '{printable(key)}' is ignored{hint}",
                )
            )
            continue
        if raw is None:
            continue
        try:
            values[key] = reader(raw)
        except ValueError as exc:
            found.append(Diagnostic(source.relpath, line, "error", f"front matter '{key}' {exc}"))
    return Fields(**values), found
