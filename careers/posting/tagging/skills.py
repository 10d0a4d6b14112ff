"""Skills: every vocabulary skill a posting names, required or preferred, with why it was kept.

A recruiter trusts a tag when the posting asks for the thing. So: a guarded spelling ("Go",
"Chef", "Access") needs a context word in its clause; the subjects of a degree ("a degree in
Chemistry or Finance") are a field of study, not skills; and a soft skill counts only where the
posting asks for it ("excellent communication skills", a requirements list), not where a duty
or the employer names it ("collaborate with the team", "we value teamwork").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from careers.model import Section, SkillTag
from careers.posting.deadline import check_time
from careers.posting.tagging.domains import DOMAIN_READINGS, read_in_domain
from careers.posting.tagging.importance import by_importance
from careers.posting.tagging.matcher import Hit
from careers.posting.tagging.mentions import (
    TEAM_CUE,
    TEAM_STEM,
    counted,
    in_team_list,
    not_asked,
    people,
    subject_spans,
)
from careers.posting.tagging.reasons import ClauseReading, asking, reason_for
from careers.posting.tagging.text import Clause, Reading, as_reading, has_any, preferred_at
from careers.posting.tagging.vocabulary import Skill, Vocabulary
from careers.slugs import slugify

# Short terms ("Go", "C", "R") joined by a hyphen or "&" are another word: "C-suite", "R&D".
_SHORT = 2
# A clause in the employer's voice ("we specialise in manufacturing", "Acme is a leading ...",
# "committed to equality"), with no word about the candidate: it names what the employer does,
# and only the technology it names is something the job uses ("our stack is Go and Postgres").
_EMPLOYER_VOICE = re.compile(
    r"\b(?:we|we're|we've|we'll|our|ours|us)\b|\bcommitted\s+to\b|\bequal\s+opportunit|"
    r"\breasonable\s+adjustments\b"
)  # searched in the lowercased clause: IGNORECASE is several times slower
_COMPANY_IS = re.compile(r"^[A-Z][\w&.,' -]{0,60}?\b(?:is|are)\s+(?:a|an|the|one\s+of)\b")
_CANDIDATE_VOICE = re.compile(
    r"\b(?:you|your|you're|you'll|candidates?|applicants?|must|required|requirements?|essential|"
    r"desirable|preferred|experience[ds]?|skills?|ability|able\s+to|knowledge|qualifications?|"
    r"proficien\w*|familiar\w*|post\s*holder|the\s+successful)\b"
)
# A business function named as people to work with, not a skill: "partner with Finance,
# Accounting and Product", "the Customer Experience team".
# A capitalised name ("Finance", "R&D", "Sales-Ops"): its "&" joins letters, else it separates
# names. Possessive, as are the spaces around separators, so that a list reads only one way:
# "A& A& A& … x" once took seconds a line, doubling with every "A& ".
_NAME = r"[A-Z](?:[\w-]|&(?=\w))*+"
_SLASHED_NAME = r"[A-Z](?:[\w/-]|&(?=\w))*+"  # "Finance/Accounting", where "/" is no separator
_DEPARTMENT_AFTER = re.compile(
    rf"^(?:\s*+(?:,|and|&|/)\s*+{_NAME}(?:\s++{_NAME})*+)*+\s+(?:teams?|departments?|leaders?|"
    r"leadership|functions?|colleagues|staff|groups?|directorates?|units?|divisions?|managers?)\b"
)
# The same in lower case, where the article says it is a team: "our data science team".
_TEAM_AFTER = re.compile(r"^\s+(?:teams?|departments?|function|unit|ward|service|services)\b")
_TEAM_BEFORE = re.compile(r"\b(?:the|our|a|your|their|specialties\s+of|specialities\s+of)\s+$", re.IGNORECASE)
# Clauses about who may apply or how, not about the work: eligibility ("must be a U.S. person",
# "right to work"), interviews ("interviews will be held via Microsoft Teams").
_APPLICATION_CLAUSE = re.compile(
    r"\b(?:U\.?S\.?\s+persons?|citizens?\b|permanent\s+residents?|green\s+card|right\s+to\s+work|"
    r"interviews?\s+(?:will|may|are)\s+(?:be\s+)?(?:held|conducted|take\s+place)|shortlist\w*|"
    r"closing\s+date|apply\s+(?:online|via|through|by))",
    re.IGNORECASE,
)
_APPLICATION_WORDS = ("u.s", "us person", "citizen", "resident", "green card", "right to work", "interview",
                      "shortlist", "closing date", "apply ")  # fmt: skip
# "You report directly to Sales Management": whom the job reports to.
_REPORTS_TO = re.compile(r"\b(?:reports?|reporting)\s+(?:directly\s+)?(?:in)?to\s+(?:the\s+)?$", re.I)
# "in the telecommunications/technology sector": an industry the job is in, not a skill.
# Separators and words are possessive, and a word starts with a letter or digit, so a run of
# dashes is read one way (sixty of them once cost two seconds a mention).
_INDUSTRY_AFTER = re.compile(
    r"(?:[\s/&,-]++\w[\w-]*+){0,3}?[\s/&,-]*+(?<=\s)(?:sector|industry|industries)\b"
)
# "a public relations agency", "an Internet/Web services company": the kind of employer, not a
# skill. The words between are the kind's own (no "and", no list): "employment laws and company
# policies" names the law.
_EMPLOYER_KIND_AFTER = re.compile(
    r"(?:[\s/-]++(?!(?:and|or|the|our|a|an|its|their)\b)\w[\w-]*+){0,2}?\s++"
    r"(?:compan(?:y|ies)|firms?|agenc(?:y|ies))\b",
    re.IGNORECASE,
)
_DEPARTMENT_BEFORE = re.compile(
    r"\b(?i:partner\w*|liais\w*|collaborat\w*|work(?:ing)?\s+closely|coordinat\w*|engag\w*)"
    r"(?:\s+[\w-]+){0,2}?\s+(?i:with|across|alongside)\s+(?i:the\s+|our\s+|other\s+)?"
    rf"(?:{_SLASHED_NAME}(?:\s++{_SLASHED_NAME})*+\s*+(?:,|and|&)\s*+)*+$"
)
# Sections of duties and asks, where "our CRM system" is the job's own tool, not self-description.
_DUTY_KINDS = frozenset({"responsibilities", "requirements", "preferred"})
# What an employer names about itself that is still a skill of the job: its technology.
_TOOL_CATEGORIES = frozenset({"Software & data", "Cloud", "IT & networking", "Security"})
# The subjects a degree is in: "degree in Computer Science, Maths or a related field".
_DEGREE_WORDS = ("degree", "bachelor", "master", "bsc", "msc", "b.s", "m.s", "phd", "diploma", "major",
                 "qualification", "gcse", "a level", "a-level", "graduate in", "studying",
                 "studies in")  # fmt: skip
_FIELD_OF_STUDY = re.compile(
    r"\b(?:degrees?|bachelor'?s?|master'?s?|b\.?sc|m\.?sc|b\.?s\.?|m\.?s\.?|b\.?a\.?|m\.?a\.?|ph\.?d|"
    r"doctorate|diploma|majors?|majoring|qualifications?|gcse'?s?|a[- ]levels?|graduate|studying|studies)"
    r"(?:\b[^.;:()]{0,40}?\b(?:in|of)\s+|\s*:\s*)(?P<fields>[^.;()]*?)"
    r"(?=\s+(?:or|and)\s+(?:a\s+|an\s+|other\s+)?(?:related|relevant|equivalent|similar)|"
    r"\s+(?:field|discipline|subject|area)s?\b|[.;()]|\s+with\b|\s+plus\b|\s+and\s+\d|$)",
    re.IGNORECASE,
)


class Mention(NamedTuple):
    """One skill mentioned in one clause, and why it counts (``preferred``: by its own words)."""

    clause: Clause
    skill: Skill
    hit: Hit
    reason: str
    preferred: bool


def extract_skills(sections: tuple[Section, ...] | Reading, vocab: Vocabulary) -> tuple[SkillTag, ...]:
    """Every skill the posting asks for: required if any mention is, else preferred."""
    found: dict[str, Mention] = {}
    asked: set[str] = set()
    order: dict[str, int] = {}
    for m in posting_skills(as_reading(sections), vocab, asked):
        order.setdefault(m.skill.slug, len(order))
        old = found.get(m.skill.slug)
        if old is None or (old.preferred and not m.preferred):
            found[m.skill.slug] = m
    tags = [
        SkillTag(m.skill.name, m.skill.slug, m.skill.category, not m.preferred, m.clause.text,
                 m.hit.text, m.reason)
        for m in found.values()
    ]  # fmt: skip
    return by_importance(tags, asked, order)


def posting_skills(reading: Reading, vocab: Vocabulary, asked: set[str] | None = None) -> list[Mention]:
    """Every mention that counts, with its clause and the reason it counts, until a required
    one settles its skill (later mentions of it change no tag). ``asked`` collects the skills
    named anywhere in a list of what the posting asks (for the order they are shown in)."""
    out = []
    settled: set[str] = set()
    read: dict[int, ClauseReading] = {}
    text = reading.text
    subjects: dict[int, list[tuple[int, int]]] = {}
    employer: dict[int, bool] = {}
    applying: dict[int, bool] = {}
    # One pass over the posting finds the clauses that can name a degree or speak of applying.
    degree_clauses = reading.indexes_having(_DEGREE_WORDS)
    application_clauses = reading.indexes_having(_APPLICATION_WORDS)
    for hit in vocab.matcher.find(text, reading.lower):
        check_time()
        if not hit.exact and hit.key in vocab.ignored:
            continue
        skill = vocab.exact[hit.key] if hit.exact else vocab.folded[hit.key]
        if skill.slug in settled:
            if (
                asked is not None
                and skill.slug not in asked
                and asking(reading.clauses[reading.clause_at(hit.start)])
            ):
                asked.add(skill.slug)
            continue
        if len(hit.text) <= _SHORT and text[hit.end : hit.end + 1] in ("-", "&"):
            continue  # "Go-to-market", "C-suite", "R&D"
        if len(hit.text) == 1 and _is_initial(text, hit):
            continue
        index = reading.clause_at(hit.start)
        clause, start = reading.clauses[index], reading.starts[index]
        if hit.text in DOMAIN_READINGS:  # "GCP": Good Clinical Practice, or Google Cloud Platform
            found = read_in_domain(hit.text, clause.lower, reading.lower, vocab)
            if found is None or found.slug in settled:
                continue
            skill = found
        local = Hit(hit.start - start, hit.end - start, hit.text, hit.key, hit.exact)
        if index not in subjects:
            studied = study_fields(clause) if index in degree_clauses else []
            subjects[index] = studied + subject_spans(clause.text)
            applying[index] = (
                index in application_clauses and bool(_APPLICATION_CLAUSE.search(clause.text))
            ) or (not_asked(clause.heading) or not_asked(clause.text))
        if applying[index]:
            continue
        if any(a <= local.start < b for a, b in subjects[index]):
            continue
        if _INDUSTRY_AFTER.match(clause.text, local.end, local.end + 60) or _EMPLOYER_KIND_AFTER.match(
            clause.text, local.end, local.end + 40
        ):
            continue  # "in the telecommunications/technology sector", "a Web services company"
        if counted(clause.text, local) or people(clause.text, local):
            continue  # "300 delivery routes", "with our dispatchers": the work's objects and people
        near = TEAM_STEM.search(clause.lower, local.end, local.end + 120) or TEAM_CUE.search(
            clause.lower, max(0, local.start - 160), local.start
        )
        # A product's one-word name ("Git", "Jira") is no team; "Data Science" may be one.
        tool = skill.category in _TOOL_CATEGORIES and " " not in hit.text
        if near and (names_a_department(clause.text, local, tool) or in_team_list(clause.text, local)):
            continue
        if skill.category not in _TOOL_CATEGORIES and clause.kind not in _DUTY_KINDS:
            if index not in employer:
                employer[index] = employer_voice(clause.text, clause.lower)
            if employer[index]:
                continue
        if index not in read:
            read[index] = ClauseReading(vocab, clause)
        reason = reason_for(clause, skill, local, vocab, read[index])
        if reason:
            preferred = preferred_at(clause, local.start)
            out.append(Mention(clause, skill, hit, reason, preferred))
            if asked is not None and asking(clause):
                asked.add(skill.slug)
            if not preferred:
                settled.add(skill.slug)
    return out


def _is_initial(text: str, hit: Hit) -> bool:
    """Whether a one-letter hit is an initial ("E.C.S.") or a mark ("Acme(R)"), not a language."""
    before = text[hit.start - 1] if hit.start else " "
    after = text[hit.end] if hit.end < len(text) else " "
    return before in ".(" or after in ".)"


def names_a_department(text: str, hit: Hit, tool: bool = False) -> bool:
    """Whether a mention is a team or service, not a skill: "the Customer Experience team", "our
    data science team", "report to Sales Management". A ``tool`` (software, cloud, IT) is one
    only when a team word says so: "collaborating on code with Git and GitHub" names tools."""
    after = text[hit.end : hit.end + 120]
    near = text[max(0, hit.start - 24) : hit.start]
    if (_TEAM_AFTER.match(after) or "special" in near.lower()) and _TEAM_BEFORE.search(near):
        return True
    if not hit.text[:1].isupper():
        return False
    if _DEPARTMENT_AFTER.match(after) or _REPORTS_TO.search(near):
        return True
    before = text[max(0, hit.start - 160) : hit.start]
    cue = before.lower()
    partners = not tool and ("with" in cue or "across" in cue or "alongside" in cue)
    return partners and bool(_DEPARTMENT_BEFORE.search(before))


def employer_voice(text: str, lower: str | None = None) -> bool:
    """Whether a clause is the employer speaking of itself, with no word about the candidate."""
    lower = text.lower() if lower is None else lower
    speaks = _EMPLOYER_VOICE.search(lower) or _COMPANY_IS.match(text)
    return bool(speaks) and not _CANDIDATE_VOICE.search(lower)


def study_fields(clause: Clause) -> list[tuple[int, int]]:
    """Where a clause lists the subjects of a degree (offsets in the clause)."""
    if not has_any(clause.lower, _DEGREE_WORDS):
        return []
    return [m.span("fields") for m in _FIELD_OF_STUDY.finditer(clause.text)]


def skills_from_names(
    names: Iterable[str], vocab: Vocabulary, preferred: Iterable[str] = ()
) -> tuple[tuple[SkillTag, ...], list[str]]:
    """Front matter ``skills:``: canonical tags (required, then preferred), and the unknown names."""
    tags, unknown = [], []
    for name, required in [*((n, True) for n in names), *((n, False) for n in preferred)]:
        skill = vocab.get(name)
        if skill is None:
            unknown.append(name)
        known = (skill.name, skill.slug, skill.category) if skill else (name, slugify(name), "Other")
        tags.append(SkillTag(*known, required, "front matter", name, "front matter"))
    unique: dict[str, SkillTag] = {}
    for tag in tags:  # the first mention of a skill decides: required ones are listed first
        unique.setdefault(tag.slug, tag)
    # As written: an author lists the skills that matter most first.
    return tuple(sorted(unique.values(), key=lambda t: not t.required)), unknown
