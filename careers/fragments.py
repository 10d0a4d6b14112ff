"""``{% cache key, ... %}…{% endcache %}``: render a template fragment once, and keep it.

A card that lists one posting is the same on the index, on each of its skill pages and
under every related posting at the same depth; with the card macro's body wrapped in
``{% cache "card", posting, url("") %}`` it is rendered once and reused. The keys must name
everything the fragment shows (here: the posting, and the link to the root, which says
how deep the page is); postings are keyed by file, content and slug.

Fragments also outlive the build: a build saves them under its context (code,
configuration, vocabulary, templates), and the next build with the same context starts
from them. Their text is one file of bytes (``.cache/fragments-<token>.bin``) and
``.cache/fragments.json`` says where each one lies, so a build reads the index and the
bytes at once and decodes only the fragments it uses. So when one posting of 10,000
changes, the index and the tag pages are put together from stored cards, and only the
changed card is rendered. An entry remembers which postings it shows; it is dropped once
one of them changes or goes. New fragments are appended to the bytes (a one-posting edit
writes its own cards, not the whole store), which are written afresh once dropped
fragments are most of them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

from .cache import write_quietly
from .manifest import Unfingerprintable, fingerprint, posting_identity
from .model import Posting

FORMAT = 2
STORE_FILE = "fragments.json"
# A fragment rendered in this build: its text and the identities of the postings it shows.
Entry = tuple[str, tuple[str, ...]]
# A fragment of an earlier build: where its text lies in the store's bytes, and the identities.
Stored = list[Any]  # [start, length, [identity, ...]]


class FragmentCache(Extension):
    tags = {"cache"}  # noqa: RUF012 (Jinja's own class attribute)

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        self.fragments: dict[str, str] = {}  # what this environment has used
        self.stored: dict[str, Stored] = {}  # from earlier builds with the same context
        self.blob = b""  # the stored fragments' text
        self.blob_name = ""  # the file it was read from
        self.new: dict[str, Entry] = {}  # rendered here since ``take_new``, when ``recording``
        self.recording = False  # a build that saves its fragments records the new ones

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        keys = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            keys.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method("_fragment", [nodes.List(keys)])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, keys: list[object], caller: Callable[[], str]) -> Markup:
        return Markup(self.memo(keys, caller))

    def memo(self, keys: list[object], compute: Callable[[], str]) -> str:
        """``compute()``, or what it gave before for the same ``keys``."""
        try:
            key = _key(keys)
        except Unfingerprintable:
            return compute()  # a key it cannot tell apart: compute every time
        found = self.fragments.get(key)
        if found is None:
            found = self._stored_text(key)
            if found is None:
                found = compute()
                if self.recording:
                    self.new[key] = (found, tuple(_identities(keys)))
            self.fragments[key] = found
        return found

    def _stored_text(self, key: str) -> str | None:
        where = self.stored.get(key)
        if where is None:
            return None
        try:
            start, length, _ = where
            return self.blob[start : start + length].decode("utf-8")
        except (ValueError, TypeError):  # a damaged entry: rendered again
            return None

    def take_new(self) -> dict[str, Entry]:
        """The fragments rendered since the last call (a worker hands them to the build)."""
        new, self.new = self.new, {}
        return new


def _key(keys: list[object]) -> str:
    """The store's key for ``keys``: a quick hash when they are text and postings (as a card's
    are), else ``fingerprint`` (a longer hash, so the two never meet)."""
    parts = []
    for key in keys:
        if type(key) is str:
            parts.append(f"s{len(key)}:{key}")  # length-prefixed: no two lists join the same
        elif type(key) is Posting:
            identity = posting_identity(key)
            parts.append(f"P{len(identity)}:{identity}")
        else:
            return fingerprint(*keys)
    return hashlib.blake2b("".join(parts).encode(), digest_size=20).hexdigest()


def fragment_cache(env: jinja2.Environment) -> FragmentCache:
    found = env.extensions[FragmentCache.identifier]
    assert isinstance(found, FragmentCache)
    return found


def _identities(value: object) -> Iterable[str]:
    if isinstance(value, Posting):
        yield posting_identity(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _identities(item)


def load_fragments(cache: FragmentCache, cache_dir: Path, context: str) -> None:
    """Start from the fragments a build with the same ``context`` saved (if any)."""
    cache.stored, cache.blob = {}, b""
    try:
        index = json.loads((cache_dir / STORE_FILE).read_bytes())
        if index["format"] != FORMAT or index["context"] != context:
            return
        blob = (cache_dir / index["blob"]).read_bytes()
        if len(blob) < index["size"]:
            return  # not the bytes the index was written for
        stored = index["entries"]  # key → [start, length, identities]; checked when read
        if not isinstance(stored, dict):
            return
    except (OSError, ValueError, KeyError, TypeError):
        return
    # Bytes past ``size`` were appended by a build that stopped before writing its index.
    cache.stored, cache.blob, cache.blob_name = stored, blob[: index["size"]], index["blob"]


def save_fragments(cache: FragmentCache, cache_dir: Path, context: str, current: set[str]) -> None:
    """Save the stored and new fragments whose postings are all ``current`` (identities).

    New fragments are appended to the store's bytes, and the index is written anew; the
    bytes of dropped fragments stay until they are more than half of the file, when the
    store is written afresh. Nothing is written when nothing was added or dropped; failing
    to write costs speed only.
    """
    size = len(cache.blob)
    kept = {
        key: where
        for key, where in cache.stored.items()
        if _sound(where, size) and current.issuperset(where[2])
    }
    new = {key: entry for key, entry in cache.new.items() if current.issuperset(entry[1]) and key not in kept}
    if not new and len(kept) == len(cache.stored):
        return
    live = sum(where[1] for where in kept.values())
    appending = bool(cache.blob_name) and live * 2 >= size
    parts: list[bytes | memoryview] = []
    entries: dict[str, list[Any]] = {}
    if appending:
        entries = dict(kept)
        offset = size
    else:
        offset = 0
        view = memoryview(cache.blob)
        for key, (start, length, ids) in kept.items():
            parts.append(view[start : start + length])
            entries[key] = [offset, length, ids]
            offset += length
    for key, (text, ids) in new.items():
        data = text.encode("utf-8")
        parts.append(data)
        entries[key] = [offset, len(data), list(ids)]
        offset += len(data)
    if appending:
        blob_name = cache.blob_name
        written = _append(cache_dir / blob_name, size, parts)
    else:
        blob_name = f"fragments-{os.urandom(8).hex()}.bin"
        written = write_quietly(cache_dir / blob_name, b"".join(parts))
    # The bytes first; then the index that points at them.
    if not written:
        return
    index = {"format": FORMAT, "context": context, "blob": blob_name, "size": offset, "entries": entries}
    if not write_quietly(
        cache_dir / STORE_FILE, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode()
    ):
        return
    for old in cache_dir.glob("fragments-*.bin"):
        if old.name != blob_name:
            with contextlib.suppress(OSError):
                old.unlink()


def _append(path: Path, size: int, parts: list[bytes | memoryview]) -> bool:
    """Append ``parts`` to the store's bytes, which the index says are ``size`` long."""
    try:
        with open(path, "r+b") as f:
            f.truncate(size)  # whatever a stopped build appended is not indexed
            f.seek(size)
            f.write(b"".join(parts))
        return True
    except OSError:
        return False


def _sound(where: Stored, size: int) -> bool:
    """Whether a stored entry from the index has the shape the store writes."""
    if not (isinstance(where, list) and len(where) == 3):
        return False
    start, length, ids = where
    return (
        type(start) is int
        and type(length) is int
        and 0 <= start <= start + length <= size
        and isinstance(ids, list)
        and all(isinstance(i, str) for i in ids)
    )
