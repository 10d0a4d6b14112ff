"""Level evidence in a posting's text, for postings that state no years and no title cue.

Rule 6 of the tagging spec: a recruiter still places such a posting. A pay band says it outright
(NHS Band 2–4 entry, 5–6 associate, 7 and above mid-senior); supervising a team is a senior duty;
and how the posting asks for experience tells the rest ("proven experience", "an experienced
chef" is an associate's; "previous retail experience" is what an entry-level post asks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from careers.model import Section
from careers.posting.clean import section_text
from careers.posting.tagging.skills import employer_voice
from careers.posting.tagging.text import Reading, is_read, normalize

# "Band 6", "Band 8a", "Bands 5-6", "Band 5/6", "AfC Band 4": the lowest band is the floor.
_BAND = re.compile(
    r"\b(?:nhs\s+|afc\s+)?bands?\s*(?P<band>[1-9])[a-d]?\b(?:\s*(?:/|-|to|or|and)\s*(?P<band2>[1-9])[a-d]?\b)?",
    re.IGNORECASE,
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
# Experience asked for as an experienced worker's: proven, substantial, post-qualification; a
# track record or a background the candidate must already have.
_STRONG = re.compile(
    r"\b(?:proven|demonstrat(?:ed|able)|significant|considerable|extensive|substantial|solid|strong|broad|"
    r"post[- ]?qualification|relevant\s+professional)\s+(?:[\w-]+\s+){0,3}?experience\b|"
    r"\b(?:suitably|highly)\s+experienced\b|\ban\s+experienced\s+(?!team\b)[\w-]+|"
    r"\bexperienced\s+(?:individuals?|professionals?|candidates?|persons?|practitioners?)\b|"
    r"\b(?:essential|must)\b[^.;]{0,30}\bexperience\b|\bexperience\b[^.;]{0,40}\bis\s+essential\b|"
    r"\b(?:proven|demonstrat(?:ed|able)|strong|solid|successful)\s+track\s+record\b|"
    r"\b(?:strong|solid|deep|extensive|proven)\s+background\s+in\b",
    re.IGNORECASE,
)
# Experience asked for as a newcomer's: some previous exposure to the work.
_SOME = re.compile(
    r"\b(?:previous|prior|some|any|recent)\s+(?:[\w-]+\s+){0,3}?experience\b|"
    r"^\W*experience\s+(?:in|with|of|working)\b",
    re.IGNORECASE,
)
_ASKING = ("requirements", "preferred")
# A clause elsewhere that still asks: "... is required", "... a plus", "... is a must".
_ASKS = re.compile(
    r"\b(?:required|requirement|must|essential|desirable|preferred|a\s+plus|advantageous|beneficial|"
    r"nice\s+to\s+have|ideally)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Evidence:
    level: str
    reason: str


def band_level(band: int) -> str:
    return "entry" if band <= 4 else "associate" if band <= 6 else "mid_senior"


def find_band(text: str) -> Evidence | None:
    found = _BAND.search(text)
    if found is None:
        return None
    band = min(int(b) for b in (found["band"], found["band2"]) if b)
    return Evidence(band_level(band), f"pay band '{' '.join(found.group().split())}'")


def level_evidence(
    title: str, sections: tuple[Section, ...], reading: Reading, stated: tuple[str, ...] = ()
) -> Evidence | None:
    """What the text says of the level, strongest evidence first; None when it says nothing."""
    for text in (title, *stated):
        if "band" in text.lower() and (band := find_band(text)):
            return band
    # Pay is often in a section not read for skills ("Salary: Band 4, £21,892").
    if "band" in reading.lower and (band := find_band(reading.text)):
        return band
    for section in (s for s in sections if not is_read(s)):
        text = normalize(section.heading or "") + "\n" + section_text(section)
        if "band" in text.lower() and (band := find_band(text)):
            return band
    for clause in reading.having(_TEAM_WORDS):
        if found := _TEAM.search(clause.text):
            return Evidence("mid_senior", f"supervising a team ('{found.group().lower()}')")
    return _experience_wording(reading)


def _experience_wording(reading: Reading) -> Evidence | None:
    some = None
    for clause in reading.having(("experience", "track record", "background in")):
        if employer_voice(clause.text, clause.lower):
            continue
        if found := _STRONG.search(clause.text):
            return Evidence("associate", f"experience asked for as '{found.group().lower()}'")
        asking = clause.kind in _ASKING or "experience" in clause.heading.lower() or _ASKS.search(clause.text)
        if some is None and asking and (found := _SOME.search(clause.text)):
            some = Evidence("entry", f"only '{found.group().strip().lower()}' asked for")
    return some
