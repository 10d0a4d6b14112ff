"""A time budget for reading one posting: checked between its lines and clauses, and enforced
by a timer signal as well where one can reach (a process's main thread).

Signals only reach the main thread, and the preview reads postings in another one; so the
reader asks ``check_time()`` between segments, lines, clauses and mentions, which costs a
clock read. Where the block runs in the main thread (``build -j 1``, ``check``, ``tags``, and
every worker of the pool) a CPU-time timer raises in whatever Python code is running, so that
code which never asks is stopped too. The budget is CPU time, not wall time: a busy machine
does not make a posting fail.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from types import FrameType
from typing import TypeVar

A = TypeVar("A")
R = TypeVar("R")

# (when the budget runs out, in this thread's CPU seconds; the budget)
_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("careers_deadline", default=None)
# The timer rings a little after the budget: the checks between lines say where it ran out.
_GRACE = 1.1


class OutOfTime(Exception):
    """Reading a posting took more CPU time than its budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"more than {seconds:g} s")
        self.seconds = seconds


def check_time() -> None:
    """Raise ``OutOfTime`` if the budget of the block this runs in is spent."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.thread_time() > deadline[0]:
        raise OutOfTime(deadline[1])


def timed(read: Callable[[A], R], item: A) -> R:
    """``read(item)``, once the budget is checked (for a loop over clauses or lines)."""
    check_time()
    return read(item)


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Let the block spend ``seconds`` of CPU time, then raise ``OutOfTime`` in it."""
    token = _DEADLINE.set((time.thread_time() + seconds, seconds))
    armed = _arm(seconds * _GRACE)
    try:
        yield
    finally:
        if armed is not None:
            _disarm(armed)
        _DEADLINE.reset(token)


def _arm(seconds: float) -> tuple[object] | None:
    """Start the CPU timer in the main thread, unless something else uses it: (the old
    handler,), or None when not started."""
    if threading.current_thread() is not threading.main_thread():
        return None
    if signal.getsignal(signal.SIGPROF) not in (signal.SIG_DFL, signal.SIG_IGN, None):
        return None  # a profiler's, or a caller's: not ours to take
    if signal.getitimer(signal.ITIMER_PROF) != (0.0, 0.0):
        return None
    old = signal.signal(signal.SIGPROF, _ring)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    return (old,)


def _disarm(armed: tuple[object]) -> None:
    signal.setitimer(signal.ITIMER_PROF, 0)
    signal.signal(signal.SIGPROF, armed[0] if armed[0] is not None else signal.SIG_DFL)  # type: ignore[arg-type]


def _ring(signum: int, frame: FrameType | None) -> None:
    deadline = _DEADLINE.get()
    if deadline is not None:
        raise OutOfTime(deadline[1])
