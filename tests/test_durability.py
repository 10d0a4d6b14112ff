"""Durability: a build stopped at any moment leaves the previous site or the new one, and no litter.

Four ways to stop: SIGKILL, Ctrl-C (SIGINT), a failing disk (``OSError``) and a bug of ours
(an exception), each at chosen points of the writer (a child process that stops itself on the
n-th file write, link or rename, just before or after the swap), and SIGKILL and SIGINT at
random moments of a real build. Every time, ``site/`` must be byte-for-byte one of the two
complete sites; a build that could clean up after itself leaves no staging folder without a
site and no temporary file, in the project or the system's temporary folder (an internal
error's details go in ``.cache/``); and the next build must succeed and leave nothing behind,
whatever a killed one left. A last test audits every file-system write a build makes
(Python's audit hooks) to show that none lands outside the output folder, its staging
sibling and the cache.
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

from careers.engine.files import is_temporary
from careers.shell.cli import main

from .conftest import ROOT

KILLER = """
import errno, os, shutil, signal, sys
from pathlib import Path
import careers.engine.swap as swap
import careers.engine.writer as writer
from careers.shell.cli import main

how, point, n, root = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
calls = 0

def stop():
    if how == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif how == "interrupt":  # Ctrl-C: Python raises KeyboardInterrupt once the handler runs
        os.kill(os.getpid(), signal.SIGINT)
        signal.raise_signal(signal.SIGINT)
    elif how == "disk":
        raise OSError(errno.ENOSPC, "No space left on device", "somewhere")
    else:
        raise RuntimeError("a bug of ours")

def counted(real):
    def wrapper(*args, **kwargs):
        global calls
        calls += 1
        if calls == n:
            stop()
        return real(*args, **kwargs)
    return wrapper

if point == "write":  # before the n-th page is written into the staging folder
    writer.write_atomically = counted(writer.write_atomically)
elif point == "swap":  # n=0: just before the atomic exchange; n=1: just after it
    real = swap._exchange
    def exchange(a, b):
        if n == 0:
            stop()
        done = real(a, b)
        stop()
        return done
    swap._exchange = exchange
elif point == "replace":  # before the n-th file is renamed into place (cache, then staging)
    os.replace = counted(os.replace)
elif point == "link":  # before the n-th unchanged page is linked into the staging folder
    os.link = counted(os.link)
elif point == "prune":  # before the n-th stale file of the staging folder is removed
    writer._unlink_and_prune = counted(writer._unlink_and_prune)
sys.exit(main(["-C", root, "build", "-q"]))
"""

# What each way of stopping makes the command exit with.
EXIT = {"kill": -signal.SIGKILL, "interrupt": 130, "disk": 2, "bug": 70}

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
    """Content A is the sample; content B adds a posting and removes another; C removes a third."""
    jobs = project / "content" / "jobs"
    shutil.rmtree(jobs)
    shutil.copytree(ROOT / "content" / "jobs", jobs)
    if state == "B":
        (jobs / "night-shift.md").write_text(EXTRA)
        (jobs / "sales-development-intern.md").unlink()
    elif state == "C":
        (jobs / "senior-data-engineer.md").unlink()


def build_quietly(project: Path) -> int:
    return main(["-C", str(project), "build", "-q"])


def leftovers(project: Path) -> list[str]:
    """Siblings of site/ a finished build should not leave: ``.site.new`` is the copy the
    writer keeps on purpose (the previous site, updated in place by the next build)."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site") and p.name != ".site.new")


