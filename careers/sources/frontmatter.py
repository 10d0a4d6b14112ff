"""YAML front matter split from a posting's text, with the line of every key."""

from __future__ import annotations

import re

import yaml

from careers.errors import ContentError

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_SURROGATE = re.compile("[\ud800-\udfff]")


def split_front_matter(text: str, relpath: str) -> tuple[dict[str, object], dict[str, int], str, int]:
    """Split ``---`` YAML front matter from the body.

    Returns the mapping, the line of each key, the body and the line the body starts on.
    """
    if not text.startswith("---"):
        return {}, {}, text, 1
    first = text.find("\n")
    if first < 0 or text[:first].strip() != "---":
        return {}, {}, text, 1
    end = _FENCE.search(text, first + 1)
    if end is None:
        raise ContentError(relpath, 1, "front matter opened with '---' is never closed")
    block = text[first + 1 : end.start()]
    body_start = end.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    meta, lines = parse_yaml(block, relpath, line_offset=1)
    return meta, lines, text[body_start:], body_line


def parse_yaml(block: str, relpath: str, line_offset: int) -> tuple[dict[str, object], dict[str, int]]:
    """Parse a YAML mapping, keeping the line each top-level key sits on."""
    loader = yaml.SafeLoader(block)
    try:
        # What yaml.safe_load does, keeping the node for key lines: one parse, not two.
        node = loader.get_single_node()
        meta = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else line_offset
        problem = exc.problem or exc.context or "invalid YAML"
        raise ContentError(relpath, line, f"front matter is not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ContentError(relpath, line_offset, f"front matter is not valid YAML: {exc}") from None
    except RecursionError:
        raise ContentError(relpath, line_offset, "front matter nested too deeply: use plain values") from None
    finally:
        loader.dispose()
    if meta is None:
        return {}, {}
    if not isinstance(meta, dict) or not isinstance(node, yaml.MappingNode):
        raise ContentError(relpath, line_offset + 1, "front matter must be a mapping of 'key: value' lines")
    lines = {
        str(key.value): key.start_mark.line + 1 + line_offset
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    meta = {str(k): v for k, v in meta.items()}
    for key, value in meta.items():
        if _has_surrogate(key, value):
            raise ContentError(
                relpath,
                lines.get(key, line_offset),
                f"front matter {key!r} holds an escaped half of a character (like \\ud83d): "
                "write the character itself, e.g. an emoji, in UTF-8",
            )
    return meta, lines


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
