"""The posting store: each processed posting kept as JSON under ``.cache/postings/``, by content key.

A key covers everything a result depends on: the file's bytes and path, the pipeline's code,
the vocabulary and the configuration. An entry is a header line (format, key and this user's
signature of the rest, a keyed hash: ``careers.engine.cache.trust``) and the result. One
whose header or signature does not check out is a miss, and the posting is processed again; so is
one this user's runs did not sign (restored from elsewhere, edited): its values could be any
the pipeline might make (another Apply link among them), so only a signature vouches for them.
Entries are written whole or not at all (``write_quietly``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import orjson

from careers.engine.cache.codec import decode_result, encode_result
from careers.engine.cache.trust import signature
from careers.engine.files import read_all, write_quietly
from careers.model import Result

FORMAT = 7


@dataclass(frozen=True)
class PostingStore:
    """Where entries live and the part of every key that is the same for the whole build."""

    folder: Path
    context: str
    writable: bool = True

    def key(self, relpath: str, digest: str) -> str:
        """The key of the file at ``relpath`` whose bytes hash to ``digest``."""
        return hashlib.sha256(f"{self.context}\0{relpath}\0{digest}".encode()).hexdigest()

    def _file(self, key: str) -> str:
        # Text, not a Path: at 10,000 entries a build, pathlib's own costs were a third of reading.
        return f"{self.folder}/{key[:2]}/{key[2:]}.json"

    def load(self, key: str) -> Result | None:
        """The stored result for ``key``, or ``None`` (missing, damaged or foreign entries too)."""
        data = read_all(self._file(key))
        if data is None:
            return None
        head, _, body = data.partition(b"\n")
        try:
            header = orjson.loads(head)
            if (
                header.get("format") != FORMAT
                or header.get("key") != key
                or header.get("by") != signature(body).decode()
            ):
                return None
            return decode_result(body, trusted=True)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def save(self, key: str, result: Result) -> None:
        """Write the entry; a cache that cannot be written only costs speed, never the build."""
        if not self.writable:
            return
        try:
            body = encode_result(result)
        except ValueError:  # a value JSON cannot give back exactly (an infinite amount): not kept
            return
        head = orjson.dumps({"format": FORMAT, "key": key, "by": signature(body).decode()})
        write_quietly(Path(self._file(key)), head + b"\n" + body)

    def prune(self, keep: set[str]) -> int:
        """Delete every entry not under one of the ``keep`` keys (and temporary files a killed
        build left); return how many went. Entries of other code, settings or versions of a
        posting are never read again, so without this the cache only grows."""
        removed = 0
        with contextlib.suppress(OSError), os.scandir(self.folder) as folders:
            for folder in folders:
                if not folder.is_dir(follow_symlinks=False):
                    continue
                with contextlib.suppress(OSError), os.scandir(folder.path) as entries:
                    for entry in entries:
                        name = entry.name
                        if name.endswith(".json") and f"{folder.name}{name[:-5]}" in keep:
                            continue
                        if name.endswith((".json", ".tmp")):
                            with contextlib.suppress(OSError):
                                os.unlink(entry.path)
                                removed += 1
        return removed
