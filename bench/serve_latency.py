"""Save-to-visible latency of ``build.py serve``: from a posting file's write until the open page shows it.

    python bench/serve_latency.py                       # 1,000 and 10,000 postings, 20 edits each
    python bench/serve_latency.py --counts 1000 --edits 20 --work /tmp/serve-latency

For each size a project is generated (``bench/generate.py``) under ``--work``, served, and a
posting page is opened in Chromium (Playwright, Debian's /usr/bin/chromium). Each edit renames
the posting's first heading; the time is taken from just before the write until Playwright sees
the new heading in the reloaded page (so it includes the watcher, the rebuild, the reload
message, the browser's reload and Playwright's own polling). ``--http`` instead polls the page
over HTTP every 2 ms (save to new text served, the way other generators are often measured).
Edits are ``--gap`` seconds apart. Prints every latency, then median and 95th percentile.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

HEADING = re.compile(r"^## (.+)$", re.MULTILINE)


def start_server(project: Path, port: int) -> tuple[subprocess.Popen[str], list[str]]:
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "-q", "--port", str(port)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []

    def collect() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)

    threading.Thread(target=collect, daemon=True).start()
    started = time.monotonic()
    while not any(line.startswith("serving ") for line in lines):
        if proc.poll() is not None:
            raise SystemExit("the server stopped:\n" + "".join(lines))
        time.sleep(0.1)
    print(f"  server up after {time.monotonic() - started:.1f}s (first full build)", flush=True)
    return proc, lines


def open_posting(project: Path, base: str) -> tuple[str, str]:
    """An open Markdown posting's file and page, as the preview (its own site, in
    ``.cache/preview/``) published it (a generated posting may be closed by age: not listed)."""
    records = json.loads((project / ".cache" / "preview" / "jobs.json").read_text(encoding="utf-8"))
    record = next(r for r in records if r["source"].endswith(".md"))
    return record["source"], f"{base}jobs/{record['slug']}/index.html"


def wait_served(url: str, text: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with urllib.request.urlopen(url, timeout=5) as response:
            if text.encode() in response.read():
                return
        time.sleep(0.002)
    raise TimeoutError(f"{text!r} never served")


def measure(project: Path, edits: int, gap: float, http: bool, page: Any, base: str) -> list[float]:
    source, url = open_posting(project, base)
    path = project / source
    if page is not None:
        page.goto(url)
        page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol > 0")
        time.sleep(0.5)
    original = HEADING.search(path.read_text(encoding="utf-8"))
    assert original is not None
    heading = original.group(1)
    latencies = []
    for n in range(1, edits + 1):
        text = path.read_text(encoding="utf-8")
        new_heading = f"{heading} edit {n}"
        changed = HEADING.sub(lambda _m, h=new_heading: f"## {h}", text, count=1)
        started = time.perf_counter()
        path.write_text(changed, encoding="utf-8")
        if page is None:
            wait_served(url, new_heading)
        else:
            page.locator(f"h2:text-is('{new_heading}')").wait_for(timeout=30000)
        latencies.append((time.perf_counter() - started) * 1000)
        print(f"  edit {n:2}: {latencies[-1]:7.1f} ms", flush=True)
        time.sleep(gap)
    return latencies


def run(count: int, args: argparse.Namespace, browser: Any) -> None:
    project = args.work / f"p{count}"
    print(f"{count} postings in {project}", flush=True)
    generate(count, project)
    port = free_port()
    proc, _ = start_server(project, port)
    page = None if browser is None else browser.new_page()
    try:
        base = f"http://127.0.0.1:{port}/"
        latencies = measure(project, args.edits, args.gap, args.http, page, base)
    finally:
        proc.send_signal(2)
        proc.wait(timeout=30)
    p95 = statistics.quantiles(latencies, n=20, method="inclusive")[18]
    what = "save to new text served (HTTP)" if args.http else "save to new text visible (Chromium)"
    print(
        f"{count} postings, {what}: median {statistics.median(latencies):.0f} ms, "
        f"p95 {p95:.0f} ms, min {min(latencies):.0f} ms, max {max(latencies):.0f} ms "
        f"over {len(latencies)} edits",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--gap", type=float, default=1.0, help="seconds between edits (default: 1)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/serve-latency"))
    parser.add_argument("--http", action="store_true", help="poll over HTTP instead of a browser")
    args = parser.parse_args()
    if args.http:
        for count in args.counts:
            run(count, args, None)
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for count in args.counts:
            run(count, args, browser)
        browser.close()


if __name__ == "__main__":
    main()
