"""Every tag of one posting: skills, experience and level, education.

Each tag keeps the phrase that produced it, so ``build.py tags`` can explain every one.
"""

from __future__ import annotations

from dataclasses import dataclass

from careers.model import Education, Experience, Section, SkillTag
from careers.posting.deadline import check_time
from careers.posting.tagging.education import extract_education
from careers.posting.tagging.evidence import stated_grade, team_evidence
from careers.posting.tagging.experience import find_experience
from careers.posting.tagging.level import LevelDecision, decide_level, explain_level
from careers.posting.tagging.skills import extract_skills, skills_from_names
from careers.posting.tagging.text import Reading, as_reading, read_posting
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
    title: str,
    sections: tuple[Section, ...],
    vocab: Vocabulary,
    level: str | None = None,
    stated: tuple[str, ...] = (),
) -> Tags:
    """Every tag of one posting, its text read into clauses once.

    ``stated`` holds what the body states of the job outside its sections (the cleaner's facts:
    "Salary: Band 4", "Grade: Band 6"), which can place its level.
    """
    read = read_posting(sections)
    check_time()
    experience = extract_experience(title, read, level, sections, stated)
    check_time()
    skills = extract_skills(read, vocab)
    check_time()
    return Tags(skills, experience, extract_education(read))


def extract_experience(
    title: str,
    sections: tuple[Section, ...] | Reading,
    level_override: str | None = None,
    every_section: tuple[Section, ...] = (),
    stated: tuple[str, ...] = (),
) -> Experience | None:
    """The binding experience requirement, and the level it gives together with the title.

    A grade the posting states (an NHS band, a GS grade) decides before the months; with no
    years stated, supervising a team places it (``every_section`` holds the sections not read
    for tags too: a pay band is often in the salary section).
    """
    reading = as_reading(sections)
    statement = find_experience(reading)
    months = statement.min_months if statement else None
    grade = evidence = None
    if not level_override:
        whole = every_section or (sections if isinstance(sections, tuple) else ())
        # With years stated, a grade is looked for where a post names its own (title, facts, text);
        # without, in the sections not read for tags too (pay: "Salary: Band 4").
        found = stated_grade(title, whole if months is None else (), reading, stated) or (
            team_evidence(reading) if months is None else None
        )
        if found and found.reason.startswith(("pay band", "grade")):
            grade = LevelDecision(found.level, found.reason)
        elif found:
            evidence = LevelDecision(found.level, found.reason)
    decision = explain_level(title, months, level_override, evidence, grade)
    level = decision.level if decision else None
    reason = decision.reason if decision else ""
    if statement is None:
        return Experience(None, None, True, level, "", reason) if level else None
    return Experience(
        statement.min_months, statement.max_months, not statement.preferred, level, statement.phrase, reason
    )
