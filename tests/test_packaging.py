"""The installed package: a wheel carries every module, the skills data and the built-in theme."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("careers-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_carries_every_module_of_the_package(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "careers").rglob("*.py")}
    assert modules <= names, sorted(modules - names)
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "careers" / "data").iterdir() if p.is_file()}
    assert data <= names


def test_the_wheel_carries_the_built_in_theme(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    theme = {
        "careers/theme/" + p.relative_to(ROOT / "templates").as_posix()
        for p in (ROOT / "templates").rglob("*")
        if p.is_file()
    }
    assert theme and theme <= names, sorted(theme - names)
    assert "careers/theme/base.html" in names and "careers/theme/static/style.css" in names


def test_a_site_without_templates_builds_with_the_built_in_theme(tmp_path: Path) -> None:
    from careers.config import load_config
    from careers.engine import build

    jobs = tmp_path / "content" / "jobs"
    jobs.mkdir(parents=True)
    (jobs / "a.md").write_text("---\ntitle: Night Baker\n---\nBake bread at night.\n")
    assert not build(load_config(tmp_path)).failed
    page = (tmp_path / "site" / "jobs" / "night-baker" / "index.html").read_text()
    assert "Night Baker" in page and "static/style." in page
