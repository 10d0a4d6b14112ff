"""Stage 3: skills, experience and level, education, read from a cleaned posting.

Each tag keeps the phrase that produced it, so ``build.py tags`` can explain every one.
"""

from __future__ import annotations

from dataclasses import dataclass

from careers.model import Education, Experience, Section, SkillTag
from careers.posting.tagging.education import extract_education
from careers.posting.tagging.experience import find_experience
from careers.posting.tagging.level import decide_level, explain_level
from careers.posting.tagging.skills import extract_skills, skills_from_names
from careers.posting.tagging.text import Reading, read_posting
from careers.posting.tagging.vocabulary import Skill, Vocabulary, VocabularyError, build_vocabulary
from careers.posting.tagging.vocabulary_files import load_vocabulary

__all__ = [
    "Education",
    "Skill",
    "Tags",
    "Vocabulary",
    "VocabularyError",
    "build_vocabulary",
    "decide_level",
    "extract_education",
    "extract_experience",
    "extract_skills",
    "load_vocabulary",
    "skills_from_names",
    "tag_posting",
]


@dataclass(frozen=True)
class Tags:
    skills: tuple[SkillTag, ...]
    experience: Experience | None
    education: Education | None


def tag_posting(
    title: str, sections: tuple[Section, ...], vocab: Vocabulary, level: str | None = None
) -> Tags:
    """Every tag of one posting, its text read into clauses once."""
    read = read_posting(sections)
    return Tags(extract_skills(read, vocab), extract_experience(title, read, level), extract_education(read))


def extract_experience(
    title: str, sections: tuple[Section, ...] | Reading, level_override: str | None = None
) -> Experience | None:
    """The binding experience requirement, and the level it gives together with the title."""
    statement = find_experience(sections)
    months = statement.min_months if statement else None
    decision = explain_level(title, months, level_override)
    level = decision.level if decision else None
    reason = decision.reason if decision else ""
    if statement is None:
        return Experience(None, None, True, level, "", reason) if level else None
    return Experience(
        statement.min_months, statement.max_months, not statement.preferred, level, statement.phrase, reason
    )
