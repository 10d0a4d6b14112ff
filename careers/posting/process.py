"""Stages 2–3 for one source: clean, tag, and merge front matter into a ``Posting``.

``process_source`` is a pure function of the source, the vocabulary and the config, which
is what lets a build cache its result by content hash and run it across processes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from careers.config import Config
from careers.employment import read_employment_type
from careers.errors import Diagnostic, printable
from careers.model import Part, Posting, Result, Section, SkillTag, Source
from careers.posting.clean import MAX_LINE, MAX_TEXT, Cleaned, clean_html, section_text
from careers.posting.fields import read_fields
from careers.posting.html import blocks_html
from careers.posting.salary_body import choose_salary
from careers.posting.stated import stated_fields
from careers.posting.tagging.tag import Vocabulary, skills_from_names, tag_posting
from careers.posting.tagging.vocabulary import SOFT_SKILLS
from careers.slugs import slugify

SUMMARY_LENGTH = 160
# Scraped pages nest a few dozen levels; far deeper means a paste went wrong (or an attack).
DEEP_NESTING = 1000
_REMOTE = re.compile(r"\b(remote|work from home|telecommute|anywhere)\b", re.IGNORECASE)


def process_source(source: Source, vocab: Vocabulary, config: Config) -> Result:
    """The posting a source makes (``None`` if it cannot be built) and every finding about it."""
    result = _process(source, vocab, config)
    return replace(result, lines={**source.meta_lines, "body": source.body_line})


def _process(source: Source, vocab: Vocabulary, config: Config) -> Result:
    fields, found = read_fields(source)
    found[:0] = source.notes
    if any(d.level == "error" for d in found):
        return Result(None, tuple(found))
    cleaned = clean_html(source.body, fields.title, config.clean)
    title = fields.title or cleaned.title
    if not title:
        found.append(
            Diagnostic(
                source.relpath,
                source.body_line,
                "error",
                "posting has no title: add 'title:' front matter or start the body with an <h1>/<h2>",
            )
        )
        return Result(None, tuple(found))
    found += bounds_met(source, cleaned)
    if not cleaned.sections:
        found.append(
            Diagnostic(source.relpath, source.body_line, "warning", "posting has no text under its title")
        )
    facts = cleaned.facts
    stated_lines = (*(f"{label}: {value}" for label, value in facts.details), facts.salary or "")
    tags = tag_posting(title, cleaned.sections, vocab, fields.level, stated_lines)
    if fields.skills is not None:
        skills, unknown = skills_from_names(fields.skills.required, vocab, fields.skills.preferred)
        for name in unknown:
            found.append(
                Diagnostic(
                    source.relpath,
                    source.meta_lines.get("skills"),
                    "warning",
                    f"skill '{printable(name)}' is not in the vocabulary; kept as written "
                    "(add it to content/skills.toml)",
                )
            )
    else:
        skills = tags.skills
    skills, soft_skills = split_soft_skills(skills, config.soft_skill_pages)
    stated = stated_fields(cleaned.facts, fields, title)
    places = fields.location or tuple(p for p in (stated.location or config.location,) if p)
    location = places[0] if places else None
    posting = Posting(
        source=source.relpath,
        slug=fields.slug or slugify(title, fallback=slugify(Path(source.relpath).stem)),
        title=title,
        sections=tuple(Part(s.heading, s.kind, blocks_html(s)) for s in cleaned.sections),
        summary=fields.summary or summarize(cleaned.sections),
        skills=skills,
        soft_skills=soft_skills,
        experience=tags.experience,
        education=tags.education,
        company=fields.company or stated.company or config.company or None,
        location=location,
        employment_type=fields.employment_type or stated.employment_type or _employment_default(config),
        department=fields.department or config.department or None,
        team=fields.team,
        remote=fields.remote if fields.remote is not None else bool(location and _REMOTE.search(location)),
        date_posted=fields.date or stated.date_posted,
        valid_through=fields.valid_through or stated.valid_through,
        apply_url=fields.apply_url or stated.apply_url,
        salary=choose_salary(fields.salary, stated.salary, cleaned.sections, facts.details),
        draft=fields.draft,
        explicit_slug=fields.slug is not None,
        reference=fields.reference or stated.reference,
        details=stated.details,
        other_locations=places[1:],
        board=fields.imported.split(" ", 1)[0] if fields.imported else None,
        **fields.posting,  # every other field front matter sets, as ``Posting`` declares them
    )
    return Result(posting, tuple(found))


def bounds_met(source: Source, cleaned: Cleaned) -> list[Diagnostic]:
    """A warning for each bound on size a body met: nesting, text, line length."""
    said = []
    if cleaned.depth > DEEP_NESTING:
        said.append(
            f"posting is nested {cleaned.depth:,} levels deep: its text was kept, but check the source"
        )
    if cleaned.left_out:
        said.append(
            f"posting holds {cleaned.text:,} characters of text, more than any posting needs "
            f"({MAX_TEXT:,}): the last {cleaned.left_out:,} were left out; check the source"
        )
    if cleaned.long_lines:
        said.append(
            f"posting has lines of more than {MAX_LINE:,} characters, read in pieces "
            f"({cleaned.long_lines:,} cut); check the source"
        )
    return [Diagnostic(source.relpath, source.body_line, "warning", f"{s} for a broken paste") for s in said]


def split_soft_skills(
    skills: tuple[SkillTag, ...], with_pages: bool
) -> tuple[tuple[SkillTag, ...], tuple[SkillTag, ...]]:
    """(the skills listed and linked, the soft skills shown apart); all listed if the site asks."""
    if with_pages:
        return skills, ()
    return (
        tuple(t for t in skills if t.category != SOFT_SKILLS),
        tuple(t for t in skills if t.category == SOFT_SKILLS),
    )


def _employment_default(config: Config) -> str | None:
    return read_employment_type(config.employment_type) if config.employment_type else None


def summarize(sections: tuple[Section, ...]) -> str:
    """One line for listings: the first sentence of the opening text, cut at a word."""
    ordered = sorted(sections, key=lambda s: s.kind not in ("summary", "other"))
    for section in ordered:
        if section.kind in ("company", "equal_opportunity", "benefits"):
            continue
        text = section_text(section).split("\n")[0].strip()
        if len(text.split()) < 4:
            continue
        sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        if len(sentence) <= SUMMARY_LENGTH:
            return sentence
        return sentence[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return ""
