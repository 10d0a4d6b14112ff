"""Page fingerprints: a hash of everything a page is drawn from, to tell a page that changed.

A page is a pure function of the build context (code, settings, theme), its path, its template
and its values; postings among the values are known by their token (``Tokens``). A template
that reads ``site`` makes its page depend on the whole site, which is hashed once a run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import types
from collections.abc import Callable, Iterable
from typing import Any

import jinja2
from jinja2 import meta

from careers.model import Posting, Site, Term
from careers.pages.filters import Filters
from careers.pages.plan import MACHINE_FILES, Page
from careers.pages.taxonomies import Taxonomy


class Unfingerprintable(Exception):
    """A page value of a type the fingerprint does not know: such a page is always rendered."""


class Tokens:
    """What tells one version of a posting from another: its file's bytes (``digest``), its path,
    and what the site decided for it (its slug). While ``seen`` is a set, the sources of the
    postings fed are put in it: what a page was drawn from."""

    def __init__(self, digests: dict[str, str]) -> None:
        self.digests = digests
        self.by_source: dict[str, str] = {}
        self.seen: set[str] | None = None
        self._shared: dict[int, tuple[object, str, frozenset[str]]] = {}

    def add(self, postings: Iterable[Posting]) -> None:
        for p in postings:
            digest = self.digests.get(p.source, "")
            self.by_source[p.source] = f"{digest}:{p.source}:{p.slug}:{p.date_posted}:{p.updated}"

    def __call__(self, posting: Posting) -> str:
        if self.seen is not None:
            self.seen.add(posting.source)
        return self.by_source[posting.source]

    def many(self, postings: Iterable[Posting]) -> list[str]:
        """The tokens of ``postings``, in order (as many calls, in one go)."""
        sources = [p.source for p in postings]
        if self.seen is not None:
            self.seen.update(sources)
        return list(map(self.by_source.__getitem__, sources))

    def shared(self, value: object) -> str:
        """A value many pages hold (a term on each page of its listing, the index's filters,
        every page's navigation), hashed once a run rather than once a page."""
        known = self._shared.get(id(value))
        if known is None:
            outer, self.seen = self.seen, set()
            try:
                parts: list[str] = []
                if isinstance(value, tuple):
                    for item in value:
                        _feed(parts, item, self)
                else:
                    _feed_fields(parts, value, self)
                inner = frozenset(self.seen)
            finally:
                self.seen = outer
            known = self._shared[id(value)] = (value, f"H{_sha(parts)}\0", inner)  # value: keeps the id
        if self.seen is not None and known[2]:
            self.seen.update(known[2])
        return known[1]


def page_fingerprint(context: str, page: Page, tokens: Tokens, site: str | None) -> str:
    """A hash of ``page``'s values, and of the whole site (``site``) when its templates read it
    (``tokens.seen``, if a set, gets the postings they hold)."""
    parts = [f"{context}\0{page.path}\0{page.template}\0{site or ''}\0"]
    try:
        _feed(parts, page.context, tokens)
    except Unfingerprintable:
        return ""
    return _sha(parts)


def site_fingerprint(site: Site, tokens: Tokens) -> str:
    parts: list[str] = []
    _feed(parts, site, tokens)
    return _sha(parts)


def _sha(parts: list[str]) -> str:
    return hashlib.sha256("".join(parts).encode()).hexdigest()


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
# Frozen values (not postings) that one object of which many pages hold: hashed once a run.
_SHARED_TYPES: set[type] = set()


def shared_type(cls: type) -> None:
    """Hash values of ``cls`` (frozen, shared by many pages) once a run, by identity."""
    _SHARED_TYPES.add(cls)


def _feed(parts: list[str], value: object, tokens: Tokens) -> None:
    """Add ``value`` to the text a fingerprint hashes (hashed once, at the end)."""
    cls = type(value)
    feed = _FEEDERS.get(cls) or _feeder(cls)
    feed(parts, value, tokens)


Feeder = Callable[[list[str], Any, Tokens], None]
_FEEDERS: dict[type, Feeder] = {}  # by exact type: a fingerprint walks a hundred thousand values


def _feeder(cls: type) -> Feeder:
    """How values of ``cls`` are fed, decided once per type."""
    if issubclass(cls, Posting):
        feed: Feeder = _feed_posting
    elif issubclass(cls, (Term, Filters)) or cls in _SHARED_TYPES:
        feed = _feed_shared
    elif issubclass(cls, Site):
        feed = _feed_site
    elif issubclass(cls, (list, tuple)):
        feed = _feed_sequence
    elif issubclass(cls, dict):
        feed = _feed_dict
    elif cls is type(None) or issubclass(cls, (str, int, float, dt.date)):
        feed = _feed_plain
    elif dataclasses.is_dataclass(cls):
        feed = _feed_fields
    elif issubclass(cls, types.FunctionType):
        feed = _feed_code
    else:
        raise Unfingerprintable(cls.__name__)
    _FEEDERS[cls] = feed
    return feed


def _feed_posting(parts: list[str], value: Posting, tokens: Tokens) -> None:
    parts.append(f"P{tokens(value)}\0")


def _feed_shared(parts: list[str], value: object, tokens: Tokens) -> None:
    parts.append(tokens.shared(value))


def _feed_site(parts: list[str], value: Site, tokens: Tokens) -> None:
    parts.append("S")
    site = [value.postings, value.skills, value.levels, value.closed, value.departments, value.locations]
    _feed(parts, [*site, *(value.terms[name] for name in sorted(value.terms))], tokens)


def _feed_sequence(parts: list[str], value: list[Any] | tuple[Any, ...], tokens: Tokens) -> None:
    parts.append("[")
    if value and type(value[0]) in _SHARED_TYPES and len(value) < 16:
        parts.append(tokens.shared(value))  # a short tuple of shared values (the navigation)
    elif value and all(isinstance(item, Posting) for item in value):
        # Listings hold thousands: "P<token>\0" each, joined in one go.
        parts.append("P" + "\0P".join(tokens.many(value)) + "\0")
    else:
        for item in value:
            _feed(parts, item, tokens)
    parts.append("]")


def _feed_dict(parts: list[str], value: dict[Any, Any], tokens: Tokens) -> None:
    parts.append("{")
    keys = sorted(value) if all(type(k) is str for k in value) else sorted(value, key=repr)
    for key in keys:
        _feed(parts, key, tokens)
        _feed(parts, value[key], tokens)
    parts.append("}")


def _feed_code(parts: list[str], value: types.FunctionType, tokens: Tokens) -> None:
    # A function of the package (a taxonomy's grouping): its code is in the build context.
    parts.append(f"F{value.__module__}.{value.__qualname__}\0")


def _feed_plain(parts: list[str], value: object, tokens: Tokens) -> None:
    parts.append(f"{type(value).__name__}:{value!r}\0")


def _feed_fields(parts: list[str], value: Any, tokens: Tokens) -> None:
    names = _FIELD_NAMES.get(type(value))
    if names is None:
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    parts.append(f"D{type(value).__qualname__}\0")
    for name in names:
        _feed(parts, getattr(value, name), tokens)


def templates_reading_site(env: jinja2.Environment, names: Iterable[str]) -> dict[str, bool]:
    """For each template, whether it (or anything it extends, includes or imports) reads
    ``site``; a template that cannot be parsed, or names one at render time, is assumed to."""
    assert env.loader is not None
    own: dict[str, tuple[bool, list[str | None]]] = {}

    def parse(name: str) -> tuple[bool, list[str | None]]:
        if name not in own:
            try:
                assert env.loader is not None
                tree = env.parse(env.loader.get_source(env, name)[0])
                own[name] = (
                    "site" in meta.find_undeclared_variables(tree),
                    list(meta.find_referenced_templates(tree)),
                )
            except (jinja2.TemplateError, OSError, UnicodeDecodeError):
                own[name] = (True, [])  # rendering reports it, with the file and line
        return own[name]

    found = {}
    for name in names:
        if name in MACHINE_FILES:
            found[name] = False
            continue
        reads, todo, seen = False, [name], set()
        while todo and not reads:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            reads, others = parse(current)
            reads = reads or None in others
            todo.extend(other for other in others if other is not None)
        found[name] = reads
    return found


shared_type(Taxonomy)
