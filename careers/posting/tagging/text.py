"""Text the taggers read: normalized lines and clauses, each knowing if it is preferred."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, NamedTuple

import ahocorasick

from careers.model import Section
from careers.posting.clean import section_text
from careers.posting.tagging.matcher import fold

# Sections whose words describe the employer or the offer, never what a candidate brings.
SKIPPED_KINDS = frozenset({"benefits", "company", "equal_opportunity"})
# Headings that introduce the employer, the offer or the application ("About Clipboard", "Key
# facts about our Trust", "In return we will offer", "How to apply"), whatever kind the cleaner
# gave them ("About your next employer" reads as "about you"): their sections are not read.
# More words than any boilerplate paragraph has: an untitled section this long is the whole posting.
UNSPLIT_WORDS = 250
_EMPLOYER_HEADING = re.compile(
    r"^(?:about\s+(?!(?:the|this|you|your)\b)\w|about\s+your\s+(?:next\s+|new\s+|future\s+)?employer|"
    r"about\s+the\s+(?:company|organi[sz]ation|trust|employer|business|department|service|unit|board)\b|"
    r"key\s+facts|our\s+(?:offer|story|mission|values|culture|benefits|company|trust|people|commitment|"
    r"promise|locations?|services)|what\s+we(?:'ll|\s+will)?\s+(?:offer|give|provide)|"
    r"what\s+you(?:'ll|\s+will)\s+get|in\s+return|"
    r"we\s+(?:will\s+)?offer|why\s+(?:join|work)|perks|contact|how\s+to\s+apply|application\s+process|"
    r"(?:selection|application|hiring|interview|recruitment|examination)\s+(?:process|procedures?|deadline|"
    r"information|details)|where\s+to\s+apply|notice\b|things\s+you\s+need\s+to\s+know|"
    r"how\s+(?:will\s+)?we\s+(?:will\s+)?support\s+you|"
    r"recruitment\s+agenc|closing\s+date|salary\s+transparency|privacy|disclaimer|plan\s+for\s+your\s+future|"
    r"your\s+(?:health|wellbeing|well-being|wellness|future|rewards?)\b|time\s+off\b|retirement|pay\s+and\s+benefits)",
    re.IGNORECASE,
)

# An employer section's heading ("About Acme"), and a paragraph in it that speaks to the candidate.
_ABOUT = re.compile(r"about\s+(?!(?:you|your|this|the\s+(?:role|job|position|team))\b)\w", re.IGNORECASE)
_TO_CANDIDATE = re.compile(
    r"\s*(?:you(?:'ll|\s+will|'re|\s+are)\s|we\s+need\s+someone|(?:tech\s+)?stack\s*:)", re.IGNORECASE
)

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u00b4`"), "'") | dict.fromkeys(
    map(ord, "\u201c\u201d\u201e\u201f\u2033"), '"'
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TABLE = _DASHES | _QUOTES | _INVISIBLE

PREFERRED_CUE = re.compile(
    r"\b(preferred|prefer(?:ably)?|desired|desirable|a plus|is a plus|plus\b(?= ?[.;)]|$)|"
    r"nice[ -]to[ -]have|bonus|(?:is an|an|a real) asset|advantageous|ideally|would be great|"
    r"(?:is|are|would be) (?:beneficial|helpful)|strongly desired|not required)\b",
    re.IGNORECASE,
)
# What a clause's preferred cue may belong to instead of the whole clause: what follows
# "preferably" or "ideally", and a later part with a subject of its own (", Tableau is a plus").
PREFERABLY = re.compile(r"\b(?:preferably|preferrably|ideally)\b", re.IGNORECASE)
OWN_SUBJECT = re.compile(
    r"^\s*(?:and\s+)?[\w/&'-]+(?:\s+[\w/&'-]+){0,5}\s+(?:is|are|would\s+be|will\s+be)\s+"
    r"(?:(?:a|an)\s+)?(?:plus|preferred|desired|desirable|asset|advantage|advantageous|beneficial|bonus)\b",
    re.IGNORECASE,
)
REQUIRED_CUE = re.compile(r"\b(required|requirement|must|mandatory|essential)\b", re.IGNORECASE)
# Words one of which a clause must contain (lowercased) before the full cue patterns run.
PREFERRED_WORDS = ("prefer", "desir", "plus", "nice", "bonus", "asset", "advantag", "ideal", "great",
                   "benefic", "helpful")  # fmt: skip
REQUIRED_WORDS = ("requir", "must", "mandator", "essential")
# A clause ends at a semicolon, or at a sentence end followed by a capital, digit or "(" (not
# after an initial: "B. Tech", "J. Smith"),
# ...and before an inline heading that flattened text kept ("... *Preferred Qualifications** ...").
_CLAUSE_END = re.compile(r"\n|[.!?;](?:\s+(?=[A-Z(\d])|(?<=;))")
_INLINE_HEADING = re.compile(
    r"(?:Minimum|Basic|Required|Preferred|Desired|Additional)\s+(?:Qualifications|Skills|Requirements|"
    r"Experience)\b|Nice[- ]to[- ][Hh]ave\b"
)
# Words an inline heading holds: lines without any are not searched for one.
_INLINE_HEADING_WORDS = ("Qualifications", "Skills", "Requirements", "Experience", "Nice")


def normalize(text: str) -> str:
    """NFKC, one kind of dash and quote, no invisible characters, single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_TABLE)
    return " ".join(text.split())


