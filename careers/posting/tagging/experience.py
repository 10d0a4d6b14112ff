"""Experience: the binding number of months a posting asks for, read clause by clause."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from careers.model import Section
from careers.posting.deadline import timed
from careers.posting.tagging.text import OWN_SUBJECT, PREFERABLY, Clause, Reading, as_reading, is_preferred

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "eighteen": 18, "twenty": 20, "twenty-four": 24, "thirty-six": 36,
}  # fmt: skip
# Requirements beyond this are the company talking about itself ("40 years of experience").
MAX_PLAUSIBLE_MONTHS = 20 * 12

_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?:\s*\(\d+\))?"
_UNIT = r"(?:years?|yrs?|months?|mos?)\b\.?'?"
_PLUS = r"(?:\s*\+|\s+plus\b|\s+or\s+more\b|\s+or\s+greater\b|\s+and\s+(?:above|up|over)\b)"
# What joins a range's ends: "3-5", "3 to 5", a board's "2 years to less than 3 years".
_TO = r"(?:-|to(?:\s+less\s+than|\s+under)?)"
# Where a number may start: not inside a word, an amount or a decimal ("2.5"), but right after a
# sentence glued to it ("GED.3-5 years", "in the State of WI.Three years").
_STARTS = r"(?<![\w$%-])(?<!\d\.)"
MENTION = re.compile(
    rf"(?P<between>\bbetween\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM})\s*(?P<bunit>{_UNIT}))"
    rf"|(?P<upto>\bup\s+to\s+(?P<u1>{_NUM})\s*(?P<uunit>{_UNIT}))"
    # "2 of the past 5 years": two years, the five a look-back window
    rf"|(?P<of>{_STARTS}(?P<o1>{_NUM})\s+(?:out\s+)?of\s+the\s+(?:last|past|previous|prior)\s+{_NUM}\s*(?P<ounit>{_UNIT}))"
    # "6 months to 1 year", "6 months - 1 year": a range across units
    rf"|(?P<cross>{_STARTS}(?P<c1>{_NUM})\s*(?P<cunit1>{_UNIT})\s*{_TO}\s*(?P<c2>{_NUM})\s*(?P<cunit2>{_UNIT}))"
    rf"|{_STARTS}(?P<low>{_NUM})(?P<lplus>{_PLUS})?"
    rf"(?:\s*{_TO}\s*(?P<high>{_NUM})\+?)?(?P<hyphen>-)?\s*(?P<unit>{_UNIT})(?P<uplus>{_PLUS})?",
    re.IGNORECASE,
)

EXPERIENCE_WORD = re.compile(
    r"\b(experience[ds]?|exp\b|expertise|background|track record|work history|worked|working in|"
    r"employment|tenure in)",
    re.IGNORECASE,
)
# Matched right after a mention (``match(text, end)``), hence no "^"; also what the years were
# spent doing: "3+ years executing data science projects".
_STATUS_AFTER = re.compile(
    r"\s*+(\(?(required|preferred|minimum|min\b)|of\s|in\s|with\s|as\s|[a-z]+ing\b)", re.I
)
_NOT_EXPERIENCE_AFTER = re.compile(
    r"\s*+(of\s+)?(age\b|old\b|or\s+(older|over)\b|and\s+(older|over)\b|in\s+business\b|"
    r"(of\s+)?(college|university|school|study|studies|coursework|education|undergraduate|high school)\b|"
    r"(of\s+)?(combined|collective)\b|warranty|lease|contract\b|rolling|forecast|plan\b|term\b|"
    r"probation|secondment|fixed[- ]term|placement\b)",
    re.IGNORECASE,
)
_NOT_EXPERIENCE_BEFORE = re.compile(
    r"(\bages?|\baged|\b(in|within|during|over|for)\s++the\s++(last|past|previous|prior|next)|"
    r"\b(held|licensed|certified|licensure|valid)\s++(for\s++)?(at\s++least\s++|a\s++minimum\s++of\s++|over\s++)?|"
    r"\bfor\s++(over|more\s++than|nearly|almost|the\s++past)|\bsince|\bevery|\bonce\s++every|\bwithin|"
    # the length of the post itself: "secondment for 12 months", "commit to at least 6 months"
    r"\blimited\s++to|"
    r"\b(secondment|fixed[- ]term|contract|placement|assignment|cover|temporary|probation\w*|duration)\b"
    r"[^.;]{0,40}\bfor\s++(a\s++(period\s++of\s++)?|up\s++to\s++)?|\bcommit(ment)?\s++to\s++(at\s++least\s++|a\s++minimum\s++of\s++)?|"
    r"\bfor\s++a\s++period\s++of)\s*+$",
    re.IGNORECASE,
)
_EDUCATION_SUBSTITUTE_AFTER = re.compile(
    r"\s*+(of\s+)?(\w+\s+){0,2}?equivalent\b|\s*+(of\s+)?(\w+\s+){0,3}?experience\s+in\s+lieu\b",
    re.IGNORECASE,
)
_EXPERIENCE_NEXT = re.compile(r"\s*+(?:of\s++)?experience", re.IGNORECASE)
_EXPERIENCE = re.compile(r"\bexperience\b", re.IGNORECASE)
_EDUCATION = re.compile(r"\b(degree|diploma|bachelor|master|education)", re.IGNORECASE)
# How much text before a mention its patterns read: their longest phrase with room to spare (not
# the whole clause before it: a clause of thousands of mentions is read in linear time).
_BEFORE = 160
# "we have over 15 years", "Acme has 40 years": the employer's own experience.
_COMPANY_HAS = re.compile(
    r"\b(we|our\s+\w+|the\s+(company|firm|team))\s+(have|has|bring|brings)\s+"
    r"(over\s+|more\s+than\s+|nearly\s+|almost\s+)?$",
    re.IGNORECASE,
)
_COMPANY_OPENING = re.compile(
    r"^[Ww]ith\s+(over\s+|more\s+than\s+)?\S+\s+years?\b[^,]*,\s+[A-Z]\w*\s+(is|are|has)\b"
)
# The employer speaking of itself ("for over 10 years we have ..."), with no word about the candidate.
_COMPANY_VOICE = re.compile(r"\b(we|we're|we've|our|us)\b", re.IGNORECASE)
_CANDIDATE_VOICE = re.compile(
    r"\b(you|your|candidates?|applicants?|must|should|requires?|required|minimum|at least|ideal|ideally|"
    r"preferred|seeking|looking for|need|needs|hire|hiring)\b",
    re.IGNORECASE,
)
# What a clause's preferred cue may belong to instead of its years: an aside in parentheses
# ("(5 preferred)", "(…, or DTC a plus)"), what follows "preferably"/"ideally", and a later part
# with a subject of its own ("…, industry experience is a plus").
_ASIDE = re.compile(r"\([^()]*\)")
ZERO = re.compile(
    r"\bno\s+(prior\s+|previous\s+|professional\s+|work\s+|sales\s+)?experience\s+(is\s+)?"
    r"(necessary|required|needed)|\b(previous\s+|prior\s+)?experience\s+(is\s+)?not\s+(necessary|required)|"
    r"\bexperience\s+is\s+not\s+(a\s+)?(requirement|prerequisite|must)\b|"
    r"\b(previous|prior|any)\s+experience\b[^.;]{0,100}?\bnot\s+(essential|required|necessary)\b|"
    r"\bwe(?:'ll|\s+will)?\s+train\b|\bwilling\s+to\s+train\b|\bwill\s+train\s+(you|the\s+right)|"
    r"\b(full|comprehensive|complete)\s+(on[- ]the[- ]job\s+)?training\s+((will\s+be|is|shall\s+be)\s+)?"
    r"(provided|given)\b|"
    r"\blooking\s+for\s+a\s+new\s+career\b|\bcareer\s+changers?\b|"
    r"\b(recent|new|fresh)\s+(college\s+|university\s+)?(graduates?|grads?)\b|"
    r"(?<!not\s)(?<!not\san\s)\bentry[- ]level\s+([\w-]+\s+){0,2}?"
    r"(role|position|job|opportunit\w*|candidates?)|"
    # the post is an apprenticeship: "recruit an apprentice", "whilst undertaking your apprenticeship"
    r"\b(recruit|appoint|hire|seeking|looking\s+for|opportunity\s+for)\s+(an?\s+)?([\w&-]+\s+){0,3}"
    r"apprentices?\b|"
    r"\b(undertak\w*|achiev\w*|start\w*|during)\s+(an?\s+|your\s+|the\s+)?([\w-]+\s+){0,3}apprenticeship\b",
    re.IGNORECASE,
)
# "Some baking experience is desired but not required", "… an asset (however not required)".
_DESIRED_ONLY = re.compile(
    r"\bexperience\b[^.;]{0,80}?\b(?:but|however)\s+(?:it\s+is\s+)?not\s+(?:a\s+)?"
    # (a capital may follow: "…not necessaryCanada/US passport holders only")
    r"(?:essential|required|necessary|mandatory|prerequisite|requirement|must)(?!(?-i:[a-z]))",
    re.I,
)


def _desired_only(text: str) -> bool:
    """Experience of the work asked as a wish, not a need: zero. A product's ("Salesforce experience
    preferred but not required") says nothing of experience of the work itself."""
    found = _DESIRED_ONLY.search(text)
    if found is None:
        return False
    before = text[: found.start()].split()
    return not before or not before[-1][:1].isupper()


