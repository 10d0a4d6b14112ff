"""What a run is asked to do (``Options``), where it writes (``Target``) and what it did (``Report``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from careers.engine.writer import WriteStats
from careers.errors import Diagnostic


@dataclass(frozen=True)
class Options:
    """How to build; ``now`` is the day postings close against (``None``: none ever closes)."""

    drafts: bool = False
    now: dt.date | None = None
    jobs: int | None = None  # processes to use; None: one per core
    cache: bool = True  # read and write ``.cache/``


@dataclass(frozen=True)
class Target:
    """Where a run writes, and how."""

    output: Path
    live: bool = False  # write files in place (the preview) instead of swapping a whole site in
    fingerprint_assets: bool = True  # ``style.<hash>.css``; the preview keeps names, to swap CSS live
    keep_last_good: bool = False  # a posting that stops building keeps its last good version
    persist: bool = True  # write the cache (state, results, cards); False only reads results from it


@dataclass(frozen=True)
class Report:
    postings: int
    pages: int
    stats: WriteStats
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    changed: tuple[str, ...] = ()  # output files written or removed
    processed: tuple[str, ...] = ()  # posting files whose bytes changed since the last run
    rendered: int = 0  # pages drawn (the rest were kept as they were)
    stopped: bool = False  # given up for a newer change (the preview): the rest is done next run

    @property
    def failed(self) -> bool:
        return any(d.level == "error" for d in self.diagnostics)
