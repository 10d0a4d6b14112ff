"""``jobs.json``: the open postings as records for machines, one posting a line."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urljoin

from careers.config import Config
from careers.model import Part, Posting
from careers.posting.tagging.report import education_record, experience_record, skill_record


def jobs_json(
    postings: Sequence[Posting], config: Config, record: Callable[[Posting], str] | None = None
) -> bytes:
    """The postings as a JSON array, one record per line (so a diff shows which postings changed).

    ``record`` may stand in for ``posting_json`` (the engine keeps each posting's record).
    """
    if not postings:
        return b"[]\n"
    line = record or (lambda posting: posting_json(posting, config))
    return ("[\n" + ",\n".join(map(line, postings)) + "\n]\n").encode("utf-8")


def posting_json(posting: Posting, config: Config) -> str:
    """One posting's record on one line (no indent, so Python's C encoder writes it)."""
    return json.dumps(posting_record(posting, config), ensure_ascii=False, sort_keys=True)


def posting_record(posting: Posting, config: Config) -> dict[str, Any]:
    """One posting as documented in the README's ``jobs.json`` schema."""
    return {
        "slug": posting.slug,
        "url": urljoin(config.base_url, f"jobs/{posting.slug}/"),
        "source": posting.source,
        "title": posting.title,
        "summary": posting.summary,
        "company": posting.company,
        "location": posting.location,
        "employment_type": posting.employment_type,
        "remote": posting.remote,
        "date_posted": posting.date_posted.isoformat() if posting.date_posted else None,
        "valid_through": posting.valid_through.isoformat() if posting.valid_through else None,
        "sections": [section_record(s) for s in posting.sections],
        "skills": [tag.name for tag in posting.skills],
        "skill_tags": [skill_record(tag) for tag in posting.skills],
        "experience": experience_record(posting.experience),
        "education": education_record(posting.education),
    }


def section_record(section: Part) -> dict[str, Any]:
    return {"heading": section.heading, "kind": section.kind}
