"""Posting files written from a board's jobs, and what such a file says of its import.

A file ``careers import`` writes is a posting like any other: front matter for the facts the
system states as fields, then the system's HTML as the body, read by the cleaner when the site
is built. Its last front matter line records the import: ``imported: SYSTEM JOB-ID HASH``, the
hash being of the file as written (that line's hash left out). A file whose hash no longer
matches was edited since, and the next import leaves it as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from careers.ats.job import Job
from careers.employment import EMPLOYMENT_LABELS, read_employment_type
from careers.model import Salary
from careers.posting.fields import read_url
from careers.showable import without_unshowable
from careers.sources.files import SUFFIXES

HEAD_BYTES = 65536  # front matter lives at the top: no more of a file is read to find its record
# The record line, with its hash or (as first written, before the hash is known) without.
_RECORD = re.compile(
    r"^imported: (?P<system>[a-z]+) (?P<id>[A-Za-z0-9._-]{1,80})(?: [0-9a-f]{16})?[ \t]*$", re.MULTILINE
)
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_CLOSING = re.compile(r"^valid_through:.*$", re.MULTILINE)
_NAME = re.compile(r"[^a-z0-9._-]+")


@dataclass(frozen=True)
class Record:
    """An imported file as found: where it is, which job it was, and whether it was edited since."""

    path: Path
    system: str
    id: str
    text: str
    edited: bool


def file_name(system: str, job_id: str) -> str:
    """The posting file of a job: the system and the job's id, never its title (titles change)."""
    return f"{system}-{_NAME.sub('-', job_id.lower()).strip('-')[:80] or 'job'}.html"


def posting_text(system: str, job: Job) -> str:
    """The posting file for ``job``: front matter, the record of the import, the body."""
    fields: list[tuple[str, Any]] = [
        ("title", job.title),
        ("company", job.company),
        ("department", job.department),
        ("team", job.team),
        (
            "location",
            (list(job.locations) if len(job.locations) > 1 else job.locations[0]) if job.locations else None,
        ),
        ("remote", job.remote),
        ("employment_type", _employment(job.employment_type)),
        ("level", job.level),
        ("date", job.date_posted),
        ("valid_through", job.valid_through),
        ("apply_url", _url(job.apply_url)),
        ("salary", _salary(job.salary)),
        ("reference", job.reference),
    ]
    lines = [_line(key, value) for key, value in fields if value is not None and value != ""]
    body = without_unshowable(job.body).strip()
    return stamped(f"---\n{''.join(lines)}imported: {system} {job.id}\n---\n" + (f"{body}\n" if body else ""))


def stamped(text: str) -> str:
    """``text`` with its record line's hash (re)computed over the rest of the file."""
    match = _RECORD.search(text)
    if match is None:
        return text
    system, job_id = match["system"], match["id"]
    plain = text[: match.start()] + f"imported: {system} {job_id}" + text[match.end() :]
    return plain.replace(
        f"imported: {system} {job_id}\n", f"imported: {system} {job_id} {_digest(plain)}\n", 1
    )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_record(path: Path) -> Record | None:
    """The import record of the posting file at ``path``, or ``None`` when it has none."""
    try:
        with path.open("rb") as f:
            head = f.read(HEAD_BYTES).decode("utf-8", "replace")
        match = _front_matter_record(head)
        if match is None:
            return None
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return None
    return Record(path, match["system"], match["id"], text, stamped(text) != text)


def _front_matter_record(head: str) -> re.Match[str] | None:
    if not head.startswith("---"):
        return None
    end = _FENCE.search(head, head.find("\n") + 1)
    return _RECORD.search(head, 0, end.start()) if end else None


def find_records(folder: Path) -> list[Record]:
    """Every imported posting file under ``folder`` (where the team may have moved it)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in SUFFIXES and not path.name.startswith((".", "_")) and path.is_file():
            record = read_record(path)
            if record is not None:
                found.append(record)
    return found


def closed(text: str, day: dt.date) -> str:
    """``text`` with its posting closed after ``day``: its ``valid_through`` set (or moved
    earlier), and its record's hash renewed unless it was edited by hand (it stays so)."""
    head_end = _FENCE.search(text, text.find("\n") + 1)
    if not text.startswith("---") or head_end is None:
        return text
    head = text[: head_end.start()]
    current = _CLOSING.search(head)
    line = f"valid_through: {day.isoformat()}"
    if current:
        written = current.group().partition(":")[2].strip().strip("'\"")
        if written and written <= day.isoformat():
            return text  # closed already, on that day or before
        head = head[: current.start()] + line + head[current.end() :]
    else:
        record = _RECORD.search(head)
        at = record.start() if record else len(head)
        head = head[:at] + line + "\n" + head[at:]
    changed = head + text[head_end.start() :]
    return stamped(changed) if stamped(text) == text else changed


def _line(key: str, value: Any) -> str:
    """One front matter line, written and quoted as YAML reads it back."""
    if isinstance(value, str):
        value = without_unshowable(value)
    dumped: str = yaml.safe_dump(
        {key: value}, allow_unicode=True, width=1 << 20, default_flow_style=True, sort_keys=False
    )
    return dumped.strip().removeprefix("{").removesuffix("}") + "\n"


def _employment(value: str | None) -> str | None:
    """The system's employment type as ours, or nothing when it is none of ours ("Regular")."""
    try:
        return EMPLOYMENT_LABELS[read_employment_type(value)] if value else None
    except (ValueError, KeyError):
        return None


def _url(value: str | None) -> str | None:
    try:
        return read_url(value) if value else None
    except ValueError:
        return None


def _salary(salary: Salary | None) -> dict[str, Any] | None:
    """The front matter ``salary`` mapping (min, max, currency, unit) of pay with amounts."""
    if salary is None or not salary.known:
        return None
    amounts = {"min": salary.min_value, "max": salary.max_value}
    whole = {k: int(v) if float(v).is_integer() else v for k, v in amounts.items() if v is not None}
    return {**whole, "currency": salary.currency, "unit": salary.unit.lower()}


def is_posting_file(name: str) -> bool:
    return Path(name).suffix.lower() in SUFFIXES
