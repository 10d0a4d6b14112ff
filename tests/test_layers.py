"""Imports go one way, as docs/internals.md draws them, and no module imports itself through others."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "careers"
# Lowest first: a module may import from its own layer and those below it, never above.
LAYERS = (
    ("errors", "slugs", "showable", "kinds"),
    ("model", "employment"),
    ("config", "config_clean", "config_employer"),
    ("sources",),
    ("posting",),
    ("pages", "law", "advice"),
    ("engine.files",),
    ("engine.cache",),
    ("engine", "ats"),
    ("shell", "__main__"),
)
SIDE = ("ats", "law", "advice")  # beside the engine and the pages: read by the shell alone


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int:
    """The rank of a module (``engine.cache.store``), by the longest prefix ``LAYERS`` names."""
    best = (-1, -1)
    for rank, names in enumerate(LAYERS):
        for name in names:
            if module == name or module.startswith(name + "."):
                best = max(best, (len(name), rank))
    if module == "":
        return 0  # the package's own __init__
    assert best[1] >= 0, f"careers.{module} is in no layer: add it to LAYERS and docs/internals.md"
    return best[1]


def imports(path: Path) -> Iterator[tuple[str, int]]:
    """Every module of the package that ``path`` imports (at any depth but under
    ``TYPE_CHECKING``), with its line."""
    tree = ast.parse(path.read_text("utf-8"))
    skipped = {
        id(node)
        for stmt in ast.walk(tree)
        if isinstance(stmt, ast.If) and "TYPE_CHECKING" in ast.unparse(stmt.test)
        for node in ast.walk(stmt)
    }
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "careers":
            yield node.module.removeprefix("careers").lstrip("."), node.lineno
            for alias in node.names:  # ``from careers.engine import cache``: a module, not a name
                sub = f"{node.module}.{alias.name}".removeprefix("careers.")
                where = PACKAGE / sub.replace(".", "/")
                if where.is_dir() or where.with_suffix(".py").is_file():
                    yield sub, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "careers":
                    yield alias.name.removeprefix("careers").lstrip("."), node.lineno


def graph() -> dict[str, dict[str, int]]:
    return {
        module_name(path): dict(imports(path))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def test_every_import_goes_down_the_documented_layers() -> None:
    wrong = []
    for module, imported in graph().items():
        for other, line in imported.items():
            where = f"careers/{module.replace('.', '/')}.py:{line}"
            if layer(other) > layer(module):
                wrong.append(f"{where}: imports careers.{other}, a layer above")
            side = next((s for s in SIDE if other == s or other.startswith(s + ".")), None)
            if side and not module.startswith(("shell", side)):
                wrong.append(f"{where}: imports careers.{other}, which only the shell reads")
    assert not wrong, "\n".join(wrong)


def test_every_module_imported_is_there() -> None:
    # mypy is told to ignore missing imports (for untyped packages), so a moved module of our
    # own that another still imports by its old name is caught here, not at run time.
    missing = [
        f"careers/{module.replace('.', '/')}.py:{line}: imports careers.{other}, which does not exist"
        for module, imported in graph().items()
        for other, line in imported.items()
        if other
        and not (PACKAGE / other.replace(".", "/")).with_suffix(".py").is_file()
        and not (PACKAGE / other.replace(".", "/") / "__init__.py").is_file()
    ]
    assert not missing, "\n".join(missing)


def test_no_module_imports_itself_through_others() -> None:
    edges = {m: {o for o in imported if o != m} for m, imported in graph().items()}
    seen: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles = []

    def visit(module: str, path: list[str]) -> None:
        seen[module] = 1
        for other in sorted(edges.get(module, ())):
            if other not in edges:
                continue  # a package's name resolved to its __init__ already
            if seen.get(other) == 1:
                cycles.append(" -> ".join([*path[path.index(other) :], other]))
            elif other not in seen:
                visit(other, [*path, other])
        seen[module] = 2

    for module in sorted(edges):
        if module not in seen:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)


def test_the_docs_draw_the_same_layers() -> None:
    text = (ROOT / "docs" / "internals.md").read_text("utf-8")
    drawn = re.search(r"Imports go one way, highest first: (.+?)\.\n", text, re.S)
    assert drawn, "docs/internals.md no longer says how imports go"
    said = [part.strip(" `\n") for part in re.split(r"→", drawn.group(1))]
    assert said == [", ".join(f"{n}" for n in names) for names in reversed(LAYERS)], said


def test_nothing_outside_the_engine_names_what_a_build_keeps() -> None:
    words = re.compile(r"\b(cache[ds]?|caching|memo\w*|fingerprint\w*|card keeper|kept cards)\b", re.I)
    found = []
    for folder in (PACKAGE / "pages", ROOT / "templates"):
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".py", ".html", ".js") or path.name == "assets.py":
                continue  # assets.py fingerprints asset names for browsers: a page concept
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                if words.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
    outside = [
        f"careers/{m}: imports careers.{o}"
        for m, imported in graph().items()
        if not m.startswith("engine")
        for o in imported
        if o.startswith("engine.cache")
    ]
    assert not outside, "\n".join(outside)


def test_every_module_stays_under_300_lines() -> None:
    """The package's modules stay small enough to read in one sitting (STYLE.md): a module that
    grows past the bound is split by what it does, not trimmed."""
    long = {
        path.relative_to(ROOT).as_posix(): count
        for path in sorted(PACKAGE.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) >= 300
    }
    assert not long, long
