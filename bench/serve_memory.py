"""The preview's memory over a long session: ``build.py serve`` through many random saves.

    python bench/serve_memory.py                        # 200 postings, 1,000 edits
    python bench/serve_memory.py --postings 200 --edits 1000 --work /tmp/serve-memory
    python bench/serve_memory.py --careers /path/to/another/checkout   # the same, another version

A project is generated (``bench/generate.py``), served, and edited as a careers team would in a
long session: text added to a posting, a posting renamed, deleted, put back or replaced by a
new one, retitled, saved broken (an impossible date) and mended, a template edited; the
site keeps its size.
After each edit the bench waits for the server to say it rebuilt, then goes on. It prints
the server's resident memory (RSS, from ``/proc``) at the start and after 10, 100, 250, 500
and 1,000 edits (those within ``--edits``), so that growth with the number of edits, not the
size of the site, shows.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from tests.conftest import free_port  # noqa: E402

CHECKPOINTS = (10, 100, 250, 500, 1000, 2000, 5000)


class Server:
    """``build.py serve`` of a checkout, its output lines collected."""

    def __init__(self, checkout: Path, project: Path) -> None:
        port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, str(checkout / "build.py"), "serve", "--port", str(port)],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=_env(checkout),
        )
        self.lines: list[str] = []
        threading.Thread(target=self._collect, daemon=True).start()
        self.wait(lambda: any(line.startswith("serving ") for line in self.lines), 300)

    def _collect(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)

    def rebuilds(self) -> int:
        return sum(1 for line in list(self.lines) if line.startswith("rebuilt in") or "error:" in line)

    def wait(self, condition: object, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not condition():  # type: ignore[operator]
            if self.proc.poll() is not None:
                raise SystemExit("the server stopped:\n" + "".join(self.lines[-20:]))
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def rss_mb(self) -> float:
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self) -> None:
        self.proc.send_signal(2)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _env(checkout: Path) -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(checkout)}


class Editor:
    """Random saves of the kinds a long preview session sees."""

    def __init__(self, jobs: Path, seed: int) -> None:
        self.jobs, self.rng = jobs, random.Random(seed)
        self.gone: list[tuple[str, bytes]] = []
        self.broken: dict[Path, bytes] = {}
        self.count = 0

    def edit(self) -> str:
        """One save; as many postings are written as are deleted, so the site keeps its size."""
        rng, jobs = self.rng, self.jobs
        files = sorted(p for p in jobs.iterdir() if p.is_file())
        path = rng.choice(files)
        roll = rng.random()
        self.count += 1
        if roll < 0.03:  # a template edit: every page drawn again, with a new theme
            template = self.jobs.parent.parent / "templates" / "posting.html"
            text = template.read_text(encoding="utf-8")  # a mark every posting page shows
            mark = f"{{% block main %}}<!-- {self.count} -->"
            template.write_text(text.replace("{% block main %}", mark, 1))
            return "template"
        if self.broken and roll < 0.1:
            path, data = self.broken.popitem()
            if not path.exists():
                return ""  # renamed or deleted since: nothing to mend, no rebuild to wait for
            path.write_bytes(data)
            return "mend"
        if roll < 0.4:
            with path.open("a", encoding="utf-8") as f:
                f.write(f"\n\nAlso {rng.randint(1, 9)} years of SQL, Python or Excel ({self.count}).\n")
            return "text"
        if roll < 0.5:
            path.rename(path.with_name(f"renamed-{self.count}{path.suffix}"))
            return "rename"
        if roll < 0.6:
            self.gone.append((path.name, path.read_bytes()))
            path.unlink()
            return "delete"
        if roll < 0.7 and self.gone:
            name, data = self.gone.pop(rng.randrange(len(self.gone)))
            if rng.random() < 0.5:  # put back as it was
                (jobs / name).write_bytes(data)
                return "put back"
            body = f"---\ntitle: New Role {self.count}\n---\nWork with SQL and Python on the night team.\n"
            (jobs / f"new-{self.count}.md").write_text(body)  # or a new one in its place
            return "new"
        if roll < 0.8:
            data = path.read_bytes()
            if path.suffix == ".md" and data.startswith(b"---\n"):
                self.broken[path] = data
                path.write_bytes(data.replace(b"---\n", b"---\nvalid_through: 2026-02-30\n", 1))
                return "broken"
        text = path.read_text(encoding="utf-8", errors="replace")
        new = f"Retitled {self.count}"
        text = (
            text.replace("title: ", f"title: {new} ", 1)
            if "title: " in text
            else text.replace(">", f">{new} ", 1)
        )
        path.write_text(text, encoding="utf-8")
        return "retitle"


def session(checkout: Path, work: Path, postings: int, edits: int, seed: int) -> list[tuple[int, float]]:
    """Serve a generated project, edit it ``edits`` times; the RSS at each checkpoint."""
    shutil.rmtree(work, ignore_errors=True)
    generate(postings, work, seed=seed)
    server = Server(checkout, work)
    editor = Editor(work / "content" / "jobs", seed)
    found = [(0, server.rss_mb())]
    missed = 0
    try:
        for n in range(1, edits + 1):
            before = server.rebuilds()
            changed = editor.edit()
            if changed and not server.wait(lambda before=before: server.rebuilds() > before, 20):
                missed += 1  # an edit the server folded into the next rebuild
            if n in CHECKPOINTS:
                time.sleep(0.2)
                found.append((n, server.rss_mb()))
                count = sum(1 for _ in editor.jobs.iterdir())
                print(f"  after {n:>5,} edits: {found[-1][1]:6.1f} MB ({count} postings)", flush=True)
    finally:
        server.stop()
    if missed:
        print(f"  ({missed} edits were rebuilt together with the next one)")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=200)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("/tmp/careers-serve-memory"))
    parser.add_argument("--careers", type=Path, default=ROOT, help="the checkout to serve with")
    args = parser.parse_args()
    print(f"{args.postings} postings, {args.edits} edits, careers at {args.careers}")
    found = session(args.careers.resolve(), args.work, args.postings, args.edits, args.seed)
    start, end = found[0][1], found[-1][1]
    after = f"{end:.1f} MB after {found[-1][0]:,} edits"
    print(f"RSS {start:.1f} MB at the start, {after} ({end - start:+.1f} MB)")
    shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
