"""Stage 1: find posting files, read and decode them, split off YAML front matter."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import markdown
import yaml

from .errors import ContentError
from .model import Format, Source

SUFFIXES: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def find_sources(jobs_dir: Path) -> list[Path]:
    """Every posting file under ``jobs_dir``, sorted; hidden and editor temp files skipped."""
    if not jobs_dir.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(jobs_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in filenames:
            if is_posting_name(name):
                found.append(Path(dirpath) / name)
    return sorted(found)


def is_posting_name(name: str) -> bool:
    if name.startswith((".", "_", "#")) or name.endswith("~"):
        return False
    return Path(name).suffix.lower() in SUFFIXES


def read_source(path: Path, root: Path, max_bytes: int) -> Source:
    """Read one posting file into a ``Source``; raise ``ContentError`` if it is unusable."""
    relpath = relative_name(path, root)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ContentError(
                relpath,
                None,
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit "
                "(raise max_file_mb in careers.toml if it is really a posting)",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ContentError(relpath, None, f"cannot read file: {exc.strerror}") from None
    return parse_source(data, path, relpath)


def parse_source(data: bytes, path: Path, relpath: str) -> Source:
    """Decode ``data`` and split its front matter; pure, so tests need no files."""
    text = decode(data, relpath)
    meta, meta_lines, body, body_line = split_front_matter(text, relpath)
    fmt = SUFFIXES.get(path.suffix.lower(), "html")
    if fmt == "markdown":
        body = markdown.markdown(body, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    digest = hashlib.sha256(data).hexdigest()
    return Source(path, relpath, meta, meta_lines, body, body_line, fmt, digest)


def relative_name(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def decode(data: bytes, relpath: str) -> str:
    """UTF-8, with or without a byte-order mark; anything else is an error."""
    if not data.strip():
        raise ContentError(relpath, None, "file is empty: write a posting or delete the file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentError(
            relpath, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}): save the file as UTF-8"
        ) from None
    if "\x00" in text:
        raise ContentError(relpath, None, "file holds NUL bytes: it looks binary, not a posting")
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
    try:
        node = yaml.compose(block, Loader=yaml.SafeLoader)
        meta = yaml.safe_load(block)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else line_offset
        problem = exc.problem or exc.context or "invalid YAML"
        raise ContentError(relpath, line, f"front matter is not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ContentError(relpath, line_offset, f"front matter is not valid YAML: {exc}") from None
    if meta is None:
        return {}, {}
    if not isinstance(meta, dict) or not isinstance(node, yaml.MappingNode):
        raise ContentError(relpath, line_offset + 1, "front matter must be a mapping of 'key: value' lines")
    lines = {
        str(key.value): key.start_mark.line + 1 + line_offset
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return {str(k): v for k, v in meta.items()}, lines


def iter_sources(paths: list[Path], root: Path, max_bytes: int) -> Iterator[Source | ContentError]:
    for path in paths:
        try:
            yield read_source(path, root, max_bytes)
        except ContentError as exc:
            yield exc
