"""``{% cache key, ... %}…{% endcache %}``: render a template fragment once, and keep it.

A card that lists one posting is the same on the index, on each of its skill pages and
under every related posting at the same depth; with the card macro's body wrapped in
``{% cache "card", posting, url("") %}`` it is rendered once and reused. The keys must name
everything the fragment shows (here: the posting, and the link to the root, which says
how deep the page is); postings are keyed by file, content and slug.

Fragments also outlive the build: a build saves them in ``.cache/fragments.json`` under
its context (code, configuration, vocabulary, templates), and the next build with the
same context starts from them. So when one posting of 10,000 changes, the index and the
tag pages are put together from stored cards, and only the changed card is rendered. An
entry remembers which postings it shows; it is dropped once one of them changes or goes.
"""

from __future__ import annotations

import contextlib
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

from .manifest import Unfingerprintable, fingerprint, posting_identity
from .model import Posting

FORMAT = 1
STORE_FILE = "fragments.json"
# A stored fragment: its text and the identities of the postings it shows.
Entry = tuple[str, tuple[str, ...]]


class FragmentCache(Extension):
    tags = {"cache"}  # noqa: RUF012 (Jinja's own class attribute)

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        self.fragments: dict[str, str] = {}  # what this environment has used
        self.stored: dict[str, Entry] = {}  # from earlier builds with the same context
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
            key = fingerprint(*keys)
        except Unfingerprintable:
            return compute()  # a key it cannot tell apart: compute every time
        found = self.fragments.get(key)
        if found is None:
            entry = self.stored.get(key)
            if entry is None:
                entry = (compute(), tuple(_identities(keys)))
                if self.recording:
                    self.new[key] = entry
            found = self.fragments[key] = entry[0]
        return found

    def take_new(self) -> dict[str, Entry]:
        """The fragments rendered since the last call (a worker hands them to the build)."""
        new, self.new = self.new, {}
        return new


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


def load_fragments(cache_dir: Path, context: str) -> dict[str, Entry]:
    """The fragments saved by a build with the same ``context``; nothing if there are none."""
    try:
        data = json.loads((cache_dir / STORE_FILE).read_bytes())
        if data["format"] != FORMAT or data["context"] != context:
            return {}
        return {key: (text, tuple(ids)) for key, (text, ids) in data["fragments"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def save_fragments(cache: FragmentCache, cache_dir: Path, context: str, current: set[str]) -> None:
    """Save the stored and new entries whose postings are all ``current`` (identities).

    Nothing is written when nothing was added or dropped; failing to write costs speed only.
    """
    entries = {**cache.stored, **cache.new}
    kept = {key: [text, list(ids)] for key, (text, ids) in entries.items() if current.issuperset(ids)}
    if not cache.new and len(kept) == len(cache.stored):
        return
    data: dict[str, Any] = {"format": FORMAT, "context": context, "fragments": kept}
    path = cache_dir / STORE_FILE
    temp = path.with_name(f".{STORE_FILE}.{os.getpid()}.tmp")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
