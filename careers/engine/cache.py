"""The per-posting cache: a processed posting stored as JSON under ``.cache/``, by content key.

A key covers everything a result depends on: the file's bytes and path, the pipeline's
code, the vocabulary and the configuration. An entry that is missing, unreadable,
corrupt or written for another key is a miss: the posting is processed again and the
entry rewritten. Entries are written to a temporary file and renamed, so a killed build
never leaves half an entry that looks whole.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
from functools import cache
from pathlib import Path

import orjson

from careers.config import Config
from careers.engine.codec import decode_result, encode_result
from careers.posting.process import Result
from careers.posting.tagging import Vocabulary

FORMAT = 3


@cache
def pipeline_fingerprint() -> str:
    """A hash of the package's own code: any change to it invalidates every entry."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def vocabulary_fingerprint(vocab: Vocabulary) -> str:
    """The vocabulary's own fingerprint where it has one, else a hash of its skills."""
    own = getattr(vocab, "fingerprint", None)
    if isinstance(own, str) and own:
        return own
    return hashlib.sha256(repr(vocab.skills).encode()).hexdigest()


def config_fingerprint(config: Config) -> str:
    values = {f.name: getattr(config, f.name) for f in dataclasses.fields(config) if f.name != "root"}
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


@dataclasses.dataclass(frozen=True)
class PostingCache:
    """Where entries live and the part of every key that is the same for the whole build."""

    folder: Path
    context: str
    writable: bool = True

    def key(self, relpath: str, content: str) -> str:
        """The key of the file at ``relpath`` whose bytes hash to ``content`` (``content_digest``)."""
        return hashlib.sha256(f"{self.context}\0{relpath}\0{content}".encode()).hexdigest()

    def path(self, key: str) -> Path:
        return Path(self._file(key))

    def _file(self, key: str) -> str:
        # Text, not a Path: at 10,000 entries a build, pathlib's own costs were a third of reading.
        return f"{self.folder}/{key[:2]}/{key[2:]}.json"

    def load(self, key: str) -> Result | None:
        """The stored result for ``key``, or ``None`` for a miss (corrupt entries included).

        An entry is two lines of JSON: the result with its sections' outline, then the
        sections themselves, which are parsed only when a page shows them.
        """
        try:
            fd = os.open(self._file(key), os.O_RDONLY)
            try:
                data = _read_all(fd)
            finally:
                os.close(fd)
            head, _, sections = data.partition(b"\n")
            data = orjson.loads(head)
            if data.get("format") != FORMAT or data.get("key") != key:
                return None
            return decode_result(data["result"], sections if data["result"]["posting"] else None)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None

    def store(self, key: str, result: Result) -> None:
        """Write the entry; a cache that cannot be written only costs speed, never the build."""
        if not self.writable:
            return
        encoded = encode_result(result)
        sections = b""
        try:
            if encoded["posting"] is not None:
                posting = encoded["posting"]
                raw = posting.pop("sections")
                posting["outline"] = [[heading, kind] for heading, kind, _ in raw]
                sections = orjson.dumps(raw)
            head = orjson.dumps({"format": FORMAT, "key": key, "result": encoded})
        except TypeError:  # a value JSON cannot hold (an integer past 64 bits): not kept
            return
        write_quietly(self.path(key), head + b"\n" + sections)

    def prune(self, keep: set[str]) -> int:
        """Delete every entry not under one of the ``keep`` keys (and temporary files a killed
        build left); return how many files went. Entries of other code, settings or versions
        of a posting are never read again, so without this the cache only grows."""
        removed = 0
        try:
            folders = [entry for entry in os.scandir(self.folder) if entry.is_dir(follow_symlinks=False)]
        except OSError:
            return 0
        for folder in folders:
            try:
                files = list(os.scandir(folder.path))
            except OSError:
                continue
            for entry in files:
                name = entry.name
                if name.endswith(".json") and f"{folder.name}{name[:-5]}" in keep:
                    continue
                if name.endswith((".json", ".tmp")):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed += 1
        return removed


def _read_all(fd: int) -> bytes:
    """A regular file's bytes in one read (a read of a regular file stops short only at its end)."""
    size = os.fstat(fd).st_size
    data = os.read(fd, size + 1)
    if len(data) > size:  # it grew since: read on to its end
        parts = [data]
        while chunk := os.read(fd, 1 << 16):
            parts.append(chunk)
        data = b"".join(parts)
    return data


def write_quietly(path: Path, data: bytes) -> bool:
    """Write a file of the cache atomically (a temporary file renamed over it); whether it was.

    Everything under the cache only saves time, so failing to write it is not an error.
    """
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(data)
        os.replace(temp, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        return False


def content_digest(data: bytes) -> str:
    """A posting file's bytes, hashed (the ``digest`` every posting carries)."""
    return hashlib.sha256(data).hexdigest()


def open_cache(config: Config, vocab: Vocabulary, writable: bool = True) -> PostingCache:
    context = "\0".join((pipeline_fingerprint(), vocabulary_fingerprint(vocab), config_fingerprint(config)))
    return PostingCache(config.cache_path / "postings", context, writable)
