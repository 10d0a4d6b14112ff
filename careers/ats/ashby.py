"""Ashby's posting API: ``/posting-api/job-board/{board}?includeCompensation=true``.

Jobs the employer has not listed (``isListed`` false) are skipped, and pay the employer chose
not to show on its postings (``shouldDisplayCompensationOnJobPostings`` false) is never
written, though the API returns it. Titles can carry trailing spaces.
"""

from __future__ import annotations

from typing import Any

from careers.ats.job import Board, Job, as_dict, as_list, day, pay, place, text
from careers.model import Salary

API = "https://api.ashbyhq.com/posting-api/job-board/{board}?includeCompensation=true"
EXPECTED = 'the answer of /posting-api/job-board/NAME ({"jobs": [...]})'
EMPLOYMENT = {"FullTime": "Full-time", "PartTime": "Part-time", "Intern": "Internship"}


def shape(data: Any) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        jobs = data["jobs"]
        if all(isinstance(j, dict) and "jobUrl" in j for j in jobs) and ("apiVersion" in data or jobs):
            return "list"
    return None


def read(payloads: list[Any]) -> Board:
    jobs, skipped = [], []
    for data in payloads:
        for job in data["jobs"]:
            if job.get("isListed") is False:
                skipped.append((text(job.get("title")) or str(job.get("id")), "not listed on the board"))
            else:
                jobs.append(_job(job))
    return Board(tuple({job.id: job for job in jobs}.values()), tuple(skipped))


def _job(job: dict[str, Any]) -> Job:
    workplace = text(job.get("workplaceType"))
    remote = workplace == "Remote" if workplace else job.get("isRemote") is True
    places = [_place(job.get("address"), text(job.get("location")))]
    for other in as_list(job.get("secondaryLocations")):
        if isinstance(other, dict):
            places.append(_place(other.get("address"), text(other.get("location"))))
    shown = job.get("shouldDisplayCompensationOnJobPostings") is True
    employment = text(job.get("employmentType"))
    return Job(
        id=str(job["id"]),
        title=text(job.get("title")) or "",
        body=(job.get("descriptionHtml") or "").strip(),
        department=text(job.get("department")),
        team=text(job.get("team")),
        locations=tuple(dict.fromkeys(p for p in places if p)),
        remote=remote,
        employment_type=EMPLOYMENT.get(employment or "", employment),
        date_posted=day(job.get("publishedAt")),
        apply_url=text(job.get("applyUrl")) or text(job.get("jobUrl")),
        salary=_pay(as_dict(job.get("compensation"))) if shown else None,
    )


def _place(address: Any, written: str | None) -> str | None:
    """The postal address's city, region and country ("Toronto, Ontario, Canada"), else the
    location as written."""
    postal = as_dict(as_dict(address).get("postalAddress"))
    parts = (postal.get("addressLocality"), postal.get("addressRegion"), postal.get("addressCountry"))
    return place(*parts) if text(parts[2]) else written


def _pay(compensation: dict[str, Any]) -> Salary | None:
    """The salary component of the compensation summary (equity and bonuses are not pay)."""
    for part in as_list(compensation.get("summaryComponents")):
        if isinstance(part, dict) and part.get("compensationType") == "Salary":
            found = pay(
                part.get("minValue"), part.get("maxValue"), part.get("currencyCode"), part.get("interval")
            )
            if found:
                return found
    return None
