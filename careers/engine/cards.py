"""Cards and ``jobs.json`` records, rendered once and kept, under keys the engine derives.

A card shows one posting at one page depth and heading level (``careers.pages.render.Cards``),
so the engine keeps each one under the posting's token (its file's bytes, its path and what
the site gave it), the depth and the heading: the index of 10,000 postings is put back
together from kept cards, and a one-posting edit renders that posting's cards only. Themes
never name a key. What is kept outlives the build in ``.cache/cards.json``, under the build
context (code, settings, theme), and an entry goes once its posting changes or leaves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2
import orjson
from markupsafe import Markup

from careers.config import Config
from careers.engine.files import read_all, write_quietly
from careers.model import Posting
from careers.pages.records import posting_json
from careers.pages.render import Url, card_macro

FORMAT = 1
CARDS_FILE = "cards.json"
# key → (the token of the posting it shows, its text)
Entries = dict[str, tuple[str, str]]


class KeptCards:
    """``Cards`` for the engine: each card and record made once per token, depth and heading."""

    def __init__(self, env: jinja2.Environment, config: Config, kept: Entries | None = None) -> None:
        self.env, self.config = env, config
        self.entries: Entries = kept or {}
        self.new: Entries = {}  # made here since ``take_new``
        self.tokens: dict[str, str] = {}  # posting source → token, for this run
        self._macro: Callable[..., Markup] | None = None

    def __call__(self, postings: Sequence[Posting], url: Url, heading: str = "h2") -> list[Markup]:
        depth = url("")
        out = []
        for posting in postings:
            token = self.tokens[posting.source]
            key = f"c\0{token}\0{depth}\0{heading}"
            found = self.entries.get(key)
            if found is None:
                if self._macro is None:
                    self._macro = card_macro(self.env, self.config)
                found = self._keep(key, token, str(self._macro(posting, url, heading)))
            out.append(Markup(found[1]))
        return out

    def record(self, posting: Posting) -> str:
        token = self.tokens[posting.source]
        key = f"r\0{token}"
        found = self.entries.get(key)
        if found is None:
            found = self._keep(key, token, posting_json(posting, self.config))
        return found[1]

    def _keep(self, key: str, token: str, text: str) -> tuple[str, str]:
        entry = self.entries[key] = self.new[key] = (token, text)
        return entry

    def take_new(self) -> Entries:
        """What was made since the last call (a render worker hands it to the build)."""
        new, self.new = self.new, {}
        return new

    def add(self, entries: Entries) -> None:
        self.entries.update(entries)
        self.new.update(entries)


def load_cards(cache_dir: Path, context: str) -> Entries:
    """The cards a run under the same ``context`` kept, or none (a damaged file keeps none)."""
    data = read_all(str(cache_dir / CARDS_FILE))
    if data is None:
        return {}
    head, _, body = data.partition(b"\n")
    try:
        if orjson.loads(head) != {"format": FORMAT, "context": context, "sum": _checksum(body)}:
            return {}
        raw = orjson.loads(body)
        if not isinstance(raw, dict):
            return {}
        entries: Entries = {}
        for key, entry in raw.items():
            token, text = entry
            if type(token) is not str or type(text) is not str:
                return {}
            entries[key] = (token, text)
        return entries
    except (ValueError, TypeError):
        return {}


def save_cards(cards: KeptCards, cache_dir: Path, context: str, current: set[str]) -> None:
    """Keep the entries whose posting is still ``current`` (tokens); nothing is written when
    nothing was added or dropped."""
    alive = {key: entry for key, entry in cards.entries.items() if entry[0] in current}
    if not cards.new and len(alive) == len(cards.entries):
        return
    body = orjson.dumps(alive)
    head = orjson.dumps({"format": FORMAT, "context": context, "sum": _checksum(body)})
    write_quietly(cache_dir / CARDS_FILE, head + b"\n" + body)
    cards.entries, cards.new = alive, {}


def _checksum(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()
