"""Level: front matter, else the title's cues, else the binding months; never a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass

from careers.model import LEVELS

# Title cues that decide the level outright, tried in order.
_DECIDING_CUES = (
    (
        "internship",
        re.compile(
            r"\b(intern|internship|co-?op|summer\s+(student|associate|analyst)|working\s+student|werkstudent|"
            r"placement\s+student|industrial\s+placement)\b",
            re.I,
        ),
    ),
    (
        "executive",
        re.compile(r"\bchief\b.*\bofficer\b|\bC[EFOTIMR]O\b|\b(vice[- ])?president\b|\b[SE]?VP\b", re.I),
    ),
    ("director", re.compile(r"\bdirector\b|\bhead\s+of\b", re.I)),
)
# Occupations whose name holds a cue word but which are not that level.
_OCCUPATIONS = re.compile(
    r"\b(funeral|activit(y|ies)|athletic|camp)\s+director\b|\bdirector\s+of\s+photography\b", re.I
)
# Whom an assistant's post serves is not its level: "Executive Assistant to the VP of Product".
_SERVES = re.compile(
    r"\b(assistant|secretary|support|coordinator|aide|PA|EA|adviser|advisor)\s+(to|for)\b.*$", re.I
)
_GRADED = re.compile(r"\bbands?\s*\d|\bGS[- ]?\d", re.I)
_SENIOR = re.compile(r"\b(senior|sr\b\.?|principal|lead(?!\s+generation)(?!-gen))\b", re.I)
_JUNIOR = re.compile(r"\b(junior|jr\b\.?|trainee|graduate|apprentice|entry[- ]level)\b", re.I)
_LEADING_ASSOCIATE = re.compile(r"^\s*associate\b", re.I)
ENTRY_BELOW, ASSOCIATE_BELOW = 24, 60


@dataclass(frozen=True)
class LevelDecision:
    level: str
    reason: str


def level_from_months(months: int) -> str:
    """Years alone give entry, associate or mid_senior, never more."""
    return "entry" if months < ENTRY_BELOW else "associate" if months < ASSOCIATE_BELOW else "mid_senior"


def decide_level(title: str, months: int | None, override: str | None = None) -> str | None:
    """The level of a posting (see ``explain_level``), or ``None`` when nothing says."""
    decision = explain_level(title, months, override)
    return decision.level if decision else None


def explain_level(
    title: str,
    months: int | None,
    override: str | None = None,
    evidence: LevelDecision | None = None,
    grade: LevelDecision | None = None,
) -> LevelDecision | None:
    """The level and what decided it: front matter, a title cue, a stated ``grade`` (an NHS band,
    a GS grade), the binding months, or else the ``evidence`` the text gives (rule 6: supervising
    a team)."""
    if override:
        return LevelDecision(override, "front matter 'level'")
    cue_title = _SERVES.sub(r"\1", _OCCUPATIONS.sub("", title))
    for cue_level, cue in _DECIDING_CUES:
        if found := cue.search(cue_title):
            return LevelDecision(cue_level, f"title '{found.group().strip()}'")
    decision: LevelDecision | None = None
    junior = _JUNIOR.search(cue_title)
    if grade is not None and not (junior and not _GRADED.search(title)):
        decision = grade  # a trainee's post names its level in its title before a grade in the text
    elif months is not None:
        decision = LevelDecision(level_from_months(months), f"{months} months of experience")
    elif junior:
        decision = LevelDecision("entry", f"title '{junior.group()}'")
    elif found := _LEADING_ASSOCIATE.search(title):
        decision = LevelDecision("associate", f"title '{found.group().strip()}'")
    elif evidence is not None:
        decision = evidence
    senior = _SENIOR.search(cue_title)
    if senior and (decision is None or LEVELS.index(decision.level) < LEVELS.index("mid_senior")):
        reason = f"title '{senior.group()}'" + (f", {decision.reason}" if decision else "")
        decision = LevelDecision("mid_senior", reason)
    return decision
