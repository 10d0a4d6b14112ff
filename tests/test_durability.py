"""Durability: a build killed with SIGKILL at any moment leaves the previous site or the new one.

Two kinds of kill: at chosen points of the writer (a child process that SIGKILLs itself on
the n-th file write, just before or after the swap, or while the old tree is removed), and
at random moments of a real build. Every time, ``site/`` must be byte-for-byte one of the
two complete sites, and the next build must succeed and leave nothing behind. A last test
audits every file-system write a build makes (Python's audit hooks) to show that none
lands outside the output folder, its staging sibling and the cache.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from careers.shell.cli import main

from .conftest import ROOT

KILLER = """
import os, shutil, signal, sys
from pathlib import Path
import careers.engine.writer as writer
from careers.shell.cli import main

point, n, root = sys.argv[1], int(sys.argv[2]), sys.argv[3]
calls = 0

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def counted(real):
    def wrapper(*args, **kwargs):
        global calls
        calls += 1
        if calls == n:
            die()
        return real(*args, **kwargs)
    return wrapper

if point == "write":  # before the n-th page is written into the staging folder
    writer.write_atomically = counted(writer.write_atomically)
elif point == "swap":  # n=0: just before the atomic exchange; n=1: just after it
    real = writer._exchange
    def exchange(a, b):
        if n == 0:
            die()
        done = real(a, b)
        die()
    writer._exchange = exchange
elif point == "replace":  # before the n-th file is renamed into place (cache, then staging)
    os.replace = counted(os.replace)
elif point == "link":  # before the n-th unchanged page is linked into the staging folder
    os.link = counted(os.link)
sys.exit(main(["-C", root, "build", "-q"]))
"""

EXTRA = "---\ntitle: Night Shift Supervisor\ndate: 2026-11-20\n---\nLead the night shift team.\n"


def digest(site: Path) -> str:
    """One hash of a whole folder: every path and its bytes."""
    h = hashlib.sha256()
    if not site.exists():
        return "absent"
    for path in sorted(site.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def set_state(project: Path, state: str) -> None:
    """Content A is the sample; content B adds a posting and removes another."""
    jobs = project / "content" / "jobs"
    shutil.rmtree(jobs)
    shutil.copytree(ROOT / "content" / "jobs", jobs)
    if state == "B":
        (jobs / "night-shift.md").write_text(EXTRA)
        (jobs / "sales-development-intern.md").unlink()


def build_quietly(project: Path) -> int:
    return main(["-C", str(project), "build", "-q"])


def leftovers(project: Path) -> list[str]:
    """Siblings of site/ a finished build should not leave: ``.site.new`` is the copy the
    writer keeps on purpose (the previous site, updated in place by the next build)."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site") and p.name != ".site.new")


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The digests of the complete sites for content A and content B."""
    found = {}
    for state in ("A", "B"):
        project = make_project(tmp_path_factory.mktemp(f"state{state}"))
        set_state(project, state)
        assert build_quietly(project) == 0
        found[state] = digest(project / "site")
    assert found["A"] != found["B"]
    return found


def make_project(parent: Path) -> Path:
    project = parent / "project"
    project.mkdir()
    shutil.copy(ROOT / "careers.toml", project / "careers.toml")
    shutil.copytree(ROOT / "templates", project / "templates")
    (project / "content").mkdir()
    shutil.copytree(ROOT / "content" / "jobs", project / "content" / "jobs")
    return project


def kill_at(project: Path, point: str, n: int) -> int:
    result = subprocess.run(
        [sys.executable, "-c", KILLER, point, str(n), str(project)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode


@pytest.mark.parametrize(
    "point, n, expected",
    [
        ("write", 1, "A"),
        ("write", 12, "A"),
        ("write", 8, "A"),
        ("swap", 0, "A"),
        ("swap", 1, "B"),
        ("replace", 1, "A"),
        ("replace", 12, "A"),
        ("link", 1, "A"),
        ("link", 25, "A"),
    ],
    ids=lambda v: str(v),
)
def test_kill_at_each_step_of_the_writer(
    tmp_path: Path, states: dict[str, str], point: str, n: int, expected: str
) -> None:
    project = make_project(tmp_path)
    assert build_quietly(project) == 0
    set_state(project, "B")
    assert kill_at(project, point, n) == -signal.SIGKILL
    assert digest(project / "site") == states[expected]
    assert build_quietly(project) == 0
    assert digest(project / "site") == states["B"]
    assert leftovers(project) == []


def test_kill_during_the_first_build_leaves_no_site(tmp_path: Path, states: dict[str, str]) -> None:
    project = make_project(tmp_path)
    assert kill_at(project, "write", 20) == -signal.SIGKILL
    assert not (project / "site").exists()
    assert build_quietly(project) == 0
    assert digest(project / "site") == states["A"] and leftovers(project) == []


def test_kill_at_random_moments(tmp_path: Path, states: dict[str, str]) -> None:
    """Half the kills anywhere in a build, half at random moments once writing has begun."""
    project = make_project(tmp_path)
    command = [sys.executable, str(ROOT / "build.py"), "-q"]
    started = time.perf_counter()
    subprocess.run(command, cwd=project, check=True, timeout=120)
    seconds = time.perf_counter() - started
    rng = random.Random(7)
    for i in range(8):
        state = "B" if i % 2 == 0 else "A"
        set_state(project, state)
        staging = identity(project / ".site.new")  # a killed build may have left one
        proc = subprocess.Popen(command, cwd=project, stderr=subprocess.DEVNULL)
        if i % 4 < 2:
            time.sleep(rng.uniform(0, seconds * 1.2))
        else:
            wait_for_new(project / ".site.new", staging, proc)
            time.sleep(rng.uniform(0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert digest(project / "site") in (states["A"], states["B"]), f"kill {i} left a mixed site"
    subprocess.run(command, cwd=project, check=True, timeout=120)
    assert digest(project / "site") == states["A"] and leftovers(project) == []


def identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_ino, info.st_ctime_ns


def wait_for_new(path: Path, old: tuple[int, int] | None, proc: subprocess.Popen[bytes]) -> None:
    """Until a new ``path`` exists (the build has begun writing) or the build has ended."""
    deadline = time.monotonic() + 60
    while identity(path) in (None, old) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)


AUDIT = """
import os, sys
written = []
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

