"""Mentions of a skill's words that name no skill the job asks for: a team to work with ("the
photography, content and marketing team"), a count of the work's objects ("300 delivery routes"),
the subjects a candidate may have studied ("Major(s): Statistics, Math"), a list of what the job
is not ("Not your tech stack? …")."""

from __future__ import annotations

import re

from careers.posting.tagging.matcher import Hit

# Words that end a list of teams: "… content and marketing team", "… business development teams".
_TEAM_WORDS = frozenset(
    "team teams department departments function functions group groups colleagues staff unit units".split()
)
_JOINS = frozenset({",", "and", "&", "/", "or"})
# A word one of which follows a team's name, and what comes before people to work with: a
# mention with neither nearby is no team (a cheap test before the full ones).
TEAM_STEM = re.compile("team|department|function|group|colleague|staff|unit|service|ward")
TEAM_CUE = re.compile("report|partner|liais|collaborat|closely|coordinat|engag|with|across|alongside|special")
TEAM_LIST_WORDS = 10  # a list of teams is at most this many words after the hit
_TOKEN = re.compile(r"[\w'-]+|[,&/:;.!?()]")
_ENDS_LIST = frozenset(
    "a an the our your their we you to in into within across throughout of at as from for with who that on by"
    " is are will".split()
    + list(":;.!?()")
)
# People, not a skill: "dispatchers", "nurses", "technicians", "pharmacists" after "with our".
_PEOPLE = ("ers", "ors", "ists", "ians", "ants", "ents")
_WITH_PEOPLE = re.compile(
    r"\b(?:(?:work|working|liaise|liaising|collaborate|collaborating|partner|partnering|communicate|"
    r"communicating)\s+(?:closely\s+)?with|alongside|supervise|supervising|manage|managing|lead|leading)\s+"
    r"(?:the\s+|our\s+|your\s+|other\s+|a\s+team\s+of\s+)?$",
    re.IGNORECASE,
)
# A number right before the words: a count of the work's objects, not a skill ("300 delivery routes").
_COUNTED = re.compile(r"(?<![\w.,])\d(?:[\d,.]*\d)?\+?\s+$")
# Subjects of study: "Major(s) Preferred: Statistics, Math", "a technical field (Computer Science, …)".
_SUBJECTS = re.compile(
    r"\bmajors?(?:\(s\))?\b[^:;.]{0,30}:\s*(?P<after>[^.;]*)|"
    r"\b(?:fields?|disciplines?|subjects?|areas?\s+of\s+study)\s*\((?P<inside>[^()]*)\)",
    re.IGNORECASE,
)
_SUBJECT_STEMS = ("field", "disciplin", "subject", "study")
# A list of what the job does not ask: "Not your tech stack?", "not required:", "you won't need".
_NOT_ASKED = re.compile(
    r"\bnot\s+(?:your|our)\s+(?:tech\s+)?stack\b|\bno\s+need\s+(?:to\s+know|for)\b|"
    r"\byou\s+(?:won't|will\s+not|don't|do\s+not)\s+need\b|\bnot\s+(?:required|necessary|needed)\s*:",
    re.IGNORECASE,
)


def in_team_list(text: str, hit: Hit) -> bool:
    """Whether the hit is one of a list of teams ("with design, data science and sales teams").

    The words after it up to "team" are other teams' names (three words each at most), joined
    by commas, "and", "or", "&"; an article ("… cold calling and the Python team": a team of
    its own), a preposition or a sentence's punctuation ends it.
    """
    after = text[hit.end : hit.end + 120]
    if not TEAM_STEM.search(after.lower()):
        return False  # most mentions: no team word follows at all
    words = item = 0
    for token in _TOKEN.findall(after):
        low = token.lower()
        if low in _TEAM_WORDS:
            return True
        if low in _JOINS:
            item = 0
            continue
        words, item = words + 1, item + 1
        if words > TEAM_LIST_WORDS or item > 3 or low in _ENDS_LIST:
            return False
    return False


def people(text: str, hit: Hit) -> bool:
    """Whether the hit names people the job works with or leads ("with our dispatchers")."""
    if not hit.text.lower().endswith(_PEOPLE):
        return False
    return bool(_WITH_PEOPLE.search(text, max(0, hit.start - 40), hit.start))


def counted(text: str, hit: Hit) -> bool:
    """Whether a number stands right before the words ("300 delivery routes a night")."""
    return bool(_COUNTED.search(text, max(0, hit.start - 16), hit.start))


def subject_spans(text: str) -> list[tuple[int, int]]:
    """Where a clause lists subjects of study ("Major(s): …", "field (Computer Science, …)")."""
    lower = text.lower()
    if "major" not in lower and not ("(" in text and any(w in lower for w in _SUBJECT_STEMS)):
        return []
    spans = []
    for match in _SUBJECTS.finditer(text):
        group = "after" if match.group("after") is not None else "inside"
        spans.append(match.span(group))
    return spans


def not_asked(text: str) -> bool:
    """Whether a clause lists what the job does not ask for ("Not your tech stack? …")."""
    lower = text.lower()
    return ("no" in lower or "n't" in lower) and bool(_NOT_ASKED.search(text))
