"""Text every posting page shows: ``content/posting-intro.html`` before a posting, and
``content/posting-conclusion.html`` after it (a board's "about us" and its legal notes, once
for the site rather than once a posting). Each is read and cleaned as a posting's body is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careers.config import Config
from careers.errors import ContentError, Diagnostic
from careers.model import Part
from careers.posting.html import blocks_html
from careers.sources.files import read_regular_file, relative_name

INTRO, CONCLUSION = "posting-intro.html", "posting-conclusion.html"
MAX_BYTES = 1 << 20
NO_TITLE = "\0"  # a title no heading repeats


@dataclass(frozen=True)
class Blocks:
    """The site's posting intro and conclusion as cleaned sections, and a hash of both files."""

    intro: tuple[Part, ...] = ()
    conclusion: tuple[Part, ...] = ()
    digest: str = ""


def read_blocks(config: Config) -> tuple[Blocks, list[Diagnostic]]:
    """The two blocks of ``config``'s content folder (either may be missing); a file that cannot
    be read is a finding and no block."""
    found: list[Diagnostic] = []
    parts: list[tuple[Part, ...]] = []
    digest = hashlib.sha256()
    for name in (INTRO, CONCLUSION):
        path = config.content_path / name
        if not path.is_file():
            parts.append(())
            continue
        try:
            parts.append(_block(path, config, digest))
        except ContentError as exc:
            found.append(Diagnostic(exc.path, exc.line, "error", exc.message))
            parts.append(())
    return Blocks(parts[0], parts[1], digest.hexdigest() if any(parts) else ""), found


def _block(path: Path, config: Config, digest: Any) -> tuple[Part, ...]:
    # Imported here: the cleaner (BeautifulSoup, soupsieve, its rules) loads only for a site that
    # has blocks, not for every run.
    from careers.posting.clean import clean_html
    from careers.sources.source import parse_source

    relpath = relative_name(path, config.root)
    data = read_regular_file(path, relpath, MAX_BYTES)
    digest.update(f"{path.name}\0".encode() + hashlib.sha256(data).digest())
    source = parse_source(data, path, relpath)
    # No title: a block's first heading is one of its headings, never taken as a posting's title.
    cleaned = clean_html(source.body, NO_TITLE, config.clean)
    return tuple(Part(s.heading, s.kind, blocks_html(s)) for s in cleaned.sections)
