"""Time whole builds of generated projects: cold, no change, a fresh checkout with the cache
restored, one posting changed (the first edit after the restore), another posting changed (an
edit after an edit), template changed.

    python bench/build.py                        # N = 1,000 and 10,000, three runs each
    python bench/build.py --sizes 1000 --runs 5  # a quicker look
    python bench/build.py --careers /path/to/other/checkout   # the same figures for another version
    python bench/build.py --against /path/to/other/checkout   # both, alternately, round by round

"restored cache" is a publishing run on CI: the project checked out afresh at the same path
(every file new, with a new time) and ``.cache/``, ``site/`` and ``.site.new/`` restored as a
CI cache gives them back (times kept, new inodes), then built.

Each figure is the median (with min and max) of whole ``python build.py -q`` processes, so
start-up and imports count; beside it the CPU time (user and system, the build and its
workers), which a machine shared with other work disturbs far less than the clock. Peak
memory is the largest sum of the resident set sizes of the
build and every process it started (pool workers included), sampled every 20 ms. Forked
workers share pages with the build process, which a sum of resident sizes counts once per
process; the proportional set size (PSS) splits each shared page between the processes that
share it, so its sum is the memory the build really holds; it is sampled every 0.2 s, since
reading it walks every mapping of every process. Both are printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

from generate import generate

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = (
    "cold",
    "no change",
    "restored cache",
    "one posting changed",
    "another posting changed",
    "template changed",
)
KEPT = (".cache", "site", ".site.new")  # what a CI cache restores (docs/github-pages.yml)
SAMPLE_SECONDS = 0.02
PSS_EVERY = 10  # samples: PSS every 0.2 s
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    peak_pss_mb: float
    cpu: float = 0.0  # user and system seconds of the build and every process it waited for


def tree_pids(pid: int) -> list[int]:
    """``pid`` and all its descendants (none once it is gone)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/task/{current}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
        found.append(current)
    return found


def rss_kb(pids: list[int]) -> int:
    """The summed resident memory of ``pids`` (from statm: cheap enough to read often)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE_KB
        except (OSError, ValueError):
            continue
    return total


def pss_kb(pids: list[int]) -> int:
    """The summed proportional memory of ``pids`` (smaps_rollup walks every mapping: read seldom)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, ValueError):
            continue
    return total


def timed_build(careers: Path, project: Path, *extra: str) -> Run:
    """One ``build.py -q`` (and ``extra`` options) in ``project``; fails loudly if the build does."""
    env = {**os.environ, "PYTHONPATH": str(careers)}
    command = [sys.executable, str(careers / "build.py"), "-C", str(project), "-q", *extra]
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = peak_pss = 0
    for tick in itertools.count():
        if proc.poll() is not None:
            break
        pids = tree_pids(proc.pid)
        peak = max(peak, rss_kb(pids))
        if tick % PSS_EVERY == 0:
            peak_pss = max(peak_pss, pss_kb(pids))
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"build failed ({proc.returncode}) in {project}:\n{stderr}")
    return Run(seconds, peak / 1024, peak_pss / 1024, cpu)


def fresh_checkout(project: Path) -> None:
    """Replace ``project`` by a fresh copy at the same path: its files new (new times), the
    cache and site copied with their times, as ``actions/cache`` restores them."""
    old = project.with_name(project.name + ".old")
    project.rename(old)
    project.mkdir()
    for item in old.iterdir():
        if item.name in KEPT:
            subprocess.run(["cp", "-a", str(item), str(project / item.name)], check=True)
        elif item.name != ".site.old":
            subprocess.run(["cp", "-r", str(item), str(project / item.name)], check=True)
    subprocess.run(["rm", "-rf", str(old)], check=True)


