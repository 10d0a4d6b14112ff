"""Helpers for browser tests of built pages: a static server and axe-core."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from .conftest import free_port

AXE = Path(__file__).resolve().parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Postings with varied facets, added to the sample so every filter has something to tell apart.
EXTRA_POSTINGS = {
    "platform-engineer.md": """---
title: Platform Engineer
location: Remote (EU)
employment_type: Full-time
date: 2026-11-10
level: mid_senior
skills: [Python, Cloud Computing, Amazon Web Services]
---
Keep the platform that runs our customers' networks fast and boring.

## Requirements

- Five years running production systems.
""",
    "support-specialist.md": """---
title: Customer Support Specialist
location: Austin, TX, US
employment_type: Part-time
date: 2026-09-01
level: entry
skills: [Customer Service, Communication]
---
Help our customers get the most out of their network, by phone and chat.

## Requirements

- Patience and clear writing.
""",
}


def add_extra_postings(project: Path) -> None:
    for name, text in EXTRA_POSTINGS.items():
        (project / "content" / "jobs" / name).write_text(text, encoding="utf-8")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on a free port for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def axe_source() -> str:
    """axe-core's script; missing is a skip locally and a failure in CI (``.ci/run`` installs it)."""
    if not AXE.is_file():
        message = f"{AXE} is missing: run `npm ci --prefix tests/a11y`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Any, source: str) -> list[str]:
    """Every WCAG 2.1 A/AA violation axe-core finds on ``page``, one readable line per node."""
    page.add_script_tag(content=source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']}: {v['help']} at {node['target']}" for v in result["violations"] for node in v["nodes"]
    ]
