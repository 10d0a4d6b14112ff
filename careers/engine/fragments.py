"""``{% cache key, ... %}…{% endcache %}``: render a template fragment once, and keep it.

A card that lists one posting is the same on the index, on each of its skill pages and
under every related posting at the same depth; with the card macro's body wrapped in
``{% cache "card", posting, url("") %}`` it is rendered once and reused. The keys must name
everything the fragment shows (here: the posting, and the link to the root, which says
how deep the page is); postings are keyed by file, content and slug.

A listing of thousands is cut into runs of consecutive postings (the ``runs`` filter), and
each run is kept whole under ``{% cache "cards", run, ... %}``: putting a page back together
from stored runs costs a lookup per run, where stored cards cost a template call per card.
A run ends after a posting whose file name hashes to a multiple of ``RUN_EVERY``, so runs
are cut at the same postings from build to build: a new or removed posting changes the one
run it falls in, not every run after it. Runs shorter than ``MIN_RUN`` are not kept (their
cards are), nor held in memory (no two pages share one).

Fragments also outlive the build: a build saves them under its context (code,
configuration, vocabulary, templates), and the next build with the same context starts
from them. Their text is one file of bytes (``.cache/fragments-<token>.bin``) and
``.cache/fragments.json`` says where each one lies, so a build maps the bytes and decodes
only the fragments it uses. So when one posting of 10,000 changes, the index and the tag
pages are put together from stored runs, and only its cards and the runs holding it are
rendered. An entry remembers which postings it shows; it is dropped once one of them changes
or goes. A build appends the fragments it renders to the bytes as it goes (so a cold build
holds none of them in memory), and the file is written afresh once dropped fragments are
most of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2
import orjson
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

from careers.engine.cache import write_quietly
from careers.engine.manifest import Unfingerprintable, fingerprint
from careers.model import Posting

FORMAT = 3
STORE_FILE = "fragments.json"
RUN_EVERY = 32  # postings per run, on average
RUN_MAX = 128
MIN_RUN = 16  # a shorter run is rendered from its cards each time, not kept
# A fragment rendered in a worker: its text and the identities of the postings it shows.
Entry = tuple[str, tuple[str, ...]]
# A fragment in the store: where its text lies in the store's bytes, and the postings it
# shows (as numbers into the index's list of posting identities).
Stored = list[Any]  # [start, length, [number, ...]]


class Run(tuple[Posting, ...]):
    """Consecutive postings of a listing, as ``runs`` cuts it."""

    __slots__ = ()

    @property
    def kept(self) -> bool:
        return len(self) >= MIN_RUN


def runs(postings: Sequence[Posting]) -> Iterator[Run]:
    """``postings`` cut into runs, after every posting whose file name hashes to a multiple
    of ``RUN_EVERY`` (and after ``RUN_MAX`` in a row)."""
    start = 0
    for index, posting in enumerate(postings):
        if index + 1 - start >= RUN_MAX or zlib.crc32(posting.source.encode()) % RUN_EVERY == 0:
            yield Run(postings[start : index + 1])
            start = index + 1
    if start < len(postings):
        yield Run(postings[start:])


class FragmentCache(Extension):
    tags = {"cache"}  # noqa: RUF012 (Jinja's own class attribute)

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        self.fragments: dict[str, str] = {}  # the shared ones (cards) this environment has used
        self.stored: dict[str, Stored] = {}  # from earlier builds with the same context
        self.postings: list[str] = []  # the identities the stored entries' numbers stand for
        self.blob: bytes | mmap.mmap = b""  # the stored fragments' text
        self.new: dict[str, Entry] = {}  # rendered here since ``take_new``, when ``recording``
        self.recording = False  # a build that saves its fragments records the new ones
        self.spool: Spool | None = None  # the build's: new fragments go straight to the file

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
        run = next((key for key in keys if type(key) is Run), None)
        if run is not None and not run.kept:
            return compute()  # a few cards: cheaper to join than to keep
        try:
            key = _key(keys)
        except Unfingerprintable:
            return compute()  # a key it cannot tell apart: compute every time
        found = self.fragments.get(key) if run is None else None
        if found is None:
            found = self._stored_text(key)
            if found is None:
                found = compute()
                if self.recording:
                    self.record({key: (found, tuple(_identities(keys)))})
            if run is None:  # a run is on one page only: not held
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

    def record(self, entries: dict[str, Entry]) -> None:
        """Keep new fragments: in the build's file, or until ``take_new`` in a worker."""
        if self.spool is not None:
            for key, (text, ids) in entries.items():
                self.spool.add(key, text, ids)
        else:
            self.new.update(entries)

    def fork_safe(self) -> None:
        """Before forking: nothing of the file left in this process's buffer for a child to write."""
        if self.spool is not None:
            self.spool.file.flush()

    def in_worker(self) -> None:
        """In a forked worker: new fragments go back to the build, never into the file."""
        self.spool = None

    def take_new(self) -> dict[str, Entry]:
        """The fragments rendered since the last call (a worker hands them to the build)."""
        new, self.new = self.new, {}
        return new


class Spool:
    """The store's file, open for the fragments a build renders: appended as they come."""

    def __init__(self, path: Path, start: int) -> None:
        self.path = path
        self.file = open(path, "r+b" if start else "w+b")  # noqa: SIM115 (closed by ``close``)
        self.file.truncate(start)  # whatever a stopped build appended is not indexed
        self.file.seek(start)
        self.end = start
        self.added: dict[str, tuple[int, int, tuple[str, ...]]] = {}  # key → start, length, ids

    def add(self, key: str, text: str, ids: tuple[str, ...]) -> None:
        if key in self.added:
            return
        data = text.encode("utf-8")
        self.file.write(data)
        self.added[key] = (self.end, len(data), ids)
        self.end += len(data)

    def read(self, start: int, length: int) -> bytes:
        self.file.flush()
        return os.pread(self.file.fileno(), length, start)

    def close(self) -> None:
        self.file.close()


