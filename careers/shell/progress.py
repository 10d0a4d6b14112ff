"""Progress of a long build: one line on a terminal, redrawn a few times a second; silent when piped."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

REDRAW_SECONDS = 0.1
# Builds shorter than this never draw a line at all.
QUIET_SECONDS = 0.5


class Meter:
    """Counts work done per stage; draws it only on a terminal, times stages when verbose."""

    def __init__(
        self,
        stream: TextIO,
        draw: bool,
        verbose: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.draw = draw
        self.verbose = verbose
        self.clock = clock
        self.stage = ""
        self.total = self.done = 0
        self.started = self.stage_started = self.drawn_at = clock()
        self.width = 0

    @classmethod
    def for_terminal(cls, stream: TextIO, quiet: bool, verbose: bool) -> Meter:
        return cls(stream, draw=not quiet and stream.isatty(), verbose=verbose and not quiet)

    def start(self, stage: str, total: int) -> None:
        self.finish()
        self.stage, self.total, self.done = stage, total, 0
        self.stage_started = self.clock()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        if self.draw and now - self.started >= QUIET_SECONDS and now - self.drawn_at >= REDRAW_SECONDS:
            self.drawn_at = now
            self._write(f"{self.stage}: {self.done:,}/{self.total:,}")

    def finish(self) -> None:
        """End the current stage: clear the line, and say how long it took when verbose."""
        if not self.stage:
            return
        if self.width:
            self._write("")
        if self.verbose:
            seconds = self.clock() - self.stage_started
            self.stream.write(f"{self.stage}: {self.done:,} in {seconds:.2f}s\n")
            self.stream.flush()
        self.stage = ""

    def _write(self, text: str) -> None:
        self.stream.write("\r" + text.ljust(self.width) + ("\r" if not text else ""))
        self.stream.flush()
        self.width = len(text)