# "Extensive experience is not required" says little experience will do, not none.
_MUCH = re.compile(
    r"\b(extensive|significant|substantial|considerable|advanced|deep)\s+([\w-]+\s+)?experience\b", re.I
)
# Words one of which a clause must contain (lowercased) before the full patterns run.
_ZERO_WORDS = ("no ", "not ", "train", "grad", "entry", "career", "apprentic")
_UNIT_WORDS = ("year", "yr", "month", "mo")
_OR = re.compile(r"\bor\b", re.IGNORECASE)
_AND = re.compile(r"\band\b", re.IGNORECASE)
# "6-8 years of X experience or equivalence and overall 8-12 years": "or equivalent" qualifies the
# first requirement, and an "and" after it adds a second one.
_OR_EQUIVALENT = re.compile(r"\bor\s+(its\s+)?equivalen\w*\b", re.IGNORECASE)


@dataclass(frozen=True)
class Statement:
    """One experience requirement a clause states: months, and how binding it is."""

    min_months: int
    max_months: int | None
    preferred: bool
    phrase: str


def number(text: str) -> float:
    """A number written as digits, a word, or "five (5)"."""
    text = text.split("(")[0].strip().lower()
    return float(NUMBER_WORDS[text]) if text in NUMBER_WORDS else float(text)