def _key(keys: list[object]) -> str:
    """The store's key for ``keys``: a quick hash when they are text and postings (as a card's
    are), else ``fingerprint`` (a longer hash, so the two never meet)."""
    parts = []
    for key in keys:
        if type(key) is str:
            parts.append(f"s{len(key)}:{key}")  # length-prefixed: no two lists join the same
        elif type(key) is Posting:
            identity = key.identity
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
        yield value.identity
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _identities(item)


def load_fragments(cache: FragmentCache, cache_dir: Path, context: str) -> None:
    """Start from the fragments a build with the same ``context`` saved (if any), and open
    the store's file for the ones this build renders."""
    cache.stored, cache.postings, cache.blob = {}, [], b""
    name, size = None, 0
    try:
        index = orjson.loads((cache_dir / STORE_FILE).read_bytes())
        if index["format"] == FORMAT and index["context"] == context:
            name, size = str(index["blob"]), int(index["size"])
            if "/" in name or not name.startswith("fragments-"):
                raise ValueError("not a store's file name")
            with open(cache_dir / name, "rb") as f:
                if os.fstat(f.fileno()).st_size < size:
                    raise ValueError("shorter than its index says")
                # Mapped, not read: a rebuild touches the pages of the fragments it uses only.
                blob = mmap.mmap(f.fileno(), size, access=mmap.ACCESS_READ) if size else b""
            stored, postings = index["entries"], index["postings"]
            if not isinstance(stored, dict) or not isinstance(postings, list):
                raise ValueError("not an index")
            cache.stored, cache.postings, cache.blob = stored, postings, blob
    except (OSError, ValueError, KeyError, TypeError):
        cache.stored, cache.postings, cache.blob = {}, [], b""
        name, size = None, 0
    try:
        if name is None:
            name = f"fragments-{os.urandom(8).hex()}.bin"
        cache_dir.mkdir(parents=True, exist_ok=True)
        cache.spool = Spool(cache_dir / name, size)
        cache.recording = True
    except OSError:
        cache.spool, cache.recording = None, False  # a cache that cannot be written costs speed only


def close_fragments(cache: FragmentCache) -> None:
    """Close the store's file without saving (a build that failed): what it appended is not
    indexed, and is cut by the next build."""
    if cache.spool is not None:
        cache.spool.close()
        cache.spool, cache.recording = None, False


def save_fragments(cache: FragmentCache, cache_dir: Path, context: str, current: set[str]) -> None:
    """Save the stored and new fragments whose postings are all ``current`` (identities).

    The new ones are in the file already; this writes the index that points at them (or,
    once dropped fragments are most of the file, a new file of the live ones first).
    Nothing is written when nothing was added or dropped; failing to write costs speed only.
    """
    spool = cache.spool
    if spool is None:
        return
    cache.spool = None
    try:
        _save(cache, spool, cache_dir, context, current)
    except OSError:
        pass
    finally:
        spool.close()
        if spool.end == 0:
            with contextlib.suppress(OSError):
                spool.path.unlink()


def _save(cache: FragmentCache, spool: Spool, cache_dir: Path, context: str, current: set[str]) -> None:
    size = len(cache.blob)
    alive = [identity in current for identity in cache.postings]
    kept = {
        key: where
        for key, where in cache.stored.items()
        if _sound(where, size, len(alive)) and all(alive[i] for i in where[2])
    }
    new = {
        key: added for key, added in spool.added.items() if current.issuperset(added[2]) and key not in kept
    }
    if not new and len(kept) == len(cache.stored):
        return
    numbers: dict[str, int] = {}
    entries: dict[str, list[Any]] = {}
    for key, (start, length, old) in kept.items():
        entries[key] = [start, length, [numbers.setdefault(cache.postings[i], len(numbers)) for i in old]]
    for key, (start, length, ids) in new.items():
        entries[key] = [start, length, [numbers.setdefault(i, len(numbers)) for i in ids]]
    name, end = spool.path.name, spool.end
    if sum(where[1] for where in entries.values()) * 2 < end:  # mostly dropped: a new file
        name, end = f"fragments-{os.urandom(8).hex()}.bin", 0
        parts = []
        for where in entries.values():
            parts.append(spool.read(where[0], where[1]))
            where[0] = end
            end += where[1]
        if not write_quietly(cache_dir / name, b"".join(parts)):
            return
    else:
        spool.file.flush()
    index = {
        "format": FORMAT,
        "context": context,
        "blob": name,
        "size": end,
        "postings": list(numbers),
        "entries": entries,
    }
    if not write_quietly(cache_dir / STORE_FILE, orjson.dumps(index)):
        return
    for old in cache_dir.glob("fragments-*.bin"):
        if old.name != name:
            with contextlib.suppress(OSError):
                old.unlink()


def _sound(where: Stored, size: int, postings: int) -> bool:
    """Whether a stored entry from the index has the shape the store writes."""
    if not (isinstance(where, list) and len(where) == 3):
        return False
    start, length, ids = where
    return (
        type(start) is int
        and type(length) is int
        and 0 <= start <= start + length <= size
        and isinstance(ids, list)
        and all(type(i) is int and 0 <= i < postings for i in ids)
    )
