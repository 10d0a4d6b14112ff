"""Find vocabulary terms in text: word-bounded, leftmost-longest, in one pass per case rule.

Two Aho-Corasick automata (pyahocorasick, in C) report every occurrence of every term: one
over the lowercased text for terms matched regardless of case, one over the text as written
for the exact ones. Occurrences inside a word are dropped, then the leftmost, and at one
position the longest, wins. A plain plural counts as the term ("pallet jacks", "SOPs"): a
word term of four letters or more, or an acronym, may be followed by one "s".
``bench/tagging.py`` compares this with a trie-compiled regex (about half as fast) and a flat
regex alternation (some forty times slower).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick

# Characters that continue a word: a term must not have one just before or just after it.
# ("C++", "C#" and ".NET" carry their own marks; a hyphen before a term joins it to a word.)
_JOINS_AFTER = "_+#"
_JOINS_BEFORE = "_+#@-"


class Hit(NamedTuple):
    """One term found: where, as written, its lookup key, and whether matched by exact case
    (a tuple: made by the thousand)."""

    start: int
    end: int
    text: str
    key: str
    exact: bool


@dataclass(frozen=True)
class Matcher:
    """Terms matched ignoring case (lowercased), and terms matched only as written."""

    folded: Any  # ahocorasick.Automaton
    exact: Any

    def find(self, text: str, lowered: str | None = None) -> list[Hit]:
        """Non-overlapping whole-word hits, leftmost first and, at one position, the longest.

        ``lowered`` is ``fold(text)`` when the caller has it already.
        """
        lowered = fold(text) if lowered is None else lowered
        found = _occurrences(self.folded, lowered, False) + _occurrences(self.exact, text, True)
        found.sort()
        hits: list[Hit] = []
        reached = 0
        for start, negative_length, key, exact in found:
            if start >= reached:
                reached = start - negative_length
                hits.append(Hit(start, reached, text[start:reached], key, exact))
        return hits


def _occurrences(automaton: Any, haystack: str, exact: bool) -> list[tuple[int, int, str, bool]]:
    if len(automaton) == 0:
        return []
    out: list[tuple[int, int, str, bool]] = []
    append = out.append
    size = len(haystack)
    for end, key in automaton.iter(haystack):
        length = len(key)
        start = end - length + 1
        if start:
            char = haystack[start - 1]
            if char.isalnum() or char in _JOINS_BEFORE:
                continue
        after = end + 1
        if after < size:
            char = haystack[after]
            if char.isalnum() or char in _JOINS_AFTER:
                if not _plural_at(haystack, after, key, exact):
                    continue
                length += 1
        append((start, -length, key, exact))
    return out


def _plural_at(haystack: str, at: int, key: str, exact: bool) -> bool:
    """Whether ``haystack[at]`` is a plural "s" ending the word that ``key`` starts."""
    if haystack[at] != "s" or (at + 1 < len(haystack) and _continues(haystack[at + 1], _JOINS_AFTER)):
        return False
    if exact:
        return len(key) >= 2 and key.isupper()
    return len(key) >= 4 and key[-1].isalpha() and key[-1] not in "sxz"


def _continues(char: str, marks: str) -> bool:
    return char.isalnum() or char in marks


def fold(text: str) -> str:
    """Lowercase ``text`` keeping every offset (the rare letter whose lowercase is longer stays)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def compile_matcher(folded: Iterable[str], exact: Iterable[str]) -> Matcher:
    """A matcher for the given terms (``folded`` ignoring case, ``exact`` as written)."""
    return Matcher(_automaton(t.lower() for t in folded), _automaton(exact))


def _automaton(terms: Iterable[str]) -> Any:
    automaton = ahocorasick.Automaton()
    for term in set(terms):  # the automaton is the same whatever the order
        automaton.add_word(term, term)
    if len(automaton):
        automaton.make_automaton()
    return automaton
