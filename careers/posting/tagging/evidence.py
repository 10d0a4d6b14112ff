"""Level evidence in a posting's text: a stated grade (rule 3) and rule 6's other evidence.

A grade the posting states for the post or for the experience it asks decides before months
(rule 3): an NHS Agenda for Change band (2–4 entry, 5–6 associate, 7 and above mid-senior) or a
US federal GS grade (1–7 entry, 8–11 associate, 12 and above mid-senior; "experience equivalent
to GS-12" is the rung below the post, so the post is one grade up). With no years and no title
cue (rule 6), supervising or leading a team as a duty is a senior's. How experience is asked
for ("proven", "previous", "experienced") is no evidence at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from careers.model import Section
from careers.posting.clean import section_text
from careers.posting.tagging.text import Reading, is_read, normalize

# "Band 6", "Band 8a", "Bands 5-6", "Band 5/6", "AfC Band 4": the lowest band is the floor.
_BAND = re.compile(
    r"\b(?:nhs\s+|afc\s+)?bands?\s*(?P<band>[1-9])[a-d]?\b(?:\s*(?:/|-|to|or|and)\s*(?P<band2>[1-9])[a-d]?\b)?",
    re.IGNORECASE,
)
# "GS-12", "GS 9", "GS-11/12": a US federal grade; "equivalent to (the) GS-12" is the experience's.
_GS = re.compile(
    r"(?P<equivalent>\bequivalent\s+to\s+(?:at\s+least\s+)?(?:the\s+)?)?\bGS[- ]?(?P<grade>1[0-5]|[1-9])\b"
    r"(?:\s*/\s*(?P<grade2>1[0-5]|[1-9])\b)?"
)
# Supervising or leading people as a duty (not "under the supervision of").
_TEAM = re.compile(
    r"(?<!under\s)(?<!under\sthe\s)\b(?:supervis(?:e|es|ing)\s+(?:a\s+|the\s+)?(?:team|staff|others|employees|"
    r"technicians|workers)\b|line[- ]manag(?:e|es|ing|ement\s+of|ement\s+responsibilit\w*)\b|"
    r"manag(?:e|es|ing)\s+(?:a|the)\s+team\b|lead(?:s|ing)?\s+(?:a|the)\s+team\s+of|"
    r"direct\s+reports|team\s+of\s+\d+\s+(?:staff|people|employees|engineers|nurses))",
    re.IGNORECASE,
)
# Words one of which a clause must hold before the team pattern runs.
_TEAM_WORDS = ("supervis", "line manag", "line-manag", "manage a team", "manages a team", "managing a team",
               "manage the team", "lead a team", "leads a team", "leading a team", "direct reports",
               "team of")  # fmt: skip


@dataclass(frozen=True)
class Evidence:
    level: str
    reason: str


def band_level(band: int) -> str:
    return "entry" if band <= 4 else "associate" if band <= 6 else "mid_senior"


def gs_level(grade: int) -> str:
    return "entry" if grade <= 7 else "associate" if grade <= 11 else "mid_senior"


def find_band(text: str) -> Evidence | None:
    found = _BAND.search(text)
    if found is None:
        return None
    band = min(int(b) for b in (found["band"], found["band2"]) if b)
    return Evidence(band_level(band), f"pay band '{' '.join(found.group().split())}'")


def find_gs(text: str) -> Evidence | None:
    """The post's GS grade: the lowest stated, or one above the experience's ("equivalent to GS-12")."""
    found = [m for m in _GS.finditer(text)]
    if not found:
        return None
    posts = [m for m in found if not m["equivalent"]]
    if posts:
        match = min(posts, key=lambda m: int(m["grade"]))
        return Evidence(gs_level(int(match["grade"])), f"grade '{match.group().strip()}'")
    match = min(found, key=lambda m: int(m["grade"]))
    grade = int(match["grade"]) + 1
    return Evidence(
        gs_level(grade), f"grade GS-{grade}, one above experience '{' '.join(match.group().split())}'"
    )


def stated_grade(
    title: str, sections: tuple[Section, ...], reading: Reading, stated: tuple[str, ...] = ()
) -> Evidence | None:
    """The grade the posting states (an NHS band, a GS grade), from its title, its facts, its text
    or a section not read for tags (pay is often there: "Salary: Band 4, £21,892")."""
    texts = [title, *stated, reading.text]
    texts += [normalize(s.heading or "") + "\n" + section_text(s) for s in sections if not is_read(s)]
    for text in texts:
        if "band" in text.lower() and (band := find_band(text)):
            return band
        if "GS" in text and (grade := find_gs(text)):
            return grade
    return None


def team_evidence(reading: Reading) -> Evidence | None:
    """Supervising or leading a team as a duty: a senior's post (rule 6)."""
    for clause in reading.having(_TEAM_WORDS):
        if found := _TEAM.search(clause.text):
            return Evidence("mid_senior", f"supervising a team ('{found.group().lower()}')")
    return None
