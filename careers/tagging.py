"""Stage 3: skills, experience and level, education, read from a cleaned posting."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .clean import section_text
from .errors import ContentError
from .model import LEVELS, Education, Experience, Section, SkillTag
from .slugs import slugify


@dataclass(frozen=True)
class Skill:
    name: str
    slug: str
    category: str
    aliases: tuple[str, ...]
    exact: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    """The skills a posting can be tagged with, and the compiled matcher for them."""

    skills: tuple[Skill, ...]
    pattern: re.Pattern[str]
    exact_pattern: re.Pattern[str] | None
    by_alias: dict[str, Skill]

    def get(self, name: str) -> Skill | None:
        return self.by_alias.get(name.casefold())


def load_vocabulary(extra: Path | None = None) -> Vocabulary:
    """The built-in vocabulary, extended by a site's ``content/skills.toml`` if given."""
    text = resources.files("careers").joinpath("data/skills.toml").read_text("utf-8")
    entries = tomllib.loads(text)["skill"]
    if extra is not None and extra.is_file():
        try:
            entries = entries + tomllib.loads(extra.read_text("utf-8")).get("skill", [])
        except tomllib.TOMLDecodeError as exc:
            raise ContentError(extra.as_posix(), None, f"not valid TOML: {exc}") from None
    skills = tuple(
        Skill(
            e["name"],
            e.get("slug") or slugify(e["name"]),
            e.get("category", "Other"),
            tuple(e.get("aliases", ())),
            tuple(e.get("exact", ())),
        )
        for e in entries
    )
    return build_vocabulary(skills)


def build_vocabulary(skills: tuple[Skill, ...]) -> Vocabulary:
    by_alias: dict[str, Skill] = {}
    exact: dict[str, Skill] = {}
    for skill in skills:
        for alias in (skill.name, *skill.aliases):
            by_alias.setdefault(alias.casefold(), skill)
        for alias in skill.exact:
            exact.setdefault(alias, skill)
    return Vocabulary(
        skills,
        _alternation(by_alias, re.IGNORECASE),
        _alternation(exact, 0) if exact else None,
        by_alias | {k.casefold(): v for k, v in exact.items()},
    )


def _alternation(terms: dict[str, Skill], flags: int) -> re.Pattern[str]:
    # Longest first, so "Salesforce CRM" wins over "Salesforce" and "CRM".
    ordered = sorted(terms, key=lambda t: (-len(t), t))
    body = "|".join(re.escape(t) for t in ordered)
    return re.compile(rf"(?<![\w.+#-])(?:{body})(?![\w+#]|-\w)", flags)


_PREFERRED_CLAUSE = re.compile(
    r"\b(preferred|desired|desirable|a plus|nice to have|bonus|is an asset|strongly desired)\b", re.I
)


def extract_skills(sections: tuple[Section, ...], vocab: Vocabulary) -> tuple[SkillTag, ...]:
    """Every vocabulary skill the posting mentions, required unless only ever preferred."""
    found: dict[str, SkillTag] = {}
    for section in sections:
        if section.kind in ("equal_opportunity", "company", "benefits"):
            continue
        for line in section_text(section).splitlines():
            preferred = section.kind == "preferred" or bool(_PREFERRED_CLAUSE.search(line))
            for skill, phrase in _matches(line, vocab):
                tag = SkillTag(skill.name, skill.slug, skill.category, not preferred, phrase)
                old = found.get(skill.slug)
                if old is None or (tag.required and not old.required):
                    found[skill.slug] = tag
    return tuple(sorted(found.values(), key=lambda t: (not t.required, t.name.casefold())))


def _matches(line: str, vocab: Vocabulary) -> list[tuple[Skill, str]]:
    hits = [(vocab.by_alias[m.group(0).casefold()], m.group(0)) for m in vocab.pattern.finditer(line)]
    if vocab.exact_pattern is not None:
        hits += [
            (vocab.by_alias[m.group(0).casefold()], m.group(0)) for m in vocab.exact_pattern.finditer(line)
        ]
    return hits


def skills_from_names(names: list[str], vocab: Vocabulary) -> tuple[tuple[SkillTag, ...], list[str]]:
    """Front matter ``skills:``: canonical tags, plus the names the vocabulary lacks."""
    tags, unknown = [], []
    for name in names:
        skill = vocab.get(name)
        if skill is None:
            unknown.append(name)
            tags.append(SkillTag(name, slugify(name), "Other", True, "front matter"))
        else:
            tags.append(SkillTag(skill.name, skill.slug, skill.category, True, "front matter"))
    unique = {t.slug: t for t in reversed(tags)}
    return tuple(sorted(unique.values(), key=lambda t: t.name.casefold())), unknown


# --- experience -------------------------------------------------------------------------

_NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")(?:\s*\(\d+\))?"
_YEARS = re.compile(
    rf"\b{_NUM}\s*(?:(\+|plus|or more)\s*)?(?:(?:-|–|—|to)\s*{_NUM}\s*)?"
    r"(years?|yrs?|months?|mos?)\b\.?\s*(\+)?",
    re.IGNORECASE,
)
_EXPERIENCE_WORD = re.compile(r"experience|exp\b", re.IGNORECASE)
_NOT_EXPERIENCE = re.compile(
    r"of age|years? old|or older|in business|degree|college|forecast|warranty|license", re.I
)
_ZERO = re.compile(
    r"no (previous )?experience (necessary|required)|will train|recent graduates|entry[ -]level|"
    r"fresh graduates|experience not required",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    return float(_NUMBER_WORDS.get(text.lower(), text) if not text[0].isdigit() else text)


def extract_experience(
    title: str, sections: tuple[Section, ...], level_override: str | None = None
) -> Experience | None:
    """The binding experience requirement, and the level it gives with the title."""
    required: list[tuple[int, int | None, str]] = []
    preferred: list[tuple[int, int | None, str]] = []
    for section in sections:
        for line in section_text(section).splitlines():
            for clause in re.split(r";|\.\s", line):
                found = _clause_months(clause)
                if found is None:
                    continue
                is_pref = section.kind == "preferred" or bool(_PREFERRED_CLAUSE.search(clause))
                (preferred if is_pref else required).append(found)
    if required:
        lo, hi, phrase = max(required, key=lambda r: r[0])
        experience = Experience(lo, hi, True, None, phrase)
    elif preferred:
        lo, hi, phrase = min(preferred, key=lambda r: r[0])
        experience = Experience(lo, hi, False, None, phrase)
    else:
        experience = None
    level = decide_level(
        title, experience.min_months if experience and experience.required else None, level_override
    )
    if experience is None:
        return Experience(None, None, True, level, title) if level else None
    return Experience(
        experience.min_months, experience.max_months, experience.required, level, experience.phrase
    )


def _clause_months(clause: str) -> tuple[int, int | None, str] | None:
    if _ZERO.search(clause):
        return 0, None, clause.strip()
    if not _EXPERIENCE_WORD.search(clause) or _NOT_EXPERIENCE.search(clause):
        return None
    match = _YEARS.search(clause)
    if match is None:
        return None
    low, _, high, unit, _ = match.groups()
    scale = 1 if unit.lower().startswith("mo") else 12
    lo = round(_number(low) * scale)
    hi = round(_number(high) * scale) if high else None
    return lo, hi, match.group(0).strip()


_TITLE_CUES = (
    ("internship", re.compile(r"\bintern(ship)?\b|\bco-?op\b", re.I)),
    (
        "executive",
        re.compile(r"\bchief\b.*\bofficer\b|\bC[EFOTIM]O\b|\bpresident\b|\bVP\b|\bvice president\b", re.I),
    ),
    ("director", re.compile(r"^(?!.*\bfuneral director\b).*(\bdirector\b|\bhead of\b)", re.I)),
)
_SENIOR = re.compile(r"\b(senior|sr\.?|principal|lead(?! generation))\b", re.I)
_JUNIOR = re.compile(r"\b(junior|jr\.?|trainee|graduate)\b", re.I)
_ASSOCIATE_LEAD = re.compile(r"^\s*associate\b", re.I)


def decide_level(title: str, months: int | None, override: str | None = None) -> str | None:
    """The level from front matter, else title cues, else required months; never a guess."""
    if override:
        return override
    for cue_level, cue in _TITLE_CUES:
        if cue.search(title):
            return cue_level
    level: str | None
    if months is not None:
        level = "entry" if months < 24 else "associate" if months < 60 else "mid_senior"
    elif _JUNIOR.search(title):
        level = "entry"
    elif _ASSOCIATE_LEAD.search(title):
        level = "associate"
    else:
        level = None
    if _SENIOR.search(title) and LEVELS.index(level or "entry") < LEVELS.index("mid_senior"):
        level = "mid_senior"
    return level


# --- education --------------------------------------------------------------------------

_EDUCATION = (
    ("doctorate", re.compile(r"\bph\.?d\b|doctorate|doctoral", re.I)),
    ("master", re.compile(r"master'?s|\bMBA\b|\bM\.?S\.? (degree|in)\b", re.I)),
    ("bachelor", re.compile(r"bachelor|four-year (college )?degree|\bB\.?[AS]\.?/B\.?[AS]\b|\bBSc\b", re.I)),
    ("associate", re.compile(r"associate'?s degree|two-year degree|two or four-year", re.I)),
    ("high_school", re.compile(r"high school|\bGED\b", re.I)),
)


def extract_education(sections: tuple[Section, ...]) -> Education | None:
    """The lowest education level the requirements name (all must be met at the least)."""
    found: list[Education] = []
    for section in sections:
        if section.kind in ("company", "benefits", "equal_opportunity"):
            continue
        for line in section_text(section).splitlines():
            for level, pattern in reversed(_EDUCATION):
                if pattern.search(line):
                    preferred = section.kind == "preferred" or bool(_PREFERRED_CLAUSE.search(line))
                    equivalent = bool(re.search(r"equivalent (work )?experience", line, re.I))
                    found.append(Education(level, not preferred, equivalent, line.strip()))
                    break
    if not found:
        return None
    required = [e for e in found if e.required]
    pool = required or found
    order = [lvl for lvl, _ in reversed(_EDUCATION)]
    return min(pool, key=lambda e: order.index(e.level))
