"""Whole hostile projects (``bench/hostile.py``), with other habits than ``bench/projects.py``.

For every project: each command exits 0, 1 or 2 and never with an internal error; nothing in
``content/`` changes, nothing is written through the links planted to ``outside/``, and
nothing is left in the temporary folder; a second build writes the same bytes; a cached build
equals ``--no-cache``, one process equals several; after renames, re-extensions, swaps and
same-size edits, an incremental build equals a cold one; and the preview, after such edits,
shows what a cold build of the edited project writes. ``bench/fuzz.py --generator hostile``
runs the same for longer.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from careers.config import load_config
from careers.engine import Options
from careers.errors import CareersError
from careers.shell.preview import Preview

from .conftest import ROOT, preview_reference, tree_bytes
from .test_broken_input import content_digest
from .test_projects import run

sys.path.insert(0, str(ROOT / "bench"))
from hostile import edit_project, make_project

EDITS = 3  # rounds of edits between builds


def check_hostile_project(rng: random.Random, project: Path) -> None:
    """Every property, on one hostile project (``bench/fuzz.py`` calls this too)."""
    outside, temp = project.parent / "outside", project.parent / "tmp"
    temp.mkdir(exist_ok=True)
    saved, tempfile.tempdir = tempfile.tempdir, str(temp)
    kept_outside = content_digest(outside)
    try:
        _check_builds(rng, project)
        _check_preview(rng, project)
    finally:
        tempfile.tempdir = saved
    assert content_digest(outside) == kept_outside, "written outside the project through a link"
    assert sorted(p.name for p in temp.iterdir()) == [], "left in the temporary folder"


def _check_builds(rng: random.Random, project: Path) -> None:
    content = content_digest(project / "content")
    code, err = run(project, "build")
    assert code in (0, 1, 2) and "Traceback" not in err, err
    assert content_digest(project / "content") == content, "content/ changed"
    if code == 2:  # a configuration, template or output-folder error: nothing was built
        assert run(project, "check")[0] in (1, 2)  # check builds elsewhere: the output folder is not its
        return
    site = tree_bytes(project / "site")
    assert run(project, "build")[0] == code and tree_bytes(project / "site") == site, "rebuild"
    for name, extra in (("cold", ["--no-cache"]), ("serial", ["-j", "1"]), ("parallel", ["-j", "2"])):
        assert run(project, "build", "--output", f"out-{name}", *extra)[0] == code
        assert tree_bytes(project / f"out-{name}") == site, name
    assert run(project, "check")[0] in (0, 1)
    for round_ in range(EDITS):
        edit_project(rng, project)
        published = project / ".cache" / "published.json"
        record = published.read_bytes() if published.is_file() and not published.is_symlink() else None
        content = content_digest(project / "content")
        code = run(project, "build")[0]
        assert content_digest(project / "content") == content, "content/ changed"
        cold, from_scratch = cold_build(project, record, f"cold-{round_}")
        assert code == cold, f"incremental exit {code}, cold {cold}, after edit {round_ + 1}"
        if code != 2 and from_scratch:  # no site from scratch: nothing found, the last one stays
            incremental = tree_bytes(project / "site")
            differ = sorted(set(incremental) ^ set(from_scratch) or _differing(incremental, from_scratch))
            assert not differ, f"incremental != cold after edit {round_ + 1}: {', '.join(differ[:5])}"


def cold_build(project: Path, record: bytes | None, name: str) -> tuple[int, dict[str, bytes]]:
    """A build of a copy of the project from scratch, given only the record of the URLs the
    project had published (which keeps them: a URL never moves) and nothing else it kept."""
    twin = project.parent / name
    twin.mkdir()
    for folder in ("content", "templates"):
        if (project / folder).is_dir() and not (project / folder).is_symlink():
            shutil.copytree(project / folder, twin / folder, symlinks=True)
    shutil.copy(project / "careers.toml", twin / "careers.toml")
    if record is not None:
        (twin / ".cache").mkdir()
        (twin / ".cache" / "published.json").write_bytes(record)
    code = run(twin, "build")[0]
    built = tree_bytes(twin / "site") if (twin / "site").is_dir() else {}
    shutil.rmtree(twin)
    return code, built


def _differing(a: dict[str, bytes], b: dict[str, bytes]) -> set[str]:
    return {name for name in a if a[name] != b.get(name)}


def _check_preview(rng: random.Random, project: Path) -> None:
    try:
        preview = Preview(lambda: load_config(project, {"output_dir": "site"}), Options(drafts=True))
    except CareersError:  # serve would stop here with the message and exit 2, as build did
        return
    update = preview.rebuild()
    assert update.problem is None or not update.problem.startswith("internal error"), update.problem
    for _ in range(rng.randint(1, 3)):
        edit_project(rng, project)
        update = preview.rebuild()
        assert update.problem is None or not update.problem.startswith("internal error"), update.problem
    # A posting broken by an edit keeps its last good page in the preview, which a cold build
    # cannot show: compare when nothing is broken.
    if update.problem is None and not any(d.level == "error" for d in update.diagnostics):
        assert tree_bytes(preview.output) == _reference(project), "preview != a cold build"


def _reference(project: Path) -> dict[str, bytes]:
    """What a cold ``build --drafts`` of the project writes, given the record of the URLs it
    published (as the preview has it), with static files under their own names."""
    twin = project.parent / "twin-reference"
    shutil.rmtree(twin, ignore_errors=True)
    twin.mkdir()
    for folder in ("content", "templates"):
        if (project / folder).is_dir() and not (project / folder).is_symlink():
            shutil.copytree(project / folder, twin / folder, symlinks=True)
    shutil.copy(project / "careers.toml", twin / "careers.toml")
    record = project / ".cache" / "published.json"
    if record.is_file() and not record.is_symlink():
        (twin / ".cache").mkdir()
        shutil.copy(record, twin / ".cache" / "published.json")
    files = preview_reference(twin, twin / "reference")  # given the record
    shutil.rmtree(twin)
    return files


@pytest.mark.parametrize("seed", range(4))
def test_hostile_projects_hold_every_property(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    check_hostile_project(rng, make_project(rng, tmp_path / "project", postings=40 + seed * 20))
