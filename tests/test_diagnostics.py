"""Diagnostics sort in one total order, so a file with findings on a line and on no line never crashes.

A finding about the whole file (no line: a UTF-16 file, a closed posting, a slug taken)
and one at a line of the same file used to compare ``None`` with an ``int`` at the end of
every build, ``check`` and preview of such a project.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from careers.config import load_config
from careers.engine import Options
from careers.errors import Diagnostic, printable
from careers.posting.fields import READERS
from careers.shell.preview import Preview

from .conftest import ROOT

KNOWN_KEYS = ", ".join(READERS)  # in the order Posting declares them

UNKNOWN_KEY = "---\ntitle: {title}\nloaction: Boston\n---\nA posting with enough words in it to be built.\n"


def test_a_line_less_finding_sorts_before_the_lines_of_its_file() -> None:
    found = [
        Diagnostic("b.md", 3, "warning", "z"),
        Diagnostic("a.md", 7, "error", "x"),
        Diagnostic("b.md", None, "warning", "y"),
        Diagnostic("b.md", 3, "error", "z"),
        Diagnostic("a.md", None, "info", "w"),
        Diagnostic("b.md", 12, "info", "a"),
    ]
    assert [(d.path, d.line, d.level) for d in sorted(found)] == [
        ("a.md", None, "info"),
        ("a.md", 7, "error"),
        ("b.md", None, "warning"),
        ("b.md", 3, "error"),
        ("b.md", 3, "warning"),
        ("b.md", 12, "info"),
    ]
    assert max(found) == Diagnostic("b.md", 12, "info", "a")
    assert Diagnostic("a.md", None, "info", "w") <= Diagnostic("a.md", 1, "info", "w")


def same_title(jobs: Path) -> None:
    # good.md keeps the slug; zz.md gets a hashed one (a line-less note) and a key warning.
    (jobs / "zz.md").write_text(UNKNOWN_KEY.format(title="Good Posting"))


def closed(jobs: Path) -> None:
    (jobs / "closed.md").write_text(
        "---\ntitle: Closed\nvalid_through: 2020-01-01\nloaction: Boston\n---\nA posting that has closed.\n"
    )


def odd_keys(jobs: Path) -> None:
    (jobs / "keys.md").write_text("---\ntitle: Keys\nyes: 1\n1: x\nloaction: Boston\n---\nSome body text.\n")


def utf16(jobs: Path) -> None:
    (jobs / "wide.md").write_bytes(UNKNOWN_KEY.format(title="Wide").encode("utf-16"))


TRIGGERS: dict[str, tuple[Callable[[Path], None], str, list[str]]] = {
    "same-title": (
        same_title,
        "content/jobs/zz.md",
        [
            r"content/jobs/zz\.md: info: slug 'good-posting' is taken",
            r"content/jobs/zz\.md:3: warning: unknown",
        ],
    ),
    "closed": (
        closed,
        "content/jobs/closed.md",
        [
            r"content/jobs/closed\.md: info: closed after 2020-01-01",
            r"content/jobs/closed\.md:4: warning: unknown",
        ],
    ),
    "yes-and-1-keys": (
        odd_keys,
        "content/jobs/keys.md",
        [
            r"content/jobs/keys\.md:3: warning: unknown front matter key 'yes'",
            r"content/jobs/keys\.md:4: warning: unknown front matter key '1'",
            r"content/jobs/keys\.md:5: warning: unknown front matter key 'loaction'",
        ],
    ),
    "utf16": (
        utf16,
        "content/jobs/wide.md",
        [r"content/jobs/wide\.md: warning: file is UTF-16", r"content/jobs/wide\.md:3: warning: unknown"],
    ),
}


@pytest.mark.parametrize("trigger", list(TRIGGERS))
def test_build_prints_every_finding_of_the_file_in_order(tiny: Path, trigger: str) -> None:
    setup, path, expected = TRIGGERS[trigger]
    setup(tiny / "content" / "jobs")
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "-v", "--now", "2024-06-01"],
        cwd=tiny,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith(path + ":")]
    assert len(lines) == len(expected), result.stderr
    for line, pattern in zip(lines, expected, strict=True):
        assert re.match(pattern, line), result.stderr


@pytest.mark.parametrize("trigger", list(TRIGGERS))
def test_check_and_preview_sort_them_too(tiny: Path, trigger: str) -> None:
    setup, path, _expected = TRIGGERS[trigger]
    setup(tiny / "content" / "jobs")
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "check", "-v", "--now", "2024-06-01"],
        cwd=tiny,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr
    assert any(line.startswith(path + ":") for line in result.stdout.splitlines()), result.stdout
    preview = Preview(lambda: load_config(tiny), Options())
    update = preview.rebuild()
    assert any(d.path == path for d in update.diagnostics)
    assert list(update.diagnostics) == sorted(update.diagnostics)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain Ünïcödé 職位 🚀", "plain Ünïcödé 職位 🚀"),
        ("two\nlines\tand tab\r", "two\\nlines\\tand tab\\r"),
        ("\x1b[2J\x07", "\\x1b[2J\\x07"),
        ("rtl \u202eevil\u200b", "rtl \\u202eevil\\u200b"),
        ("caf\udce9.md", "caf\\xe9.md"),
        ("\U000e0041 tag", "\\U000e0041 tag"),
    ],
)
def test_printable_escapes_what_a_terminal_would_act_on(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(shown) == shown


def test_keys_and_skills_are_printed_escaped(tiny: Path) -> None:
    (tiny / "content" / "jobs" / "odd.md").write_text(
        '---\ntitle: Odd\n"two\\nlines": 1\n"tab\\tkey": 2\n'
        'skills: ["Zork\\u202eevil", "Fo\\u200boo"]\n---\nBody.\n'
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py")], cwd=tiny, capture_output=True, text=True, timeout=120
    )
    lines = [line for line in result.stderr.splitlines() if line.startswith("content/jobs/odd.md")]
    assert lines == [
        "content/jobs/odd.md:3: warning: unknown front matter key 'two\\nlines' is ignored; known keys: "
        + KNOWN_KEYS,
        "content/jobs/odd.md:4: warning: unknown front matter key 'tab\\tkey' is ignored; known keys: "
        + KNOWN_KEYS,
        "content/jobs/odd.md:5: warning: skill 'Fo\\u200boo' is not in the vocabulary; kept as written "
        "(add it to content/skills.toml)",
        "content/jobs/odd.md:5: warning: skill 'Zork\\u202eevil' is not in the vocabulary; kept as written "
        "(add it to content/skills.toml)",
    ]
