"""What each of the engine's speed layers saves: the same build with the layer and without it.

    python bench/layers.py                       # 1,000 and 10,000 generated postings, 3 runs
    python bench/layers.py --sizes 1000 --runs 5
    python bench/layers.py --edit title          # a title edit: a run that puts the site together

Every layer lives behind the engine, so taking one away is taking away what it keeps (its
file under ``.cache/``) or, for the process pool, running with ``-j 1``. Each pair of builds
is measured alternately, with and without the layer, in whole ``build.py -q`` processes, and
the table gives medians. The builds without a layer still write what it keeps, so every
measurement starts from the same state: a warm cache after the previous edit. The edit is a
line added to a posting's body (``--edit body``: the run patches the last site) or its title
changed (``--edit title``: the posting moves, and the run puts the whole site together).

| layer | measured on | without it |
| --- | --- | --- |
| process pool | a cold build | ``-j 1`` |
| posting store | one posting changed | ``.cache/postings/`` removed: every posting processed again |
| engine state | one posting changed | ``.cache/state/*.json`` removed: all files read, all pages drawn |
| site snapshot | one posting changed | ``.cache/state/*.site`` removed: the site put together, planned |
| kept cards | one posting changed | ``.cache/state/*.cards`` removed: every card rendered again |
| compiled templates | one posting changed | ``.cache/templates/`` removed: Jinja compiles every template |
| related lists | one posting changed | ``.cache/related.json`` removed |
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from build import Run, timed_build

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {  # name → what to remove before the run without it (globs under the project)
    "posting store": [".cache/postings"],
    "engine state": [".cache/state/*.json"],
    "site snapshot": [".cache/state/*.site"],
    "kept cards": [".cache/state/*.cards"],
    "compiled templates": [".cache/templates"],
    "related lists": [".cache/related.json"],
}


def build(careers: Path, project: Path, *extra: str) -> Run:
    return timed_build(careers, project, *extra)


def remove(project: Path, patterns: list[str]) -> None:
    for pattern in patterns:
        for path in glob.glob(str(project / pattern)):
            if os.path.isdir(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)


def cold(careers: Path, project: Path, *extra: str) -> Run:
    remove(project, ["site", ".site.new", ".site.old", ".cache"])
    return build(careers, project, *extra)


def pool(careers: Path, project: Path, runs: int) -> tuple[list[Run], list[Run]]:
    with_it, without = [], []
    for _ in range(runs):
        with_it.append(cold(careers, project))
        without.append(cold(careers, project, "-j", "1"))
    return with_it, without


def layer(
    careers: Path, project: Path, patterns: list[str], runs: int, edit: str
) -> tuple[list[Run], list[Run]]:
    jobs = sorted((project / "content" / "jobs").iterdir())
    posting = next(p for p in jobs[len(jobs) // 2 :] if edit == "body" or p.suffix == ".md")
    original = posting.read_bytes()

    def edited(n: int, what: str) -> bytes:
        if edit == "body":
            return original + f"\n\nEdit {n}, {what}.\n".encode()
        return original.replace(b"\ntitle: ", f"\ntitle: {what.title()} {n} ".encode(), 1)

    with_it, without = [], []
    try:
        for n in range(runs):
            posting.write_bytes(edited(n, "with the layer"))
            with_it.append(build(careers, project))
            posting.write_bytes(edited(n, "without it"))
            remove(project, patterns)
            without.append(build(careers, project))
    finally:
        posting.write_bytes(original)
        build(careers, project)
    return with_it, without


def row(size: int, name: str, measured: str, runs: tuple[list[Run], list[Run]]) -> str:
    with_it, without = (statistics.median(r.seconds for r in group) for group in runs)
    cpu_with, cpu_without = (statistics.median(r.cpu for r in group) for group in runs)
    return (
        f"| {size:,} | {name} | {measured} | {with_it:.2f} s | {without:.2f} s "
        f"| {without - with_it:+.2f} s ({without / with_it:.1f}×) | {cpu_with:.2f} s | {cpu_without:.2f} s "
        f"| {cpu_without - cpu_with:+.2f} s |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="pairs of builds per layer")
    parser.add_argument("--careers", type=Path, default=ROOT, help="the checkout whose build.py is timed")
    parser.add_argument("--workdir", type=Path, help="where projects are generated (default: a temp dir)")
    parser.add_argument("--only", nargs="+", help="layers to measure (default: all, and the pool)")
    parser.add_argument("--edit", choices=("body", "title"), default="body", help="what the edit changes")
    args = parser.parse_args()
    careers = args.careers.resolve()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="careers-layers-"))
    wanted = args.only or ["process pool", *LAYERS]
    print(f"careers: {careers}; projects in {workdir}; {os.cpu_count()} CPUs; medians of {args.runs}")
    print(
        "| postings | layer | measured on | with it | without it | it saves "
        "| CPU with | CPU without | CPU saved |"
    )
    print("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        project = workdir / f"n{size}"
        if not project.exists():
            generate(size, project, 1, careers)
        if "process pool" in wanted:
            print(row(size, "process pool", "cold build", pool(careers, project, args.runs)), flush=True)
        if not (project / ".cache").exists():
            cold(careers, project)
        for name, patterns in LAYERS.items():
            if name in wanted:
                times = layer(careers, project, patterns, args.runs, args.edit)
                print(row(size, name, f"one posting changed ({args.edit})", times), flush=True)


if __name__ == "__main__":
    main()
