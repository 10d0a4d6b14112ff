"""``jobs.json``: the open postings as records for machines, one posting a line."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urljoin

import orjson
from markupsafe import Markup

from careers.config import Config
from careers.employment import EMPLOYMENT_LABELS
from careers.model import PUBLISHED, Education, Part, Posting, Salary, Site
from careers.pages.layout import Layout, fixed
from careers.pages.taxonomies import posting_places
from careers.posting.salary import pay_label
from careers.posting.salary_shown import yearly_top
from careers.posting.tagging.report import education_record, experience_record, skill_record


def jobs_json(postings: Sequence[Posting], record: Callable[[Posting], str]) -> Layout:
    """The postings as a JSON array, one ``record`` (``posting_json``) per line, so a diff shows
    which postings changed."""
    return Layout(postings, record, fixed(b"[\n", b",\n", b"\n]\n", b"[]\n"))


def posting_json(posting: Posting, config: Config) -> str:
    """One posting's record on one line (no indent, so Python's C encoder writes it)."""
    return json.dumps(posting_record(posting, config), ensure_ascii=False, sort_keys=True)


def posting_record(posting: Posting, config: Config) -> dict[str, Any]:
    """One posting as documented in the README's ``jobs.json`` schema: every field ``Posting``
    declares published, each value in its JSON form (``record_value``), and its URL."""
    record = {name: record_value(getattr(posting, name)) for name in PUBLISHED_FIELDS}
    record["url"] = urljoin(config.base_url, f"jobs/{posting.slug}/")
    record["locations"] = list(posting.locations)
    record["skills"] = [tag.name for tag in posting.skills]
    record["soft_skills"] = [tag.name for tag in posting.soft_skills]
    record["skill_tags"] = [skill_record(tag) for tag in (*posting.skills, *posting.soft_skills)]
    record["experience"] = experience_record(posting.experience)  # an object even when none was found
    return record


PUBLISHED_FIELDS = tuple(f.name for f in dataclasses.fields(Posting) if f.metadata.get(PUBLISHED, True))


def record_value(value: Any) -> Any:
    """A field's value as ``jobs.json`` writes it: dates in ISO form, sections by heading and
    kind, pay as the page shows it, the tagger's findings as reported, any other value of the
    model field by field."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Part):
        return section_record(value)
    if isinstance(value, Education):
        return education_record(value)
    if isinstance(value, Salary):
        return salary_record(value)
    if isinstance(value, (tuple, list)):
        return [record_value(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: record_value(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


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


def postings_js(site: Site, card: Callable[[Posting], Markup]) -> Layout:
    """What the index filters search and show: one record per open posting (``static/filters.js``
    reads it), as a script so that it loads from ``file://`` too.

    Each record has the values the filters match and sort on (``FILTERED``; ``pay`` is
    ``[currency, the most it pays in a year, what the card shows]``, or 0 when it states none),
    ``skills`` as numbers into the list of the site's skills, and ``card``: the posting's card
    as the index shows it (the theme's own card, drawn by ``card``), so the page and the
    filters show one card.
    """
    names = [[term.slug, term.name] for term in site.skills]
    numbers = {term.slug: n for n, term in enumerate(site.skills)}

    def row(p: Posting) -> str:
        values = {key: value(p) for key, value in FILTERED.items()}
        values.update(skills=[numbers[tag.slug] for tag in p.skills], card=str(card(p)))
        return _script_json(values)

    head = b'window.careersPostings={"skills":' + _script_bytes(names) + b',"types":'
    head += _script_bytes(dict(EMPLOYMENT_LABELS)) + b',"rows":['
    key = hashlib.sha256(head).hexdigest()
    return Layout(site.postings, row, fixed(head, b",", b"]};\n", head + b"]};\n"), key, themed=True)


def _script_bytes(value: Any) -> bytes:
    """``value`` as JSON that cannot end the script holding it."""
    return orjson.dumps(value).replace(b"</", b"<\\/")


def _script_json(value: Any) -> str:
    return _script_bytes(value).decode()


# What the index filters match, search and sort on, by the name filters.js reads.
FILTERED: dict[str, Callable[[Posting], Any]] = {
    "slug": lambda p: p.slug,
    "title": lambda p: p.title,
    "department": lambda p: p.department or "",
    "places": posting_places,  # the location terms it is under
    "location": lambda p: p.location or "",
    "type": lambda p: p.employment_type or "",
    "level": lambda p: p.level or "",
    "date": lambda p: p.date_posted.isoformat() if p.date_posted else "",
    "summary": lambda p: p.summary,
    "pay": lambda p: _pay(p),
}


def _pay(posting: Posting) -> list[Any] | int:
    top = yearly_top(posting.salary)
    if posting.salary is None or top is None:
        return 0
    return [posting.salary.currency, round(top), pay_label(posting.salary)]
