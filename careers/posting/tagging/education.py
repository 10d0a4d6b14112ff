"""Education: the degree a posting asks for, whether required, and if experience may replace it."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from careers.model import EDUCATION_LEVELS, Education, Section
from careers.posting.deadline import timed
from careers.posting.tagging.experience import MENTION, mention_months
from careers.posting.tagging.text import (
    OWN_SUBJECT,
    PREFERABLY,
    Clause,
    Reading,
    as_reading,
    has_any,
    is_preferred,
)

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
    r"(?=\s*+(?:degree|in\s+[A-Z]|from\b|required|preferred|/|\(|"
    r",?\s*+or\s+(?:equivalent|related|higher|above)))"
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
        # a board's field: "No degree, certificate or diploma"
        r"^\W*no\s+(?:formal\s+)?(?:degree|diploma|certificate|qualification)s?\s*(?:,|\bor\b|$)",
    )),
    ("doctorate", (
        r"\bph\.?\s?d\b", r"\bdoctorate\b", r"\bdoctoral\b", r"\bdoctor\s+of\b", r"\bjuris\s+doctor",
        r"\bpharm\.?\s?d\b", r"\bmedical\s+degree", r"\blaw\s+degree", r"\bhigher\s+medical\s+education",
    )),
    ("master", (
        r"\bmaster(?:'s|s)\b", r"\bmaster\s+(?:of|degree)\b", r"\bmba\b", r"\bmsc\b",
        r"\b(?:graduate|advanced|post-?graduate)\s+(?:level\s+)?degree",
    )),
    ("bachelor", (
        r"\bbachelor'?s?\b", r"\bbaccalaureate\b",
        r"\b(?:four|4)[- ]years?\s+(?:college\s+|university\s+)?degree",
        r"^\W*(?:a\s+|completed\s+)?(?:higher|university)\s+education\b",
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
        r"\bnon-?university\s+(?:certificate|diploma)",
        # completed trade training: "completed vocational training", "Certificate IV", German Ausbildung
        r"\bcompleted\s+(?:vocational\s+|professional\s+|commercial\s+|technical\s+)?training\b",
        r"\bcertificate\s+(?:i{1,3}|iv|v)\b", r"\bdegree\s+or\s+(?:a\s+)?(?:professional\s+)?certification",
        r"\b(?:berufs)?ausbildung\b",
        r"\bjourney(?:man|woman|person)?[\s-]+(?:level\s+)?(?:licen[cs]e|card|status)",
    )),
    ("some_college", (
        r"\bsome\s+(?:college|university)\b", r"\bcollege\s+(?:coursework|credits)",
        r"\b(?:\d|one|two|three)\s+years?\s+of\s+(?:college|university)",
    )),
    ("high_school", (
        r"\bhigh\)?[\s-]+school\b", r"\bGED\b", r"\babitur\b", r"\bsecondary\s+(?:school|education)\b",
        r"\bHS\s+diploma",
        r"\bgcse'?s?\b", r"\ba[- ]levels\b",
        r"\ba[- ]level\s+(?:standard|education|qualifications?|or\s+equivalent)",
    )),
)  # fmt: skip
# A bare "degree" with a status or field ("Degree preferred", "degree in Finance") reads as a
# bachelor's, but only when the clause names no level of its own.
_BARE_DEGREE = re.compile(
    r"(?<!\bhigh\s)(?<!\bsome\s)(?<!\bschool\s)(?<!-)\bdegree\b(?!\s+of\b)"
    r"(?=\s*(?:in\b|preferred|required|desired|or\b|from\b|is\b|a\s+plus|$|[.,;:()]))",
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
                    "gmc", "gdc", "nvq", "btec", "city & guilds", "city and guilds", "city guilds",
                    "completed", "apprentice", "journey", "higher education", "abitur", "ausbildung",
                    "studium", "teaching", "qts", "solicitor")  # fmt: skip
# A professional registration or licence stands for the qualification it needs (tagging spec:
# "read as the requirement it is"), whoever registers it: nursing, pharmacy, allied health.
_REGISTRATION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("certificate", (
        # (not CPhT or PTCB: national certificates no programme of study leads to, README E6)
        r"\b(?:LPN|LVN|CNA|BTEC)\b", r"\blicensed\s+(?:practical|vocational)\s+nurse",
        r"\bcertified\s+nursing\s+assistant",
        r"\bGPhC\b[^.;]{0,60}\bpharmacy\s+technician|\bpharmacy\s+technician\b[^.;]{0,60}\bGPhC\b",
        r"\bpharmacy\s+technician\s+qualification",
        r"\bdental\s+nurs\w+\b[^.;]{0,40}\bGDC\b|\bGDC\b[^.;]{0,40}\bdental\s+nurs",
        r"\bNVQ\s+(?:level\s+)?[2-4]\b", r"\bCity\s+(?:&\s+|and\s+)?Guilds\b",
        r"\bvocational\s+qualification",
        r"\b(?:completed|served)\s+(?:an\s+)?apprenticeship\b",
        r"\bcompletion\s+of\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}apprenticeship\b",
    )),
    ("associate", (
        r"\bRN\s+licen[cs](?:e|ure)\b", r"\bregistered\s+nurse\s+licen[cs]e", r"\blicensed\s+as\s+an\s+RN\b",
        r"\bnursing\s+school\s+graduate|\bgraduate\s+of\s+an?\s+(?:accredited\s+)?(?:school\s+of\s+nursing|nursing\s+)",
    )),
    ("bachelor", (
        r"\bHCPC\b", r"\bHealth\s+(?:and\s+Care\s+)?Professions\s+Council", r"\bNMC\s+regist",
        r"\bregistered\s+with\s+the\s+NMC\b", r"\bNursing\s+and\s+Midwifery\s+Council",
        r"\bSocial\s+Work\s+England",
        r"\bregistered\s+(?:mental\s+health\s+|general\s+|learning\s+disabilit\w+\s+)?(?:nurses?|midwife)\b",
        r"\b(?:RMN|RNLD|RGN)\b",
        r"\bteaching\s+(?:qualification|licen[cs]e|credential)|\bqualified\s+teacher\s+status|\bQTS\b",
        r"\bqualified\s+solicitor\b", r"\b(?:abgeschlossenes\s+)?(?:hochschul)?studium\b",
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
    r"rising\s+(junior|senior)|working\s+towards?\s+an?\s|(?:you\s+are\s+)?completing\s+(?:a|an|your)\s|"
    r"in\s+progress|predicted\s+(?:undergraduate|graduate|degree|\w+\s+degree)|(?:expected\s+to\s+)?graduat(?:e|ing)\s+in\s+\d|"
    r"students?\s+(?:from|at|of)\s+(?:bachelor|undergraduate|master))",
    re.IGNORECASE,
)
# The word joining two levels named in one clause: "or" (alternatives) or "with", "and", "plus".
_JOINED_BY = re.compile(r"\b(?:or|and|with|plus|including)\b|[,/;]", re.IGNORECASE)
# An aside in parentheses, not the level's own status ("(preferred)" stays).
_ASIDE = re.compile(r"\((?!\s*(?:preferred|required|desired|a\s+plus|ideal)\s*\))[^()]*\)", re.IGNORECASE)
# Courses taken, not a qualification held: "6 semester units in accounting", "one year of coursework".
_COURSEWORK = re.compile(r"\b(?:semester|quarter)\s+units\b|\bcoursework\b|\bcredit\s+hours\b", re.I)
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
    kind: str = ""


def clause_levels(text: str) -> list[str]:
    """Every education level a clause names, abbreviations only where they mean a degree."""
    return [level for _, level in level_mentions(text)]


def level_mentions(text: str) -> list[tuple[int, str]]:
    """Where a clause names each education level (its first mention), in the order written."""
    lower = text.lower()
    found = [(m.start(), level) for level, pattern in _LEVEL_WORDS if (m := pattern.search(lower))]
    found += [(m.start(), level) for level, pattern in _REGISTRATIONS if (m := pattern.search(text))]
    if has_any(text, _ABBREV_WORDS):
        paired = {m.span() for m in _PAIR.finditer(text)}
        for level, pattern in _LEVEL_ABBREVS:
            for match in pattern.finditer(text):
                if _is_degree_abbrev(text, match, paired):
                    found.append((match.start(), level))
                    break
    if not found and (bare := _BARE_DEGREE.search(text)):
        found.append((bare.start(), "bachelor"))
    return sorted(found)


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
    """The level a clause asks for, if it names one: levels joined by "or" are alternatives (the
    lowest), joined by "with", "and", "plus" all apply ("NVQ Level 4 with GCSEs": the NVQ)."""
    text = clause.text
    if _STUDENT.search(text) or _COURSEWORK.search(text):
        return None
    mentions = level_mentions(text)
    if not mentions:
        return None
    groups = [[mentions[0]]]
    for (start, _), mention in itertools.pairwise(mentions):
        if _JOINED_BY.findall(text[start : mention[0]])[-1:] in ([], ["or"], [","], ["/"]):
            groups.append([mention])
        else:
            groups[-1].append(mention)
    order = EDUCATION_LEVELS.index
    start, level = min((max(g, key=lambda m: order(m[1])) for g in groups), key=lambda m: order(m[1]))
    equivalent = bool(_EQUIVALENT_EXPERIENCE.search(text))
    months = _equivalent_months(text) if equivalent else None
    preferred = _preferred_at(clause, start)
    return _Found(level, preferred, text, equivalent, months, clause.kind)


def _preferred_at(clause: Clause, start: int) -> bool:
    """Whether the level at ``start`` is asked as preferred: by its section, or by the words
    around it (its comma-separated part and the next), not "preferably in Economics" after it
    nor an aside in parentheses."""
    if clause.kind == "preferred" or not clause.preferred:
        return clause.preferred
    text = clause.text
    begin = text.rfind(",", 0, start) + 1
    comma = text.find(",", start)
    end = text.find(",", comma + 1) if comma >= 0 else -1
    near = text[begin : end if end > 0 else len(text)]
    if comma >= 0 and OWN_SUBJECT.match(text[comma + 1 :]):  # ", industry experience is a plus"
        near = text[begin:comma]
    cut = PREFERABLY.search(near, start - begin)
    return is_preferred(_ASIDE.sub("", near[: cut.start()] if cut else near), clause.kind)


def binding_education(found: Iterable[_Found]) -> Education | None:
    """The lowest level a required statement accepts; else the lowest preferred one.

    Two required degrees are two routes in ("PhD in Toxicology" and "MS with 2 years of industry
    experience" as two bullets): a posting never asks for both. "No degree required" binds only
    when no statement names a level.
    """
    items = list(found)
    required = [f for f in items if not f.preferred]
    if any(f.kind == "requirements" for f in required):  # the list of requirements is the word on it
        required = [f for f in required if f.kind == "requirements"]
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
