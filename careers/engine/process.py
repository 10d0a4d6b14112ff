"""Stages 1–3 for every posting file: known results reused, the rest processed across cores.

A file's result is reused when its stamp says it is as the last run saw it, or when its bytes
hash to what they did; otherwise the posting store may have it (an earlier build, another
branch, the preview); only what none of those knows is processed, in a pool of processes
when there is enough of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from careers.config import Config
from careers.engine.parallel import map_ordered, worker_count
from careers.engine.store import PostingStore
from careers.errors import ContentError
from careers.posting.process import Result, process_source
from careers.posting.tagging import Vocabulary
from careers.sources.files import Stamp, check_path, read_regular_file
from careers.sources.scan import Found
from careers.sources.source import parse_source


@dataclass(frozen=True, slots=True)
class Known:
    """What the engine knows of one posting file: its stamp, its bytes' hash, its result."""

    stamp: Stamp | None
    digest: str
    result: Result | None = None  # None: not in memory (the store may have it)


@dataclass(frozen=True, slots=True)
class _Task:
    relpath: str
    path: str
    data: bytes | None  # None: to be read (its stamp said it is unchanged, the store lacked it)
    digest: str


def process_files(
    found: Sequence[Found],
    known: dict[str, Known],
    store: PostingStore | None,
    inputs: tuple[Config, Vocabulary],
    jobs: int | None = None,
    tick: Callable[[int], None] | None = None,
) -> dict[str, Known]:
    """What every found file gives now, by name, in the order found."""
    config = inputs[0]
    max_bytes = int(config.max_file_mb * 1_000_000)
    out: dict[str, Known] = {}
    todo: list[_Task] = []
    for item in found:
        now = _reuse(item, known.get(item.relpath), store, config, max_bytes)
        if isinstance(now, _Task):
            todo.append(now)
            out[item.relpath] = Known(item.stamp, now.digest)
        else:
            out[item.relpath] = now
    if tick:
        tick(len(found) - len(todo))
    results = map_ordered(_run, todo, worker_count(len(todo), jobs), _set_inputs, (*inputs, store))
    for task, result in zip(todo, results, strict=True):
        out[task.relpath] = Known(out[task.relpath].stamp, task.digest, result)
        if tick:
            tick(1)
    return out


def _reuse(
    item: Found, last: Known | None, store: PostingStore | None, config: Config, max_bytes: int
) -> Known | _Task:
    """The result of ``item`` if it is known or stored, else the task that makes it."""
    if item.problem is not None:
        return Known(None, "", Result(None, (item.problem,)))
    if item.stamp is not None and last is not None and last.stamp == item.stamp and last.digest:
        stored = last.result or _load(store, item.relpath, last.digest)
        return (
            Known(item.stamp, last.digest, stored)
            if stored
            else _Task(item.relpath, item.path, None, last.digest)
        )
    try:
        check_path(Path(item.path), item.relpath, config.content_path)
        data = read_regular_file(Path(item.path), item.relpath, max_bytes)
    except ContentError as exc:
        return Known(None, "", Result(None, (exc.diagnostic(),)))
    digest = hashlib.sha256(data).hexdigest()
    if last is not None and last.digest == digest and last.result is not None:
        return Known(item.stamp, digest, last.result)
    stored = _load(store, item.relpath, digest)
    return Known(item.stamp, digest, stored) if stored else _Task(item.relpath, item.path, data, digest)


def _load(store: PostingStore | None, relpath: str, digest: str) -> Result | None:
    return store.load(store.key(relpath, digest)) if store is not None else None


_inputs: tuple[Config, Vocabulary, PostingStore | None] | None = None


def _set_inputs(config: Config, vocab: Vocabulary, store: PostingStore | None) -> None:
    """What every task of this run shares (set once per worker process)."""
    global _inputs
    _inputs = (config, vocab, store)


def _run(task: _Task) -> Result:
    """Process one file and store its result."""
    assert _inputs is not None, "_set_inputs() runs before any task"
    config, vocab, store = _inputs
    try:
        data = task.data
        if data is None:
            data = read_regular_file(Path(task.path), task.relpath, int(config.max_file_mb * 1_000_000))
        source = parse_source(data, Path(task.path), task.relpath)
    except ContentError as exc:
        result = Result(None, (exc.diagnostic(),))
    else:
        result = process_source(source, vocab, config)
    if store is not None:
        store.save(store.key(task.relpath, task.digest), result)
    return result
