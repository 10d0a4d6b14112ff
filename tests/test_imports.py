"""Imports go one way: no module of ``careers/posting/`` imports, even for type checking, a module
that imports it back (the cleaner's line rules once went round ``lines`` ↔ ``facts`` ↔ ``flattened``)."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "careers" / "posting"


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The ``careers.posting`` modules a file imports, wherever the import statement is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("careers.posting"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("careers.posting"))
    return found


def circles(graph: dict[str, set[str]]) -> list[str]:
    """Every import circle in ``graph`` (module → modules it imports), as "a -> b -> a"."""
    found: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph.get(module, ())):
            if target in path:
                found.add(" -> ".join([*path[path.index(target) :], target]))
            elif target in graph:
                visit(target, [*path, target])

    for module in sorted(graph):
        visit(module, [module])
    return sorted(found)


def test_no_import_circle_in_posting() -> None:
    graph = {module_name(p): imports(p) for p in PACKAGE.rglob("*.py")}
    assert len(graph) > 20
    assert not circles(graph)


def test_a_circle_through_a_type_checking_import_is_found(tmp_path: Path) -> None:
    package = tmp_path / "careers" / "posting"
    package.mkdir(parents=True)
    (package / "lines.py").write_text("from careers.posting.facts import field_of\n")
    (package / "facts.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from careers.posting.lines import Line\n"
    )
    graph = {module_name(p, tmp_path): imports(p) for p in package.rglob("*.py")}
    assert circles(graph) == [
        "careers.posting.facts -> careers.posting.lines -> careers.posting.facts",
        "careers.posting.lines -> careers.posting.facts -> careers.posting.lines",
    ]
