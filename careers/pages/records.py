"""``jobs.json``: the open postings as records for machines, one posting a line."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urljoin

import orjson

from careers.config import Config
from careers.model import Part, Posting, Salary
from careers.pages.taxonomies import posting_places
from careers.posting.fields import EMPLOYMENT_LABELS
from careers.posting.salary import pay_label
from careers.posting.salary_shown import yearly_top
from careers.posting.tagging.report import education_record, experience_record, skill_record


def jobs_json(
    postings: Sequence[Posting], config: Config, record: Callable[[Posting], str] | None = None
) -> bytes:
    """The postings as a JSON array, one record per line (so a diff shows which postings changed).

    ``record`` may stand in for ``posting_json`` (the engine keeps each posting's record).
    """
    if not postings:
        return b"[]\n"
    line = record or (lambda posting: posting_json(posting, config))
    return ("[\n" + ",\n".join(map(line, postings)) + "\n]\n").encode("utf-8")


def posting_json(posting: Posting, config: Config) -> str:
    """One posting's record on one line (no indent, so Python's C encoder writes it)."""
    return json.dumps(posting_record(posting, config), ensure_ascii=False, sort_keys=True)


def posting_record(posting: Posting, config: Config) -> dict[str, Any]:
    """One posting as documented in the README's ``jobs.json`` schema."""
    return {
        "slug": posting.slug,
        "url": urljoin(config.base_url, f"jobs/{posting.slug}/"),
        "source": posting.source,
        "title": posting.title,
        "summary": posting.summary,
        "company": posting.company,
        "department": posting.department,
        "team": posting.team,
        "location": posting.location,
        "locations": list(posting.locations),
        "employment_type": posting.employment_type,
        "remote": posting.remote,
        "date_posted": posting.date_posted.isoformat() if posting.date_posted else None,
        "valid_through": posting.valid_through.isoformat() if posting.valid_through else None,
        "sections": [section_record(s) for s in posting.sections],
        "skills": [tag.name for tag in posting.skills],
        "soft_skills": [tag.name for tag in posting.soft_skills],
        "skill_tags": [skill_record(tag) for tag in (*posting.skills, *posting.soft_skills)],
        "experience": experience_record(posting.experience),
        "education": education_record(posting.education),
        "salary": salary_record(posting.salary),
        "existing_vacancy": posting.existing_vacancy,
        "ai_screening": posting.ai_screening,
    }


def salary_record(salary: Salary | None) -> dict[str, Any] | None:
    """The pay as the page shows it and as JSON-LD states it (``kind``: range, fixed, from, up_to, words)."""
    if salary is None:
        return None
    return {
        "currency": salary.currency if salary.known else None,
        "min": salary.min_value,
        "max": salary.max_value,
        "unit": salary.unit if salary.known else None,
        "kind": salary.kind,
        "label": pay_label(salary),
        "places": [
            {"place": p.place, "currency": p.currency, "min": p.min_value, "max": p.max_value, "unit": p.unit}
            for p in salary.places
        ],
    }


def section_record(section: Part) -> dict[str, Any]:
    return {"heading": section.heading, "kind": section.kind}


def postings_js(postings: Sequence[Posting]) -> bytes:
    """What the index filters search: one short row per open posting (``static/filters.js``
    reads it), as a script so that it loads from ``file://`` too.

    Each row: slug, title, department, places (the location terms it is under), location as
    written, employment type, level, skill numbers, date posted, summary, pay (``[currency,
    the most it pays in a year, what the card shows]``, or 0 when it states none); ``skills``
    and ``types`` name what the numbers and codes stand for.
    """
    skills: dict[str, int] = {}
    names: list[list[str]] = []
    rows = []
    for p in postings:
        numbers = []
        for tag in p.skills:
            if tag.slug not in skills:
                skills[tag.slug] = len(names)
                names.append([tag.slug, tag.name])
            numbers.append(skills[tag.slug])
        date = p.date_posted.isoformat() if p.date_posted else ""
        where = [p.department or "", posting_places(p), p.location or ""]
        top = yearly_top(p.salary)
        pay = [p.salary.currency, round(top), pay_label(p.salary)] if p.salary and top is not None else 0
        rows.append(
            [p.slug, p.title, *where, p.employment_type or "", p.level or "", numbers, date, p.summary, pay]
        )
    types = {code: label for code, label in EMPLOYMENT_LABELS.items()}
    data = orjson.dumps({"skills": names, "types": types, "rows": rows}).replace(b"</", b"<\\/")
    return b"window.careersPostings=" + data + b";\n"
