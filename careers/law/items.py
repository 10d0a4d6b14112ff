"""What each item of a pay-transparency law asks of a posting, and whether the posting holds it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from careers.law.places import Where
from careers.law.table import Law
from careers.law.titles import neutral_title_problem
from careers.model import PayRange, Posting, Salary
from careers.posting.html import html_text
from careers.posting.salary import money, pay_label
from careers.posting.salary_shown import yearly_top

_BENEFITS = re.compile(
    r"\b(?:health|medical|dental|vision|insurance|401\s*\(?k\)?|pension|retirement|paid time off|pto|vacation"
    r"|holidays?|parental leave|equity|stock|bonus(?:es)?|tuition|wellness|disability|annual leave)\b",
    re.IGNORECASE,
)
_COMMISSION_ONLY = re.compile(
    r"\b(?:commission[- ]only|100\s?% commission|commission[- ]based|straight commission"
    r"|paid (?:solely |entirely |only )?(?:on|by|through) commission)\b",
    re.IGNORECASE,
)
_TIPPED = re.compile(r"\b(?:tipped|tips|gratuit(?:y|ies))\b", re.IGNORECASE)
_AI = re.compile(
    r"\b(?:artificial intelligence|AI)\b[^.]{0,80}\b(?:screen|assess|select|evaluat|review|rank)"
    r"|\b(?:screen|assess|select|evaluat|review|rank)\w*\b[^.]{0,80}\b(?:artificial intelligence|AI)\b"
)
_VACANCY = re.compile(
    r"\b(?:existing (?:vacancy|position|role)|(?:not|no) (?:an? )?(?:existing|current) vacancy"
    r"|future (?:vacancies|openings|needs)|talent (?:pool|pipeline))\b",
    re.IGNORECASE,
)
# The front matter key each item's finding points at ("body": where the body starts).
KEYS = {
    "pay": "salary", "open_end": "salary", "width": "salary", "benefits": "body",
    "close_date": "valid_through", "description": "body", "tipped": "salary", "ai_screening": "body",
    "existing_vacancy": "body",
    "neutral_title": "title", "pay_info": "salary",
}  # fmt: skip


@dataclass(frozen=True)
class Holding:
    """What a posting holds that laws ask about, read once per posting."""

    posting: Posting
    where: Where
    text: str  # the whole posting as plain text
    closes: dt.date | None  # the day it closes (stated, or by the site's max age)


def holding(posting: Posting, where: Where, closes: dt.date | None) -> Holding:
    text = "\n".join(html_text(s.html) for s in posting.sections)
    return Holding(posting, where, text, closes)


def missing(item: str, law: Law, held: Holding) -> tuple[str, str] | None:
    """``(rule, what the law asks for)`` when the posting lacks ``item``; ``None`` when it holds it."""
    posting = held.posting
    if item == "pay":
        return _pay(law, held)
    if item == "benefits":
        sections = any(s.kind == "benefits" for s in posting.sections)
        found = {m.group().lower() for m in _BENEFITS.finditer(held.text)}
        if sections or len(found) >= 2 or (law.link_ok and posting.pay_url):
            return None
        return "benefits", "a general description of the benefits and other compensation"
    if item == "close_date":
        return None if held.closes else ("close_date", "the date applications close ('valid_through:')")
    if item == "description":
        return None if len(held.text.split()) >= 20 else ("description", "the job description")
    if item == "tipped":
        known = posting.salary is not None and posting.salary.known
        if _TIPPED.search(held.text) and not known:
            return "tipped", "a tipped job to say so and to state its base wage or range ('salary:')"
        return None
    if item == "ai_screening":
        if posting.ai_screening is not None or _AI.search(held.text):
            return None
        return "ai_screening", "the posting to say whether artificial intelligence screens, assesses or "
        "selects applicants ('ai_screening: true' or 'false')"
    if item == "existing_vacancy":
        if posting.existing_vacancy is not None or _VACANCY.search(held.text):
            return None
        return "existing_vacancy", "the posting to say whether it is for an existing vacancy "
        "('existing_vacancy: true' or 'false')"
    if item == "neutral_title":
        country = held.where.place.country if held.where.place else None
        problem = neutral_title_problem(posting.title, country)
        return ("neutral_title", f"a gender-neutral job title: {problem}") if problem else None
    if item == "pay_info":
        known = posting.salary is not None and posting.salary.known
        if known or posting.pay_shared_before_interview:
            return None
        return "pay_info", (
            "that applicants learn the pay or its range before the interview: state it ('salary:'), or set "
            "'pay_shared_before_interview: true' if every applicant is told it before any interview"
        )
    raise ValueError(f"unknown requirement {item!r}")


def _pay(law: Law, held: Holding) -> tuple[str, str] | None:
    posting, salary = held.posting, held.posting.salary
    top = yearly_top(salary)
    if law.exempt_above and top is not None and top > law.exempt_above:
        return None  # Ontario: a job paying over $200,000 a year need not state it
    if salary is not None and salary.known:
        return _range(law, salary)
    if law.link_ok and posting.pay_url:
        return None
    if law.commission_ok and _COMMISSION_ONLY.search(held.text):
        return None
    if posting.pay_url:
        return "pay", "the pay or pay range in the posting itself: a link to it ('pay_url:') is not enough"
    said = f" ('{pay_label(salary)}' states no amount)" if salary else ""
    return "pay", f"the pay or pay range in the posting ('salary:'){said}"


def _range(law: Law, salary: Salary) -> tuple[str, str] | None:
    """An open end, or a range wider than the law allows, in the range given for its place if any."""
    pay = _for_place(salary, law)
    if pay.min_value is None or pay.max_value is None:
        if law.open_ends:
            return None
        return "open_end", f"a pay range with both ends, not an open one ('{pay_label(pay)}')"
    width = pay.max_value - pay.min_value
    if law.max_width and width > law.max_width:
        cap = money(law.currency, law.max_width)
        return (
            "width",
            f"a pay range no wider than {cap}: '{pay_label(pay)}' is {money(pay.currency, width)} wide",
        )
    return None


def _for_place(salary: Salary, law: Law) -> Salary | PayRange:
    """The range a posting gives for the law's place ("For Colorado, …"), else its one value."""
    names = {law.name.lower(), law.id.lower(), *law.regions}
    for place in salary.places:
        words = set(re.findall(r"[a-z.]+(?: [a-z]+)?", place.place.lower())) | {place.place.lower()}
        if names & words or any(name in place.place.lower() for name in names if len(name) > 3):
            return place
    return salary
