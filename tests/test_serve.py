"""The preview server in a real browser: a saved posting shows up without touching the page."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, free_port

pytestmark = pytest.mark.browser


@pytest.fixture
def server(project: Path) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail(f"server did not start: {proc.communicate(timeout=10)[0]}")
    yield url
    proc.terminate()
    proc.communicate(timeout=10)


def test_saved_posting_reloads_the_open_page(server: str, project: Path, browser) -> None:
    page = browser.new_page()
    page.goto(server + "jobs/territory-account-manager/index.html")
    page.wait_for_selector("h1")
    time.sleep(1)  # let the reload socket connect
    source = project / "content" / "jobs" / "003_2595a3ad57c9d7f4.html"
    source.write_text(source.read_text().replace("Job Summary:", "Role At A Glance:"))
    page.wait_for_selector("h2:has-text('Role At A Glance')", timeout=15000)
    page.close()
