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


def load_assets(*folders: Path) -> Assets:
    """Read every file under the ``folders`` (sorted, dot-files left out).

    When two folders hold a file of the same name, the first folder's wins: a theme's
    ``static/`` comes before the built-in one.
    """
    found: dict[str, Path] = {}
    for static in reversed(folders):
        for dirpath, dirnames, filenames in os.walk(static):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for filename in filenames:
                if not filename.startswith("."):
                    path = Path(dirpath) / filename
                    found[path.relative_to(static).as_posix()] = path
    files: list[tuple[str, bytes]] = []
    names: dict[str, str] = {}
    for name in sorted(found):
        data = found[name].read_bytes()
        published = "static/" + fingerprint(name, data)
        names[name] = published
        files.append((published, data))
    return Assets(tuple(files), names)
