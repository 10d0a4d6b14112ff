"""Front matter: the fields a posting may set, their types, and what they mean."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from careers.employment import read_employment_type
from careers.errors import Diagnostic, closest, printable, shown
from careers.model import FRONT_MATTER, LEVELS, EmploymentType, Posting, Salary, Slug, Source, Url
from careers.posting.salary import parse_salary
from careers.posting.salary_parts import read_amount, salary_from_mapping


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
    imported: str | None = None  # what ``careers import`` wrote (no posting field: the importer's)
    # Values of the posting fields declared with a front matter key that none of the above
    # names: they go into the posting as they are (see ``careers.model.declare``).
    posting: dict[str, Any] = field(default_factory=dict)


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
            f"is written by 'careers import' as 'SYSTEM JOB-ID HASH', not {shown(text)}: "
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


# Front matter keys that are no posting field of their own, or need more than their type says.
_SPECIAL: dict[str, Callable[[Any], Any]] = {
    "skills": _skills,
    "level": _level,
    "slug": _slug,
    "location": _locations,  # one place, or several (the posting's ``other_locations``)
    "imported": _imported,
}
# A declared posting field's reader, by its type.
_BY_TYPE: dict[Any, Callable[[Any], Any]] = {
    str: _text,
    bool: _bool,
    dt.date: _date,
    Url: read_url,
    Slug: _slug,
    EmploymentType: read_employment_type,
    Salary: _salary,
}


def _reader(hint: Any) -> Callable[[Any], Any]:
    """The reader of a declared field's type (``X | None`` reads as ``X``)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, type(int | None)) and len(args) == 1:
        hint = args[0]
    if hint not in _BY_TYPE:
        raise TypeError(f"no front matter reader for a field of type {hint!r}: add one to _BY_TYPE")
    return _BY_TYPE[hint]


def _declared() -> dict[str, tuple[str, Callable[[Any], Any]]]:
    """Front matter key → (the posting field it sets, its reader), from ``Posting``'s declaration."""
    hints = typing.get_type_hints(Posting, include_extras=True)
    found = {}
    for f in dataclasses.fields(Posting):
        key = f.metadata.get(FRONT_MATTER)
        if key is not None:
            found[key] = (f.name, _SPECIAL.get(key) or _reader(hints[f.name]))
    return found


DECLARED = _declared()
READERS: dict[str, Callable[[Any], Any]] = {
    **{key: reader for key, (_, reader) in DECLARED.items()},
    **_SPECIAL,
}
_NAMED = {f.name for f in dataclasses.fields(Fields)} - {"posting"}


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
    rest = {DECLARED[key][0]: value for key, value in values.items() if key not in _NAMED}
    return Fields(**{k: v for k, v in values.items() if k in _NAMED}, posting=rest), found
