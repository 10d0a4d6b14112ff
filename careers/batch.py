"""Stages 1–3 for every posting file: from the cache where it can be, across cores where not."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .cache import PostingCache
from .config import Config
from .errors import ContentError, Diagnostic
from .parallel import map_ordered, worker_count
from .posting import Result, process_source
from .sources import check_link, parse_source, read_regular_file, relative_name
from .tagging import Vocabulary

Tick = Callable[[int], None]


@dataclass(frozen=True)
class Task:
    """One posting file as read: its bytes and cache key, or why it could not be read."""

    path: Path
    relpath: str
    data: bytes
    key: str
    error: Diagnostic | None = None

    @property
    def token(self) -> str:
        """What identifies this file's contribution to the build."""
        return f"{self.relpath}\0{self.key}\0{self.error or ''}"


def scan_files(paths: Sequence[Path], config: Config, cache: PostingCache | None) -> list[Task]:
    """Read every file and compute its key (keys are empty without a cache)."""
    max_bytes = int(config.max_file_mb * 1_000_000)
    tasks = []
    root = str(config.root)
    prefix = "" if root == "." else root.rstrip("/") + "/"
    for path in paths:
        text = str(path)
        plain = prefix and text.startswith(prefix) and os.sep == "/"
        relpath = text[len(prefix) :] if plain else relative_name(path, config.root)
        try:
            check_link(path, relpath, config.content_path)
            data = read_regular_file(path, relpath, max_bytes)
        except ContentError as exc:
            tasks.append(Task(path, relpath, b"", "", exc.diagnostic()))
            continue
        tasks.append(Task(path, relpath, data, cache.key(relpath, data) if cache else ""))
    return tasks


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
        source = parse_source(task.data, task.path, task.relpath)
    except ContentError as exc:
        result = Result(None, (exc.diagnostic(),))
    else:
        result = process_source(source, vocab, config)
    if cache is not None:
        cache.store(task.key, result)
    return result
