"""What every command prints is escaped as diagnostics are: a terminal escape in a file name
(a window-title OSC; OSC 52, which writes the clipboard in many terminals) or a right-to-left
override in a title never reaches the terminal, and ``tags --json`` still reads back as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careers.shell.cli import main

OSC_TITLE = "\x1b]0;owned\x07"
OSC_CLIPBOARD = "\x1b]52;c;Y3VybCBldmlsLnNo\x07"
RLO = "\u202e"
CSI_C1 = "\x9b2J"  # a C1 control sequence introducer: clears the screen in some terminals
RAW = ("\x1b", "\x07", RLO, "\x9b")


@pytest.fixture
def odd(tiny: Path) -> Path:
    jobs = tiny / "content" / "jobs"
    (jobs / f"a{OSC_TITLE}b.md").write_text(f"---\ntitle: Porter {RLO}retrop\n---\nCarry bags, Python.\n")
    (jobs / f"c{OSC_CLIPBOARD}.md").write_text(f"---\ntitle: Cook{CSI_C1}\nlevle: x\n---\nCook food.\n")
    return tiny


def said(capsys: pytest.CaptureFixture[str]) -> str:
    out = capsys.readouterr()
    return out.out + out.err


@pytest.mark.parametrize("command", [["tags"], ["tags", "--json"], ["build"], ["check"], ["build", "-v"]])
def test_no_command_prints_a_control_character(
    odd: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main(["-C", str(odd), *command]) in (0, 1)
    text = said(capsys)
    assert not any(char in text for char in RAW), repr(text)
    assert "content/jobs/c\\x1b]52;c;Y3VybCBldmlsLnNo\\x07.md" in text or "tags" in command


def test_tags_names_the_file_and_title_escaped(odd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(odd), "tags"]) == 0
    text = said(capsys)
    assert "content/jobs/a\\x1b]0;owned\\x07b.md: Porter \\u202eretrop" in text


def test_tags_json_reads_back_as_written(odd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(odd), "tags", "--json"]) == 0
    records = {r["source"]: r for r in json.loads(capsys.readouterr().out)}
    assert records[f"content/jobs/a{OSC_TITLE}b.md"]["title"] == f"Porter {RLO}retrop"
    assert records[f"content/jobs/c{OSC_CLIPBOARD}.md"]["title"] == "Cook2J"  # C1 controls are removed