def one_round(careers: Path, project: Path, round_no: int) -> dict[str, Run]:
    """The scenarios, in order, on one project; edits are undone afterwards."""
    for name in ("site", ".site.new", ".site.old", ".cache"):
        subprocess.run(["rm", "-rf", str(project / name)], check=True)
    runs = {"cold": timed_build(careers, project), "no change": timed_build(careers, project)}
    fresh_checkout(project)
    runs["restored cache"] = timed_build(careers, project)
    jobs = sorted((project / "content" / "jobs").iterdir())
    posting, another = jobs[len(jobs) // 2], jobs[len(jobs) // 3]
    template = project / "templates" / "base.html"
    originals = {path: path.read_bytes() for path in (posting, another, template)}
    try:
        # The first edit after a restored cache also links the whole site into the staging
        # folder again (the restore gave its files new inodes); the next edit is the one a team
        # editing a board waits for, again and again.
        for scenario, path in (("one posting changed", posting), ("another posting changed", another)):
            path.write_bytes(originals[path].rstrip() + f"\n\nEdited in round {round_no}.\n".encode())
            runs[scenario] = timed_build(careers, project)
        template.write_bytes(originals[template] + f"<!-- edited in round {round_no} -->\n".encode())
        runs["template changed"] = timed_build(careers, project)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    return runs


def summarize(size: int, rounds: list[dict[str, Run]]) -> list[str]:
    rows = []
    for scenario in SCENARIOS:
        times = [r[scenario].seconds for r in rounds]
        peaks = [r[scenario].peak_mb for r in rounds]
        pss = [r[scenario].peak_pss_mb for r in rounds]
        cpu = [r[scenario].cpu for r in rounds]
        median = statistics.median(times)
        rows.append(
            f"| {size:,} | {scenario} | {median:.2f} s | {min(times):.2f}–{max(times):.2f} s "
            f"| {statistics.median(cpu):.2f} s | {size / median:,.0f} | {statistics.median(peaks):,.0f} MB "
            f"| {statistics.median(pss):,.0f} MB |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="postings per project")
    parser.add_argument("--runs", type=int, default=3, help="rounds of the scenarios per size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--careers", type=Path, default=ROOT, help="the checkout whose build.py is timed")
    parser.add_argument("--workdir", type=Path, help="where projects are generated (default: a temp dir)")
    parser.add_argument(
        "--against", type=Path, help="another checkout, timed alternately with --careers, round by round"
    )
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="careers-bench-"))
    checkouts = [args.careers.resolve(), *([args.against.resolve()] if args.against else [])]
    print(f"careers: {', '.join(map(str, checkouts))}; projects in {workdir}; {os.cpu_count()} CPUs")
    results: dict[tuple[Path, int], list[dict[str, Run]]] = {}
    for size in args.sizes:
        # Each checkout builds its own project (its own templates and configuration), generated alike.
        projects = {c: workdir / (f"n{size}" if i == 0 else f"n{size}-{i}") for i, c in enumerate(checkouts)}
        for checkout, project in projects.items():
            generate(size, project, args.seed, checkout)
        rounds: dict[Path, list[dict[str, Run]]] = {c: [] for c in checkouts}
        for i in range(args.runs):
            for checkout, project in projects.items():  # alternately, so drift hits both alike
                rounds[checkout].append(one_round(checkout, project, i))
                last = rounds[checkout][-1].items()
                done = ", ".join(f"{name} {run.seconds:.2f} s ({run.cpu:.2f} s CPU)" for name, run in last)
                print(
                    f"  {checkout.name}, {size:,} postings, round {i + 1}: {done}",
                    file=sys.stderr,
                    flush=True,
                )
        results.update({(checkout, size): rounds[checkout] for checkout in checkouts})
    for checkout in checkouts:
        if len(checkouts) > 1:
            print(f"\n{checkout}:")
        print(
            "| postings | scenario | median | min–max | CPU (median) | postings/s "
            "| peak RSS, all processes | peak PSS |"
        )
        print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for size in args.sizes:
            for row in summarize(size, results[checkout, size]):
                print(row, flush=True)
        cold = {
            size: statistics.median(r["cold"].seconds for r in results[checkout, size]) for size in args.sizes
        }
        for small, large in itertools.pairwise(sorted(cold)):
            print(f"cold build, {large:,} vs {small:,} postings: {cold[large] / cold[small]:.1f}×")


if __name__ == "__main__":
    main()
