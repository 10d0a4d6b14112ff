"""The command line's one boundary: content and configuration errors are 1 and 2, a bug of ours is 70."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careers.shell import cli
from careers.shell.cli import main, make_parser, with_default_command
from careers.shell.failure import KEEP_REPORTS, internal_error

from .conftest import ROOT

BUGGY_RUN = """
import sys
import careers.shell.cli as cli

def broken_build(*args, **kwargs):
    return {}["a bug of ours"]

cli.build = broken_build
sys.argv[0] = "build.py"
cli.run()
"""


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_an_unexpected_exception_is_an_internal_error_with_its_details_in_the_cache(
    tiny: Path, tmp_path: Path, cache: bool
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", BUGGY_RUN, "-C", str(tiny), "build", *([] if cache else ["--no-cache"])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    assert result.returncode == cli.EXIT_INTERNAL == 70
    assert list(temp.iterdir()) == []  # nothing left in the temporary folder
    said = "internal error (KeyError): a bug in careers, not a problem with your content or settings. "
    if not cache:  # no cache folder to keep them in: the details are printed
        assert not (tiny / ".cache").exists()
        assert result.stderr.startswith("careers ") and "broken_build" in result.stderr
        assert result.stderr.endswith(
            said + "The details are above; please include them when you report it.\n"
        )
        return
    assert "Traceback" not in result.stderr
    (report,) = (tiny / ".cache" / "internal-errors").glob("*.txt")
    assert result.stderr == said + f"The details are in {report}; please include them when you report it.\n"
    details = report.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in details and "broken_build" in details
    assert f"command: build.py -C {tiny} build" in details


def test_only_the_newest_internal_error_reports_are_kept(tmp_path: Path) -> None:
    for n in range(KEEP_REPORTS + 5):
        try:
            raise ValueError(f"bug {n}")
        except ValueError as exc:
            message = internal_error(exc, tmp_path / ".cache")
    reports = sorted((tmp_path / ".cache" / "internal-errors").iterdir())
    assert len(reports) == KEEP_REPORTS
    assert str(reports[-1]) in message and "bug 14" in reports[-1].read_text()


@pytest.mark.parametrize("link", [".cache/internal-errors", ".cache"])
def test_a_report_is_never_written_through_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], link: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if link != ".cache":
        (tmp_path / ".cache").mkdir()
    (tmp_path / link).symlink_to(elsewhere)  # the reports' folder, or the cache above it
    message = internal_error(ValueError("bug"), tmp_path / ".cache")
    assert "The details are above" in message and list(elsewhere.iterdir()) == []
    assert "ValueError: bug" in capsys.readouterr().err


def test_content_and_configuration_errors_keep_their_codes(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tiny / "content" / "jobs" / "bad.md").write_text("---\ntitle: Bad\ndate: 2024-02-30\n---\nBody.\n")
    assert cli.main(["-C", str(tiny)]) == cli.EXIT_CONTENT == 1
    (tiny / "careers.toml").write_text("max_file_mb = nan\n")
    assert cli.main(["-C", str(tiny)]) == cli.EXIT_USAGE == 2
    assert "internal error" not in capsys.readouterr().err


@pytest.mark.parametrize("where", ["build", "print_report"])
def test_ctrl_c_is_130_wherever_it_lands(
    tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, where, interrupted)
    assert cli.main(["-C", str(tiny)]) == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_check_piped_into_head_stops_quietly(tiny: Path) -> None:
    for i in range(200):
        (tiny / "content" / "jobs" / f"job-{i}.md").write_text(
            f"---\ntitle: Job {i}\n---\nBody of job {i}.\n"
        )
    result = subprocess.run(
        f"{sys.executable} {ROOT / 'build.py'} check | head -1",
        shell=True,
        cwd=tiny,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert len(result.stdout.splitlines()) == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    "argv, command, options",
    [
        (["-v", "build"], "build", {"verbose": True}),
        (["-q"], "build", {"quiet": True}),
        (["-C", "site", "-j", "2", "--no-cache", "check"], "check", {"jobs": 2, "no_cache": True}),
        (["-j2", "--now=2025-01-31", "tags"], "tags", {"jobs": 2, "now": dt.date(2025, 1, 31)}),
        (["--drafts", "-v"], "build", {"drafts": True, "verbose": True}),
        (["build", "-v", "-C", "site"], "build", {"verbose": True}),
    ],
)
def test_a_commands_options_may_come_before_it(
    argv: list[str], command: str, options: dict[str, object]
) -> None:
    """``careers -v build`` was refused with a message that did not say where options go."""
    args = make_parser().parse_args(with_default_command(argv))
    assert args.command == command
    assert {key: getattr(args, key) for key in options} == options
    if "-C" in argv:
        assert args.root == Path("site")


def test_careers_v_build_builds(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-v", "-C", str(tiny), "build"]) == 0
    assert "built 1 postings into site/" in capsys.readouterr().out
