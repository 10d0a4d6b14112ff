"""Teamtailor's public job feed: ``https://{career site}/jobs.json``, a JSON Feed 1.1.

Each item carries its schema.org ``JobPosting`` as the ``_jobposting`` extension: the job's
places, dates and pay are read from it; the description from the item's ``content_html``, or
the JobPosting's ``description``.
"""

from __future__ import annotations

from typing import Any

from careers.ats.job import Board, Job, as_dict, day, label, place, text
from careers.posting.salary_parts import salary_from_jsonld

API = "https://{board}/jobs.json"
EXPECTED = "the career site's /jobs.json (a JSON Feed)"
VERSION = "https://jsonfeed.org/version/1.1"
EMPLOYMENT = {
    "FULL_TIME": "Full-time",
    "PART_TIME": "Part-time",
    "CONTRACTOR": "Contract",
    "INTERN": "Internship",
}


def shape(data: Any) -> str | None:
    if isinstance(data, dict) and str(data.get("version", "")).startswith("https://jsonfeed.org/version/1"):
        return "list" if isinstance(data.get("items"), list) else None
    return None


def read(payloads: list[Any]) -> Board:
    items = {str(i.get("id")): i for data in payloads for i in data["items"] if isinstance(i, dict)}
    return Board(tuple(_job(key, item) for key, item in items.items()))


def _job(key: str, item: dict[str, Any]) -> Job:
    posting = as_dict(item.get("_jobposting"))
    places = [_place(as_dict(p).get("address")) for p in _many(posting.get("jobLocation"))]
    kinds = [EMPLOYMENT.get(k, k) for k in _many(posting.get("employmentType")) if isinstance(k, str)]
    body = item.get("content_html") or posting.get("description") or ""
    return Job(
        id=key,
        title=text(item.get("title")) or text(posting.get("title")) or "",
        body=body.strip() if isinstance(body, str) else "",
        company=label(posting.get("hiringOrganization")),
        locations=tuple(dict.fromkeys(p for p in places if p)),
        remote=posting.get("jobLocationType") == "TELECOMMUTE" or None,
        employment_type=kinds[0] if kinds else None,
        date_posted=day(item.get("date_published") or posting.get("datePosted")),
        valid_through=day(posting.get("validThrough")),
        apply_url=text(item.get("url")),
        salary=salary_from_jsonld(posting.get("baseSalary")),
        reference=text(as_dict(posting.get("identifier")).get("value")),
    )


def _many(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


def _place(address: Any) -> str | None:
    """A PostalAddress as the site writes places (a region only for a US state or Canadian province)."""
    postal = as_dict(address)
    return place(postal.get("addressLocality"), postal.get("addressRegion"), postal.get("addressCountry"))