class Clause(NamedTuple):
    """One clause of a posting's text, with the section it sits in (a tuple: made by the thousand)."""

    text: str
    heading: str
    kind: str
    preferred: bool
    lower: str


def is_preferred(text: str, kind: str) -> bool:
    """Preferred by its section or its own words, unless the clause says it is required."""
    lower = text.lower()
    if any(w in lower for w in REQUIRED_WORDS) and REQUIRED_CUE.search(text) and "not required" not in lower:
        return False
    if kind == "preferred":
        return True
    return any(w in lower for w in PREFERRED_WORDS) and bool(PREFERRED_CUE.search(text))


def preferred_at(clause: Clause, offset: int) -> bool:
    """Whether what a clause names at ``offset`` is preferred, its cue read in its own part:
    "CI tools, preferably Jenkins" prefers Jenkins, not CI tools; "SQL, Tableau is a plus"
    prefers Tableau, not SQL. A preferred section, or a cue no part owns, prefers the clause."""
    if not clause.preferred or clause.kind == "preferred":
        return clause.preferred
    text = clause.text
    adverb = PREFERABLY.search(text)
    if adverb and offset < adverb.start():
        return any(w in text[: adverb.start()].lower() for w in PREFERRED_WORDS) and is_preferred(
            text[: adverb.start()], clause.kind
        )
    if adverb:
        return True
    begin = text.rfind(",", 0, offset) + 1
    parts = text.split(",")
    owned = [p for p in parts if OWN_SUBJECT.match(p)]
    if not owned:
        return True
    end = text.find(",", offset)
    return bool(OWN_SUBJECT.match(text[begin : end if end >= 0 else len(text)]))


@dataclass(frozen=True)
class Reading:
    """A posting's clauses, and all of them joined one per line (as written and lowercased).

    Taggers scan the joined text once per posting and look only at the clauses a scan hit:
    one regex pass over 4 KB costs far less than twenty passes over 200 bytes.
    """

    clauses: tuple[Clause, ...]
    text: str
    lower: str
    starts: tuple[int, ...]

    def clause_at(self, offset: int) -> int:
        """The index of the clause holding ``offset`` of the joined text."""
        return bisect.bisect_right(self.starts, offset) - 1

    def having(self, words: tuple[str, ...], cased: tuple[str, ...] = ()) -> list[Clause]:
        """The clauses holding any of ``words`` lowercased (or of ``cased`` as written)."""
        return [self.clauses[i] for i in sorted(self.indexes_having(words, cased))]

    def indexes_having(self, words: tuple[str, ...], cased: tuple[str, ...] = ()) -> set[int]:
        """The indexes of the clauses ``having`` returns."""
        return _find_clauses(self.lower, words, self.starts) | _find_clauses(self.text, cased, self.starts)


