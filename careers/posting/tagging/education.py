"""Education: the degree a posting asks for, whether required, and if experience may replace it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from careers.model import Education, Section
from careers.posting.deadline import timed
from careers.posting.tagging.experience import MENTION, mention_months
from careers.posting.tagging.text import Clause, Reading, as_reading, has_any

EDUCATION_LEVELS = (
    "none", "high_school", "some_college", "certificate", "associate", "bachelor", "master", "doctorate",
)  # fmt: skip

# Two- or three-letter degree abbreviations count only as pairs ("BA/BS") or next to a degree
# word or field ("BS in Finance"): "MS Office" is Microsoft and "Boston, MA" a state.
_ABBREV = {
    "associate": r"A\.?A\.?S?\.?|A\.?S\.?",
    "bachelor": (r"B\.?A\.?|B\.?S\.?|B\.?Sc\.?|BBA|BSN|BEng|B\.?Eng\.?|BFA|BSEE|BSME|B\.E\.|B\.?\s?Tech\.?"),
    "master": (r"M\.?A\.?|M\.?S\.?|M\.?Sc\.?|MSN|MPH|MSW|MFA|MEng|M\.?Ed\.?|MPA|MHA|M\.?\s?Tech\.?|MPharm"),
    "doctorate": r"J\.?D\.?|M\.?D\.?|D\.?O\.?|DNP|DPT|DDS|DMD|Ed\.?D\.?|Psy\.?D\.?|Pharm\.?\s?D\.?",
}
_ANY_ABBREV = "|".join(f"(?:{p})" for p in _ABBREV.values())
_PAIR = re.compile(rf"(?<![\w.])(?:{_ANY_ABBREV})(?:\s*/\s*|\s+or\s+|\s*,\s*)(?:{_ANY_ABBREV})(?![\w])")
_NEXT_TO_DEGREE = re.compile(
    r"(?=\s*+(?:degree|in\s+[A-Z]|from\b|required|preferred|/|\(|,?\s*+or\s+(?:equivalent|related)))"
)
# "4 years of equivalent work experience" after a degree: what may replace it.
_YEARS_REPLACING = re.compile(
    r"\s*+(?:of\s++)?(?:(?:equivalent|comparable|related|relevant)\s*+)?(?:work\s++)?experience"
)

# Each level's phrasings (alternatives, matched ignoring case), tried in this order.
_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("none", (
        r"\bno\s+(?:college\s+|formal\s+)?(?:degree|diploma|education)\s+(?:is\s+)?(?:required|necessary|needed)",
        r"\b(?:degree|diploma)\s+(?:is\s+)?not\s+(?:required|necessary)",
    )),
    ("doctorate", (
        r"\bph\.?\s?d\b", r"\bdoctorate\b", r"\bdoctoral\b", r"\bdoctor\s+of\b", r"\bjuris\s+doctor",
        r"\bpharm\.?\s?d\b", r"\bmedical\s+degree", r"\blaw\s+degree",
    )),
    ("master", (
        r"\bmaster(?:'s|s)\b", r"\bmaster\s+(?:of|degree)\b", r"\bmba\b", r"\bmsc\b",
        r"\b(?:graduate|advanced|post-?graduate)\s+(?:level\s+)?degree",
    )),
    ("bachelor", (
        r"\bbachelor'?s?\b", r"\bbaccalaureate\b",
        r"\b(?:four|4)[- ]year\s+(?:college\s+|university\s+)?degree",
        r"\b(?:undergraduate|university|college)\s+degree", r"\bBSc\b",
    )),
    ("associate", (
        r"\bassociate'?s?\s+(?:degree|of\s+(?:arts|science|applied))",
        r"\bassociate(?:'s|s)\s*(?:or|/)\s*(?:a\s+)?bachelor",
        r"\b(?:two|2)[- ]year\s+(?:college\s+|technical\s+|community\s+college\s+)?degree",
        r"\b(?:two|2)\s+or\s+(?:four|4)[- ]year", r"\bcommunity\s+college\s+degree",
    )),
    ("certificate", (
        r"\b(?:vocational|technical|trade)\s+(?:certificate|school|training|program)",
        r"\bcertificate\s+program", r"\bpost-?secondary\s+(?:certificate|training)",
    )),
    ("some_college", (
        r"\bsome\s+(?:college|university)\b", r"\bcollege\s+(?:coursework|credits)",
        r"\b(?:\d|one|two|three)\s+years?\s+of\s+(?:college|university)",
    )),
    ("high_school", (
        r"\bhigh\s+school\b", r"\bGED\b", r"\bsecondary\s+(?:school|education)\b", r"\bHS\s+diploma",
        r"\bgcse'?s?\b", r"\ba[- ]levels\b",
        r"\ba[- ]level\s+(?:standard|education|qualifications?|or\s+equivalent)",
    )),
)  # fmt: skip
# A bare "degree" with a status or field ("Degree preferred", "degree in Finance") reads as a
# bachelor's, but only when the clause names no level of its own.
_BARE_DEGREE = re.compile(
    r"(?<!\bhigh\s)(?<!\bsome\s)(?<!-)\bdegree\b(?!\s+of\b)"
    r"(?=\s*(?:in\b|preferred|required|desired|or\b|from\b|is\b|a\s+plus|$|[.,;)]))",
    re.IGNORECASE,
)
# Compiled lowercase and searched in the lowercased clause: IGNORECASE is three times slower.
_LEVEL_WORDS = tuple((level, re.compile("|".join(words).lower())) for level, words in _WORDS)
_LEVEL_ABBREVS = tuple(
    (level, re.compile(rf"(?<![\w.])(?:{pattern})(?![\w])", 0)) for level, pattern in _ABBREV.items()
)
# Words one of which a clause must hold before the full patterns run: most clauses name no
# education. The second list is matched as written, for the degree abbreviations.
_EDUCATION_WORDS = ("degree", "diploma", "bachelor", "master", "ph.", "phd", "doctor", "school", "college",
                    "universit", "ged", "mba", "msc", "bsc", "certificate", "vocational", "trade", "graduate",
                    "baccalaureate", "gcse", "level", "regist", "licen", "lpn", "lvn", "hcpc", "nmc", "gphc",
                    "gmc", "gdc", "nvq", "btec", "city & guilds", "city and guilds")  # fmt: skip
# A professional registration or licence stands for the qualification it needs (tagging spec:
# "read as the requirement it is"), whoever registers it: nursing, pharmacy, allied health.
_REGISTRATION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("certificate", (
        r"\b(?:LPN|LVN|CNA|CPhT|PTCB|BTEC)\b", r"\blicensed\s+(?:practical|vocational)\s+nurse",
        r"\bcertified\s+nursing\s+assistant", r"\bregistered\s+pharmacy\s+technician",
        r"\bpharmacy\s+technician\s+(?:registration|licen[cs]e|certification)",
        r"\bdental\s+nurs\w+\b[^.;]{0,40}\bGDC\b|\bGDC\b[^.;]{0,40}\bdental\s+nurs",
        r"\bNVQ\s+(?:level\s+)?[2-4]\b", r"\bCity\s+(?:&|and)\s+Guilds\b", r"\bvocational\s+qualification",
        r"\b(?:completed|served)\s+(?:an\s+)?apprenticeship\b",
    )),
    ("associate", (
        r"\bRN\s+licen[cs](?:e|ure)\b", r"\bregistered\s+nurse\s+licen[cs]e", r"\blicensed\s+as\s+an\s+RN\b",
    )),
    ("bachelor", (
        r"\bHCPC\b", r"\bHealth\s+(?:and\s+Care\s+)?Professions\s+Council", r"\bNMC\s+regist",
        r"\bregistered\s+with\s+the\s+NMC\b", r"\bNursing\s+and\s+Midwifery\s+Council",
        r"\bSocial\s+Work\s+England",
        r"\bregistered\s+(?:mental\s+health\s+|general\s+|learning\s+disabilit\w+\s+)?(?:nurses?|midwife)\b",
        r"\b(?:RMN|RNLD|RGN)\b",
    )),
    ("master", (r"\b(?:GPhC\s+registered|registered|qualified)\s+pharmacist\b",)),
    ("doctorate", (
        r"\bfull\s+GMC\b", r"\bGMC\s+regist", r"\bregistered\s+with\s+the\s+GMC\b",
        r"\blicen[cs]e\s+to\s+practi[cs]e\s+medicine",
    )),
)  # fmt: skip
_REGISTRATIONS = tuple((level, re.compile("|".join(words), re.I)) for level, words in _REGISTRATION_WORDS)
# Text one of which a degree abbreviation needs, as written: "B.S.", "BA/BS", "BS or MS", "BS in".
_ABBREV_WORDS = ("A.", "B.", "M.", "J.", "D.", "Ed.", "/", " or ", " in ", "AAS", "BSc", "MSc", "BEng",
                 "Tech", "MEng", "MEd", "EdD", "BBA", "BSN", "MSN", "MPH", "MSW", "MFA", "BFA", "MPA", "MHA",
                 "JD", "DNP", "DPT", "DDS", "DMD", "PsyD", "Pharm")  # fmt: skip
# Capitals that start a degree abbreviation: a clause holding none of them is not scanned for one.
_ABBREV_STARTS = ("A.", "AA", "AS", "B.", "BA", "BS", "BB", "BE", "BF", "M.", "MA", "MS", "MP", "MF", "MH",
                  "ME", "J.", "JD", "D.", "DO", "DN", "DP", "DD", "DM", "Ed", "Psy", "Pharm")  # fmt: skip
_DOTTED = re.compile(r"^(?:[A-Z][a-z]?\.){2,}")
_STUDENT = re.compile(
    r"\b(currently\s+(pursuing|enrolled|attending|working\s+toward)|pursuing\s+an?\s|enrolled\s+in|"
    r"rising\s+(junior|senior)|working\s+towards?\s+an?\s)",
    re.IGNORECASE,
)
_EQUIVALENT_EXPERIENCE = re.compile(
    r"\bequivalent\s+((work|professional|relevant|related|practical)\s+)*experience|"
    r"\bexperience\s+in\s+lieu\b|\bin\s+lieu\s+of\s+(a\s+)?degree|\bequivalent\s+combination\b|"
    r"\b(years?|yrs?)\s+(of\s+)?(equivalent|comparable)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Found:
    level: str
    preferred: bool
    phrase: str
    equivalent: bool
    equivalent_months: int | None


def clause_levels(text: str) -> list[str]:
    """Every education level a clause names, abbreviations only where they mean a degree."""
    lower = text.lower()
    levels = [level for level, pattern in _LEVEL_WORDS if pattern.search(lower)]
    levels += [level for level, pattern in _REGISTRATIONS if pattern.search(text)]
    if not has_any(text, _ABBREV_WORDS):
        return levels or (["bachelor"] if _BARE_DEGREE.search(text) else [])
    paired = {m.span() for m in _PAIR.finditer(text)}
    for level, pattern in _LEVEL_ABBREVS:
        for match in pattern.finditer(text):
            if _is_degree_abbrev(text, match, paired):
                levels.append(level)
                break
    if not levels and _BARE_DEGREE.search(text):
        levels.append("bachelor")
    return levels


def _is_degree_abbrev(text: str, match: re.Match[str], paired: set[tuple[int, int]]) -> bool:
    if any(start <= match.start() and match.end() <= end for start, end in paired):
        return True
    if _DOTTED.match(match.group()) and match.group().count(".") >= 2:
        return True
    return bool(_NEXT_TO_DEGREE.match(text, match.end()))


def _equivalent_months(text: str) -> int | None:
    for match in MENTION.finditer(text):
        if _YEARS_REPLACING.match(text, match.end()):
            return mention_months(match)[0]
    return None


def clause_education(clause: Clause) -> _Found | None:
    """The lowest level a clause accepts (its levels are alternatives), if it names one."""
    if _STUDENT.search(clause.text):
        return None
    levels = clause_levels(clause.text)
    if not levels:
        return None
    equivalent = bool(_EQUIVALENT_EXPERIENCE.search(clause.text))
    months = _equivalent_months(clause.text) if equivalent else None
    lowest = min(levels, key=EDUCATION_LEVELS.index)
    return _Found(lowest, clause.preferred, clause.text, equivalent, months)


def binding_education(found: Iterable[_Found]) -> Education | None:
    """The lowest level a required statement accepts; else the lowest preferred one.

    Two required degrees are two routes in ("PhD in Toxicology" and "MS with 2 years of industry
    experience" as two bullets): a posting never asks for both. "No degree required" binds only
    when no statement names a level.
    """
    items = list(found)
    required = [f for f in items if not f.preferred]
    preferred = [f for f in items if f.preferred]
    order = EDUCATION_LEVELS.index
    if required:
        levelled = [f for f in required if f.level != "none"] or required
        chosen = min(levelled, key=lambda f: order(f.level))
        above = [f.level for f in preferred if order(f.level) > order(chosen.level)]
        wish = max(above, key=order) if above else None
    elif preferred:
        chosen, wish = min(preferred, key=lambda f: order(f.level)), None
    else:
        return None
    equivalent = chosen.equivalent or any(f.equivalent and f.level == chosen.level for f in items)
    return Education(
        chosen.level, not chosen.preferred, equivalent, chosen.phrase, chosen.equivalent_months, wish
    )


def extract_education(sections: tuple[Section, ...] | Reading) -> Education | None:
    """The education a posting asks for: level, status, and whether experience may replace it."""
    candidates = as_reading(sections).having(_EDUCATION_WORDS, cased=_ABBREV_STARTS)
    return binding_education(f for c in candidates if (f := timed(clause_education, c)) is not None)