def _months(value: str, unit: str) -> int:  # "1111…1 years" (a float's infinity): 1e9, asked by no job
    return round(min(number(value) * (1 if unit.lower().startswith("mo") else 12), 1e9))


def mention_months(match: re.Match[str]) -> tuple[int, int | None]:
    """(min, max) months of one matched "N years" mention."""
    if match["between"]:
        return _months(match["b1"], match["bunit"]), _months(match["b2"], match["bunit"])
    if match["upto"]:
        return 0, _months(match["u1"], match["uunit"])
    if match["of"]:
        return _months(match["o1"], match["ounit"]), None
    if match["cross"]:
        return _months(match["c1"], match["cunit1"]), _months(match["c2"], match["cunit2"])
    low = _months(match["low"], match["unit"])
    high = _months(match["high"], match["unit"]) if match["high"] else None
    return low, high


class _Clause(NamedTuple):
    """What every mention of one clause asks of the whole clause, read once."""

    company_opening: bool  # "With over 20 years in the trade, Acme is ..."
    names_experience: bool  # "experience", "track record", ... anywhere, or in its heading
    names_education: bool
    last_experience: int  # where the last "experience" starts (-1: none)


def _read_clause(clause: Clause) -> _Clause:
    text = clause.text
    last = -1
    for last_match in _EXPERIENCE.finditer(text):
        last = last_match.start()
    return _Clause(
        bool(_COMPANY_OPENING.match(text)),
        bool(EXPERIENCE_WORD.search(text)) or "experience" in clause.heading.lower(),
        bool(_EDUCATION.search(text)),
        last,
    )


