"""The docs say what the code does: every command and option `--help` offers is documented, and
every documented one exists; every page the README links to is there."""

from __future__ import annotations

import argparse
import re

import pytest

from careers.config import Config
from careers.shell.cli import make_parser

from .conftest import ROOT

COMMANDS_DOC = ROOT / "docs" / "commands.md"


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def _flags(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string and positional name of ``parser`` but --help."""
    found = set()
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
            continue
        found.update(action.option_strings or [action.metavar or action.dest])
    return found


def _documented(section: str) -> set[str]:
    """The options and arguments a section's tables list in their first column."""
    found = set()
    for line in section.splitlines():
        cells = line.split("|")
        if len(cells) > 2 and "`" in cells[1]:
            for code in re.findall(r"`([^`]+)`", cells[1]):
                found.add(code.split(" ")[0])
    return found


def _sections(text: str) -> dict[str, str]:
    """The doc's text before the first command heading (""), and under each ``## `command` ``."""
    parts = re.split(r"^## `(\w+)`\n", text, flags=re.M)
    head = re.split(r"^## ", parts[0], flags=re.M)[0]
    return {"": head, **dict(zip(parts[1::2], parts[2::2], strict=True))}


def test_every_command_is_documented_and_every_documented_command_exists() -> None:
    sections = _sections(COMMANDS_DOC.read_text())
    commands = set(_subparsers(make_parser()))
    assert set(sections) - {""} == commands
    listed = {cell for cell in _documented(sections[""]) if not cell.startswith("-")}
    assert listed == commands


@pytest.mark.parametrize("command", sorted(_subparsers(make_parser())))
def test_every_option_of_a_command_is_documented_and_exists(command: str) -> None:
    sections = _sections(COMMANDS_DOC.read_text())
    parser = _subparsers(make_parser())[command]
    # -C is documented once, with the options before the command ("also accepted after it").
    assert _documented(sections[command]) == _flags(parser) - {"-C", "--root"}


def test_the_options_before_the_command_are_documented() -> None:
    head = _sections(COMMANDS_DOC.read_text())[""]
    documented = {cell for cell in _documented(head) if cell.startswith("-")}
    assert documented == _flags(make_parser())


def test_every_setting_is_documented_and_every_documented_one_exists() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text()
    documented = set()
    for line in text.splitlines():
        cells = line.split("|")
        if len(cells) > 2 and cells[1].strip().startswith("`"):
            documented.update(name.strip("[]") for name in re.findall(r"`(\[?\w+\]?)`", cells[1]))
    settings = {name for name in Config.__dataclass_fields__ if name != "root"}
    assert documented == settings


def test_every_link_from_the_readme_and_the_docs_leads_to_a_file() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text()):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)} links to {target}"


def test_the_publishing_recipes_check_first_and_keep_what_a_build_keeps() -> None:
    import tomllib

    import yaml

    steps = yaml.safe_load((ROOT / "docs" / "github-pages.yml").read_text())["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert [r.split()[:2] for r in runs if r.startswith("careers")] == [
        ["careers", "check"],
        ["careers", "build"],
    ]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # git dates and URL order need the whole history
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache"))
    kept = cache["with"]["path"].split()
    assert {".cache", "site", ".site.new", "~/.cache/careers"} <= set(kept)
    netlify = tomllib.loads((ROOT / "docs" / "netlify.toml").read_text())
    command = netlify["build"]["command"]
    assert command.index("careers check") < command.index("careers build")
    assert {".cache", "site", ".site.new"} <= set(netlify["plugins"][0]["inputs"]["paths"])
