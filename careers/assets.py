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

FINGERPRINTED = frozenset({".css", ".js"})
HASH_LENGTH = 10


@dataclass(frozen=True)
class Assets:
    """Output files (``static/…`` path, bytes) and each source name's published path."""

    files: tuple[tuple[str, bytes], ...] = ()
    names: dict[str, str] = field(default_factory=dict)


def fingerprint(name: str, data: bytes) -> str:
    """``css/style.css`` → ``css/style.<hash>.css`` for stylesheets and scripts; others as they are."""
    path = PurePosixPath(name)
    if path.suffix not in FINGERPRINTED:
        return name
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def load_assets(static: Path) -> Assets:
    """Read every file under ``static`` (sorted, dot-files left out)."""
    if not static.is_dir():
        return Assets()
    files: list[tuple[str, bytes]] = []
    names: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(static):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = Path(dirpath) / filename
            name = path.relative_to(static).as_posix()
            data = path.read_bytes()
            published = "static/" + fingerprint(name, data)
            names[name] = published
            files.append((published, data))
    return Assets(tuple(files), names)
