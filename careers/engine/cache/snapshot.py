"""The last run's site as a snapshot the next run can patch: what depends on each posting.

A build leaves, beside its state, what it put together and drew: every posting's short fields
(``careers.engine.cache.lazy``) in the site's order, the taxonomies' terms and the related
lists by posting, what putting the site together said, each posting file's own findings, the
plan's parts with their pages and the postings each part's pages were drawn from, and where
each posting's item lies in each machine file written (``careers.pages.layout``). The next
run that changes postings but not the site's shape reads it instead of every posting
(``careers.engine.patch``). It is signed like the state: one another user's runs wrote, or
that does not check out, is no snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import orjson

from careers.engine.cache.lazy import ShortRow
from careers.engine.cache.trust import signature
from careers.engine.files import read_all, write_quietly
from careers.errors import Level

FORMAT = 2  # 2: the URLs given up (``moved``)

DiagnosticRow = tuple[str, "int | None", Level, str]  # path, line, level, message


@dataclass
class PartRow:
    """One part of the plan (``careers.pages.plan.Part``): its pages, and what they were drawn from."""

    kind: str
    name: str
    number: int
    paths: list[str]
    deps: list[int] | None  # the postings (indexes into ``Snapshot.postings``); None: all of them
    whole: bool = False  # a page of it reads the whole site


@dataclass
class Items:
    """Where each posting's item lies in a machine file as written (``careers.pages.layout``)."""

    key: str  # the layout's key: what every item depends on besides its posting
    tokens: list[str]  # each item's posting, by token (``careers.engine.fingerprint.Tokens``)
    starts: list[int]
    ends: list[int]


@dataclass
class Snapshot:
    key: str = ""  # what the site's shape depends on besides its postings: context, day, commit
    records: list[str] = field(default_factory=list)  # published-URL records it holds under
    postings: list[ShortRow] = field(default_factory=list)  # the open ones in order, then the closed
    open: int = 0
    terms: dict[str, list[tuple[str, str, str, list[int]]]] = field(default_factory=dict)
    related: list[list[int]] = field(default_factory=list)  # for each open posting
    moved: dict[str, int] = field(default_factory=dict)  # a URL's slug given up → its posting now
    notes: list[DiagnosticRow] = field(default_factory=list)  # said by putting the site together
    findings: dict[str, list[DiagnosticRow]] = field(default_factory=dict)  # by posting file
    parts: list[PartRow] = field(default_factory=list)
    items: dict[str, Items] = field(default_factory=dict)  # by machine file


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(Snapshot)


def snapshot_path(state_file: Path) -> Path:
    return state_file.with_suffix(".site")


def load_snapshot(path: Path) -> Snapshot | None:
    """The snapshot at ``path`` if this user's runs wrote it as it is, else None."""
    data = read_all(str(path))
    if data is None:
        return None
    head, _, body = data.partition(b"\n")
    try:
        if orjson.loads(head) != {"format": FORMAT, "by": signature(body).decode()}:
            return None
        return _DECODER.decode(body)
    except (ValueError, msgspec.MsgspecError):
        return None


def save_snapshot(path: Path, snapshot: Snapshot) -> None:
    body = _ENCODER.encode(snapshot)
    head = orjson.dumps({"format": FORMAT, "by": signature(body).decode()})
    write_quietly(path, head + b"\n" + body)
