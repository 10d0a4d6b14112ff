"""The theme's static files, with stylesheets and scripts renamed after their content.

``style.css`` is published as ``static/style.<hash>.css`` so a host may cache it forever:
a changed file gets a new name. Other files (fonts, images) keep their names, because
stylesheets refer to them by name.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from careers.errors import CareersError

FINGERPRINTED = frozenset({".css", ".js"})
HASH_LENGTH = 10


@dataclass(frozen=True)
class Assets:
    """Output files (``static/…`` path, bytes) and each source name's published path."""

    files: tuple[tuple[str, bytes], ...] = ()
    names: dict[str, str] = field(default_factory=dict)


def fingerprinted(name: str, data: bytes) -> str:
    """``css/style.css`` → ``css/style.<hash>.css`` for stylesheets and scripts; others as they are."""
    path = PurePosixPath(name)
    if path.suffix not in FINGERPRINTED:
        return name
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def load_assets(*folders: Path, fingerprint: bool = True) -> Assets:
    """Read every file under the ``folders`` (as ``theme_files`` finds them, sorted).

    When two folders hold a file of the same name, the first folder's wins: a theme's
    ``static/`` comes before the built-in one. ``fingerprint=False`` publishes every file
    under its own name (the preview, which swaps a changed stylesheet into the open page).
    """
    found: dict[str, Path] = {}
    for static in reversed(folders):
        found.update(theme_files(static))
    files: list[tuple[str, bytes]] = []
    names: dict[str, str] = {}
    for name in sorted(found):
        try:
            data = found[name].read_bytes()
        except OSError as exc:
            raise CareersError(f"{found[name]}: error: cannot read static file: {exc.strerror}") from None
        published = "static/" + (fingerprinted(name, data) if fingerprint else name)
        names[name] = published
        files.append((published, data))
    return Assets(tuple(files), names)


# Editors' lock, swap and backup files: never part of a theme, often dangling links.
_LEFTOVER_PREFIXES = (".", "#", ".#")
_LEFTOVER_SUFFIXES = ("~", ".swp", ".tmp")


def is_theme_file(name: str) -> bool:
    """Whether a file in a theme folder counts (dot-files and editor leftovers do not)."""
    return not (name.startswith(_LEFTOVER_PREFIXES) or name.endswith(_LEFTOVER_SUFFIXES))


def theme_files(folder: Path) -> list[tuple[str, Path]]:
    """Every file under ``folder`` that counts, as (``/``-separated name within it, path), sorted.
    Links to folders are not followed (they could loop)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if is_theme_file(d))
        for name in filenames:
            if is_theme_file(name):
                path = Path(dirpath) / name
                found.append((path.relative_to(folder).as_posix(), path))
    return sorted(found)
