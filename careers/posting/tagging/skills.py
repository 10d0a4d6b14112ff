"""Skills: every vocabulary skill a posting names, required or preferred, with its phrase."""

from __future__ import annotations

import re

from careers.model import Section, SkillTag
from careers.posting.tagging.matcher import Hit
from careers.posting.tagging.text import Clause, Reading, as_reading
from careers.posting.tagging.vocabulary import Skill, Vocabulary
from careers.slugs import slugify

# Short terms ("Go", "C", "R") joined by a hyphen are another word: "Go-to-market", "C-suite".
_SHORT = 2


def extract_skills(sections: tuple[Section, ...] | Reading, vocab: Vocabulary) -> tuple[SkillTag, ...]:
    """Every skill the posting mentions: required if any mention is, else preferred."""
    found: dict[str, SkillTag] = {}
    for clause, skill, hit in posting_skills(as_reading(sections), vocab):
        tag = SkillTag(skill.name, skill.slug, skill.category, not clause.preferred, clause.text, hit.text)
        old = found.get(skill.slug)
        if old is None or (tag.required and not old.required):
            found[skill.slug] = tag
    return tuple(sorted(found.values(), key=lambda t: (not t.required, t.name.casefold())))


def posting_skills(reading: Reading, vocab: Vocabulary) -> list[tuple[Clause, Skill, Hit]]:
    """Every skill mention, with its clause; ambiguous spellings kept only with a context word."""
    out = []
    text = reading.text
    for hit in vocab.matcher.find(text, reading.lower):
        if not hit.exact and hit.key in vocab.ignored:
            continue
        skill = vocab.exact[hit.key] if hit.exact else vocab.folded[hit.key]
        if len(hit.text) <= _SHORT and text[hit.end : hit.end + 1] == "-":
            continue
        clause = reading.clauses[reading.clause_at(hit.start)]
        if (hit.key, hit.exact) in vocab.guarded:
            start = reading.starts[reading.clause_at(hit.start)]
            local = Hit(hit.start - start, hit.end - start, hit.text, hit.key, hit.exact)
            if not _in_context(clause.text, local, vocab.contexts[skill.slug]):
                continue
        out.append((clause, skill, hit))
    return out


def _in_context(text: str, hit: Hit, context: re.Pattern[str]) -> bool:
    rest = text[: hit.start] + " " + text[hit.end :]
    return bool(context.search(rest))


def skills_from_names(names: list[str], vocab: Vocabulary) -> tuple[tuple[SkillTag, ...], list[str]]:
    """Front matter ``skills:``: canonical tags, plus the names the vocabulary lacks."""
    tags, unknown = [], []
    for name in names:
        skill = vocab.get(name)
        if skill is None:
            unknown.append(name)
            tags.append(SkillTag(name, slugify(name), "Other", True, "front matter", name))
        else:
            tags.append(SkillTag(skill.name, skill.slug, skill.category, True, "front matter", name))
    unique = {t.slug: t for t in reversed(tags)}
    return tuple(sorted(unique.values(), key=lambda t: t.name.casefold())), unknown
