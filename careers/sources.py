"""Stage 1: find posting files, read and decode them, split off YAML front matter."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import markdown
import yaml

from .errors import ContentError, Diagnostic
from .model import Format, Source

SUFFIXES: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_SURROGATE = re.compile("[\ud800-\udfff]")


def find_sources(jobs_dir: Path) -> list[Path]:
    """Every posting file under ``jobs_dir``, sorted; hidden and editor temp files skipped."""
    if not jobs_dir.is_dir():
        return []
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(jobs_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        found.extend(os.path.join(dirpath, name) for name in filenames if is_posting_name(name))
    # In the order of their paths' parts, as paths sort (sorting the strings alone would put
    # "a-b/x" before "a/x"); made into paths once sorted, which is cheaper at 10,000 files.
    found.sort(key=lambda path: path.split(os.sep))
    return [Path(path) for path in found]


def is_posting_name(name: str) -> bool:
    if name.startswith((".", "_", "#")) or name.endswith("~"):
        return False
    return os.path.splitext(name)[1].lower() in SUFFIXES


def read_source(path: Path, root: Path, max_bytes: int, within: Path | None = None) -> Source:
    """Read one posting file into a ``Source``; raise ``ContentError`` if it is unusable.

    A symbolic link must lead to a file inside ``within`` (default: ``root``), so a link
    cannot publish a file from elsewhere on the machine.
    """
    relpath = relative_name(path, root)
    check_link(path, relpath, within or root)
    data = read_regular_file(path, relpath, max_bytes)
    return parse_source(data, path, relpath)


def check_link(path: Path, relpath: str, within: Path) -> None:
    """Refuse a symbolic link that loops, dangles or leads outside ``within``."""
    if not path.is_symlink():
        return
    target = os.readlink(path)
    try:
        real = Path(os.path.realpath(path, strict=True))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ContentError(
                relpath, None, "symbolic link loop: point the link at a posting file or delete it"
            ) from None
        raise ContentError(
            relpath, None, f"symbolic link to '{target}', which does not exist: fix the link or delete it"
        ) from None
    if not real.is_relative_to(os.path.realpath(within)):
        raise ContentError(
            relpath,
            None,
            f"symbolic link to '{target}', outside {within.name}/: "
            "copy the posting into the folder instead of linking to it",
        )


def read_regular_file(path: Path, relpath: str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; never blocks on a FIFO."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # opening a socket fails; a FIFO could block
            raise ContentError(relpath, None, _NOT_REGULAR)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ContentError(relpath, None, f"cannot read file: {_reason(exc)}") from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for something else meanwhile
            raise ContentError(relpath, None, _NOT_REGULAR)
        size = os.fstat(fd).st_size
        if size > max_bytes:
            raise ContentError(relpath, None, _too_big(size, max_bytes))
        try:
            data = f.read(max_bytes + 1)
        except OSError as exc:
            raise ContentError(relpath, None, f"cannot read file: {_reason(exc)}") from None
    if len(data) > max_bytes:  # it grew after we looked
        raise ContentError(relpath, None, _too_big(len(data), max_bytes))
    return data


_NOT_REGULAR = "not a regular file (a pipe, socket or device): move it out of content/"


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{exc.strerror}: make it readable (chmod a+r) or move it out of content/"
    return exc.strerror or str(exc)


def _too_big(size: int, max_bytes: int) -> str:
    return (
        f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit "
        "(raise max_file_mb in careers.toml if it is really a posting)"
    )


def parse_source(data: bytes, path: Path, relpath: str) -> Source:
    """Decode ``data`` and split its front matter; pure, so tests need no files."""
    text, notes = decode(data, relpath)
    meta, meta_lines, body, body_line = split_front_matter(text, relpath)
    fmt = SUFFIXES.get(path.suffix.lower(), "html")
    if fmt == "markdown":
        body = markdown_to_html(body, relpath, body_line)
    digest = hashlib.sha256(data).hexdigest()
    return Source(path, relpath, meta, meta_lines, body, body_line, fmt, digest, notes)


_local = threading.local()


def markdown_to_html(body: str, relpath: str, body_line: int) -> str:
    # One converter per thread, reset between postings: setting one up (its extensions,
    # patterns and processors) costs a third as much as converting a posting.
    converter: markdown.Markdown | None = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    try:
        html: str = converter.reset().convert(body)
        return html
    except RecursionError:
        _local.converter = None  # it may be left half-way through a document
        # The markdown package recurses once per level of nested lists and quotes.
        raise ContentError(
            relpath, body_line, "Markdown nested too deeply to read: flatten its lists and quotes"
        ) from None


def relative_name(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def decode(data: bytes, relpath: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """UTF-8, with or without a byte-order mark; UTF-16 with a BOM is read with a warning.

    Anything else is an error, not a guess: a wrong guess would publish garbled text.
    """
    if not data.strip():
        raise ContentError(relpath, None, "file is empty: write a posting or delete the file")
    notes: tuple[Diagnostic, ...] = ()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_utf16(data, relpath)
        notes = (Diagnostic(relpath, None, "warning", "file is UTF-16; it was read, but save it as UTF-8"),)
    elif b"\x00" in data:
        raise ContentError(relpath, None, "file holds NUL bytes: it is binary, not a posting")
    else:
        text = _decode_utf8(data.removeprefix(codecs.BOM_UTF8), relpath)
    if "\x00" in text:
        raise ContentError(relpath, None, "file holds NUL characters: it is binary, not a posting")
    if not text.strip():
        raise ContentError(relpath, None, "file is empty: write a posting or delete the file")
    return text.replace("\r\n", "\n").replace("\r", "\n"), notes


def _decode_utf8(data: bytes, relpath: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            data.decode("cp1252")
            hint = "save the file as UTF-8 (it looks like Windows-1252; most editors can convert it)"
        except UnicodeDecodeError:
            hint = "the file looks binary; if it is a posting, save it as UTF-8"
        raise ContentError(relpath, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}): {hint}") from None


def _decode_utf16(data: bytes, relpath: str) -> str:
    try:
        return data.decode("utf-16")  # the byte-order mark says which order
    except UnicodeDecodeError:
        raise ContentError(
            relpath, None, "starts like UTF-16 but is not valid UTF-16: save the file as UTF-8"
        ) from None


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


def iter_sources(
    paths: list[Path], root: Path, max_bytes: int, within: Path | None = None
) -> Iterator[Source | ContentError]:
    for path in paths:
        try:
            yield read_source(path, root, max_bytes, within)
        except ContentError as exc:
            yield exc
