"""Stages 1–3 for every posting file: known results reused, the rest processed across cores.

A file's result is reused when its stamp says it is as the last run saw it, or when its bytes
hash to what they did; otherwise the posting store may have it (an earlier build, another
branch, the preview); only what none of those knows is processed, in a pool of processes
when there is enough of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from blake3 import blake3

from careers.config import Config
from careers.engine.cache.state import Known
from careers.engine.cache.store import PostingStore
from careers.engine.parallel import map_ordered, worker_count
from careers.errors import ContentError, Diagnostic
from careers.model import Posting, Result
from careers.posting.tagging.vocabulary import Vocabulary
from careers.sources.files import check_path, read_regular_file
from careers.sources.scan import Found


@dataclass(frozen=True, slots=True)
class Identified:
    """A found file and the hash of its bytes (read now, or vouched for by its stamp)."""

    found: Found
    digest: str = ""  # "" when it cannot be read (``problem``)
    data: bytes | None = None  # None: not read (its stamp said it is as the last run saw it)
    problem: Diagnostic | None = None


def identify(found: Sequence[Found], known: dict[str, Known], config: Config) -> list[Identified]:
    """Every found file with the hash of its bytes: a file whose stamp is as the last run saw
    it is not read; every other is read (and refused if it cannot be)."""
    max_bytes = int(config.max_file_mb * 1_000_000)
    out = []
    for item in found:
        last = known.get(item.relpath)
        if item.problem is not None:
            out.append(Identified(item, problem=item.problem))
        elif item.stamp is not None and last is not None and last.stamp == item.stamp and last.digest:
            out.append(Identified(item, last.digest))
        else:
            try:
                check_path(Path(item.path), item.relpath, config.content_path)
                data = read_regular_file(Path(item.path), item.relpath, max_bytes)
            except ContentError as exc:
                out.append(Identified(item, problem=exc.diagnostic()))
                continue
            out.append(Identified(item, file_digest(data), data))
    return out


def file_digest(data: bytes) -> str:
    """What tells a posting file's bytes: BLAKE3 (a cryptographic hash, four times sha256's speed)."""
    return blake3(data).hexdigest()


def process_files(
    files: Sequence[Identified],
    known: dict[str, Known],
    store: PostingStore | None,
    inputs: tuple[Config, Vocabulary],
    jobs: int | None = None,
    tick: Callable[[int], None] | None = None,
    only: Collection[str] | None = None,
) -> dict[str, Known]:
    """What every file gives now, by name, in order: known results reused, stored ones read,
    the rest processed (in a pool of processes when there are enough of them). With ``only``,
    the results of the other files are not read from the store (``None`` unless in memory)."""
    out: dict[str, Known] = {}
    todo: list[Identified] = []
    for item in files:
        name, stamp = item.found.relpath, item.found.stamp
        if item.problem is not None:
            out[name] = Known(None, "", Result(None, (item.problem,)))
            continue
        last = known.get(name)
        result = last.result if last is not None and last.digest == item.digest else None
        if only is not None and name not in only:
            out[name] = Known(stamp, item.digest, result)
            continue
        result = result or _load(store, name, item.digest)
        out[name] = Known(stamp, item.digest, result)
        if result is None:
            todo.append(item)
    if tick:
        tick(len(files) - len(todo))
    results = map_ordered(_run, todo, worker_count(len(todo), jobs), _set_inputs, (*inputs, store))
    for item, result in zip(todo, results, strict=True):
        out[item.found.relpath] = Known(item.found.stamp, item.digest, result)
        if tick:
            tick(1)
    return out


def _load(store: PostingStore | None, relpath: str, digest: str) -> Result | None:
    return store.load(store.key(relpath, digest)) if store is not None else None


_inputs: tuple[Config, Vocabulary, PostingStore | None] | None = None


def _set_inputs(config: Config, vocab: Vocabulary, store: PostingStore | None) -> None:
    """What every task of this run shares (set once per worker process)."""
    global _inputs
    _inputs = (config, vocab, store)


def _run(item: Identified) -> Result:
    """Process one file within its time budget, and store its result (unless it ran out of
    time: that says nothing about the file that a faster run would also find)."""
    assert _inputs is not None, "_set_inputs() runs before any task"
    config, vocab, store = _inputs
    path, name = Path(item.found.path), item.found.relpath
    # Imported here: the cleaner and tagger (BeautifulSoup, soupsieve, their patterns) load
    # only in a run that has a posting to process, not in one with nothing to do.
    from careers.posting.deadline import OutOfTime, time_budget
    from careers.posting.process import process_source

    try:
        from careers.sources.source import parse_source  # Markdown, YAML: only a run that reads a posting

        with time_budget(config.max_posting_seconds):
            data = item.data
            if data is None:  # its stamp vouched for it, but its result was not kept
                data = read_regular_file(path, name, int(config.max_file_mb * 1_000_000))
            result = process_source(parse_source(data, path, name), vocab, config)
    except ContentError as exc:
        result = Result(None, (exc.diagnostic(),))
    except OutOfTime as exc:
        message = (
            f"posting took {exc} of CPU time to read: it was not built; check the source for a broken "
            "paste (or raise max_posting_seconds in careers.toml)"
        )
        return Result(None, (Diagnostic(name, None, "error", message),))
    if store is not None:
        store.save(store.key(name, item.digest), result)
    return result


def dated(posting: Posting, day: dt.date | None, changed: dt.date | None) -> Posting:
    """``posting`` dated by its first commit when it gives no date, and ``updated`` by its last."""
    posted = posting.date_posted or day
    if posted == posting.date_posted and changed == posting.updated:
        return posting
    return replace(posting, date_posted=posted, updated=changed)


def last_good(now: Known, last: Known | None) -> Known:
    """``now``, or ``last``'s posting with ``now``'s findings when only ``last`` built one."""
    if now.result is None or now.result.posting is not None or last is None or last.result is None:
        return now
    if last.result.posting is None:
        return now
    return Known(now.stamp, now.digest, Result(last.result.posting, now.result.diagnostics, now.result.lines))