def hook(event, args):
    if event == "open" and args[0] is not None and not isinstance(args[0], int):
        mode, flags = args[1] or "", args[2] or 0
        if any(c in mode for c in "wax+") or flags & WRITE_FLAGS:
            written.append(("open", args[0]))
    elif event in ("os.remove", "os.rmdir") and args[1] not in (None, -100):
        pass  # relative to a folder being removed by shutil.rmtree, whose own event names it
    elif event in ("os.mkdir", "os.remove", "os.rmdir", "os.truncate", "os.chmod", "os.utime",
                   "shutil.rmtree", "shutil.copyfile", "os.symlink"):
        if not isinstance(args[0], int):  # a file descriptor: its open was audited
            written.append((event, args[0]))
    elif event in ("os.rename", "os.link"):
        written.extend([(event, args[0]), (event, args[1])])

sys.addaudithook(hook)
from careers.shell.cli import main
code = main(["build", "-q"])
for event, path in written:
    print(event, os.path.abspath(os.fsdecode(path)))
sys.exit(code)
"""


def test_a_build_writes_only_into_the_output_and_the_cache(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    for round_ in range(2):  # a first build, then one that replaces a site
        if round_:
            set_state(project, "B")  # something to do: an unchanged project is left alone
        result = subprocess.run(
            [sys.executable, "-c", AUDIT],
            cwd=project,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        writes = [line.split(" ", 1) for line in result.stdout.splitlines()]
        assert len(writes) > 20
        allowed = [project / name for name in ("site", ".site.new", ".site.old", ".cache")]
        outside = [(event, path) for event, path in writes if not any(_under(path, a) for a in allowed)]
        assert outside == [], outside[:5]


def _under(path: str, folder: Path) -> bool:
    return path == str(folder) or path.startswith(str(folder) + os.sep)
