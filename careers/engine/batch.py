"""Stages 1–3 for every posting file: from the cache where it can be, across cores where not."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from careers.config import Config
from careers.engine.cache import PostingCache, content_digest
from careers.engine.parallel import map_ordered, worker_count
from careers.errors import ContentError, Diagnostic
from careers.posting.process import Result, process_source
from careers.posting.tagging import Vocabulary
from careers.sources.files import check_path, read_regular_file, relative_name
from careers.sources.source import parse_source

Tick = Callable[[int], None]


# What identifies a file's version without reading it: size, mtime and ctime (ns), inode.
FileStamp = tuple[int, int, int, int]
# A stamp is only trusted for files last changed this long before the build looked at them:
# a save in the same clock tick as the build's read could keep size and times (as git's index).
RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Task:
    """One posting file: its bytes (``None`` when its stamp says it is as last read) and
    cache key, or why it could not be read."""

    path: Path
    relpath: str
    data: bytes | None
    key: str
    error: Diagnostic | None = None
    stamp: FileStamp | None = None  # set when the stamp may be trusted next time
    content: str = ""  # content_digest of the bytes

    @property
    def token(self) -> str:
        """What identifies this file's contribution to the build."""
        return f"{self.relpath}\0{self.key}\0{self.error or ''}"


def scan_files(
    paths: Sequence[Path],
    config: Config,
    cache: PostingCache | None,
    known: Mapping[str, tuple[FileStamp, str]] | None = None,
) -> list[Task]:
    """Read every file and compute its key (keys are empty without a cache).

    ``known`` maps a file to its stamp and content digest at the last build: a file whose
    stamp is unchanged is not read again (its bytes are read if it must be processed).
    """
    max_bytes = int(config.max_file_mb * 1_000_000)
    tasks = []
    root = str(config.root)
    prefix = "" if root == "." else root.rstrip("/") + "/"
    trusted_before = time.time_ns() - RACY_NS
    known = known or {}
    for path in paths:
        text = str(path)
        plain = prefix and text.startswith(prefix) and os.sep == "/"
        relpath = text[len(prefix) :] if plain else relative_name(path, config.root)
        stamp = _stamp(path, trusted_before)
        last = known.get(relpath)
        if cache and stamp and last and tuple(last[0]) == stamp:
            tasks.append(Task(path, relpath, None, cache.key(relpath, last[1]), None, stamp, last[1]))
            continue
        try:
            check_path(path, relpath, config.content_path)
            data = read_regular_file(path, relpath, max_bytes)
        except ContentError as exc:
            tasks.append(Task(path, exc.path, b"", "", exc.diagnostic()))  # a name that is text
            continue
        content = content_digest(data) if cache else ""
        key = cache.key(relpath, content) if cache else ""
        tasks.append(Task(path, relpath, data, key, None, stamp, content))
    return tasks


def _stamp(path: Path, trusted_before: int) -> FileStamp | None:
    """The stamp of a regular file (not a link) changed before ``trusted_before``, else ``None``."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or max(st.st_mtime_ns, st.st_ctime_ns) >= trusted_before:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def process_tasks(
    tasks: Sequence[Task],
    config: Config,
    vocab: Vocabulary,
    cache: PostingCache | None,
    jobs: int | None = None,
    tick: Tick | None = None,
) -> list[Result]:
    """The result of every scanned file, in order: from the cache, else processed and stored."""
    results: list[Result | None] = [None] * len(tasks)
    todo: list[tuple[int, Task]] = []
    for index, task in enumerate(tasks):
        if task.error:
            results[index] = Result(None, (task.error,))
            continue
        results[index] = cache.load(task.key) if cache else None
        if results[index] is None:
            todo.append((index, task))
    if tick:
        tick(len(tasks) - len(todo))
    misses = [task for _, task in todo]
    done = map_ordered(run_task, misses, worker_count(len(misses), jobs), set_inputs, (vocab, config, cache))
    for (index, _), result in zip(todo, done, strict=True):
        results[index] = result
        if tick:
            tick(1)
    return [r for r in results if r is not None]


_inputs: tuple[Vocabulary, Config, PostingCache | None] | None = None


def set_inputs(vocab: Vocabulary, config: Config, cache: PostingCache | None) -> None:
    """What every task of this build shares (set once per worker process)."""
    global _inputs
    _inputs = (vocab, config, cache)


def run_task(task: Task) -> Result:
    """Process one file's bytes and store the result under the task's key."""
    assert _inputs is not None, "set_inputs() runs before any task"
    vocab, config, cache = _inputs
    try:
        data = task.data
        if data is None:  # as it was at the last build, but its result is not in the cache
            data = read_regular_file(task.path, task.relpath, int(config.max_file_mb * 1_000_000))
        source = parse_source(data, task.path, task.relpath)
    except ContentError as exc:
        result = Result(None, (exc.diagnostic(),))
    else:
        result = process_source(source, vocab, config)
    if cache is not None:
        cache.store(task.key, result)
    return result
