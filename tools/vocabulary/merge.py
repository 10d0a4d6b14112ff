"""Merging candidates: one owner per spelling, curated skills first, then each source in turn."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from vocabulary.sources import Candidate

from careers.slugs import slugify

# A source spelling shorter than this is too likely to be something else ("sh", "rb").
MIN_SOURCE_SPELLING = 3
# An acronym a name carries has this many letters at least: two ("QA", "HR", "CI") say little
# beside the name and often stand for something else.
MIN_ACRONYM_LETTERS = 3
_LINK_WORDS = frozenset({"and", "of", "for", "the", "in", "to", "on", "with", "a", "an", "&"})
_ACRONYM = re.compile(r"[A-Z][A-Z&/.+-]*[A-Z]s?")
# Words a spelled-out acronym shares with too many others to tell two skills apart by.
_GENERIC_WORDS = frozenset({"system", "systems", "software", "management", "equipment", "data", "machines"})


class MergeError(ValueError):
    """Two curated skills claim one spelling or one slug."""


class Registry:
    """The skills taken so far, who owns each spelling (ignoring case), and each slug."""

    def __init__(self, ignore: Iterable[str]) -> None:
        self.ignore = sorted({phrase.strip() for phrase in ignore if phrase.strip()}, key=str.casefold)
        self._entries: list[Candidate] = []
        self._owner: dict[str, Candidate] = {}
        self._plain: dict[str, Candidate] = {}  # name and aliases only: guarded spellings do not count
        self._slugs: dict[str, Candidate] = {}

    def entries(self) -> list[Candidate]:
        return sorted(self._entries, key=lambda s: (s.category.casefold(), s.name.casefold()))

    def counts(self) -> Counter[str]:
        return Counter(entry.source for entry in self._entries)

    def add_curated(self, skill: Candidate) -> None:
        clashes = []
        for spelling in sorted({s.casefold() for s in skill.spellings()}):
            other = self._owner.setdefault(spelling, skill)
            if other is not skill:
                clashes.append(f"'{spelling}' is a spelling of both '{other.name}' and '{skill.name}'")
        if clashes:
            raise MergeError("; ".join(clashes))
        for spelling in (skill.name, *skill.aliases):
            self._plain.setdefault(spelling.casefold(), skill)
        slug = slugify(skill.name)
        if slug in self._slugs:
            raise MergeError(f"'{skill.name}' and '{self._slugs[slug].name}' have the slug '{slug}'")
        self._slugs[slug] = skill
        self._entries.append(skill)

    def offer(self, candidate: Candidate) -> None:
        """Take a source's candidate: merged into the skill that owns its name, else added."""
        owner = self._owner_of(candidate.name)
        if owner is not None and _named_apart(owner, candidate):
            # "PMS" is Post-Market Surveillance's: "Property management system" is its own
            name = min(candidate.aliases, key=len)
            # "Polymerase chain reaction PCR equipment" is named "Polymerase chain reaction"
            short = re.sub(r"\s+[A-Z]{2,}\b.*$", "", name)
            candidate.aliases = [a for a in candidate.aliases if a != short]
            candidate.name = short
            owner = self._owner_of(candidate.name)
        if owner is not None:
            self._merge(owner, candidate)
            return
        keep = lambda s: s.casefold() not in self._owner and len(s) >= MIN_SOURCE_SPELLING  # noqa: E731
        candidate.aliases = _unique(s for s in candidate.aliases if keep(s))
        candidate.exact = _unique(s for s in candidate.exact if s.casefold() not in self._owner)
        candidate.ambiguous = _unique(s for s in candidate.ambiguous if s.casefold() not in self._owner)
        self._entries.append(candidate)
        self._slugs[slugify(candidate.name)] = candidate
        for spelling in candidate.spellings():
            self._owner.setdefault(spelling.casefold(), candidate)
        for spelling in (candidate.name, *candidate.aliases):
            self._plain.setdefault(spelling.casefold(), candidate)

    def _owner_of(self, name: str) -> Candidate | None:
        return self._owner.get(name.casefold()) or self._slugs.get(slugify(name)) or self._part_owner(name)

    def _part_owner(self, name: str) -> Candidate | None:
        """The skill a longer name is a form of: "National Instruments LabVIEW" → LabVIEW,
        "Food hygiene rules" → Food Hygiene (a vendor before it, a generic word after it)."""
        words = name.split()
        for cut in range(1, len(words)):
            for part in (" ".join(words[cut:]), " ".join(words[: len(words) - cut])):
                owner = self._plain.get(part.casefold())
                if owner is not None and len(part) >= MIN_SOURCE_SPELLING:
                    return owner
        return None

    def _merge(self, owner: Candidate, candidate: Candidate) -> None:
        """Only plain spellings move over: a curated skill keeps its own ambiguity rules."""
        for alias in (candidate.name, *candidate.aliases):
            folded = alias.casefold()
            if folded in self._owner or len(alias) < MIN_SOURCE_SPELLING:
                continue
            if owner.context and " " not in alias:
                continue  # a guarded skill's one-word spellings need its context too
            owner.aliases.append(alias)
            self._owner[folded] = owner
            self._plain.setdefault(folded, owner)

    def name_acronyms(self) -> None:
        """A name shows the acronym it is known by ("Basic Life Support (BLS)"): one name a job
        seeker reads either way, its address and every spelling kept."""
        for entry in self._entries:
            acronym = carried_acronym(entry)
            if acronym:
                entry.slug = entry.slug or slugify(entry.name)
                entry.aliases.insert(0, entry.name)
                entry.name = f"{entry.name} ({acronym})"
                self._owner.setdefault(entry.name.casefold(), entry)

    def add_variants(self, variants: Callable[[str], list[str]]) -> None:
        """British and American spellings, and spaced forms of hyphenated ones, for every alias."""
        for entry in self._entries:
            for spelling in [entry.name, *entry.aliases]:
                for variant in variants(spelling):
                    if variant.casefold() not in self._owner:
                        entry.aliases.append(variant)
                        self._owner[variant.casefold()] = entry


