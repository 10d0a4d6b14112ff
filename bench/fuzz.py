"""Run the whole-project property test (``tests/test_projects.py``) for as long as asked.

    python bench/fuzz.py --projects 1000          # seeds 0..999
    python bench/fuzz.py --projects 50 --seed 7   # seeds 7..56
    python bench/fuzz.py --projects 1 --seed 123 --keep /tmp/p   # keep one project to look at

Each project is generated from its seed (``bench/projects.py``), then built, rebuilt, built
without the cache, serially and in parallel, checked, and previewed through random edits,
with every property checked (no internal error; exit 0, 1 or 2; ``content/`` unchanged;
identical bytes). It prints one line per failing seed and then the counts.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from projects import make_project  # noqa: E402

from tests.test_projects import check_project, counted_runs  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0, help="the first seed")
    parser.add_argument("--keep", type=Path, help="generate the projects here and keep them")
    args = parser.parse_args()
    internal = violated = builds = 0
    started = time.perf_counter()
    for seed in range(args.seed, args.seed + args.projects):
        where = Path(tempfile.mkdtemp(prefix="careers-fuzz-")) if args.keep is None else args.keep / str(seed)
        rng = random.Random(seed)
        try:
            with counted_runs() as runs:
                try:
                    check_project(rng, make_project(rng, where / "project"))
                finally:
                    builds += runs[0]
        except AssertionError as exc:
            said = (str(exc).splitlines() or [""])[0][:200]
            if said.startswith("internal error"):
                internal += 1
            else:
                violated += 1
            print(f"seed {seed}: {said or 'property violated'}", flush=True)
        except Exception as exc:  # an exception out of main() is an internal error too
            internal += 1
            last = traceback.extract_tb(exc.__traceback__)[-1]
            where_ = f"{last.filename}:{last.lineno}"
            print(f"seed {seed}: internal error {type(exc).__name__}: {exc} ({where_})", flush=True)
        finally:
            if args.keep is None:
                shutil.rmtree(where, ignore_errors=True)
    seconds = time.perf_counter() - started
    print(
        f"{args.projects} projects, {builds} commands run, {internal} internal errors, "
        f"{violated} other property violations, in {seconds:.0f} s"
    )
    return 1 if internal or violated else 0


if __name__ == "__main__":
    sys.exit(main())
