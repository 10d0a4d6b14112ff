"""Cards, drawn once and kept, under keys the engine derives.

A card shows one posting at one page depth and heading level (the theme's ``card`` macro,
which templates call as the global ``card``), so the engine keeps each one under the
posting's token (its file's bytes, its path and what the site gave it), the depth and the
heading: a listing of 10,000 postings is put together from kept cards, and a one-posting edit
draws that posting's cards only. Keeping a card is sound only if the macro draws from its
arguments alone: a theme's ``_card.html`` that reads any other name is drawn afresh every
time (``draws_from_arguments``). What is kept outlives the run in a log beside the engine's
state (read the first time a card is asked for), under the build context (code, settings,
theme): a log of another context is started afresh, and an entry goes once its posting
changes or leaves.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import orjson
from jinja2 import meta
from markupsafe import Markup

from careers.config import Config
from careers.engine.cache.trust import signature
from careers.engine.files import append_quietly, read_all, write_quietly
from careers.model import Posting
from careers.pages.render import CARD_TEMPLATE, Card, Url

FORMAT = 5
# key → (the token of the posting it shows, its text)
Entries = dict[str, tuple[str, str]]


class KeptCards:
    """Each card made once per posting token, depth and heading."""

    def __init__(self, config: Config, log: Path | None, context: str) -> None:
        self.config = config
        self.log, self.context = log, context
        self.loaded = False  # the log is read the first time a card is asked for
        self.appendable = False  # the log holds this context's cards: new ones can be appended
        self.entries: Entries = {}  # made here, or read from the log and checked
        self.unread: dict[str, bytes] = {}  # key → its line in the log, checked once asked for
        self.new: Entries = {}  # made here since ``take_new``
        self.tokens: dict[str, str] = {}  # posting source → token, for this run (``use``)

    def use(self, tokens: dict[str, str]) -> None:
        """Key this run's cards by ``tokens`` (posting source → what tells its version)."""
        self.tokens = tokens

    def get(self, key: str) -> tuple[str, str] | None:
        if not self.loaded:
            self.loaded = True
            if self.log is not None:
                unread, self.appendable = load_cards(self.log, self.context)
                self.unread = {k: line for k, line in unread.items() if k not in self.entries}
        found = self.entries.get(key)
        if found is None and key in self.unread:
            found = _entry(self.unread.pop(key))
            if found is None:
                self.appendable = False  # a line that does not check out: write the log afresh
            else:
                self.entries[key] = found
        return found

    def wrap(self, env: jinja2.Environment, draw: Card) -> Card:
        """The ``card`` templates call: ``draw``, each card drawn once (unless the theme's
        card reads more than its arguments)."""
        if not draws_from_arguments(env):
            return draw

        def card(posting: Posting, url: Url, heading: str = "h2") -> Markup:
            token = self.tokens.get(posting.source)
            if token is None:
                return draw(posting, url, heading)
            key = f"c\0{token}\0{url('')}\0{heading}"
            found = self.get(key) or self._keep(key, token, str(draw(posting, url, heading)))
            return Markup(found[1])

        return card

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
        for key in entries:
            self.unread.pop(key, None)


def draws_from_arguments(env: jinja2.Environment) -> bool:
    """Whether the theme's ``_card.html`` names nothing but what it defines or imports (the
    ``card`` macro's arguments among them): only then is a card the same every time it is
    drawn for the same posting, depth and heading."""
    assert env.loader is not None
    try:
        # Finding the names compiles the template: an unknown filter or test fails there.
        return not meta.find_undeclared_variables(env.parse(env.loader.get_source(env, CARD_TEMPLATE)[0]))
    except (jinja2.TemplateError, OSError, UnicodeDecodeError):
        return False  # drawing it reports what is wrong, at its file and line


def load_cards(log: Path, context: str) -> tuple[dict[str, bytes], bool]:
    """The lines of the cards runs under the same ``context`` kept, by key, and whether the
    log may be appended to.

    The file is a log: a header line, then one line per card appended as runs made them (a
    later line for a key wins): this user's signature, the key, a tab, the token and text.
    A card's markup comes from the theme and cannot be checked, so a card this user's runs
    did not make is never used; a line is checked when its card is first asked for (a
    one-posting edit asks for a few hundred of 30,000). A line that is not one (a build
    killed while appending) ends what is read, and the next save writes the log afresh.
    """
    data = read_all(str(log))
    if data is None:
        return {}, False
    lines = data.split(b"\n")
    try:
        if orjson.loads(lines[0]) != {"format": FORMAT, "context": context}:
            return {}, False
    except ValueError:
        return {}, False
    unread: dict[str, bytes] = {}
    for line in lines[1:-1]:
        start, end = line.find(b" "), line.find(b"\t")
        try:
            key = orjson.loads(line[start + 1 : end]) if 0 < start < end else None
        except ValueError:
            key = None
        if type(key) is not str or key.count("\0") < 1:
            return unread, False
        unread[key] = line
    return unread, lines[-1] == b""


def _entry(line: bytes) -> tuple[str, str] | None:
    """A log line's token and text, if this user's runs wrote it as it is."""
    mark, _, payload = line.partition(b" ")
    if mark != signature(payload):  # damaged, or not written by this user's runs
        return None
    try:
        token, text = orjson.loads(payload.partition(b"\t")[2])
    except (ValueError, TypeError):
        return None
    if type(token) is not str or type(text) is not str:
        return None
    return token, text


def _token(key: str) -> str:
    return key.split("\0", 2)[1]


def save_cards(cards: KeptCards, current: set[str]) -> None:
    """Append the cards made since the last save; once cards of postings no longer ``current``
    (tokens) are most of the log, or it is another context's, write it afresh."""
    if cards.log is None or not cards.loaded:
        return  # no card was asked for: nothing new, nothing known to be dead
    alive = {key: entry for key, entry in cards.entries.items() if entry[0] in current}
    unread = {key: line for key, line in cards.unread.items() if _token(key) in current}
    if not cards.appendable or (len(alive) + len(unread)) * 2 < len(cards.entries) + len(cards.unread):
        head = orjson.dumps({"format": FORMAT, "context": cards.context})
        data = b"\n".join([head, *unread.values(), *_lines(alive)]) + b"\n"
        cards.appendable = write_quietly(cards.log, data)
        cards.entries, cards.unread = alive, unread
    elif cards.new and not append_quietly(cards.log, b"\n".join(_lines(cards.new)) + b"\n"):
        cards.appendable = False  # a cache that cannot be written costs speed only
    cards.new = {}


def _lines(entries: Entries) -> list[bytes]:
    lines = []
    for key, (token, text) in entries.items():
        payload = orjson.dumps(key) + b"\t" + orjson.dumps([token, text])
        lines.append(signature(payload) + b" " + payload)
    return lines
