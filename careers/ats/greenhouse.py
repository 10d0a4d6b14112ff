"""Greenhouse's Job Board API: ``/v1/boards/{board}/jobs?content=true`` and a job's own ``/jobs/{id}``.

``content`` is the job's HTML entity-escaped once: it is unescaped exactly once (``&amp;nbsp;``
is then the ``&nbsp;`` the author wrote). It opens with the board's intro and closes with its
conclusion (``div.content-intro``, ``div.content-conclusion``) on every job: the text most
jobs share becomes one block for the site. ``first_published`` is the date posted;
``updated_at`` is not. Pay comes only with a job's details (``pay_input_ranges``).
"""

from __future__ import annotations

import html
from collections import Counter
from html.parser import HTMLParser
from typing import Any

from careers.ats.job import Board, Job, as_dict, as_list, day, pay, text
from careers.model import Salary

API = "https://boards-api.greenhouse.io/v1/boards/{board}/jobs"
EXPECTED = 'the answer of /v1/boards/NAME/jobs?content=true ({"jobs": [...]}) or of one job'
BLOCKS = ("intro", "conclusion")


def shape(data: Any) -> str | None:
    """ "list" for a board's jobs, "job" for one job's details, else ``None``."""
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        jobs = data["jobs"]
        return "list" if all(isinstance(j, dict) and "absolute_url" in j for j in jobs) else None
    if isinstance(data, dict) and "absolute_url" in data and "id" in data and "title" in data:
        return "job"
    return None


def read(payloads: list[Any]) -> Board:
    """Every job of the lists, with the details of any job's own payload (its pay) laid over it."""
    listed: dict[str, dict[str, Any]] = {}
    details: dict[str, dict[str, Any]] = {}
    for data in payloads:
        for job in as_list(data.get("jobs")) if shape(data) == "list" else [data]:
            (listed if shape(data) == "list" else details)[str(job.get("id"))] = job
    merged = {**details, **{k: {**v, **details.get(k, {})} for k, v in listed.items()}}
    contents = {key: _content(job) for key, job in merged.items()}
    intro = _shared(contents.values(), "intro")
    conclusion = _shared(contents.values(), "conclusion")
    jobs = tuple(_job(job, contents[key], intro, conclusion) for key, job in merged.items())
    notes: tuple[str, ...] = ()
    if any("content" not in job for job in listed.values()):
        notes = ("the list holds no descriptions: save it from /jobs?content=true",)
    return Board(jobs, intro=intro, conclusion=conclusion, whole=bool(listed), notes=notes)


def _content(job: dict[str, Any]) -> str:
    return html.unescape(job.get("content") or "")


class _Blocks(HTMLParser):
    """Where each ``div.content-intro``/``div.content-conclusion`` starts and ends in the markup
    (nested ``div``s counted), as offsets into it."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=False)
        self.lines = [0]
        for line in markup.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.spans: list[tuple[str, int, int, int]] = []  # kind, start, inner start, end
        self.open: tuple[str, int, int] | None = None
        self.depth = 0
        self.feed(markup)
        self.close()

    def position(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        if self.open is not None:
            self.depth += 1
            return
        classes = (dict(attrs).get("class") or "").split()
        kind = next((k for k in BLOCKS if f"content-{k}" in classes), None)
        if kind:
            start = self.position()
            text = self.get_starttag_text() or ""
            self.open, self.depth = (kind, start, start + len(text)), 0

    def handle_endtag(self, tag: str) -> None:
        if tag != "div" or self.open is None:
            return
        if self.depth:
            self.depth -= 1
            return
        kind, start, inner = self.open
        self.spans.append((kind, start, inner, self.position()))
        self.open = None


def _blocks(content: str) -> dict[str, str]:
    """The intro and conclusion of one job's content, as HTML."""
    return {kind: content[inner:end].strip() for kind, _, inner, end in _Blocks(content).spans}


def _without(content: str, intro: str, conclusion: str) -> str:
    """``content`` less the intro and conclusion the site shows once (a job's own stay)."""
    shared = {"intro": intro, "conclusion": conclusion}
    kept, last = [], 0
    for kind, start, inner, end in _Blocks(content).spans:
        if content[inner:end].strip() == shared[kind]:
            kept.append(content[last:start])
            last = end + len("</div>")
    return ("".join(kept) + content[last:]).strip()


def _shared(contents: Any, kind: str) -> str:
    """The intro (or conclusion) most jobs open (or close) with; "" when none has one."""
    found = Counter(block for c in contents if (block := _blocks(c).get(kind)))
    return found.most_common(1)[0][0] if found else ""


def _job(job: dict[str, Any], content: str, intro: str, conclusion: str) -> Job:
    body = _without(content, intro, conclusion)
    departments = [d for d in as_list(job.get("departments")) if isinstance(d, dict)]
    leaf = [d for d in departments if not d.get("child_ids")] or departments
    metadata = {
        text(m.get("name")): m.get("value") for m in as_list(job.get("metadata")) if isinstance(m, dict)
    }
    return Job(
        id=str(job["id"]),
        title=text(job.get("title")) or "",
        body=body,
        company=text(job.get("company_name")),
        department=text(leaf[0].get("name")) if leaf else None,
        locations=_locations(job),
        employment_type=text(metadata.get("Employment Type")),
        date_posted=day(job.get("first_published")),
        valid_through=day(job.get("application_deadline")),
        apply_url=text(job.get("absolute_url")),
        salary=_pay(as_list(job.get("pay_input_ranges"))),
        reference=text(job.get("requisition_id")),
    )


def _locations(job: dict[str, Any]) -> tuple[str, ...]:
    """The job's own location text (what its page shows); else its offices' locations."""
    own = text(as_dict(job.get("location")).get("name"))
    if own:
        return (own,)
    offices = [o for o in as_list(job.get("offices")) if isinstance(o, dict) and not o.get("child_ids")]
    return tuple(dict.fromkeys(p for o in offices if (p := text(o.get("location")) or text(o.get("name")))))


def _pay(ranges: list[Any]) -> Salary | None:
    """The pay ranges (one per zone, such as "NYC Salary Range") as one: their span, lowest to highest."""
    rows = [r for r in ranges if isinstance(r, dict) and text(r.get("currency_type"))]
    currencies = {text(r["currency_type"]) for r in rows}
    if len(currencies) != 1:
        return None
    lows = [r["min_cents"] for r in rows if isinstance(r.get("min_cents"), (int, float))]
    highs = [r["max_cents"] for r in rows if isinstance(r.get("max_cents"), (int, float))]
    return pay(min(lows, default=None), max(highs, default=None), currencies.pop(), "year", cents=True)
