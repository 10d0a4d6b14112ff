"""Run the whole-project property tests for as long as asked, with either generator or both.

    python bench/fuzz.py --projects 1000                      # seeds 0..999 of each generator
    python bench/fuzz.py --projects 50 --seed 7 --generator hostile
    python bench/fuzz.py --projects 1 --seed 123 --generator first --keep /tmp/p   # keep it to look at

``first`` is ``bench/projects.py`` (what a careers team gets wrong), checked by
``tests/test_projects.py``; ``hostile`` is ``bench/hostile.py`` (codecs, surrogates, depth,
huge numbers, YAML aliases, failing templates, selectors, planted links, renames between
builds), checked by ``tests/test_hostile_projects.py``. Each project runs in a process of its
own, killed after ``--timeout`` seconds (a hang), so its peak memory (with its pool's) is its
own. It prints one line per failing seed, then per generator: projects, commands run,
internal errors, property violations, hangs, the slowest posting (CPU time to read it) and
the largest peak memory.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import hostile  # noqa: E402
import projects  # noqa: E402

import careers.posting.process  # noqa: E402  (imported here, not in each child: all run one version)
from tests.test_hostile_projects import check_hostile_project  # noqa: E402
from tests.test_projects import check_project, counted_runs  # noqa: E402

GENERATORS: dict[str, tuple[Callable[..., Path], Callable[[random.Random, Path], None]]] = {
    "first": (projects.make_project, check_project),
    "hostile": (hostile.make_project, check_hostile_project),
}
TIMINGS = "posting-seconds.txt"


@dataclass
class Tally:
    """What one generator's projects gave."""

    projects: int = 0
    runs: int = 0
    internal: int = 0
    violated: int = 0
    hangs: int = 0
    slowest: tuple[float, str] = (0.0, "")
    peak: tuple[int, str] = (0, "")
    failed: list[str] = field(default_factory=list)

    def line(self, name: str, seconds: float) -> str:
        return (
            f"{name}: {self.projects} projects, {self.runs} commands run, {self.internal} internal errors, "
            f"{self.violated} property violations, {self.hangs} hangs; slowest posting "
            f"{self.slowest[0]:.2f} s of CPU ({self.slowest[1]}); largest peak memory "
            f"{self.peak[0] / 1e6:.0f} MB ({self.peak[1]}); in {seconds:.0f} s"
        )


def run_one(generator: str, seed: int, where: Path, send: Any) -> None:
    """In a child process: one project, every property; the outcome goes through ``send``."""
    _time_postings(where / TIMINGS)
    make, check = GENERATORS[generator]
    rng = random.Random(seed)
    outcome: dict[str, Any] = {"status": "ok", "said": ""}
    with counted_runs() as runs:
        try:
            check(rng, make(rng, where / "project"))
        except AssertionError as exc:
            said = (str(exc).splitlines() or ["property violated"])[0][:300]
            outcome = {
                "status": "internal" if said.startswith("internal error") else "violated",
                "said": said,
            }
        except Exception as exc:  # an exception out of main() is an internal error too
            last = traceback.extract_tb(exc.__traceback__)[-1]
            said = f"{type(exc).__name__}: {exc} ({last.filename}:{last.lineno})"
            outcome = {"status": "internal", "said": said}
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    send.send({**outcome, "runs": runs[0], "peak": max(own, workers)})


def _time_postings(log: Path) -> None:
    """Record the CPU time each posting takes to read, in this process and its pool's workers."""
    processing = careers.posting.process
    original = processing.process_source

    def timed(source: Any, *args: Any) -> Any:
        start = time.thread_time()
        try:
            return original(source, *args)
        finally:
            line = f"{time.thread_time() - start:.4f}\t{source.relpath!r}\n".encode()
            fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            os.write(fd, line)
            os.close(fd)

    processing.process_source = timed


def fuzz(generator: str, first: int, count: int, keep: Path | None, timeout: float) -> Tally:
    tally = Tally()
    context = multiprocessing.get_context("fork")
    for seed in range(first, first + count):
        where = (
            Path(tempfile.mkdtemp(prefix="careers-fuzz-")) if keep is None else keep / f"{generator}-{seed}"
        )
        where.mkdir(parents=True, exist_ok=True)
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=run_one, args=(generator, seed, where, send))
        child.start()
        send.close()
        outcome = _outcome(receive, child, timeout)
        if child.is_alive():
            child.kill()
        child.join()
        tally.projects += 1
        tally.runs += outcome.get("runs", 0)
        _note(tally, generator, seed, outcome, where)
        if keep is None:
            shutil.rmtree(where, ignore_errors=True)
    return tally


def _outcome(receive: Any, child: Any, timeout: float) -> dict[str, Any]:
    if not receive.poll(timeout):
        return {"status": "hang", "said": f"still running after {timeout:.0f} s"}
    try:
        outcome: dict[str, Any] = receive.recv()
    except EOFError:  # it died without a word: killed, out of memory
        child.join()
        return {"status": "internal", "said": f"the process died (exit {child.exitcode})"}
    return outcome


def _note(tally: Tally, generator: str, seed: int, outcome: dict[str, Any], where: Path) -> None:
    status = outcome["status"]
    if status != "ok":
        counter = {"internal": "internal", "violated": "violated", "hang": "hangs"}[status]
        setattr(tally, counter, getattr(tally, counter) + 1)
        line = f"{generator} seed {seed}: {status}: {outcome['said']}"
        tally.failed.append(line)
        print(line, flush=True)
    if outcome.get("peak", 0) > tally.peak[0]:
        tally.peak = (outcome["peak"], f"seed {seed}")
    log = where / TIMINGS
    for row in log.read_text().splitlines() if log.is_file() else []:
        seconds, name = row.split("\t", 1)
        if float(seconds) > tally.slowest[0]:
            tally.slowest = (float(seconds), f"seed {seed}, {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100, help="projects of each generator")
    parser.add_argument("--seed", type=int, default=0, help="the first seed")
    parser.add_argument("--generator", choices=["first", "hostile", "both"], default="both")
    parser.add_argument("--keep", type=Path, help="generate the projects here and keep them")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a project counts as hung")
    args = parser.parse_args()
    names = list(GENERATORS) if args.generator == "both" else [args.generator]
    failed = False
    lines = []
    for name in names:
        started = time.perf_counter()
        tally = fuzz(name, args.seed, args.projects, args.keep, args.timeout)
        lines.append(tally.line(name, time.perf_counter() - started))
        failed = failed or bool(tally.failed)
    print("\n".join(lines))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
