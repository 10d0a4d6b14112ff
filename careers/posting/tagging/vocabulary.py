"""The skills vocabulary: skills, their spellings and ambiguity rules, and the matcher over them."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import ahocorasick

from careers.errors import CareersError, Diagnostic
from careers.posting.tagging.matcher import Matcher, compile_matcher
from careers.slugs import slugify

# Bumped whenever matching or extraction rules change, so caches keyed on the fingerprint expire.
RULES_VERSION = "tagging-3"
# The category of personal qualities: kept as tags, shown apart, given pages only if a site asks.
SOFT_SKILLS = "Soft skills"
_SKILL_KEYS = {"name", "slug", "category", "source", "aliases", "exact", "ambiguous", "context"}
_LISTS = ("aliases", "exact", "ambiguous", "context")


class Skill(NamedTuple):
    """One vocabulary entry (see the header of ``careers/data/skills.toml``); a tuple, since the
    built-in vocabulary makes 3,000 of them on every load."""

    name: str
    slug: str
    category: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    source: str = ""

    @property
    def soft(self) -> bool:
        return self.category == SOFT_SKILLS


class VocabularyError(CareersError):
    """A skills file that cannot be used: every problem found, each with its place."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.diagnostics)


@dataclass(frozen=True)
class Vocabulary:
    """The skills a posting can be tagged with, the compiled matcher, and a stable fingerprint."""

    skills: tuple[Skill, ...]
    matcher: Matcher
    folded: dict[str, Skill]
    exact: dict[str, Skill]
    guarded: frozenset[tuple[str, bool]]
    contexts: dict[str, tuple[str, ...]]
    ignored: frozenset[str] = frozenset()
    fingerprint: str = field(default="")

    @functools.cached_property
    def names(self) -> dict[str, Skill]:
        """Every name, slug and spelling, casefolded (built when front matter first asks)."""
        names: dict[str, Skill] = {}
        for skill in self.skills:
            for spelling in (skill.name, skill.slug, *skill.aliases, *skill.exact, *skill.ambiguous):
                names.setdefault(spelling.casefold(), skill)
        return names

    def get(self, name: str) -> Skill | None:
        """The skill a front matter name means: its name, slug or any spelling, ignoring case."""
        return self.names.get(name.casefold()) or self.names.get(slugify(name))

    def context_words(self, slug: str, lower: str) -> list[tuple[int, int, str]]:
        """Where the context words of a guarded skill start a word in ``lower`` (a lowercased
        clause): (start, end, word) of each, in order of their ends."""
        found = []
        for stop, word in _context_automaton(self.contexts[slug]).iter(lower):
            begin = stop - len(word) + 1
            if begin == 0 or not (lower[begin - 1].isalnum() or lower[begin - 1] == "_"):
                found.append((begin, stop + 1, str(word)))
        return found

    def context_word(
        self, slug: str, lower: str, start: int, end: int, found: list[tuple[int, int, str]] | None = None
    ) -> str | None:
        """A context word of a guarded skill in ``lower`` outside the hit at ``start:end``
        ("Python" for "Go"), or None; ``found`` is ``context_words(slug, lower)`` if known (a
        clause naming a guarded skill a thousand times is scanned once, not a thousand times)."""
        for begin, stop, word in self.context_words(slug, lower) if found is None else found:
            if not (start <= begin < end or begin < start < stop):  # not inside or across the hit
                return word
        return None


@functools.lru_cache(maxsize=4096)
def _context_automaton(words: tuple[str, ...]) -> Any:
    # Skills share their context lists (a group in the overlay), so most are built once; an
    # automaton finds any of 70 words in one pass, where an alternation regex tries each.
    automaton = ahocorasick.Automaton()
    for word in {w.lower() for w in words}:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def line_of(text: str, needle: str) -> int | None:
    """The first line of ``text`` holding ``needle`` (quoted if possible), for error messages."""
    lines = text.splitlines()
    for wanted in (f'"{needle}"', f"'{needle}'", needle):
        for number, line in enumerate(lines, 1):
            if wanted in line:
                return number
    return None


