"""Stage 1: a posting file's bytes into a ``Source``: decoded, front matter split, Markdown made HTML."""

from __future__ import annotations

import hashlib
import html
import re
import threading
from pathlib import Path

import markdown

from careers.errors import ContentError
from careers.model import Source
from careers.showable import (
    control_characters,
    control_references,
    removal_warning,
    without_control_references,
    without_unshowable,
)
from careers.sources.decode import decode
from careers.sources.files import SUFFIXES, check_path, read_regular_file, relative_name
from careers.sources.frontmatter import split_front_matter
from careers.sources.mojibake import repair_mojibake

MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]
# Parsing costs a few microseconds per element, twice for Markdown (its own parser, then the
# document model's); real postings have a few hundred, a whole saved page a few thousand.
MAX_TAGS = 20_000
_TAG = re.compile(r"<[A-Za-z]")


def read_source(path: Path, root: Path, max_bytes: int, within: Path | None = None) -> Source:
    """Read one posting file into a ``Source``; raise ``ContentError`` if it is unusable.

    A symbolic link must lead to a file inside ``within`` (default: ``root``), so a link
    cannot publish a file from elsewhere on the machine.
    """
    relpath = relative_name(path, root)
    check_path(path, relpath, within or root)
    data = read_regular_file(path, relpath, max_bytes)
    return parse_source(data, path, relpath)


def parse_source(data: bytes, path: Path, relpath: str) -> Source:
    """Decode ``data`` and split its front matter; pure, so tests need no files."""
    text, notes = decode(data, relpath)
    text, repaired = repair_mojibake(text, relpath)
    if repaired:
        notes = (*notes, repaired)
    # Text never carries what XML 1.0 and HTML forbid: raw anywhere, as a reference in the
    # body's markup (in front matter, "&#7;" is text shown as written), as a YAML escape.
    removed: list[tuple[int, list[str]]] = []  # (line of the first, each as written)
    if found := control_characters(text):
        removed.append((text.count("\n", 0, found[0][0]) + 1, [shown for _, shown in found]))
        text = without_unshowable(text)
    meta, meta_lines, body, body_line, escaped = split_front_matter(text, relpath)
    if found := control_references(body):
        removed.append((body_line + body.count("\n", 0, found[0][0]), [shown for _, shown in found]))
        body = without_control_references(body)
    if escaped:
        removed.append((escaped[0][0], [shown for _, shown in escaped]))
    if removed:
        shown = [written for _, group in removed for written in group]
        notes = (*notes, removal_warning(relpath, min(line for line, _ in removed), shown))
    fmt = SUFFIXES.get(path.suffix.lower(), "html")
    if fmt != "text":  # a text posting's "<" is a character
        check_tag_count(body, relpath, body_line)
    if fmt == "markdown":
        body = markdown_to_html(body, relpath, body_line)
    elif fmt == "text":
        body = text_to_html(body, titled="title" in meta)
    digest = hashlib.sha256(data).hexdigest()
    return Source(path, relpath, meta, meta_lines, body, body_line, fmt, digest, notes)


def check_tag_count(body: str, relpath: str, body_line: int) -> None:
    """Refuse a body with more tags than any posting needs, counted without parsing it, before
    either parser pays for them."""
    tags = sum(1 for _ in _TAG.finditer(body))
    if tags > MAX_TAGS:
        message = (
            f"posting has {tags:,} HTML tags, more than any posting needs ({MAX_TAGS:,}); "
            "it was not built: check the source for a broken paste"
        )
        raise ContentError(relpath, body_line, message)


def text_to_html(body: str, titled: bool) -> str:
    """A plain-text posting as markup the cleaner reads line by line: its text escaped (a "<"
    in it is a character, not a tag); its first line the title (an ``<h1>``) when front matter
    names none."""
    lines = body.strip("\n").split("\n")
    if titled or not lines[0].strip():
        return f"<div>{html.escape(body, quote=False)}</div>"
    rest = "\n".join(lines[1:])
    return (
        f"<h1>{html.escape(lines[0].strip(), quote=False)}</h1>\n<div>{html.escape(rest, quote=False)}</div>"
    )


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
