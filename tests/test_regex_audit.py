"""Every regular expression in the package, timed on pathological inputs of growing length.

One line of pasted text must never hang a build: a pattern whose time grows faster than its
input ("A& A& A& … x" against nested repeats, sixty dashes against adjacent ones, a long run
of spaces searched for "\\s+$") fails here. The patterns are found, not listed: every compiled
pattern a module of ``careers`` holds (alone, or in a tuple, list or dict), every literal
pattern passed to ``re.search``/``re.match``/… in its source, and every pattern the package
compiles at run time while it processes the sample postings. A pattern the package only ever
matches at a position (``.match``, ``.fullmatch``) is timed that way; every other is searched,
which tries every position. Each is probed in a child process, so that one that hangs fails by
a timeout instead of hanging the suite (``tests/regex_probes.py`` makes the probes).
"""

from __future__ import annotations

import ast
import importlib
import multiprocessing
import pkgutil
import re
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import careers

from .conftest import ROOT
from .regex_probes import growth, probes

PER_PATTERN = 120  # seconds: a pattern still probed after this hangs
_CALLS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}
_ANCHORED = {"match", "fullmatch"}  # calls that try one position: the others try every one
Found = tuple[str, re.Pattern[str], bool | None]  # name, pattern, only matched (None: not known here)


def package_modules() -> list[types.ModuleType]:
    """Every module of ``careers``, imported (not ``__main__``, which runs a build)."""
    names = [m.name for m in pkgutil.walk_packages(careers.__path__, "careers.")]
    return [importlib.import_module(n) for n in ["careers", *sorted(names)] if n != "careers.__main__"]


def held_patterns(module: types.ModuleType) -> Iterator[tuple[str, re.Pattern[str]]]:
    """The compiled patterns a module holds, alone or in a tuple, list, set or dict (two deep)."""

    def inside(name: str, value: object, depth: int) -> Iterator[tuple[str, re.Pattern[str]]]:
        if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
            yield name, value
        elif depth < 3 and isinstance(value, tuple | list | frozenset | set):
            for i, item in enumerate(value):
                yield from inside(f"{name}[{i}]", item, depth + 1)
        elif depth < 3 and isinstance(value, dict):
            for key, item in value.items():
                yield from inside(f"{name}[{key!r}]", item, depth + 1)
        elif depth == 0 and isinstance(value, type) and value.__module__ == module.__name__:
            for attr, item in vars(value).items():
                yield from inside(f"{name}.{attr}", item, depth + 1)

    for name, value in vars(module).items():
        yield from inside(f"{module.__name__}.{name}", value, 0)


def parsed_sources() -> list[tuple[Path, ast.Module]]:
    """Every module's file and its syntax tree."""
    paths = [Path(str(m.__file__)) for m in package_modules() if m.__file__]
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in paths]


def _re_call(node: ast.AST) -> str | None:
    """``search`` for a call ``re.search(...)``; None for any other node."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    target = node.func.value
    is_re = isinstance(target, ast.Name) and target.id == "re"
    return node.func.attr if is_re and node.func.attr in _CALLS else None


def _flags(args: list[ast.expr]) -> int:
    """The ``re.I | re.M`` flags named in a call's other arguments."""
    flags = 0
    for arg in args:
        for sub in ast.walk(arg):
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "re":
                flag = getattr(re, sub.attr, None)
                flags |= flag if isinstance(flag, re.RegexFlag) else 0
    return flags


def literal_patterns(path: Path, tree: ast.Module) -> Iterator[Found]:
    """Patterns written as literals in calls (``re.search(r"…", text, re.I)``), and whether the
    call only matches at a position (``re.match``, ``re.fullmatch``; None for ``re.compile``:
    how the compiled pattern is used is found where it is held)."""
    for node in ast.walk(tree):
        call = _re_call(node)
        if call is None or not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            flags = _flags([*node.args[1:], *(k.value for k in node.keywords)])
            anchored = None if call == "compile" else call in _ANCHORED
            yield f"{path.relative_to(ROOT)}:{node.lineno}", re.compile(first.value, flags), anchored


def uses_by_name(trees: list[tuple[Path, ast.Module]]) -> dict[str, set[str]]:
    """How the package uses each name that may hold a pattern: the methods called on it
    (``NAME.search(...)``, ``re.match(NAME, ...)``), or "other" (passed on, read, joined).
    A private name is its module's own (``path:_NAME``): another module's ``_AND`` is another
    pattern."""
    uses: dict[str, set[str]] = {}
    for path, tree in trees:
        called: set[int] = set()
        found: list[tuple[str, str]] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                target = node.func.value
                name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", None)
                if name is not None:
                    found.append((name, node.func.attr))
                    called.add(id(target))
                call = _re_call(node)
                if call and node.args and isinstance(node.args[0], ast.Name):
                    found.append((node.args[0].id, call))
                    called.add(id(node.args[0]))
        for node in ast.walk(tree):
            loaded = isinstance(getattr(node, "ctx", None), ast.Load) and id(node) not in called
            if loaded and isinstance(node, ast.Name):
                found.append((node.id, "other"))
            elif loaded and isinstance(node, ast.Attribute):
                found.append((node.attr, "other"))
        for name, how in found:
            uses.setdefault(f"{path}:{name}" if name.startswith("_") else name, set()).add(how)
    return uses