def _find_clauses(text: str, words: tuple[str, ...], starts: tuple[int, ...] | list[int]) -> set[int]:
    if not words:
        return set()
    return {bisect.bisect_right(starts, end) - 1 for end, _ in words_automaton(words).iter(text)}


@functools.cache
def words_automaton(words: tuple[str, ...]) -> Any:
    """One pass in C for many literal words (a regex alternation of them is several times slower)."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def has_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` holds any of ``words`` (one regex of literals: faster than a loop of ``in``)."""
    return _literals(words).search(text) is not None


@functools.cache
def _literals(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words))


def as_reading(items: tuple[Section, ...] | Reading) -> Reading:
    """A reading as given, or read from sections (so each tagger also accepts sections)."""
    return items if isinstance(items, Reading) else read_posting(items)


def is_read(section: Section) -> bool:
    """Whether a section speaks of the job and the candidate (not the employer or the offer).

    An untitled section of hundreds of words is a posting the cleaner could not split (flattened
    text): it is read whatever kind its boilerplate gave it, and the boilerplate is left to the
    clause-level rules.
    """
    heading = section.heading
    if section.kind in SKIPPED_KINDS:
        return heading is None and len(section_text(section).split()) > UNSPLIT_WORDS
    return not (heading and _EMPLOYER_HEADING.match(heading.strip()))


def read_posting(sections: tuple[Section, ...]) -> Reading:
    """Every clause a candidate is asked about, in order; employer-side sections skipped."""
    raw: list[tuple[str, str, str]] = []
    for section in sections:
        heading = normalize(section.heading or "")
        if not is_read(section):
            if not _ABOUT.match(heading):
                continue
            # "About Acme" and then, with no heading of their own, the job's paragraphs: the
            # ones that speak to the candidate ("You'll own …") are the job, not the employer
            kept = [line for line in section_text(section).splitlines() if _TO_CANDIDATE.match(line)]
            lines = "\n".join(normalize(line) for line in kept)
            raw.extend((part, heading, "responsibilities") for part in split_clauses(lines))
            continue
        lines = "\n".join(normalize(line) for line in section_text(section).splitlines())
        raw.extend((part, heading, section.kind) for part in split_clauses(lines))
    text = "\n".join(part for part, _, _ in raw)
    lower = fold(text)
    starts, offset = [], 0
    for part, _, _ in raw:
        starts.append(offset)
        offset += len(part) + 1
    cued = _find_clauses(lower, PREFERRED_WORDS + REQUIRED_WORDS, starts)
    found = tuple(
        Clause(part, heading, kind, is_preferred(part, kind) if i in cued else kind == "preferred",
               lower[starts[i] : starts[i] + len(part)])
        for i, (part, heading, kind) in enumerate(raw)
    )  # fmt: skip
    return Reading(found, text, lower, tuple(starts))


def split_clauses(line: str) -> list[str]:
    """The clauses of normalized lines: split at line ends, semicolons and sentence ends, and
    before an inline heading."""
    if not line:
        return []
    parts, start = [], 0
    for match in _CLAUSE_END.finditer(line):
        at = match.start()
        if line[at] == "." and at and line[at - 1].isupper() and (at == 1 or not line[at - 2].isalpha()):
            continue  # an initial: "B. Tech", "J. Smith"
        end = at + (line[at] in ".!?")
        parts.append(line[start:end].strip())
        start = match.end()
    parts.append(line[start:].strip())
    if has_any(line, _INLINE_HEADING_WORDS):
        parts = [piece for part in parts for piece in _split_at_headings(part)]
    return [part for part in parts if part]


def _split_at_headings(part: str) -> list[str]:
    cuts = [m.start() for m in _INLINE_HEADING.finditer(part) if m.start() and part[m.start() - 1] in " *_"]
    bounds = [0, *cuts, len(part)]
    return [part[a:b].strip(" *_") for a, b in itertools.pairwise(bounds)]
