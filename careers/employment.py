"""Employment types: the spellings postings and settings use, as schema.org's employmentType values."""

from __future__ import annotations

from typing import Any

from careers.errors import shown

# Accepted spellings → schema.org employmentType values.
EMPLOYMENT_SPELLINGS = {
    "full-time": "FULL_TIME",
    "full time": "FULL_TIME",
    "fulltime": "FULL_TIME",
    "full_time": "FULL_TIME",
    "part-time": "PART_TIME",
    "part time": "PART_TIME",
    "parttime": "PART_TIME",
    "part_time": "PART_TIME",
    "contract": "CONTRACTOR",
    "contractor": "CONTRACTOR",
    "freelance": "CONTRACTOR",
    "temporary": "TEMPORARY",
    "temp": "TEMPORARY",
    "seasonal": "TEMPORARY",
    "internship": "INTERN",
    "intern": "INTERN",
    "volunteer": "VOLUNTEER",
    "per diem": "PER_DIEM",
    "per_diem": "PER_DIEM",
    "other": "OTHER",
}
EMPLOYMENT_LABELS = {
    "FULL_TIME": "Full-time",
    "PART_TIME": "Part-time",
    "CONTRACTOR": "Contract",
    "TEMPORARY": "Temporary",
    "INTERN": "Internship",
    "VOLUNTEER": "Volunteer",
    "PER_DIEM": "Per diem",
    "OTHER": "Other",
}


def read_employment_type(value: Any) -> str:
    """Any common spelling ("Full time", "contract") as a schema.org employmentType."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError("must be text")
    text = " ".join(str(value).split())
    if not text:
        raise ValueError("must not be empty")
    key = text.lower().replace("_", " ") if text.upper() not in EMPLOYMENT_LABELS else None
    if key is None:
        return text.upper()
    found = EMPLOYMENT_SPELLINGS.get(key) or EMPLOYMENT_SPELLINGS.get(key.replace(" ", "-"))
    if found is None:
        choices = ", ".join(sorted(set(EMPLOYMENT_LABELS.values())))
        raise ValueError(f"unknown employment type {shown(text)} (use one of: {choices})")
    return found
