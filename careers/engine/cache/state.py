"""What the engine keeps between runs: in memory for the preview, in ``.cache/`` for builds.

For every posting file: its stamp and the hash of its bytes (the result itself is in the
posting store); for every output file: the fingerprint of what it was drawn from, its stamp
as written and the hash of its bytes (a copy of it with another inode, as a restored cache
gives back, is taken only if its bytes hash to that); the fingerprint of all inputs, and the
last run's report, so a run with nothing to do does nothing. The state is signed by this
user's runs (``careers.engine.cache.trust``): one that does not check out, or that another
user's runs wrote, is no state, and the next run renders and compares everything.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
import orjson
from blake3 import blake3

from careers.engine.cache.trust import signature
from careers.engine.files import OutStamp, read_all, write_quietly
from careers.errors import Diagnostic
from careers.model import Result
from careers.sources.files import Stamp
from careers.sources.history import History, git_head, read_history

FORMAT = 8
STATE_DIR = "state"


@dataclass(frozen=True, slots=True)
class Known:
    """What the engine knows of one posting file: its stamp, its bytes' hash, its result."""

    stamp: Stamp | None
    digest: str
    result: Result | None = None  # None: not in memory (the store may have it)


# An output file as written: the fingerprint it was drawn from, its stamp, its bytes' hash.
Written = tuple[str, OutStamp, str]


def content_hash(data: bytes) -> str:
    """What tells an output file's bytes (a copy of it too): BLAKE3, a cryptographic hash that
    reads a site's 75 MB of machine files in a tenth of the time blake2b takes."""
    return blake3(data).hexdigest(length=16)


def holds(path: str, page: Written) -> bool:
    """Whether the file at ``path`` holds the bytes ``page`` was written with."""
    data = read_all(path)
    return data is not None and bool(page[2]) and content_hash(data) == page[2]


@dataclass
class State:
    context: str = ""  # the build context the pages were drawn under
    inputs: str = ""  # a fingerprint of everything the last run read
    files: dict[str, Known] = field(default_factory=dict)  # posting file → what is known of it
    pages: dict[str, Written] = field(default_factory=dict)  # output file → what was written
    reads_site: dict[str, bool] = field(default_factory=dict)  # template → whether it reads ``site``
    postings: int = 0
    page_count: int = 0
    diagnostics: tuple[Diagnostic, ...] = ()


def state_path(cache_dir: Path, out: Path) -> Path:
    """Where the state of the site written to ``out`` lives (one per output folder)."""
    name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:20]
    return cache_dir / STATE_DIR / f"{name}.json"


class _Stored(msgspec.Struct):
    """The state as stored: each value's type checked in C as it is read."""

    context: str
    inputs: str
    files: dict[str, tuple[Stamp | None, str]]
    pages: dict[str, tuple[str, tuple[int, int, int], str]]
    reads_site: dict[str, bool]
    postings: int
    page_count: int
    diagnostics: list[Diagnostic]


_DECODER = msgspec.json.Decoder(_Stored)


def load_state(path: Path) -> State:
    data = read_all(str(path))
    if data is None:
        return State()
    head, _, body = data.partition(b"\n")
    try:
        if orjson.loads(head) != {"format": FORMAT, "by": signature(body).decode()}:
            return State()
        d = _DECODER.decode(body)
    except (ValueError, msgspec.MsgspecError):
        return State()
    files = {name: Known(stamp, digest) for name, (stamp, digest) in d.files.items()}
    diagnostics = tuple(d.diagnostics)
    return State(d.context, d.inputs, files, d.pages, d.reads_site, d.postings, d.page_count, diagnostics)


def save_state(path: Path, state: State) -> None:
    """Write the state whole (failing to only costs the next run some speed)."""
    body = orjson.dumps(
        {
            "context": state.context,
            "inputs": state.inputs,
            "files": {k: [known.stamp, known.digest] for k, known in state.files.items()},
            "pages": {k: list(page) for k, page in state.pages.items()},
            "reads_site": state.reads_site,
            "postings": state.postings,
            "page_count": state.page_count,
            "diagnostics": state.diagnostics,
        }
    )
    head = {"format": FORMAT, "by": signature(body).decode()}  # the signature checks the bytes too
    write_quietly(path, orjson.dumps(head) + b"\n" + body)


def _str(value: object) -> str:
    if type(value) is not str:
        raise ValueError(f"expected text, not {value!r}")
    return str(value)


HISTORY_FILE = "history.json"


def load_history(cache_dir: Path | None, root: str, jobs: str) -> History:
    """The posting files' first commits, read from git once per checked-out commit."""
    head = git_head(root)
    if not head:
        return History()
    path = str(cache_dir / HISTORY_FILE) if cache_dir else ""
    try:
        stored = orjson.loads(read_all(path) or b"{}") if path else {}
        if stored.get("head") == head and stored.get("jobs") == jobs:
            first = {_str(k): int(v) for k, v in stored["first"].items()}
            last = {_str(k): int(v) for k, v in stored["last"].items()}
            renamed = {_str(k): _str(v) for k, v in stored["renamed"].items()}
            return History(head, first, stored.get("shallow") is True, last, renamed)
    except (ValueError, TypeError, AttributeError, KeyError):
        pass
    history = read_history(root, jobs)
    if path:
        kept = {
            "head": history.head,
            "jobs": jobs,
            "first": history.first,
            "last": history.last,
            "shallow": history.shallow,
            "renamed": history.renamed,
        }
        write_quietly(Path(path), orjson.dumps(kept))
    return history
