"""A processed posting (``Result``) to JSON-ready values and back, checked like front matter.

A stored entry is input like any other: someone may have edited it, a disk may have flipped a
byte, an older version may have written it. Decoding checks every value it reads (types,
dates, URLs, slugs, the HTML of every section against the few tags the cleaner emits) and
raises ``ValueError`` on anything it would not have written itself; the store takes that as a
miss and the posting is processed again. Plain JSON values only: no pickle.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from careers.errors import Diagnostic
from careers.model import (
    LEVELS,
    SECTION_KINDS,
    Education,
    Experience,
    Part,
    PayRange,
    Posting,
    Result,
    Salary,
    SkillTag,
)
from careers.posting.fields import EMPLOYMENT_LABELS
from careers.posting.salary import SALARY_UNITS
from careers.slugs import is_slug

Json = Any
_LEVELS = ("error", "warning", "info")
_EDUCATION = (
    *("none", "high_school", "some_college", "certificate"),
    *("associate", "bachelor", "master", "doctorate"),
)
# Everything the cleaner's HTML can hold (see ``careers.posting.html``), and nothing else.
_SAFE_HTML = re.compile(
    r'(?:[^<>]++|<(?:/?(?:p|ul|ol|li|strong|em)|/a|a href="(?:https?|mailto|tel):[^"<>\s]*+"'
    r' rel="nofollow noopener noreferrer")>|\n)*+'
)
DISCLOSURES = ("existing_vacancy", "ai_screening", "pay_shared_before_interview", "pay_url", "reports_to")
_APPLY = re.compile(r"(?:https?://[^\s\"<>]+|mailto:[^\s\"<>]+)")


def encode_result(result: Result) -> Json:
    return {
        "posting": encode_posting(result.posting) if result.posting else None,
        "diagnostics": [[d.path, d.line, d.level, d.message] for d in result.diagnostics],
        "lines": result.lines,
    }


def decode_result(data: Json, trusted: bool = False) -> Result:
    """A result from ``encode_result``'s values; ``trusted`` (signed by this user's own run:
    its shape is the encoder's) makes the sections and skills, what a posting has many of,
    without checking them one by one."""
    posting = decode_posting(data["posting"], trusted) if data["posting"] is not None else None
    lines = data["lines"]
    if not isinstance(lines, dict) or not all(type(n) is int for n in lines.values()):
        raise ValueError(f"not a map of lines: {lines!r}")
    return Result(posting, tuple(_diagnostic(d) for d in _list(data["diagnostics"])), lines)


def encode_posting(p: Posting) -> Json:
    return {
        "source": p.source,
        "slug": p.slug,
        "title": p.title,
        "sections": [[s.heading, s.kind, s.html] for s in p.sections],
        "summary": p.summary,
        "skills": [_skill_row(t) for t in p.skills],
        "soft_skills": [_skill_row(t) for t in p.soft_skills],
        "experience": _experience_row(p.experience),
        "education": _education_row(p.education),
        "company": p.company,
        "location": p.location,
        "employment_type": p.employment_type,
        "department": p.department,
        "team": p.team,
        "remote": p.remote,
        "date_posted": _iso(p.date_posted),
        "valid_through": _iso(p.valid_through),
        "apply_url": p.apply_url,
        "salary": None if p.salary is None else _salary_row(p.salary),
        "draft": p.draft,
        "explicit_slug": p.explicit_slug,
        "reference": p.reference,
        "details": [list(d) for d in p.details],
        "other_locations": list(p.other_locations),
        "updated": _iso(p.updated),
        "disclosures": [getattr(p, name) for name in DISCLOSURES],
    }


def decode_posting(d: Json, trusted: bool = False) -> Posting:
    employment = _optional(d["employment_type"], _str)
    if employment is not None and employment not in EMPLOYMENT_LABELS:
        raise ValueError(f"not an employment type: {employment!r}")
    vacancy, screening, shared, pay_url, reports_to = _row(d["disclosures"], len(DISCLOSURES))
    return Posting(
        source=_str(d["source"]),
        slug=_slug(d["slug"]),
        title=_str(d["title"]),
        sections=tuple(Part(*s) for s in d["sections"])
        if trusted
        else tuple(_part(s) for s in _list(d["sections"])),
        summary=_str(d["summary"]),
        skills=_skills(d["skills"], trusted),
        soft_skills=_skills(d["soft_skills"], trusted),
        experience=_optional(d["experience"], _experience),
        education=_optional(d["education"], _education),
        company=_optional(d["company"], _str),
        location=_optional(d["location"], _str),
        employment_type=employment,
        department=_optional(d["department"], _str),
        team=_optional(d["team"], _str),
        remote=_bool(d["remote"]),
        date_posted=_optional(d["date_posted"], _date),
        valid_through=_optional(d["valid_through"], _date),
        apply_url=_optional(d["apply_url"], _apply_url),
        salary=_optional(d["salary"], _salary),
        draft=_bool(d["draft"]),
        explicit_slug=_bool(d["explicit_slug"]),
        reference=_optional(d["reference"], _str),
        details=tuple(_detail(row) for row in _list(d["details"])),
        other_locations=tuple(_str(place) for place in _list(d["other_locations"])),
        updated=_optional(d["updated"], _date),
        existing_vacancy=_optional(vacancy, _bool),
        ai_screening=_optional(screening, _bool),
        pay_shared_before_interview=_bool(shared),
        pay_url=_optional(pay_url, _apply_url),
        reports_to=_optional(reports_to, _str),
    )


def _experience_row(e: Experience | None) -> Json:
    if e is None:
        return None
    return [e.min_months, e.max_months, e.required, e.level, e.phrase, e.level_reason]


def _education_row(e: Education | None) -> Json:
    if e is None:
        return None
    return [e.level, e.required, e.equivalent_experience, e.phrase, e.equivalent_months, e.preferred_level]


def _salary_row(s: Salary) -> Json:
    places = [[p.place, p.currency, p.min_value, p.max_value, p.unit] for p in s.places]
    return [s.currency, s.min_value, s.max_value, s.unit, s.text, places]


# The two kinds of value every posting has many of are checked inline: a call per field
# for every section and skill of 10,000 postings was most of the time of reading them.


def _part(row: Json) -> Part:
    if type(row) is list and len(row) == 3:
        heading, kind, html = row
        if (heading is None or type(heading) is str) and kind in SECTION_KINDS and type(html) is str:
            if _SAFE_HTML.fullmatch(html):
                return Part(heading, kind, html)
            raise ValueError("section HTML holds markup the cleaner never writes")
    raise ValueError(f"not a section: {row!r}")


def _skill_row(t: SkillTag) -> Json:
    return [t.name, t.slug, t.category, t.required, t.phrase, t.term, t.reason]


def _skills(rows: Json, trusted: bool) -> tuple[SkillTag, ...]:
    if trusted:
        return tuple(SkillTag(*t) for t in rows)
    return tuple(_skill(t) for t in _list(rows))


def _skill(row: Json) -> SkillTag:
    if type(row) is list and len(row) == 7:
        name, slug, category, required, phrase, term, reason = row
        texts = all(type(v) is str for v in (name, category, phrase, term, reason))
        if texts and type(required) is bool and type(slug) is str and (slug in _SLUGS or _new_slug(slug)):
            return SkillTag(name, slug, category, required, phrase, term, reason)
    raise ValueError(f"not a skill: {row!r}")


def _detail(row: Json) -> tuple[str, str]:
    label, value = _row(row, 2)
    return _str(label), _str(value)


_SLUGS: set[str] = set()  # skill slugs already found sound (a few thousand at most)


def _new_slug(slug: str) -> bool:
    if not is_slug(slug):
        return False
    _SLUGS.add(slug)
    return True


def _experience(row: Json) -> Experience:
    low, high, required, level, phrase, reason = _row(row, 6)
    if level is not None and level not in LEVELS:
        raise ValueError(f"not a level: {level!r}")
    return Experience(_months(low), _months(high), _bool(required), level, _str(phrase), _str(reason))


def _education(row: Json) -> Education:
    level, required, equivalent, phrase, months, preferred = _row(row, 6)
    for value in (level, preferred):
        if value is not None and value not in _EDUCATION:
            raise ValueError(f"not an education level: {value!r}")
    return Education(
        _str(level), _bool(required), _bool(equivalent), _str(phrase), _months(months), preferred
    )


def _salary(row: Json) -> Salary:
    currency, low, high, unit, text, places = _row(row, 6)
    return Salary(_str(currency), _amount(low), _amount(high), _unit(unit), _str(text), _places(places))


def _places(rows: Json) -> tuple[PayRange, ...]:
    found = [_row(row, 5) for row in _list(rows)]
    return tuple(PayRange(_str(p), _str(c), _amount(lo), _amount(hi), _unit(u)) for p, c, lo, hi, u in found)


def _unit(unit: Json) -> str:
    if unit not in SALARY_UNITS.values():
        raise ValueError(f"not a salary unit: {unit!r}")
    return str(unit)


def _diagnostic(row: Json) -> Diagnostic:
    path, line, level, message = _row(row, 4)
    if level not in _LEVELS or (line is not None and type(line) is not int):
        raise ValueError(f"not a diagnostic: {row!r}")
    return Diagnostic(_str(path), line, level, _str(message))


def _row(value: Json, size: int) -> list[Json]:
    if not isinstance(value, list) or len(value) != size:
        raise ValueError(f"expected {size} values, not {value!r}")
    return value


def _list(value: Json) -> list[Json]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list, not {value!r}")
    return value


def _optional(value: Json, read: Any) -> Any:
    return None if value is None else read(value)


def _str(value: Json) -> str:
    if type(value) is not str:
        raise ValueError(f"expected text, not {value!r}")
    return value


def _bool(value: Json) -> bool:
    if type(value) is not bool:
        raise ValueError(f"expected true or false, not {value!r}")
    return value


def _slug(value: Json) -> str:
    if not is_slug(_str(value)):
        raise ValueError(f"not a slug: {value!r}")
    return str(value)


def _months(value: Json) -> int | None:
    if value is not None and (type(value) is not int or value < 0):
        raise ValueError(f"not a number of months: {value!r}")
    return value


def _amount(value: Json) -> float | None:
    if value is None:
        return None
    if type(value) not in (int, float) or not math.isfinite(value):
        raise ValueError(f"not an amount: {value!r}")
    return value  # type: ignore[no-any-return]


def _date(value: Json) -> dt.date:
    return dt.date.fromisoformat(_str(value))


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _apply_url(value: Json) -> str:
    if not _APPLY.fullmatch(_str(value)):
        raise ValueError(f"not an http(s) or mailto URL: {value!r}")
    return str(value)
