"""Lever's Postings API: ``/v0/postings/{site}?mode=json``, a bare list of postings.

A posting's text is ``description`` (its opening and body), then its ``lists``: each a heading
(``text``) over bare ``<li>`` items (``content``), wrapped here in the ``<ul>`` Lever leaves
out; then ``additional``. ``createdAt`` is in epoch milliseconds. Pay, when the employer gives
it, is ``salaryRange`` (``per-year-salary``, ``per-hour-wage``).
"""

from __future__ import annotations

import html
from typing import Any

from careers.ats.job import Board, Job, as_dict, as_list, day, paragraphs, pay, text, with_country
from careers.model import Salary

API = "https://api.lever.co/v0/postings/{board}?mode=json"
EXPECTED = "the answer of /v0/postings/NAME?mode=json (a list of postings)"


def shape(data: Any) -> str | None:
    """ "list" for a site's postings (Lever sends a bare list), else ``None``."""
    if isinstance(data, list) and all(isinstance(p, dict) and "hostedUrl" in p and "text" in p for p in data):
        return "list"
    return None


def read(payloads: list[Any]) -> Board:
    postings = {str(p.get("id")): p for data in payloads for p in data}
    return Board(tuple(_job(p) for p in postings.values()))


def _job(posting: dict[str, Any]) -> Job:
    categories = as_dict(posting.get("categories"))
    places = [text(p) for p in as_list(categories.get("allLocations"))] or [text(categories.get("location"))]
    workplace = (text(posting.get("workplaceType")) or "").lower()
    return Job(
        id=str(posting["id"]),
        title=text(posting.get("text")) or "",
        body=_body(posting),
        department=text(categories.get("department")),
        team=text(categories.get("team")),
        locations=tuple(
            dict.fromkeys(p for p in (with_country(p, posting.get("country")) for p in places) if p)
        ),
        remote=workplace == "remote" if workplace in ("remote", "on-site", "hybrid") else None,
        employment_type=text(categories.get("commitment")),
        date_posted=day(posting.get("createdAt")),
        apply_url=text(posting.get("applyUrl")) or text(posting.get("hostedUrl")),
        salary=_pay(as_dict(posting.get("salaryRange"))),
    )


def _body(posting: dict[str, Any]) -> str:
    """The description, each list under its heading, then the closing text."""
    parts = [_html(posting, "description")]
    for item in as_list(posting.get("lists")):
        if isinstance(item, dict):
            heading = text(item.get("text"))
            parts.append(f"<h3>{html.escape(heading)}</h3>" if heading else "")
            parts.append(f"<ul>{item.get('content') or ''}</ul>" if text(item.get("content")) else "")
    parts.append(_html(posting, "additional"))
    return "\n".join(p for p in parts if p)


def _html(posting: dict[str, Any], key: str) -> str:
    """A field's HTML, or its ``…Plain`` text as paragraphs when the HTML is not there."""
    markup = posting.get(key)
    if isinstance(markup, str) and markup.strip():
        return markup.strip()
    plain = posting.get(key + "Plain")
    return paragraphs(plain) if isinstance(plain, str) else ""


def _pay(salary: dict[str, Any]) -> Salary | None:
    return pay(salary.get("min"), salary.get("max"), salary.get("currency"), salary.get("interval"))
