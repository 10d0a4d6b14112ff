"""Personio's public XML feed: ``https://{account}.jobs.personio.de/xml``, root ``<workzag-jobs>``.

Each ``<position>`` has named description sections (``<jobDescription><name/><value/>``), often
none; no pay; ``<createdAt>`` with an offset written without a colon (``+0200``); offices by
name (``<office>``, ``<additionalOffices>``). A position may appear twice: once is kept. A job's
page is ``https://{account}.jobs.personio.de/job/{id}``, known only when the board is named.
"""

from __future__ import annotations

import html
from typing import Any

from lxml import etree

from careers.ats.job import Board, Job, day, text

API = "https://{board}.jobs.personio.de/xml"
EXPECTED = "the feed at https://NAME.jobs.personio.de/xml (<workzag-jobs>)"
ROOT = "workzag-jobs"
# Personio's employment types and schedules, as our employment types read them.
EMPLOYMENT = {
    "full-time": "Full-time",
    "part-time": "Part-time",
    "intern": "Internship",
    "freelance": "Contract",
}
LEVELS = {"entry-level": "entry", "executive": "executive", "student": "internship"}


def shape(data: Any) -> str | None:
    return "list" if isinstance(data, etree._Element) and data.tag == ROOT else None


def read(payloads: list[Any], board: str | None = None) -> Board:
    jobs: dict[str, Job] = {}
    for root in payloads:
        for position in root.iter("position"):
            job = _job(position, board)
            jobs.setdefault(job.id, job)
    return Board(tuple(jobs.values()))


def _field(position: Any, name: str) -> str | None:
    return text(position.findtext(name))


def _job(position: Any, board: str | None) -> Job:
    key = _field(position, "id") or ""
    offices = [
        _field(position, "office"),
        *(text(o.text) for o in position.iterfind("additionalOffices/office")),
    ]
    schedule = _field(position, "schedule") or ""
    kind = _field(position, "employmentType") or ""
    return Job(
        id=key,
        title=_field(position, "name") or "",
        body=_body(position),
        company=_field(position, "subcompany"),
        department=_field(position, "department"),
        locations=tuple(dict.fromkeys(o for o in offices if o)),
        employment_type=EMPLOYMENT.get(kind) or EMPLOYMENT.get(schedule),
        level=LEVELS.get(_field(position, "seniority") or ""),
        date_posted=day(_field(position, "createdAt")),
        apply_url=f"https://{board}.jobs.personio.de/job/{key}" if board else None,
    )


def _body(position: Any) -> str:
    parts = []
    for section in position.iterfind("jobDescriptions/jobDescription"):
        heading, value = _field(section, "name"), section.findtext("value") or ""
        if value.strip():
            parts.append((f"<h3>{html.escape(heading)}</h3>" if heading else "") + value.strip())
    return "\n".join(parts)
