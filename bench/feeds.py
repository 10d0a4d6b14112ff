"""What the job feeds cost a build: a project with ``feed.json`` and ``indeed.xml`` (on by default)
against the same project with both switched off, alternately, cold and with one posting changed.

    python bench/feeds.py                         # N = 1,000 and 10,000, three rounds each
    python bench/feeds.py --sizes 1000 --runs 5

Each figure is the median (min–max) of whole ``python build.py -q`` processes (``bench/build.py``'s
``timed_build``), and the size of each feed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from build import ROOT, timed_build

OFF = "\njson_feed = false\nindeed_feed = false\n"
FEEDS = ("feed.json", "indeed.xml")


def rounds(size: int, runs: int, workdir: Path) -> dict[tuple[str, str], list[float]]:
    """Per (setting, scenario): the seconds of each round, the two settings taking turns."""
    projects = {"feeds on": workdir / f"on-{size}", "feeds off": workdir / f"off-{size}"}
    for project in projects.values():
        generate(size, project)
    config = projects["feeds off"] / "careers.toml"
    config.write_text(config.read_text() + OFF)
    times: dict[tuple[str, str], list[float]] = {}
    for round_no in range(runs):
        for setting, project in projects.items():
            for kept in (".cache", "site", ".site.new"):
                shutil.rmtree(project / kept, ignore_errors=True)
            times.setdefault((setting, "cold"), []).append(timed_build(ROOT, project).seconds)
            posting = next((project / "content" / "jobs").glob("*.md"))
            posting.write_text(posting.read_text() + f"\nEdited in round {round_no}.\n")
            times.setdefault((setting, "one posting changed"), []).append(timed_build(ROOT, project).seconds)
    on = projects["feeds on"] / "site"
    for name in FEEDS:
        print(f"N={size:,}: {name} {(on / name).stat().st_size / 1e6:.1f} MB")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| postings | scenario | feeds on (s) | feeds off (s) | cost |")
    print("| ---: | --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory(prefix="careers-bench-feeds-") as tmp:
        for size in args.sizes:
            times = rounds(size, args.runs, Path(tmp))
            for scenario in ("cold", "one posting changed"):
                on, off = times[("feeds on", scenario)], times[("feeds off", scenario)]
                a, b = statistics.median(on), statistics.median(off)
                spread = f"{a:.2f} ({min(on):.2f}–{max(on):.2f})", f"{b:.2f} ({min(off):.2f}–{max(off):.2f})"
                print(f"| {size:,} | {scenario} | {spread[0]} | {spread[1]} | {a - b:+.2f} s |")


if __name__ == "__main__":
    main()
