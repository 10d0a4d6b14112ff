"""Pathological inputs for a regular expression, made from its own parts (the regex audit's probes).

A pattern backtracks badly where a repeated part can match the same text in more than one way
("(?:[A-Z][\\w&]*\\s*&\\s*)*" over "A& A& A&"), or where a search tries a long run again from
every position ("\\s+$" over a line of spaces). Both show when the repeated text is pumped and
the input then fails to match. So for every repeat in the pattern this makes a prefix that
reaches it (sampled from the pattern around it), pumps (texts its body matches, sampled, and
every character its class holds when the body is one class), and endings that fail; and for
every character the pattern names, a long run of it. ``growth`` times a probe at growing
lengths and says whether the time grows faster than the length.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from re import (
    _constants as sre,  # type: ignore[attr-defined]
    _parser,  # type: ignore[attr-defined]
)
from typing import Any

# Characters tried where a pattern allows "anything but": a little of every kind of text.
ALPHABET = " aZ0_-.,&/:;!?()\n\t#@'\"*•é"
_CATEGORY = {
    sre.CATEGORY_DIGIT: "07",
    sre.CATEGORY_NOT_DIGIT: "a -",
    sre.CATEGORY_SPACE: " \n\t",
    sre.CATEGORY_NOT_SPACE: "a-.",
    sre.CATEGORY_WORD: "aZ0_é",
    sre.CATEGORY_NOT_WORD: " -.&",
    sre.CATEGORY_LINEBREAK: "\n",
    sre.CATEGORY_NOT_LINEBREAK: "a ",
}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_MARK = "\x00PUMP\x00"
ENDINGS = ("", "!", "\x01", " x")
MAX_PROBES = 250  # per pattern, sampled when there are more
Node = tuple[Any, Any]


@dataclass(frozen=True)
class Probe:
    """An input family: ``prefix + pump * n + suffix``."""

    prefix: str
    pump: str
    suffix: str

    def text(self, length: int) -> str:
        return self.prefix + self.pump * max(1, length // len(self.pump)) + self.suffix


def class_chars(items: list[Node], ignorecase: bool) -> str:
    """Characters a character class ``[...]`` matches, a few of each kind it names."""
    if items and items[0][0] == sre.NEGATE:
        inside = set(class_chars(items[1:], ignorecase))
        return "".join(c for c in ALPHABET if c not in inside) or "~"
    out = []
    for op, av in items:
        if op == sre.LITERAL:
            out.append(chr(av))
        elif op == sre.RANGE:
            out += [chr(av[0]), chr(av[1])]
        elif op == sre.CATEGORY:
            out.append(_CATEGORY.get(av, "a"))
    chars = "".join(out)
    return chars + chars.swapcase() if ignorecase else chars


class Sampler:
    """Random texts a parsed pattern matches (or nearly: lookarounds are skipped)."""

    def __init__(self, rng: random.Random, flags: int) -> None:
        self.rng = rng
        self.flags = flags
        self.groups: dict[int, str] = {}

    def seq(self, nodes: Any, target: int | None = None, path: frozenset[int] = frozenset()) -> str:
        return "".join(self.node(n, target, path) for n in nodes)

    def node(self, node: Node, target: int | None, path: frozenset[int]) -> str:
        op, av = node
        rng, icase = self.rng, bool(self.flags & re.IGNORECASE)
        if op == sre.LITERAL:
            c = chr(av)
            return c.swapcase() if icase and rng.random() < 0.3 else c
        if op == sre.NOT_LITERAL:
            return rng.choice([c for c in ALPHABET if c != chr(av)])
        if op == sre.ANY:
            return rng.choice(ALPHABET if self.flags & re.DOTALL else ALPHABET.replace("\n", ""))
        if op == sre.IN:
            return rng.choice(class_chars(av, icase) or "a")
        if op == sre.BRANCH:
            alts = av[1]
            chosen = [a for a in alts if id(a) in path] or alts
            return self.seq(rng.choice(chosen), target, path)
        if op == sre.SUBPATTERN:
            group, add, _, sub = av
            saved, self.flags = self.flags, self.flags | add
            text = self.seq(sub, target, path)
            self.flags = saved
            if group:
                self.groups[group] = text
            return text
        if op == sre.ATOMIC_GROUP:
            return self.seq(av, target, path)
        if op in _REPEATS:
            low, high, sub = av
            if id(av) == target:
                return _MARK
            count = rng.randint(low, min(high, low + 2))
            if id(sub) in path:
                count = max(count, 1)
            return "".join(self.seq(sub, target, path) for _ in range(count))
        if op == sre.GROUPREF:
            return self.groups.get(av, "")
        if op == sre.GROUPREF_EXISTS:
            return self.seq(av[1], target, path)
        return ""  # anchors, lookarounds


def children(node: Node) -> Iterator[Any]:
    """The sequences directly inside a node."""
    op, av = node
    if op == sre.BRANCH:
        yield from av[1]
    elif op == sre.SUBPATTERN:
        yield av[3]
    elif op in _REPEATS:
        yield av[2]
    elif op in (sre.ATOMIC_GROUP,):
        yield av
    elif op == sre.GROUPREF_EXISTS:
        yield av[1]
        if av[2] is not None:
            yield av[2]
    elif op in (sre.ASSERT, sre.ASSERT_NOT):
        yield av[1]


def repeats(seq: Any, path: frozenset[int] = frozenset()) -> Iterator[tuple[Node, frozenset[int]]]:
    """Every repeat that can match more than once, with the ids of the sequences leading to it."""
    path = path | {id(seq)}
    for node in seq:
        op, av = node
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue  # lookarounds match at one position: their repeats are reached from the others
        if op in _REPEATS and av[1] > 1:
            yield node, path
        for child in children(node):
            yield from repeats(child, path)


def probes(pattern: re.Pattern[str], seed: int = 0, samples: int = 8) -> list[Probe]:
    """Input families likely to make ``pattern`` backtrack, if it can."""
    rng = random.Random(seed)
    tree = _parser.parse(pattern.pattern, pattern.flags)
    found: set[Probe] = set()
    for node, path in repeats(list(tree)):
        _, (_, _, body) = node
        sampler = Sampler(rng, pattern.flags | tree.state.flags)
        around = set()
        for _ in range(3):
            text = sampler.seq(list(tree), id(node[1]), path)
            before, _, after = text.partition(_MARK)
            around.add((before, after))
        pumps = {sampler.seq(body) for _ in range(samples)}
        if len(body) == 1 and body[0][0] == sre.IN:
            pumps |= set(class_chars(body[0][1], bool(pattern.flags & re.IGNORECASE)))
        for before, after in around:
            for pump in pumps:
                for suffix in {*ENDINGS, after}:
                    found.add(Probe(before, pump, suffix))
    sampler = Sampler(rng, pattern.flags | tree.state.flags)
    top = list(tree)
    for end in range(1, len(top)):  # the pattern's start again and again: a search retries each
        for _ in range(3):
            found.add(Probe("", sampler.seq(top[:end]) + " ", "!"))
    for char in set(_literal_chars(tree)) | {" ", "a"}:
        found.add(Probe("", char, "!"))
    found = {p for p in found if p.pump}
    ordered = sorted(found, key=lambda p: (p.prefix, p.pump, p.suffix))
    return ordered if len(ordered) <= MAX_PROBES else random.Random(seed).sample(ordered, MAX_PROBES)


def _literal_chars(seq: Any) -> Iterator[str]:
    for node in seq:
        op, av = node
        if op == sre.LITERAL:
            yield chr(av)
        elif op == sre.IN:
            yield from class_chars(av, False)
        for child in children(node):
            yield from _literal_chars(child)


# Lengths tried, shortest first: doubling while short (a pattern that is exponential hangs on
# tens of characters), then by eights (a quadratic one shows there: time x64 for length x8).
LENGTHS = (8, 16, 32, 64, 128, 1024, 8192)
# A probe fails when the time grows this many times faster than the length, once it is
# measurable. Linear is 1; a linear pattern measures up to about 3 where its backtracking stack
# outgrows a cache; quadratic is 8 at a step of eight.
MEASURABLE = 0.001  # seconds
SUPERLINEAR = 4.0
TOO_SLOW = 0.05  # seconds at any length here is too slow whatever the growth


def seconds(pattern: re.Pattern[str], text: str, runs: int, anchored: bool = False) -> float:
    """The fastest of ``runs`` searches of ``text`` (matches at its start, if ``anchored``), in
    CPU time: other processes on a busy machine do not make a pattern look slower."""
    best = float("inf")
    find = pattern.match if anchored else pattern.search
    for _ in range(runs):
        start = time.thread_time()
        find(text)
        best = min(best, time.thread_time() - start)
    return best


def growth(pattern: re.Pattern[str], probe: Probe, anchored: bool = False) -> str | None:
    """Why ``probe`` shows ``pattern`` growing faster than linearly (None if it does not): searched
    for, or matched at the start of the text if ``anchored`` (a pattern the code only matches)."""
    last: tuple[str, float] | None = None
    for length in LENGTHS:
        text = probe.text(length)
        took = seconds(pattern, text, 1, anchored)
        if took > MEASURABLE / 4:
            took = seconds(pattern, text, 3, anchored)
        if took > TOO_SLOW:
            return f"{took * 1000:.0f} ms on {len(text):,} characters ({probe})"
        if last is not None and took > MEASURABLE:
            shorter, was = last
            if _faster(shorter, was, text, took) > SUPERLINEAR:  # measured again: noise is not growth
                again = seconds(pattern, shorter, 5, anchored), seconds(pattern, text, 5, anchored)
                ratio = _faster(shorter, again[0], text, again[1])
                if ratio > SUPERLINEAR:
                    return (
                        f"time grows {ratio:.1f} times faster than the length "
                        f"({took * 1000:.1f} ms on {len(text):,} characters; {probe})"
                    )
        last = (text, took)
    return None


def _faster(shorter: str, was: float, longer: str, took: float) -> float:
    """How many times faster than the text the time grew (1: linearly)."""
    return (took / max(was, 1e-7)) / (len(longer) / len(shorter))