def _named_apart(owner: Candidate, candidate: Candidate) -> bool:
    """Whether a source's acronym-named candidate spells out something else than the skill that
    owns the acronym: "EDA" as "Electronic design automation" is not Exploratory Data Analysis.
    Its words and the owner's share none (longer than three letters, besides generic ones)."""
    if not (candidate.aliases and _ACRONYM.fullmatch(candidate.name)):
        return False
    if candidate.name.casefold() in owner.name.casefold().split():
        return False  # the owner is named by the acronym itself: "CNC Machining", "PHP"

    def words(spellings: list[str]) -> set[str]:
        found = {w for s in spellings for w in re.findall(r"[a-z]{4,}", s.lower())}
        return found - _GENERIC_WORDS

    return not words([owner.name, *owner.aliases]) & words(candidate.aliases)


def carried_acronym(entry: Candidate) -> str | None:
    """The spelling of ``entry`` that is the initials of its name's words, of three letters or
    more ("SEO" for "Search Engine Optimization"), or None."""
    words = [w for w in re.split(r"[\s/-]+", entry.name) if w and w.casefold() not in _LINK_WORDS]
    if len(words) < MIN_ACRONYM_LETTERS or "(" in entry.name:
        return None
    initials = "".join(w[0] for w in words).upper()
    for spelling in (*entry.exact, *entry.aliases, *entry.ambiguous):
        if _ACRONYM.fullmatch(spelling):
            letters = re.sub(r"[^A-Z]", "", spelling.removesuffix("s"))
            if letters == initials:
                return spelling.removesuffix("s")
    return None


def spelling_variants(pairs: list[list[str]]) -> Callable[[str], list[str]]:
    """A function giving a spelling's other forms: "organisation" ↔ "organization", "e-mail" → "e mail"."""
    compiled = [(_stem(a, b), b) for a, b in pairs] + [(_stem(b, a), a) for a, b in pairs]

    def variants(spelling: str) -> list[str]:
        out = []
        for pattern, replacement in compiled:
            if pattern.search(spelling):
                out.append(pattern.sub(lambda m, new=replacement: _same_case(m.group(), new), spelling))
        if re.search(r"[a-z]-[a-z]", spelling, re.I):
            out.append(re.sub(r"(?<=[a-zA-Z])-(?=[a-zA-Z])", " ", spelling))
        return [v for v in out if v != spelling]

    return variants


def _stem(spelling: str, other: str) -> re.Pattern[str]:
    """Where ``spelling`` starts a word; a whole word only when ``other`` merely extends it
    ("program" → "programme", not "programming" → "programmeming")."""
    end = r"(?=s?(?![a-z]))" if other.lower().startswith(spelling.lower()) else ""
    return re.compile(rf"\b{re.escape(spelling)}{end}", re.I)


def _same_case(found: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if found[:1].isupper() else replacement


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
