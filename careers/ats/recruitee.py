"""Recruitee's careers-site API: ``https://{company}.recruitee.com/api/offers/``.

An offer's text is ``description`` then ``requirements`` (both HTML); pay is ``salary`` with
its amounts as text ("60000"); dates are written "2026-08-05 10:10:39 UTC"; ``remote``,
``hybrid`` and ``on_site`` say where the work is done.
"""

from __future__ import annotations

from typing import Any

from careers.ats.job import Board, Job, as_dict, as_list, day, pay, place, text
from careers.model import Salary

API = "https://{board}.recruitee.com/api/offers/"
EXPECTED = 'the answer of https://NAME.recruitee.com/api/offers/ ({"offers": [...]})'
EMPLOYMENT = (
    ("fulltime", "Full-time"),
    ("parttime", "Part-time"),
    ("intern", "Internship"),
    ("freelance", "Contract"),
    ("contract", "Contract"),
    ("temporary", "Temporary"),
    ("volunteer", "Volunteer"),
)
LEVELS = {"student": "internship", "entry_level": "entry", "executive": "executive"}


def shape(data: Any) -> str | None:
    if isinstance(data, dict) and isinstance(data.get("offers"), list):
        return "list" if all(isinstance(o, dict) and "careers_url" in o for o in data["offers"]) else None
    return None


def read(payloads: list[Any]) -> Board:
    offers = {str(o.get("id")): o for data in payloads for o in data["offers"]}
    skipped = [(text(o.get("title")) or key, "not published") for key, o in offers.items() if _draft(o)]
    jobs = tuple(_job(o) for o in offers.values() if not _draft(o))
    return Board(jobs, tuple(skipped))


def _draft(offer: dict[str, Any]) -> bool:
    return offer.get("status") not in (None, "published")


def _job(offer: dict[str, Any]) -> Job:
    places = [
        place(loc.get("city"), loc.get("state_code"), loc.get("country_code")) for loc in _locations(offer)
    ]
    places = places or [place(offer.get("city"), offer.get("state_code"), offer.get("country_code"))]
    code = text(offer.get("employment_type_code")) or ""
    body = "\n".join(
        part.strip()
        for key in ("description", "requirements")
        if (part := offer.get(key)) and isinstance(part, str)
    )
    return Job(
        id=str(offer["id"]),
        title=text(offer.get("title")) or "",
        body=body,
        company=text(offer.get("company_name")),
        department=text(offer.get("department")),
        locations=tuple(dict.fromkeys(p for p in places if p)),
        remote=offer.get("remote") is True,
        employment_type=next((kind for prefix, kind in EMPLOYMENT if code.startswith(prefix)), None),
        level=LEVELS.get(text(offer.get("experience_code")) or ""),
        date_posted=day(offer.get("published_at") or offer.get("created_at")),
        valid_through=day(offer.get("close_at")),
        apply_url=text(offer.get("careers_apply_url")) or text(offer.get("careers_url")),
        salary=_pay(as_dict(offer.get("salary"))),
    )


def _locations(offer: dict[str, Any]) -> list[dict[str, Any]]:
    return [loc for loc in as_list(offer.get("locations")) if isinstance(loc, dict)]


def _pay(salary: dict[str, Any]) -> Salary | None:
    return pay(salary.get("min"), salary.get("max"), salary.get("currency"), salary.get("period"))
