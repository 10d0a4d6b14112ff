"""SmartRecruiters' Posting API: ``/v1/companies/{company}/postings`` and each posting's details.

The list pages (``offset``, ``limit``, ``totalFound``) and holds no description: each posting's
own call (``…/postings/{id}``) has it, as ``jobAd.sections`` (company description, job
description, qualifications, additional information). Pay is written in those sections' prose,
where the cleaner reads it like any posting's.
"""

from __future__ import annotations

import html
from typing import Any

from careers.ats.job import Board, Job, PayloadError, as_dict, day, label, place, text

API = "https://api.smartrecruiters.com/v1/companies/{board}/postings"
EXPECTED = "a page of /v1/companies/NAME/postings, or one posting's details (with jobAd)"
PAGE = 100
SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
# SmartRecruiters' experience levels are LinkedIn's, as ours are.
LEVELS = {
    "internship": "internship",
    "entry_level": "entry",
    "associate": "associate",
    "mid_senior_level": "mid_senior",
    "director": "director",
    "executive": "executive",
}


def shape(data: Any) -> str | None:
    """ "list" for a page of postings, "job" for one posting's details, else ``None``."""
    if isinstance(data, dict) and isinstance(data.get("content"), list) and "totalFound" in data:
        return "list"
    if isinstance(data, dict) and isinstance(as_dict(data.get("jobAd")).get("sections"), dict):
        return "job"
    return None


def read(payloads: list[Any]) -> Board:
    listed: dict[str, dict[str, Any]] = {}
    details: dict[str, dict[str, Any]] = {}
    for data in payloads:
        if shape(data) == "list":
            listed.update((str(p.get("id")), p) for p in data["content"] if isinstance(p, dict))
        elif data.get("id") is None:
            raise PayloadError("a posting's details without its id: save the whole answer of its own call")
        else:
            details[str(data["id"])] = data
    merged = {**details, **{key: {**p, **details.get(key, {})} for key, p in listed.items()}}
    jobs = tuple(_job(p) for p in merged.values())
    notes: tuple[str, ...] = ()
    missing = [job.title for job in jobs if not job.body]
    if missing:
        notes = (f"{len(missing)} posting(s) have no description: add each one's details (…/postings/ID)",)
    return Board(jobs, whole=bool(listed), notes=notes)


def _job(posting: dict[str, Any]) -> Job:
    location = as_dict(posting.get("location"))
    where = place(location.get("city"), location.get("region"), location.get("country"))
    kind = text(as_dict(posting.get("typeOfEmployment")).get("id"))
    level = text(as_dict(posting.get("experienceLevel")).get("id"))
    return Job(
        id=str(posting["id"]),
        title=text(posting.get("name")) or "",
        body=_body(as_dict(as_dict(posting.get("jobAd")).get("sections"))),
        company=label(posting.get("company")),
        department=label(posting.get("department")),
        locations=(where,) if where else (),
        remote=location.get("remote") is True,
        employment_type=kind,
        level=LEVELS.get(level or ""),
        date_posted=day(posting.get("releasedDate")),
        apply_url=text(posting.get("applyUrl")) or text(posting.get("postingUrl")) or _page(posting),
        reference=text(posting.get("refNumber")),
    )


def _page(posting: dict[str, Any]) -> str | None:
    """The posting's public page, from the company's identifier when the list gives no URL."""
    company = text(as_dict(posting.get("company")).get("identifier"))
    return f"https://jobs.smartrecruiters.com/{company}/{posting['id']}" if company else None


def _body(sections: dict[str, Any]) -> str:
    parts = []
    for key in SECTIONS:
        section = as_dict(sections.get(key))
        body = section.get("text")
        if isinstance(body, str) and body.strip():
            heading = text(section.get("title"))
            parts.append((f"<h2>{html.escape(heading)}</h2>" if heading else "") + body.strip())
    return "\n".join(parts)
