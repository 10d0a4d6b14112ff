"""Workable's widget API: ``/api/v1/widget/accounts/{account}?details=true``.

The widget lists a job once per location, its ``shortcode`` repeated: the rows are merged into
one posting at every location. Its descriptions (``description``, ``requirements``,
``benefits``) come only with ``details=true``; a list without them makes postings with no text.
"""

from __future__ import annotations

import html
from typing import Any

from careers.ats.job import Board, Job, as_dict, as_list, day, pay, place, text
from careers.model import Salary

API = "https://apply.workable.com/api/v1/widget/accounts/{board}?details=true"
EXPECTED = 'the answer of /api/v1/widget/accounts/NAME ({"name": ..., "jobs": [...]})'
SECTIONS = (("description", ""), ("requirements", "Requirements"), ("benefits", "Benefits"))


def shape(data: Any) -> str | None:
    jobs = data.get("jobs") if isinstance(data, dict) else None
    if (
        isinstance(jobs, list)
        and "name" in data
        and all(isinstance(j, dict) and "shortcode" in j for j in jobs)
    ):
        return "list"
    return None


def read(payloads: list[Any]) -> Board:
    rows: dict[str, list[dict[str, Any]]] = {}
    company = None
    for data in payloads:
        company = company or text(data.get("name"))
        for row in data["jobs"]:
            rows.setdefault(str(row.get("shortcode")), []).append(row)
    jobs = tuple(_job(code, same, company) for code, same in rows.items())
    notes: tuple[str, ...] = ()
    if any(not job.body for job in jobs):
        notes = ("some jobs have no description: save the list with ?details=true",)
    return Board(jobs, notes=notes)


def _job(code: str, rows: list[dict[str, Any]], company: str | None) -> Job:
    first = rows[0]
    places = [p for row in rows for p in _places(row)]
    body = "\n".join(
        (f"<h3>{heading}</h3>" if heading else "") + html_of(first.get(key))
        for key, heading in SECTIONS
        if text(first.get(key))
    )
    return Job(
        id=code,
        title=text(first.get("title")) or "",
        body=body,
        company=company,
        department=text(first.get("department")),
        locations=tuple(dict.fromkeys(places)),
        remote=first.get("telecommuting") is True,
        employment_type=text(first.get("employment_type")),
        date_posted=day(first.get("published_on") or first.get("created_at")),
        apply_url=text(first.get("application_url")) or text(first.get("url")),
        salary=_pay(as_dict(first.get("salary"))),
    )


def html_of(value: Any) -> str:
    return value.strip() if isinstance(value, str) else html.escape(str(value))


def _places(row: dict[str, Any]) -> list[str]:
    """Each location the row names (hidden ones left out), else its own city and country."""
    listed = [loc for loc in as_list(row.get("locations")) if isinstance(loc, dict) and not loc.get("hidden")]
    found = [
        place(loc.get("city"), loc.get("region"), loc.get("countryCode") or loc.get("country"))
        for loc in listed
    ]
    found = found or [place(row.get("city"), row.get("state"), row.get("country"))]
    return [p for p in found if p]


def _pay(salary: dict[str, Any]) -> Salary | None:
    return pay(salary.get("salary_from"), salary.get("salary_to"), salary.get("salary_currency"), "year")
