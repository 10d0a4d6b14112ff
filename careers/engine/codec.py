"""A processed posting (``Result``) to JSON-ready values and back, for the on-disk cache.

Plain lists, strings, numbers and booleans only: no pickle, so a cache file is safe to read
even when someone else wrote it. Decoding checks shapes as it goes and raises
``ValueError`` (or ``KeyError``/``TypeError``/``IndexError``) on anything unexpected; the
cache treats that as a miss.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar, overload

import orjson

from careers.errors import CareersError, Diagnostic
from careers.model import (
    SECTION_KINDS,
    Block,
    Education,
    Experience,
    ListBlock,
    Paragraph,
    Posting,
    Run,
    Salary,
    Section,
    SkillTag,
)
from careers.posting.process import Result

Json = Any
L = TypeVar("L", SkillTag, Experience, Education, Salary)
_LEVELS = ("error", "warning", "info")


def encode_result(result: Result) -> Json:
    return {
        "posting": encode_posting(result.posting) if result.posting else None,
        "diagnostics": [[d.path, d.line, d.level, d.message] for d in result.diagnostics],
    }


def decode_result(data: Json, sections: bytes | None = None) -> Result:
    posting = decode_posting(data["posting"], sections) if data["posting"] is not None else None
    return Result(posting, tuple(_diagnostic(d) for d in data["diagnostics"]))


def _diagnostic(row: Json) -> Diagnostic:
    path, line, level, message = row
    if level not in _LEVELS or not isinstance(path, str) or not isinstance(message, str):
        raise ValueError(f"not a diagnostic: {row!r}")
    return Diagnostic(path, line, level, message)


def encode_posting(p: Posting) -> Json:
    return {
        "source": p.source,
        "slug": p.slug,
        "title": p.title,
        "sections": [[s.heading, s.kind, [_encode_block(b) for b in s.blocks]] for s in p.sections],
        "summary": p.summary,
        "skills": [_fields(t) for t in p.skills],
        "soft_skills": [_fields(t) for t in p.soft_skills],
        "experience": _fields(p.experience),
        "education": _fields(p.education),
        "company": p.company,
        "location": p.location,
        "employment_type": p.employment_type,
        "remote": p.remote,
        "date_posted": p.date_posted.isoformat() if p.date_posted else None,
        "valid_through": p.valid_through.isoformat() if p.valid_through else None,
        "apply_url": p.apply_url,
        "salary": _fields(p.salary),
        "draft": p.draft,
        "digest": p.digest,
        "reference": p.reference,
        "details": [list(d) for d in p.details],
    }


def decode_posting(d: Json, sections: bytes | None = None) -> Posting:
    """A posting from ``encode_posting``'s values; with ``sections`` (their JSON text, kept
    apart by the cache), ``d`` holds only their ``outline``: [heading, kind] each."""
    return Posting(
        source=_str(d["source"]),
        slug=_str(d["slug"]),
        title=_str(d["title"]),
        sections=(
            LazySections(_str(d["source"]), _outline(d["sections"]))
            if sections is None
            else LazySections(_str(d["source"]), sections, _outline_count(d["outline"]))
        ),
        summary=_str(d["summary"]),
        skills=tuple(_leaf(SkillTag, t) for t in d["skills"]),
        soft_skills=tuple(_leaf(SkillTag, t) for t in d["soft_skills"]),
        experience=_leaf(Experience, d["experience"]) if d["experience"] is not None else None,
        education=_leaf(Education, d["education"]) if d["education"] is not None else None,
        company=d["company"],
        location=d["location"],
        employment_type=d["employment_type"],
        remote=bool(d["remote"]),
        date_posted=_date(d["date_posted"]),
        valid_through=_date(d["valid_through"]),
        apply_url=d["apply_url"],
        salary=_leaf(Salary, d["salary"]) if d["salary"] is not None else None,
        draft=bool(d["draft"]),
        digest=_str(d["digest"]),
        reference=d["reference"] if d["reference"] is None else _str(d["reference"]),
        details=tuple((_str(label), _str(value)) for label, value in d["details"]),
    )


def _fields(value: Any) -> Json:
    """A small dataclass of plain values as the list of its fields, in declaration order."""
    return None if value is None else [getattr(value, f.name) for f in dataclasses.fields(value)]


def _leaf(cls: type[L], row: Json) -> L:
    if not isinstance(row, list) or len(row) != _FIELD_COUNTS[cls]:
        raise ValueError(f"not a {cls.__name__}: {row!r}")
    return cls(*row)


_FIELD_COUNTS = {cls: len(dataclasses.fields(cls)) for cls in (SkillTag, Experience, Education, Salary)}


def _encode_block(block: Block) -> Json:
    if isinstance(block, Paragraph):
        return ["p", [_encode_run(r) for r in block.runs]]
    return ["ol" if block.ordered else "ul", [[_encode_run(r) for r in item] for item in block.items]]


def _encode_run(run: Run) -> Json:
    # Most runs are plain text: store those as the bare string.
    if not (run.strong or run.em or run.href):
        return run.text
    return [run.text, run.strong, run.em, run.href]


class LazySections(Sequence[Section]):
    """A cached posting's sections, made into objects the first time they are read.

    Most postings of a rebuild are only listed (their cards come from the fragment store),
    and building their paragraphs and runs was most of the time of reading the cache. The
    raw sections are a parsed list, or the JSON text itself (the cache keeps them on a
    line of their own, parsed only when read). The outline (headings and kinds) is checked
    when the entry is read; a block damaged inside an entry whose key matched is reported
    as an error naming the posting.
    """

    __slots__ = ("_count", "_items", "_raw", "_source")

    def __init__(self, source: str, raw: list[Json] | bytes, count: int | None = None) -> None:
        self._source = source
        self._raw: list[Json] | bytes | None = raw
        self._count = len(raw) if isinstance(raw, list) else count
        self._items: tuple[Section, ...] | None = None

    def _decoded(self) -> tuple[Section, ...]:
        if self._items is None:
            try:
                # A list was checked when the entry was read; the text of a cache line was not.
                raw = self._raw if isinstance(self._raw, list) else _outline(orjson.loads(self._raw or b"[]"))
                self._items = tuple(_section(s) for s in raw)
                if self._count is not None and len(self._items) != self._count:
                    raise ValueError(f"{len(self._items)} sections, the outline says {self._count}")
            except (ValueError, TypeError, IndexError, KeyError) as exc:
                raise CareersError(
                    f"{self._source}: its entry in the build cache is damaged ({exc}): "
                    "build with --no-cache, or delete the cache folder"
                ) from None
            self._raw = None
        return self._items

    @overload
    def __getitem__(self, index: int) -> Section: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Section, ...]: ...
    def __getitem__(self, index: int | slice) -> Section | tuple[Section, ...]:
        return self._decoded()[index]

    def __len__(self) -> int:
        return self._count if self._items is None and self._count is not None else len(self._decoded())

    def __iter__(self) -> Iterator[Section]:
        return iter(self._decoded())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (LazySections, tuple)):
            return self._decoded() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._decoded())

    def __repr__(self) -> str:
        return repr(self._decoded())

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self._decoded(),))  # crosses to another process as a plain tuple


def _outline(data: Json) -> list[Json]:
    """Sections as stored, their headings and kinds checked (their blocks are read later)."""
    if not isinstance(data, list):
        raise ValueError(f"not a list of sections: {data!r}")
    for section in data:
        heading, kind, blocks = section
        if kind not in SECTION_KINDS or not (heading is None or isinstance(heading, str)):
            raise ValueError(f"not a section: {section!r}")
        if not isinstance(blocks, list):
            raise ValueError(f"not a list of blocks: {blocks!r}")
    return data


def _outline_count(outline: Json) -> int:
    """How many sections an outline ([heading, kind] each) has, once it is checked."""
    if not isinstance(outline, list):
        raise ValueError(f"not an outline: {outline!r}")
    for entry in outline:
        heading, kind = entry
        if kind not in SECTION_KINDS or not (heading is None or isinstance(heading, str)):
            raise ValueError(f"not a section: {entry!r}")
    return len(outline)


def _section(data: Json) -> Section:
    heading, kind, blocks = data
    if kind not in SECTION_KINDS or not (heading is None or isinstance(heading, str)):
        raise ValueError(f"not a section: {data!r}")
    return Section(heading, kind, tuple(_block(b) for b in blocks))


def _block(data: Json) -> Block:
    tag, body = data
    if tag == "p":
        return Paragraph(_runs(body))
    if tag in ("ul", "ol"):
        return ListBlock(tuple(_runs(item) for item in body), tag == "ol")
    raise ValueError(f"not a block: {tag!r}")


def _runs(data: Json) -> tuple[Run, ...]:
    return tuple(_run(r) for r in data)


def _run(data: Json) -> Run:
    if isinstance(data, str):
        return Run(data)
    text, strong, em, href = data
    return Run(_str(text), bool(strong), bool(em), href)


def _date(value: Json) -> dt.date | None:
    return dt.date.fromisoformat(value) if value is not None else None


def _str(value: Json) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, not {value!r}")
    return value