def is_experience_mention(clause: Clause, match: re.Match[str], read: _Clause | None = None) -> bool:
    """Whether an "N years" in a clause is about the candidate's work experience."""
    text, start, end = clause.text, match.start(), match.end()
    read = read or _read_clause(clause)
    before = text[max(0, start - _BEFORE) : start]
    if _NOT_EXPERIENCE_BEFORE.search(before) or _NOT_EXPERIENCE_AFTER.match(text, end):
        return False
    if _COMPANY_HAS.search(before) or read.company_opening:
        return False
    if match["hyphen"] and not _EXPERIENCE_NEXT.match(text, end):
        return False  # "four-year degree", "5-year plan"
    if _EDUCATION_SUBSTITUTE_AFTER.match(text, end) and read.last_experience >= end and read.names_education:
        return False  # "Bachelor's degree or 4 years equivalent experience"
    if read.names_experience:
        return True
    return clause.kind in ("requirements", "preferred") and bool(_STATUS_AFTER.match(text, end))


def _mentions(clause: Clause) -> list[re.Match[str]]:
    """The "N years" mentions of a clause that are about the candidate's experience."""
    text = clause.text
    if _COMPANY_VOICE.search(text) and not _CANDIDATE_VOICE.search(text):
        return []
    read = _read_clause(clause)
    found = [m for m in MENTION.finditer(text) if is_experience_mention(clause, m, read)]
    return [m for m in found if mention_months(m)[0] <= MAX_PLAUSIBLE_MONTHS]


def clause_statement(clause: Clause) -> Statement | None:
    """The requirement one clause states, if any: alternatives ("or") give the lower."""
    text, lower = clause.text, clause.lower
    found = _mentions(clause) if any(w in lower for w in _UNIT_WORDS) else []
    if not found:
        # "No experience necessary", "full training is provided"; a number stated beside it
        # ("1-2 years of experience - career changers welcome") is the requirement.
        zero = any(w in lower for w in _ZERO_WORDS) and (ZERO.search(text) or _desired_only(text))
        return Statement(0, None, False, text) if zero and not _MUCH.search(text) else None
    # Consecutive mentions with an "or" between them are alternatives, and so are the commas of
    # a list that ends in one ("BS with 2 years, MS with 0 years, or PhD"); others all apply.
    between = [text[prev.end() : match.start()] for prev, match in itertools.pairwise(found)]
    listed = any(_is_alternative(part) for part in between)
    groups: list[list[re.Match[str]]] = [[found[0]]]
    for part, match in zip(between, found[1:], strict=True):
        if _is_alternative(part) or (listed and "," in part and not _AND.search(part)):
            groups.append([match])
        else:
            groups[-1].append(match)
    binding = min(
        (max(g, key=lambda m: mention_months(m)[0]) for g in groups), key=lambda m: mention_months(m)[0]
    )
    low, high = mention_months(binding)
    preferred = is_preferred(_scope(text, binding), clause.kind)
    return Statement(low, high, preferred, text)


def _scope(text: str, mention: re.Match[str]) -> str:
    """The part of a clause whose preferred cue is the years': without asides, what follows
    "preferably" after the years, or a later part with a subject of its own ("3 years of Java,
    preferably in banking", "3+ years in CryoEM, industry experience is a plus")."""
    head, tail = text[: mention.end()], text[mention.end() :]
    cut = PREFERABLY.search(tail)
    tail = tail[: cut.start()] if cut else tail
    parts = tail.split(",")
    kept = [parts[0], *(p for p in parts[1:] if not OWN_SUBJECT.match(p))]
    status = _STATUS_AFTER.match(tail)  # "1 year (Preferred)": the years' own status stays
    return _ASIDE.sub("", head + ",".join(kept)) + (status.group() if status else "")


def _is_alternative(between: str) -> bool:
    """Whether the words between two mentions make them alternatives ("... or ...")."""
    if not _OR.search(between):
        return False
    equivalent = _OR_EQUIVALENT.search(between)
    return not (equivalent and _AND.search(between, equivalent.end()))


def binding_statement(statements: Iterable[Statement]) -> Statement | None:
    """All required statements apply (the highest binds); else the lowest preferred one."""
    required: list[Statement] = []
    preferred: list[Statement] = []
    for statement in statements:
        (preferred if statement.preferred else required).append(statement)
    if required:
        return max(required, key=lambda s: s.min_months)
    return min(preferred, key=lambda s: s.min_months, default=None)


def find_experience(sections: tuple[Section, ...] | Reading) -> Statement | None:
    """The binding experience requirement of a posting (its sections, or a reading of them)."""
    candidates = as_reading(sections).having(_ZERO_WORDS + _UNIT_WORDS)
    return binding_statement(s for c in candidates if (s := timed(clause_statement, c)) is not None)
