"""YAML front matter split from a posting's text, with the line of every key."""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

import yaml

from careers.errors import ContentError, printable
from careers.showable import control_characters, first_unshowable, without_unshowable

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_SURROGATE = re.compile("[\ud800-\udfff]")


class FrontMatter(NamedTuple):
    meta: dict[str, object]
    lines: dict[str, int]  # the line of each top-level key
    body: str
    body_line: int  # the line the body starts on
    # Control characters YAML escapes made ("\\a"), removed: (line, each as written), by line.
    removed: tuple[tuple[int, str], ...] = ()


def split_front_matter(text: str, relpath: str) -> FrontMatter:
    """Split ``---`` YAML front matter from the body."""
    if not text.startswith("---"):
        return FrontMatter({}, {}, text, 1)
    first = text.find("\n")
    if first < 0 or text[:first].strip() != "---":
        return FrontMatter({}, {}, text, 1)
    end = _FENCE.search(text, first + 1)
    if end is None:
        raise ContentError(relpath, 1, "front matter opened with '---' is never closed")
    block = text[first + 1 : end.start()]
    body_start = end.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    meta, lines, removed = parse_yaml(block, relpath, line_offset=1)
    return FrontMatter(meta, lines, text[body_start:], body_line, removed)


def parse_yaml(
    block: str, relpath: str, line_offset: int
) -> tuple[dict[str, object], dict[str, int], tuple[tuple[int, str], ...]]:
    """Parse a YAML mapping, keeping the line each top-level key sits on.

    Control characters a YAML escape makes (``"\\a"``) are removed; the third value says
    where (1-based lines) and which.
    """
    loader = _Loader(block)
    node: yaml.Node | None = None
    try:
        # What yaml.safe_load does, keeping the node for key lines: one parse, not two.
        node = loader.get_single_node()
        _check_aliases(node, relpath, line_offset)
        meta = loader.construct_document(node) if node is not None else None
    except _ValueError as exc:
        line = exc.mark.line + 1 + line_offset
        key = _key_at(node, exc.mark.line)
        where = f"front matter '{printable(key)}'" if key else "front matter"
        raise ContentError(relpath, line, f"{where} {exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        line, problem = _yaml_problem(exc)
        message = f"front matter is not valid YAML: {problem}"
        raise ContentError(relpath, line + 1 + line_offset, message) from None
    except yaml.YAMLError as exc:
        raise ContentError(relpath, line_offset, f"front matter is not valid YAML: {exc}") from None
    except RecursionError:
        raise ContentError(relpath, line_offset, "front matter nested too deeply: use plain values") from None
    finally:
        loader.dispose()
    if meta is None:
        return {}, {}, ()
    if not isinstance(meta, dict) or not isinstance(node, yaml.MappingNode):
        raise ContentError(relpath, line_offset + 1, "front matter must be a mapping of 'key: value' lines")
    lines = {
        without_unshowable(str(key.value)): key.start_mark.line + 1 + line_offset
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    meta = {str(k): v for k, v in meta.items()}
    for key, value in meta.items():
        if _has_surrogate(key, value):
            raise ContentError(
                relpath,
                lines.get(key, line_offset),
                f"front matter '{printable(key)}' holds an escaped half of a character (like \\ud83d): "
                "write the character itself, e.g. an emoji, in UTF-8",
            )
    removed = sorted((line + 1 + line_offset, char) for line, char in loader.removed)
    return meta, lines, tuple(removed)


# Values front matter may hold once its aliases (``*name``) are expanded: a title and a dozen
# keys hold tens; aliases of aliases ("billion laughs") once held billions, and took minutes and
# gigabytes to show in a message.
MAX_VALUES = 10_000


def _check_aliases(node: yaml.Node | None, relpath: str, line_offset: int) -> None:
    """Refuse front matter whose aliases expand past ``MAX_VALUES`` values, or into themselves."""
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        size = expanded_size(value)
        if size is not None and size <= MAX_VALUES:
            continue
        named = isinstance(key, yaml.ScalarNode)
        name = f"front matter '{printable(str(key.value))}'" if named else "front matter"
        line = key.start_mark.line + 1 + line_offset
        if size is None:
            message = f"{name} holds itself through an alias (*name): write the value out"
            raise ContentError(relpath, line, message)
        raise ContentError(
            relpath,
            line,
            f"{name} holds more than {MAX_VALUES:,} values once its aliases (*name) are expanded: "
            "write the values out",
        )


def expanded_size(node: yaml.Node) -> int | None:
    """How many values ``node`` holds with every alias expanded (at most ``MAX_VALUES + 1``),
    or None if it holds itself; each node is counted once, however often it is aliased."""
    sizes: dict[int, int] = {}
    active: set[int] = set()  # nodes whose children are being counted: an ancestor met again is a cycle
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        item, counted = stack.pop()
        children = _children(item)
        if counted:
            active.discard(id(item))
            sizes[id(item)] = min(1 + sum(sizes[id(c)] for c in children), MAX_VALUES + 1)
        elif id(item) in active:
            return None
        elif id(item) not in sizes:
            active.add(id(item))
            stack.append((item, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(node)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


_TAG = "tag:yaml.org,2002:"
# Python refuses to turn longer integers into text (and back): no posting needs one.
MAX_DIGITS = 4300
_MAX_INT_BITS = int(MAX_DIGITS * math.log2(10))
# What PyYAML's constructors raise on a scalar they cannot make a value of (``!!bool maybe``
# is a KeyError, ``!!timestamp soon`` an AttributeError, ``2024-02-30`` a ValueError, ...).
_CONSTRUCTION_ERRORS = (ValueError, ArithmeticError, LookupError, AttributeError, TypeError)
_WANTED = {
    "timestamp": (
        "a real date",
        "write YYYY-MM-DD with a month 01-12, a day that month has and a year from 0001 "
        "(a time, if any, within 00:00:00-23:59:59, an offset under 24 hours), "
        "or put it in quotes to keep it as text",
    ),
    "int": ("a whole number", "write digits, like 42, or drop the '!!int' tag"),
    "float": ("a number", "write digits, like 4.5, or drop the '!!float' tag"),
    "bool": ("true or false", "write true or false, or drop the '!!bool' tag"),
}
_TOO_LONG = f"holds a number of more than {MAX_DIGITS:,} digits: put it in quotes to keep it as text"


class _ValueError(yaml.YAMLError):  # type: ignore[misc]
    """A value YAML parsed but could not make: the node it is at, and what to write instead."""

    def __init__(self, problem: str, mark: yaml.Mark) -> None:
        super().__init__(problem)
        self.problem = problem
        self.mark = mark


class _Loader(yaml.SafeLoader):  # type: ignore[misc]
    """``yaml.SafeLoader``, except that keys are names as written, and a bad value says where it is.

    A plain key is kept as its text: ``yes:`` and ``1:`` would otherwise become ``True`` and
    ``1``, the same key to Python, so one would silently replace the other.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.removed: list[tuple[int, str]] = []  # (0-based line, character as shown) YAML escapes made

    def construct_text(self, node: yaml.ScalarNode) -> str:
        text: str = self.construct_scalar(node)
        if first_unshowable(text) is not None:
            self.removed.extend((node.start_mark.line, char) for _, char in control_characters(text))
            text = without_unshowable(text)
        return text

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            data = super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except _CONSTRUCTION_ERRORS:
            raise _ValueError(_problem(node), node.start_mark) from None
        if isinstance(data, int) and data.bit_length() > _MAX_INT_BITS:  # 0x… and 0b… are not capped
            raise _ValueError(_TOO_LONG, node.start_mark)
        return data

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)  # merge keys (``<<: *base``) first: they are not names
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode):
                    key.tag = _TAG + "str"
        mapping: dict[Any, Any] = super().construct_mapping(node, deep)
        return mapping


# Constructs that run on until something closes them: YAML notices one left open only where the
# text ends, or where the next key cannot belong to it, so the line that opened it is the one
# to fix.
_OPENED = {
    "while scanning a quoted scalar": "a quote opened here is never closed",
    "while parsing a flow sequence": "a '[' opened here is never closed",
    "while parsing a flow mapping": "a '{' opened here is never closed",
}


def _yaml_problem(exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    """The 0-based line of the block to point at, and what is wrong there."""
    problem = exc.problem or exc.context or "invalid YAML"
    opened = _OPENED.get(exc.context or "")
    if opened and exc.context_mark is not None:
        return exc.context_mark.line, f"{opened} ({problem})"
    mark = exc.problem_mark or exc.context_mark
    return (mark.line if mark else -1), problem


def _problem(node: yaml.Node) -> str:
    """What is wrong with the value at ``node``, and what to write instead."""
    text = node.value if isinstance(node, yaml.ScalarNode) else ""
    kind = node.tag.removeprefix(_TAG)
    if kind in ("int", "float") and sum(c.isdigit() for c in text) > MAX_DIGITS:
        return _TOO_LONG
    shown = repr(text) if len(text) <= 40 else repr(text[:40]) + "…"
    what, how = _WANTED.get(kind, (f"a '!!{kind}' value", "drop the tag, or put the value in quotes"))
    return f"must be {what}, not {shown}: {how}"


def _key_at(node: yaml.Node | None, line: int) -> str | None:
    """The top-level key whose value holds ``line`` (0-based), if the document is a mapping."""
    if not isinstance(node, yaml.MappingNode):
        return None
    found = None
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode) and key.start_mark.line <= line:
            found = key.value
    return found


def _has_surrogate(key: str, value: object) -> bool:
    """Whether a lone UTF-16 surrogate (from a YAML escape) hides in ``key`` or ``value``."""
    todo, seen = [key, value], set()
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, (list, dict)) and id(item) not in seen:  # aliases can make cycles
            seen.add(id(item))
            todo.extend(item.values() if isinstance(item, dict) else item)
            if isinstance(item, dict):
                todo.extend(str(k) for k in item)
    return False


_Loader.add_constructor(_TAG + "str", _Loader.construct_text)
