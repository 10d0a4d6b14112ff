"""``check --advice``: per posting, what job seekers are known to weigh, each with why it matters.

Suggestions, never errors: field studies disagree on how much wording moves who applies
(Castilla & Rho 2023 found gendered wording made little difference), so nothing here fails a
check. Each line says what was found and, in one sentence, why it may matter.
"""

from __future__ import annotations

import re
from collections import Counter

from careers.advice.readability import reading_grade
from careers.advice.words import coded_in
from careers.model import LEVEL_NAMES, Posting
from careers.posting.html import html_text

LONG_POSTING = 1000  # words; 300 to 750 is what postings that draw applicants run to (Textio)
HARD_GRADE = 14  # a US school grade (university) above which fewer readers follow easily
CODED_GAP = 2  # masculine-coded words beyond feminine-coded ones before it is worth a word
REQUIREMENTS_RATIO = 2  # requirements this many times as long as the responsibilities
# Years asked for that do not fit a level: (level, fewest months, most months) that fit it.
LEVEL_MONTHS = {"internship": (0, 12), "entry": (0, 24), "director": (36, None), "executive": (60, None)}

NO_LOCATION = "no location: half or more of job seekers pass over a job that does not say where it is (SEEK)"
NO_PAY = (
    "no pay stated: ads with a salary draw about half again as many applications (SEEK), "
    "and several laws require it (check names them)"
)
LONG = (
    "postings of 300 to 750 words draw the most applicants; cut what a candidate need not know yet (Textio)"
)
HARD = "shorter sentences and plainer words reach more readers"
Advice = tuple[str, str]  # (the front matter key or "body" it points at, the suggestion and why)


def posting_advice(posting: Posting) -> list[Advice]:
    """Every suggestion for ``posting``, in a fixed order."""
    text = "\n".join(html_text(s.html) for s in posting.sections)
    found: list[Advice] = []
    found.extend(_coded(text))
    found.extend(_requirements(posting))
    found.extend(_years(posting))
    if not posting.location:
        found.append(("location", NO_LOCATION))
    if not (posting.salary and posting.salary.known) and not posting.pay_shared_before_interview:
        found.append(("salary", NO_PAY))
    words = len(text.split())
    if words > LONG_POSTING:
        found.append(("body", f"{words:,} words: {LONG}"))
    grade = reading_grade(text)
    if grade is not None and grade > HARD_GRADE:
        found.append(("body", f"reads at US school grade {grade:g} (Flesch–Kincaid): {HARD}"))
    return found


def _coded(text: str) -> list[Advice]:
    feminine, masculine = coded_in(text)
    gap = sum(masculine.values()) - sum(feminine.values())
    if gap < CODED_GAP:
        return []
    strength = "strongly masculine-coded" if gap > 3 else "masculine-coded"
    said = f"{strength} wording: {_listed(masculine)} against {sum(feminine.values())} feminine-coded"
    why = (
        "such words made ads less appealing to women in Gaucher, Friesen & Kay (2011), though later field "
        "studies find the effect small"
    )
    return [("body", f"{said}; {why}")]


def _listed(counts: Counter[str]) -> str:
    shown = [f"{word} ×{n}" if n > 1 else word for word, n in counts.most_common(6)]
    more = ", …" if len(counts) > 6 else ""
    return f"{sum(counts.values())} masculine-coded ({', '.join(shown)}{more})"


def _requirements(posting: Posting) -> list[Advice]:
    """A requirements list much longer than what the job does puts off those who meet most of it."""
    sizes = {"requirements": [0, 0], "responsibilities": [0, 0]}
    for section in posting.sections:
        if section.kind in sizes:
            sizes[section.kind][0] += len(re.findall(r"<li>", section.html)) or 1
            sizes[section.kind][1] += len(html_text(section.html).split())
    (asked, asked_words), (does, does_words) = sizes["requirements"], sizes["responsibilities"]
    if asked >= 6 and asked_words > REQUIREMENTS_RATIO * max(does_words, 1):
        what = f"{does} responsibilities" if does else "no responsibilities"
        said = f"{asked} requirements ({asked_words} words) against {what} ({does_words} words)"
        why = "a long list of must-haves deters people who meet most of it; say what the job does"
        return [("body", f"{said}: {why}")]
    return []


def _years(posting: Posting) -> list[Advice]:
    """Years asked for that do not fit the level the title or front matter gives."""
    experience = posting.experience
    if experience is None or experience.min_months is None or experience.level not in LEVEL_MONTHS:
        return []
    if experience.level_reason.endswith("months of experience"):
        return []  # the level was read from these very years
    fewest, most = LEVEL_MONTHS[experience.level]
    years = experience.min_months / 12
    name = LEVEL_NAMES[experience.level].lower()
    if most is not None and experience.min_months > most:
        return [
            ("body", f"asks for {years:g} years for a job at {name}: people new to the work will not apply")
        ]
    if experience.min_months < fewest:
        return [
            ("body", f"asks for {years:g} years for a job at {name}: say what experience the level needs")
        ]
    return []
