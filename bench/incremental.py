"""Run the incremental-equals-cold state machine (``tests/test_incremental.py``) for longer.

    python bench/incremental.py --examples 500 --steps 40
    python bench/incremental.py --examples 50 --shrink   # and shrink a failure to its shortest

Each example is a project edited step by step (postings added, edited, retitled, renamed,
re-extended, deleted and re-added, drafts toggled, dates, slugs, departments, templates,
settings and the vocabulary changed, commits, new days, broken saves, interrupted builds,
stopped previews, pages edited by hand), built incrementally and previewed between edits;
every build is compared with a cold build of the same files. It prints the examples and
steps run, the builds compared, and the first failure, if any, with its steps.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, settings  # noqa: E402
from hypothesis.stateful import run_state_machine_as_test  # noqa: E402

from tests.test_incremental import IncrementalIsCold  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100, help="projects to generate")
    parser.add_argument("--steps", type=int, default=40, help="steps per project, at most")
    parser.add_argument("--shrink", action="store_true", help="shrink a failure (slow)")
    args = parser.parse_args()
    counts = {"examples": 0, "steps": 0, "compared": 0}

    class Counted(IncrementalIsCold):
        def __init__(self) -> None:
            super().__init__()
            counts["examples"] += 1

        def cold(self, *args: object, **kwargs: object) -> dict[str, bytes]:
            counts["compared"] += 1
            return super().cold(*args, **kwargs)  # type: ignore[arg-type]

        def check_invariants(self, *args: object, **kwargs: object) -> None:
            counts["steps"] += 1
            super().check_invariants(*args, **kwargs)  # type: ignore[arg-type]

    phases = [Phase.generate, Phase.shrink] if args.shrink else [Phase.generate]
    chosen = settings(
        max_examples=args.examples,
        stateful_step_count=args.steps,
        deadline=None,
        database=None,
        phases=phases,
        suppress_health_check=list(HealthCheck),
    )
    started = time.perf_counter()
    failed = False
    try:
        run_state_machine_as_test(Counted, settings=chosen)
    except Exception as exc:  # the failure and its steps were printed by hypothesis
        failed = True
        print(f"FAILED: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
    seconds = time.perf_counter() - started
    print(
        f"{counts['examples']} projects, {counts['steps']} steps, {counts['compared']} builds compared "
        f"with a cold build, {'a failure' if failed else 'no difference'}, in {seconds:.0f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
