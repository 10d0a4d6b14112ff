"""How a posting's values read on a page: dates, months, education asked for, the apply link."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from careers.model import Education, Posting


def human_date(value: dt.date | None) -> str:
    return f"{value:%B} {value.day}, {value.year}" if value else ""


def apply_link(href: str, posting: Posting) -> str:
    """Where the apply button goes: an email gets a subject naming the job and its reference."""
    if not href.startswith("mailto:") or "?" in href:
        return href
    return href + "?subject=" + quote(f"Application: {posting.title} ({posting.slug})")


def months_label(months: int | None) -> str:
    if months is None:
        return ""
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} month{'s' if months != 1 else ''}"


EDUCATION_NAMES = {
    "high_school": "High school diploma",
    "some_college": "Some college",
    "certificate": "Certificate or vocational qualification",
    "associate": "Associate degree",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "doctorate": "Doctorate",
}


def education_label(education: Education | None) -> str:
    """The education a posting asks for, as a job seeker reads it: "Bachelor's degree (preferred)",
    "High school diploma; bachelor's degree preferred"; "" for none asked."""
    if education is None or education.level not in EDUCATION_NAMES:
        return ""
    label = EDUCATION_NAMES[education.level]
    if education.equivalent_experience:
        label += ", or equivalent experience"
    if not education.required:
        return label + " (preferred)"
    if education.preferred_level in EDUCATION_NAMES:
        label += f"; {EDUCATION_NAMES[education.preferred_level].lower()} preferred"
    return label
