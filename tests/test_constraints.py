"""The pinned install: every dependency in pyproject.toml is pinned in constraints.txt, within range."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pins() -> dict[str, str]:
    found = {}
    for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not pinned with =="
            found[canonicalize_name(name)] = version
    return found


def test_every_dependency_is_pinned_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras = project["optional-dependencies"].values()
    wanted = [*project["dependencies"], *(r for extra in extras for r in extra)]
    pinned = pins()
    for spec in map(Requirement, wanted):
        name = canonicalize_name(spec.name)
        assert name in pinned, f"{spec.name} is a dependency but not in constraints.txt"
        assert spec.specifier.contains(pinned[name]), f"{spec.name}=={pinned[name]} is outside {spec}"


def test_readme_and_ci_install_from_the_constraints() -> None:
    command = "pip install -c constraints.txt -e '.[test]' && python -m pytest"
    assert command in (ROOT / "README.md").read_text("utf-8")
    assert command in (ROOT / ".ci" / "run").read_text("utf-8")
