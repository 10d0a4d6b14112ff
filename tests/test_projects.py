"""Whole random projects, valid and broken (``bench/projects.py``): no internal error, ever.

For every generated project: each command exits 0, 1 or 2 and never with an internal error;
nothing in ``content/`` changes; a second build writes the same bytes; a cached build equals
``--no-cache``, and one process equals several; the preview, after random edits, shows what
a cold build of the edited project writes. ``bench/fuzz.py`` runs the same for longer.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from careers.config import load_config
from careers.engine import Options
from careers.shell.cli import main
from careers.shell.preview import Preview

from .conftest import ROOT, preview_reference, tree_bytes

sys.path.insert(0, str(ROOT / "bench"))
from projects import edit_project, make_project

NOW = "2026-12-01"
INTERNAL = 70


_runs: list[int] = [0]


@contextlib.contextmanager
def counted_runs() -> Iterator[list[int]]:
    """Count the commands ``run`` runs within the block (``bench/fuzz.py`` reports them)."""
    _runs[0] = 0
    yield _runs


def run(project: Path, *args: str) -> tuple[int, str]:
    """A command, in this process; an internal error (exit 70, or an exception) fails."""
    _runs[0] += 1
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["-C", str(project), *args, "--now", NOW, "-q"])
    assert code != INTERNAL, f"internal error: {err.getvalue()}"
    return code, err.getvalue()


def content_digest(project: Path) -> str:
    h = hashlib.sha256()
    for path in sorted((project / "content").rglob("*")):
        h.update(bytes(path.relative_to(project)))
        if path.is_file() and not path.is_symlink():
            h.update(path.read_bytes())
    return h.hexdigest()


def check_project(rng: random.Random, project: Path) -> None:
    """Every property, on one project (``bench/fuzz.py`` calls this too)."""
    before = content_digest(project)
    code, err = run(project, "build")
    assert code in (0, 1, 2) and "internal error" not in err and "Traceback" not in err, err
    assert content_digest(project) == before
    if code == 2:  # a configuration or template error: nothing was built
        assert run(project, "check")[0] == 2
        return
    site = tree_bytes(project / "site")
    assert run(project, "build")[0] == code and tree_bytes(project / "site") == site
    for name, extra in (("cold", ["--no-cache"]), ("serial", ["-j", "1"]), ("parallel", ["-j", "2"])):
        assert run(project, "build", "--output", f"out-{name}", *extra)[0] == code
        assert tree_bytes(project / f"out-{name}") == site, name
    check, err = run(project, "check")
    assert check in (0, 1) and "internal error" not in err, err
    assert content_digest(project) == before
    check_preview(rng, project)


def check_preview(rng: random.Random, project: Path) -> None:
    preview = Preview(lambda: load_config(project, {"output_dir": "site"}), Options(drafts=True))
    update = preview.rebuild()
    assert update.problem is None or not update.problem.startswith("internal error"), update.problem
    for _ in range(rng.randint(1, 4)):
        edit_project(rng, project)
        update = preview.rebuild()
        assert update.problem is None or not update.problem.startswith("internal error"), update.problem
    # A posting broken by an edit keeps its last good page in the preview, which a cold build
    # cannot show: compare when nothing is broken.
    if update.problem is None and not any(d.level == "error" for d in update.diagnostics):
        assert tree_bytes(preview.output) == preview_reference(project, project / "reference")


@pytest.mark.parametrize("seed", range(3))
def test_large_projects_hold_every_property(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    check_project(rng, make_project(rng, tmp_path / "project", postings=120 + seed * 30))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rng=st.randoms(use_true_random=False))
def test_random_projects_hold_every_property(
    tmp_path_factory: pytest.TempPathFactory, rng: random.Random
) -> None:
    project = make_project(rng, tmp_path_factory.mktemp("project"))
    check_project(rng, project)
