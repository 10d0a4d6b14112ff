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
    """The cards runs under the same ``context`` kept, or none.

    The file is a log: a header line, then one line per card appended as runs made them (a
    later line for a key wins), each behind a hash of itself. A line that does not check out
    (a build killed while appending, a flipped byte) ends what is read.
    """
    data = read_all(str(cache_dir / CARDS_FILE))
    if data is None:
        return {}
    lines = data.split(b"\n")
    try:
        if orjson.loads(lines[0]) != {"format": FORMAT, "context": context}:
            return {}
    except ValueError:
        return {}
    entries: Entries = {}
    for line in lines[1:]:
        found = _entry(line)
        if found is None:
            break
        key, token, text = found
        entries[key] = (token, text)
    return entries


def _entry(line: bytes) -> tuple[str, str, str] | None:
    mark, _, payload = line.partition(b" ")
    if mark != _checksum(payload):
        return None
    try:
        key, token, text = orjson.loads(payload)
    except (ValueError, TypeError):
        return None
    if type(key) is not str or type(token) is not str or type(text) is not str:
        return None
    return key, token, text


def save_cards(cards: KeptCards, cache_dir: Path, context: str, current: set[str]) -> None:
    """Append the cards made since the last save; once cards of postings no longer ``current``
    (tokens) are most of the file, write it afresh with the live ones only."""
    path = cache_dir / CARDS_FILE
    alive = {key: entry for key, entry in cards.entries.items() if entry[0] in current}
    if len(alive) * 2 < len(cards.entries) or not path.exists():
        head = orjson.dumps({"format": FORMAT, "context": context})
        write_quietly(path, b"\n".join([head, *_lines(alive)]) + b"\n")
        cards.entries = alive
    elif cards.new:
        try:
            with open(path, "ab") as f:
                f.write(b"\n".join(_lines(cards.new)) + b"\n")
        except OSError:
            pass  # a cache that cannot be written costs speed only
    cards.new = {}


def _lines(entries: Entries) -> list[bytes]:
    lines = []
    for key, (token, text) in entries.items():
        payload = orjson.dumps([key, token, text])
        lines.append(_checksum(payload) + b" " + payload)
    return lines


def _checksum(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=8).hexdigest().encode()
