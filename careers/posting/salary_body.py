"""Pay read from anywhere in a posting's text: a "Salary Range" section, a sentence in the
benefits, a pay-transparency paragraph, one range per place.

A body is full of money that is not pay ("raised a $260M Series C", "$0 deductibles",
"Tuition reimbursement: up to $5,250/year"), so an amount counts only where the text says it
is pay: a pay word before it in its clause ("salary", "pay range", "hourly rate") or in its
section's heading, or a pay period right after it that opens its clause ("$9.50/hour"). Words
that make an amount something else (reimbursement, budget, funding) rule it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from careers.model import PayRange, Salary, Section
from careers.posting.clean import section_text
from careers.posting.salary import Amount, money_groups, salary_of_group, unit_after

# fmt: off
_PAY = re.compile(
    r"salar(?:y|ies)|\b(?:pay|paid|wages?|comp|compensation|remuneration|rates?|earn(?:ings)?|OTE"
    r"|gehalt|vergütung|lohn|brutto|salaire|rémunération|sueldo)\b", re.IGNORECASE,
)
_STRONG = re.compile(
    r"salar(?:y|ies)|\b(?:pay\s+(?:range|rate|scale|band)|base\s+pay|rate\s+of\s+pay|hourly\s+(?:rate|pay|wage)"
    r"|wages?|compensation|remuneration|pay:|gehalt|vergütung|salaire)\b", re.IGNORECASE,
)
# Before an amount: what makes it something other than pay.
_NOT_PAY_BEFORE = re.compile(
    r"\b(?:reimburs\w*|stipends?|allowances?|bonus(?:es)?|relocation|deductibles?|co-?pays?|costs?|fees?"
    r"|discounts?|raised|rais(?:e|ing)|funding|series\s+[a-f]|revenues?|turnover|budgets?|billion|million"
    r"|trillion|worth|industry|assets|match(?:ing)?|401\s*\(?k|tuition|fitness|wellness|products?"
    r"|referral|sign[- ]?on|signing|giving|savings|deducted|donat\w*|credits?|valuation|spend|invest\w*"
    r"|loans?|grants?|equipment|commission|incentives?|generates?|professional\s+development|home\s+office)\b",
    re.IGNORECASE,
)
# After an amount: what says the amount is something else ("$150/month in product").
_NOT_PAY_AFTER = re.compile(
    r"^\W{0,3}(?:\S+\s+){0,4}?(?:reimburs\w*|products?|deductibles?|co-?pays?|discounts?|credits?|allowances?"
    r"|stipends?|incentives?|in\s+(?:funding|capital|revenue|sales)|series|valuation|budget|million|billion"
    r"|to\s+spend)\b",
    re.IGNORECASE,
)
# A place a range is given for: "Portland, OR pay range", "For Colorado, the salary range is", "in New York".
_PLACE_RANGE = re.compile(
    r"(?<![\w.])(?P<place>[A-Z][\w.]*+(?:,?\s++[A-Z][\w.]*+){0,4})\s++(?:base\s++)?(?:pay|salary|compensation|wage)\s++range",
)
_PLACE_FOR = re.compile(r"\b(?i:for|in|across)\s+(?:the\s+)?(?P<place>[A-Z][\w.]*(?:,?\s+[A-Z][\w.]*){0,3})")
_PLACES = re.compile(
    r"\b(?:U\.?S\.?A?|United States|Canada|UK|United Kingdom|[A-Z]{2}|New York|California|Colorado|Washington"
    r"|Illinois|Hawaii|Maryland|Massachusetts|Minnesota|Vermont|New Jersey|Ontario|British Columbia"
    r"|Texas|Florida|Remote|[A-Z][a-z]+ Bay Area|Zone \d)\b",
)
# fmt: on
_NATIONAL = re.compile(r"^(?:the\s+)?(?:U\.?S\.?A?|United States|US|national(?:ly)?)$", re.IGNORECASE)
CLAUSE = re.compile(r"(?<=[.;!?])\s++(?=[A-Z(])|(?<!\s)\s++\|\s++|\n")
_DIGIT = re.compile(r"\d")
WINDOW = 100  # how far before an amount its clause is read for what the amount is


@dataclass(frozen=True)
class Found:
    """A money amount (or range) the text says is pay, how plainly it says so, and for where."""

    salary: Salary
    score: int
    place: str | None


def pay_in_sections(
    sections: tuple[Section, ...], details: tuple[tuple[str, str], ...] = ()
) -> Salary | None:
    """The pay a posting's text states, if it states any amount; ranges per place kept apart.

    ``details`` are a board's labelled facts no field took ("Pay Rates: Days: £19.29 …").
    """
    found: list[Found] = []
    blocks = [(s.heading or "", [s.heading or "", *section_text(s).split("\n")]) for s in sections]
    blocks += [(label, [value]) for label, value in details]
    for heading, lines in blocks:
        cue = (
            0
            if _NOT_PAY_BEFORE.search(heading)
            else 3
            if _STRONG.search(heading)
            else 2 * bool(_PAY.search(heading))
        )
        previous = ""
        for line in lines:
            if not _DIGIT.search(line):
                previous = line  # no amount on it (most lines): split only if one opens the next
                continue
            for clause in (c for c in CLAUSE.split(line) if c.strip()):
                found.extend(_in_clause(clause, cue, previous))
                previous = clause
    if not found:
        return None
    best = max(f.score for f in found)
    return _one_value([f for f in found if f.score == best])


def _in_clause(clause: str, heading_cue: int, previous: str) -> list[Found]:
    found: list[Found] = []
    if not _DIGIT.search(clause):
        return found  # most clauses of a posting: no amount to look for
    for group in money_groups(clause):
        before = clause[max(0, group[0].start - WINDOW) : group[0].start]
        opens = not re.search(r"[A-Za-z]{3}", before)  # the amount opens its clause: read the one before
        if opens:
            previous = _last_clause(previous)
        cue = heading_cue or (2 if opens and _PAY.search(previous) else 0)
        score = _score(clause, group, before, cue)
        if score:
            place = _place(before) or (_place(previous) if opens else None)
            found.append(Found(salary_of_group(clause, group, None), score, place))
    return found


def _last_clause(text: str) -> str:
    """The last clause of a line (the line itself when it is one clause)."""
    clauses = [c for c in CLAUSE.split(text) if c.strip()]
    return clauses[-1] if clauses else text


def _score(clause: str, group: tuple[Amount, ...], before: str, cued: int) -> int:
    """How plainly the text says this is pay: 0 (not pay), 1 (its shape only), up to 4 (pay word, range)."""
    cue = _last(_PAY, before)
    spoiler = _last(_NOT_PAY_BEFORE, before)
    if spoiler is not None and (cue is None or spoiler > cue) and not _STRONG.search(before[spoiler:]):
        return 0
    after = clause[group[-1].end : group[-1].end + 60]
    if _NOT_PAY_AFTER.search(after):
        return 0
    ranged = 1 if len(group) == 2 else 0
    if cue is not None:
        return (3 if _STRONG.search(before) else 2) + ranged
    if cued:
        return cued + ranged
    if _STRONG.search(after[:30]):
        return 2 + ranged  # "$110,000-$180,000 base salary range"
    # With no pay word, only an amount in a currency, opening its clause or after a few words:
    # "$9.50/hour", "£18,005 - £19,337 per annum", "Jobs in Asia $1,500+ USD monthly".
    period = unit_after(clause, group[-1].end)
    opens = not re.search(r"[A-Za-z]{3}", before)
    short = len(before.split()) <= 4 and ":" not in before
    money = any(a.currency for a in group)
    return 1 if money and ((opens and (period or ranged)) or (short and period)) else 0


def _last(pattern: re.Pattern[str], text: str) -> int | None:
    found = None
    for found_match in pattern.finditer(text):
        found = found_match.start()
    return found


def _place(text: str) -> str | None:
    """The place a range is said to be for, if the words before it name one."""
    named = []
    for pattern in (_PLACE_RANGE, _PLACE_FOR):
        for match in pattern.finditer(text):
            place = re.sub(r"^(?:The|Our|This|A|An)\b\s*", "", match.group("place")).strip(" ,:")
            if place and (pattern is _PLACE_RANGE or _PLACES.search(place)):
                named.append((match.start(), place))
    return max(named)[1] if named else None


def _one_value(chosen: list[Found]) -> Salary:
    """One salary: the first stated, or (one range per place) the national one, else their span."""
    first = chosen[0].salary
    placed = [f for f in chosen if f.place]
    if len({f.place for f in placed}) < 2:
        return first
    places = tuple(
        PayRange(f.place or "", f.salary.currency, f.salary.min_value, f.salary.max_value, f.salary.unit)
        for f in placed
    )
    national = next((f.salary for f in placed if _NATIONAL.match(f.place or "")), None)
    if national is not None:
        return replace(national, places=places)
    same = [p for p in places if p.currency == first.currency and p.unit == first.unit]
    lows = [p.min_value for p in same if p.min_value is not None]
    highs = [p.max_value for p in same if p.max_value is not None]
    text = "; ".join(f.salary.text for f in placed)
    lo, hi = min(lows) if lows else None, max(highs) if highs else None
    return Salary(first.currency, lo, hi, first.unit, text, places)


def choose_salary(
    stated: Salary | None,
    labelled: Salary | None,
    sections: tuple[Section, ...],
    details: tuple[tuple[str, str], ...] = (),
) -> Salary | None:
    """Front matter's salary; else a board's labelled pay if it has amounts; else the body's; else words."""
    if stated is not None:
        return stated
    if labelled is not None and labelled.known:
        return labelled
    return pay_in_sections(sections, details) or labelled