def litter(project: Path) -> list[str]:
    """What no build that could clean up after itself may leave: a staging folder without a
    site, a half-swapped site, and temporary files anywhere (the cache and the kept copy too)."""
    found = [p.name for p in project.iterdir() if p.name == ".site.old"]
    if (project / ".site.new").exists() and not (project / "site").exists():
        found.append(".site.new without a site")
    found += [str(p.relative_to(project)) for p in project.rglob("*") if is_temporary(p.name)]
    return found


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The digests of the complete sites for content A and content B."""
    found = {}
    for state in ("A", "B", "C"):
        project = make_project(tmp_path_factory.mktemp(f"state{state}"))
        set_state(project, state)
        assert build_quietly(project) == 0
        found[state] = digest(project / "site")
    assert len(set(found.values())) == 3
    return found


def make_project(parent: Path) -> Path:
    project = parent / "project"
    project.mkdir()
    shutil.copy(ROOT / "careers.toml", project / "careers.toml")
    shutil.copytree(ROOT / "templates", project / "templates")
    (project / "content").mkdir()
    shutil.copytree(ROOT / "content" / "jobs", project / "content" / "jobs")
    return project


def stop_at(project: Path, how: str, point: str, n: int, temp: Path | None = None) -> int:
    """Build ``project`` in a child process that stops itself ``how`` at the ``n``-th ``point``."""
    result = subprocess.run(
        [sys.executable, "-c", KILLER, how, point, str(n), str(project)],
        env={**os.environ, "PYTHONPATH": str(ROOT), **({"TMPDIR": str(temp)} if temp else {})},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode


def kill_at(project: Path, point: str, n: int) -> int:
    return stop_at(project, "kill", point, n)


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
    assert leftovers(project) == [] and litter(project) == []


@pytest.mark.parametrize("how", ["interrupt", "disk", "bug"])
@pytest.mark.parametrize(
    "point, n, expected",
    [
        ("write", 1, "B"),
        ("write", 9, "B"),
        ("swap", 0, "B"),
        ("swap", 1, "C"),
        ("replace", 5, "B"),
        ("prune", 1, "B"),
    ],
    ids=lambda v: str(v),
)
def test_a_build_stopped_at_each_step_of_the_writer_cleans_up_after_itself(
    tmp_path: Path, states: dict[str, str], how: str, point: str, n: int, expected: str
) -> None:
    """The third build of a project (its staging folder holds the first site, A, which has a
    page C has not: it is pruned), stopped."""
    project = make_project(tmp_path)
    temp = tmp_path / "temp"
    temp.mkdir()
    assert build_quietly(project) == 0
    set_state(project, "B")
    assert build_quietly(project) == 0
    set_state(project, "C")
    assert stop_at(project, how, point, n, temp) == EXIT[how]
    assert digest(project / "site") == states[expected]
    assert litter(project) == [] and list(temp.iterdir()) == []
    reports = list((project / ".cache" / "internal-errors").glob("*.txt"))
    assert len(reports) == (how == "bug")
    assert build_quietly(project) == 0
    assert digest(project / "site") == states["C"] and litter(project) == []


@pytest.mark.parametrize("how", ["interrupt", "disk", "bug"])
def test_a_first_build_stopped_half_way_leaves_nothing(
    tmp_path: Path, states: dict[str, str], how: str
) -> None:
    project = make_project(tmp_path)
    temp = tmp_path / "temp"
    temp.mkdir()
    assert stop_at(project, how, "write", 20, temp) == EXIT[how]
    assert not (project / "site").exists() and not (project / ".site.new").exists()
    assert litter(project) == [] and list(temp.iterdir()) == []
    assert build_quietly(project) == 0
    assert digest(project / "site") == states["A"] and litter(project) == []


def test_what_a_killed_build_left_in_the_cache_goes_with_the_next_build(tmp_path: Path) -> None:
    """A build killed while writing cache files leaves their temporary files; the next build
    (which finds the lock's last holder died holding it) removes them, and only them."""
    project = make_project(tmp_path)
    assert kill_at(project, "replace", 3) == -signal.SIGKILL  # cache entries are renamed first
    left = [p for p in (project / ".cache").rglob("*") if is_temporary(p.name)]
    assert left, "the kill left a temporary file in the cache"
    (project / ".cache" / "keep.1.tmp").write_text("not one of ours: no leading dot")
    assert build_quietly(project) == 0
    assert litter(project) == [] and (project / ".cache" / "keep.1.tmp").exists()


def test_kill_during_the_first_build_leaves_no_site(tmp_path: Path, states: dict[str, str]) -> None:
    project = make_project(tmp_path)
    assert kill_at(project, "write", 20) == -signal.SIGKILL
    assert not (project / "site").exists()
    assert build_quietly(project) == 0
    assert digest(project / "site") == states["A"] and leftovers(project) == []


@pytest.mark.parametrize(
    "sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["SIGKILL", "SIGINT", "SIGTERM"]
)
def test_stopped_at_random_moments(tmp_path: Path, states: dict[str, str], sig: signal.Signals) -> None:
    """Half the stops anywhere in a build, half at random moments once writing has begun.
    A build given Ctrl-C or SIGTERM cleans up after itself; one killed, after by the next."""
    project = make_project(tmp_path)
    temp = tmp_path / "temp"
    temp.mkdir()
    command = [sys.executable, str(ROOT / "build.py"), "-q"]
    env = {**os.environ, "TMPDIR": str(temp)}
    started = time.perf_counter()
    subprocess.run(command, cwd=project, check=True, timeout=120, env=env)
    seconds = time.perf_counter() - started
    rng = random.Random(7)
    for i in range(8):
        state = "B" if i % 2 == 0 else "A"
        set_state(project, state)
        staging = identity(project / ".site.new")  # a killed build may have left one
        proc = subprocess.Popen(command, cwd=project, stderr=subprocess.DEVNULL, env=env)
        if i % 4 < 2:
            time.sleep(rng.uniform(0, seconds * 1.2))
        else:
            wait_for_new(project / ".site.new", staging, proc)
            time.sleep(rng.uniform(0, 0.3))
        proc.send_signal(sig)
        code = proc.wait(timeout=60)
        assert digest(project / "site") in (states["A"], states["B"]), f"stop {i} left a mixed site"
        if sig != signal.SIGKILL:  # 130 or 143, or 0 when it had finished, or -sig before Python started
            assert code in (0, 128 + sig, -sig), code
            assert litter(project) == [], f"stop {i} left {litter(project)}"
        assert list(temp.iterdir()) == []
    subprocess.run(command, cwd=project, check=True, timeout=120, env=env)
    assert digest(project / "site") == states["A"] and leftovers(project) == [] and litter(project) == []


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