def read_skills(entries: object, path: str, text: str) -> tuple[Skill, ...]:
    """``[[skill]]`` tables as skills; every malformed entry reported at once."""
    problems: list[Diagnostic] = []
    skills: list[Skill] = []
    if not isinstance(entries, list):
        entries = [entries]
    for entry in entries:
        skill = _read_skill(entry, path, text, problems)
        if skill is not None:
            skills.append(skill)
    if problems:
        raise VocabularyError(problems)
    return tuple(skills)


def _read_skill(entry: object, path: str, text: str, problems: list[Diagnostic]) -> Skill | None:
    def fail(message: str, near: str) -> None:
        problems.append(Diagnostic(path, line_of(text, near), "error", message))

    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        fail("every [[skill]] needs a 'name' (text)", "[[skill]]" if path.endswith("toml") else "skill")
        return None
    name = entry["name"].strip()
    for key in sorted(set(entry) - _SKILL_KEYS):
        fail(f"skill '{name}': unknown key '{key}' (known: {', '.join(sorted(_SKILL_KEYS))})", key)
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LISTS:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            fail(f"skill '{name}': '{key}' must be a list of non-empty texts", name)
            value = []
        lists[key] = tuple(v.strip() for v in value)
    if lists["ambiguous"] and not lists["context"]:
        fail(f"skill '{name}': 'ambiguous' spellings need 'context' words", name)
    slug = entry.get("slug") or slugify(name)
    source = str(entry.get("source", ""))
    return Skill(name, str(slug), str(entry.get("category", "Other")), **lists, source=source)


def check_spellings(skills: tuple[Skill, ...], path: str, text: str) -> None:
    """No spelling may mean two skills (ignoring case), and no two skills may share a slug."""
    problems: list[Diagnostic] = []
    owner: dict[str, Skill] = {}
    slugs: dict[str, Skill] = {}
    for skill in skills:
        if (other := slugs.setdefault(skill.slug, skill)) is not skill:
            message = f"skills '{other.name}' and '{skill.name}' have the same slug '{skill.slug}'"
            problems.append(Diagnostic(path, line_of(text, skill.name), "error", message))
        spellings = (skill.name, *skill.aliases, *skill.exact, *skill.ambiguous)
        for spelling in sorted({s.casefold() for s in spellings}):
            if (other := owner.setdefault(spelling, skill)) is not skill:
                message = f"'{spelling}' is a spelling of both '{other.name}' and '{skill.name}'"
                line = line_of(text, spelling) or line_of(text, skill.name)
                problems.append(Diagnostic(path, line, "error", message))
    if problems:
        raise VocabularyError(problems)


def build_vocabulary(
    skills: tuple[Skill, ...], ignore: tuple[str, ...] = (), fingerprint: str = ""
) -> Vocabulary:
    """Index every spelling and compile the matcher.

    ``fingerprint`` names what the skills were read from; without one, it is a hash of them all.
    """
    ignored = frozenset(phrase.lower() for phrase in ignore)
    skills = tuple(sorted(skills, key=lambda s: s.name.casefold()))
    folded: dict[str, Skill] = {}
    exact: dict[str, Skill] = {}
    guarded: set[tuple[str, bool]] = set()
    contexts: dict[str, tuple[str, ...]] = {}
    for skill in skills:
        plain = (skill.name, *skill.aliases) if skill.name not in skill.exact else skill.aliases
        for term in (*plain, *skill.ambiguous):
            folded.setdefault(term.lower(), skill)
        for term in skill.exact:
            exact.setdefault(term, skill)
        if skill.context:
            guarded.update((t.lower(), False) for t in skill.ambiguous)
            guarded.update((t, True) for t in skill.exact)
            contexts[skill.slug] = skill.context
    if not fingerprint:
        listed = [RULES_VERSION, [s._asdict() for s in skills], sorted(ignored)]
        fingerprint = digest(json.dumps(listed, sort_keys=True))
    matcher = compile_matcher([*folded, *ignored], exact)
    return Vocabulary(skills, matcher, folded, exact, frozenset(guarded), contexts, ignored, fingerprint)