def compiled_at_run_time() -> Iterator[Found]:
    """Patterns the package compiles while it processes the sample postings."""
    from careers.config import load_config
    from careers.posting.process import process_source
    from careers.posting.tagging.vocabulary_files import load_vocabulary
    from careers.sources.source import parse_source

    seen: dict[tuple[str, int], tuple[str, bool]] = {}
    original = re._compile  # type: ignore[attr-defined]

    def recording(pattern: object, flags: int) -> object:
        compiled = original(pattern, flags)
        caller = sys._getframe(2)
        module = caller.f_globals.get("__name__", "")
        if module.startswith("careers") and isinstance(compiled.pattern, str):
            anchored = sys._getframe(1).f_code.co_name in _ANCHORED
            key = (compiled.pattern, compiled.flags)
            where, was = seen.get(key, (f"{module}:{caller.f_lineno}", True))
            seen[key] = (where, was and anchored)
        return compiled

    config = load_config(ROOT, {})
    vocab = load_vocabulary()
    re._compile = recording  # type: ignore[attr-defined]
    try:
        for path in sorted((ROOT / "content" / "jobs").iterdir()):
            source = parse_source(path.read_bytes(), path, f"content/jobs/{path.name}")
            process_source(source, vocab, config)
    finally:
        re._compile = original  # type: ignore[attr-defined]
    for (pattern, flags), (where, anchored) in sorted(seen.items(), key=lambda kv: kv[1]):
        yield f"{where} (at run time)", re.compile(pattern, flags), anchored


def every_pattern() -> dict[str, tuple[re.Pattern[str], bool]]:
    """Every distinct pattern of the package under the first name it was found by, and whether
    the package only ever matches it at a position (never searches, splits or substitutes)."""
    trees = parsed_sources()
    uses = uses_by_name(trees)
    sources: list[Found] = []
    for module in package_modules():
        for name, pattern in held_patterns(module):
            short = name.rsplit(".", 1)[-1]
            used = uses.get(f"{module.__file__}:{short}" if short.startswith("_") else short, {"other"})
            sources.append((name, pattern, used <= _ANCHORED))
    for path, tree in trees:
        sources += literal_patterns(path, tree)
    sources += compiled_at_run_time()
    found: dict[tuple[str, int], Found] = {}
    for name, pattern, anchored in sources:
        key = (pattern.pattern, pattern.flags)
        was = found.get(key)
        if was is None:
            found[key] = (name, pattern, anchored)
        elif anchored is not None:
            found[key] = (was[0], pattern, anchored if was[2] is None else was[2] and anchored)
    return {name: (pattern, anchored is True) for name, pattern, anchored in found.values()}


PATTERNS = every_pattern()


def audit(pattern: re.Pattern[str], anchored: bool = False) -> str | None:
    """The first probe that shows ``pattern`` growing faster than its input, if one does."""
    for probe in probes(pattern):
        found = growth(pattern, probe, anchored)
        if found:
            return found
    return None


def in_children(patterns: dict[str, tuple[re.Pattern[str], bool]], workers: int = 2) -> list[str]:
    """``audit`` of every pattern, in child processes: "name: why" for each that fails."""
    failed: list[str] = []
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending = {name: pool.apply_async(audit, patterns[name]) for name in sorted(patterns)}
        for name, result in pending.items():
            try:
                found = result.get(PER_PATTERN)
            except multiprocessing.TimeoutError:
                found = f"still running after {PER_PATTERN} s"
            if found:
                failed.append(f"{name}: {found}")
        pool.terminate()
    return failed


def test_the_audit_finds_the_patterns_it_must() -> None:
    """The walk reaches module constants, patterns in tuples, literals in calls, run-time ones,
    and knows which are only matched at a position."""
    names = " ".join(PATTERNS)
    assert len(PATTERNS) > 150
    for expected in (
        "careers.posting.tagging.skills._DEPARTMENT_BEFORE",
        "careers.posting.tagging.skills._INDUSTRY_AFTER",
        "careers.posting.clean.headings._KIND_PATTERNS[0][1]",
        "careers/posting/clean/context.py:",
        "(at run time)",
    ):
        assert expected in names
    assert PATTERNS["careers.posting.tagging.skills._INDUSTRY_AFTER"][1]  # only .match()ed
    assert not PATTERNS["careers.posting.tagging.skills._DEPARTMENT_BEFORE"][1]  # searched


BAD = {
    "nested": r"\b(?:with)\s+(?:[A-Z][\w&/-]*(?:\s+[A-Z][\w&/-]*)*\s*(?:,|and|&)\s*)*$",
    "adjacent": r"(?:[\s/&,-]+[\w-]+){0,3}?\s+(?:sector|industry)\b",
    "searched-run": r"[\w.+-]+@[\w-]+\.\w",  # a search tries a long word again from every letter
    "trailing-space": r"\s+$",
    "retried-start": r"\bor\s+equivalent\b.*\band\b",  # "or equivalent" many times, no "and"
}


def test_the_audit_catches_backtracking() -> None:
    """Known-bad shapes fail the audit: it cannot pass by probing nothing."""
    failed = in_children({name: (re.compile(p), False) for name, p in BAD.items()})
    assert [f.split(":")[0] for f in failed] == sorted(BAD), failed


def test_the_audit_passes_linear_patterns() -> None:
    good = {"guarded-run": r"(?<!\s)\s+$", "alternation": r"\b(?:a|b)+c", "bounded": r"\bx.{0,200}y"}
    assert in_children({name: (re.compile(p), False) for name, p in good.items()}) == []


def test_no_pattern_backtracks() -> None:
    """Every pattern's time grows at most linearly with its input, on every probe."""
    failed = in_children(PATTERNS)
    assert not failed, "\n".join(failed)
