"""Run one function over many items across all cores, when there are enough items to pay for it.

Workers are forked where the platform allows (they start in milliseconds and inherit the
parent's loaded state), get their shared inputs once through ``initializer``, and die with
the build: a killed build leaves no worker behind writing into the next one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more (start-up, pickling) than it saves.
MIN_PARALLEL_ITEMS = 100
_PR_SET_PDEATHSIG = 1


def worker_count(items: int, jobs: int | None = None) -> int:
    """How many processes to use for ``items`` items: 1 means "in this process"."""
    cpus = jobs if jobs is not None else len(os.sched_getaffinity(0))
    return 1 if items < MIN_PARALLEL_ITEMS else max(1, min(cpus, items // (MIN_PARALLEL_ITEMS // 2)))


def can_fork() -> bool:
    """Whether workers can inherit the parent's state (objects that cannot be pickled too)."""
    return "fork" in multiprocessing.get_all_start_methods()


def map_ordered(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
) -> Iterator[R]:
    """``func`` over ``items`` in ``workers`` processes, results in order as they finish."""
    if workers <= 1:
        initializer(*initargs)
        yield from map(func, items)
        return
    context = multiprocessing.get_context("fork" if can_fork() else None)
    chunk = max(1, min(64, len(items) // (workers * 8)))
    with context.Pool(workers, _start_worker, (initializer, initargs)) as pool:
        yield from pool.imap(func, items, chunksize=chunk)


def _start_worker(initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    _die_with_parent()
    # Ctrl-C is the parent's to handle; workers are terminated by it (SIGTERM, which ends a
    # worker at once, whatever the parent made of it for itself).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    initializer(*initargs)


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the build process dies (a no-op elsewhere)."""
    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
