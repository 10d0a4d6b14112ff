"""Tags as records (for ``jobs.json`` and ``tags --json``) and as lines a recruiter can check."""

from __future__ import annotations

from typing import Any

from careers.model import Education, Experience, Posting, SkillTag

PHRASE_WIDTH = 100


def skill_record(tag: SkillTag) -> dict[str, Any]:
    return {
        "name": tag.name,
        "slug": tag.slug,
        "category": tag.category,
        "required": tag.required,
        "term": tag.term,
        "phrase": tag.phrase,
        "reason": tag.reason,
    }


def experience_record(experience: Experience | None) -> dict[str, Any]:
    """Always an object, its fields null when nothing was found (as ``jobs.json`` always had)."""
    return {
        "level": experience.level if experience else None,
        "min_months": experience.min_months if experience else None,
        "max_months": experience.max_months if experience else None,
        "required": experience.required if experience and experience.min_months is not None else None,
        "phrase": experience.phrase or None if experience else None,
        "level_reason": experience.level_reason or None if experience else None,
    }


def education_record(education: Education | None) -> dict[str, Any] | None:
    if education is None:
        return None
    return {
        "level": education.level,
        "required": education.required,
        "equivalent_experience": education.equivalent_experience,
        "equivalent_months": education.equivalent_months,
        "preferred_level": education.preferred_level,
        "phrase": education.phrase,
    }


def tags_record(posting: Posting) -> dict[str, Any]:
    """Every tag of one posting with the phrase behind it."""
    return {
        "source": posting.source,
        "slug": posting.slug,
        "title": posting.title,
        "skills": [skill_record(t) for t in posting.skills],
        "soft_skills": [skill_record(t) for t in posting.soft_skills],
        "experience": experience_record(posting.experience),
        "education": education_record(posting.education),
    }


def quote(text: str) -> str:
    text = " ".join(text.split())
    return '"' + (text if len(text) <= PHRASE_WIDTH else text[: PHRASE_WIDTH - 1] + "…") + '"'


def format_months(low: int | None, high: int | None) -> str:
    if low is None:
        return "no months stated"
    if low == 0 and high is None:
        return "none needed"
    return f"{low}–{high} months" if high is not None else f"{low}+ months"


def skill_line(tag: SkillTag) -> str:
    """One skill tag: its name and status, the words and clause, and why it was kept."""
    what = f"{tag.name}, {'required' if tag.required else 'preferred'}"
    if tag.phrase == "front matter":
        return f"{what:<28} ← front matter"
    why = f" ({tag.reason})" if tag.reason else ""
    return f"{what:<28} ← {tag.term!r} in {quote(tag.phrase)}{why}"


def tag_lines(posting: Posting) -> list[str]:
    """One posting's tags, one per line, each with what produced it."""
    lines = [f"{posting.source}: {posting.title}"]
    exp = posting.experience
    if exp and exp.level:
        lines.append(f"  level       {exp.level:<28} ← {exp.level_reason}")
    if exp and exp.min_months is not None:
        what = format_months(exp.min_months, exp.max_months) + (
            ", required" if exp.required else ", preferred"
        )
        lines.append(f"  experience  {what:<28} ← {quote(exp.phrase)}")
    edu = posting.education
    if edu:
        what = f"{edu.level}, {'required' if edu.required else 'preferred'}"
        if edu.equivalent_experience:
            what += ", or experience"
        if edu.preferred_level:
            what += f" ({edu.preferred_level} preferred)"
        lines.append(f"  education   {what:<28} ← {quote(edu.phrase)}")
    for label, tags in (("skill", posting.skills), ("soft skill", posting.soft_skills)):
        lines.extend(f"  {label:<11} {line}" for line in map(skill_line, tags))
    if len(lines) == 1:
        lines.append("  (no tags)")
    return lines
