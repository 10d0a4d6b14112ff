"""Pay-transparency findings for ``check``, and ``check --jurisdiction``'s account of what applies and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from careers.config import Config
from careers.errors import Level
from careers.law.apply import Breach, breaches, coverages, posting_where
from careers.law.items import Holding, holding, missing
from careers.law.table import Law, pay_laws
from careers.model import Posting
from careers.posting.closing import closes_on

NOT_LEGAL_ADVICE = "Not legal advice: the laws linked decide; check them with counsel."
# How --jurisdiction names each item a law asks for.
ITEM_NAMES = {
    "pay": "the pay or its range",
    "benefits": "a description of benefits",
    "close_date": "the date applications close",
    "description": "the job description",
    "tipped": "a tipped job's base wage",
    "ai_screening": "whether AI screens applicants",
    "existing_vacancy": "whether it is an existing vacancy",
    "neutral_title": "a gender-neutral title",
    "pay_info": "pay information before the interview",
}


def law_findings(posting: Posting, config: Config, today: dt.date) -> tuple[list[Breach], bool]:
    """What the laws covering ``posting`` ask for that it lacks, and whether a headcount was assumed."""
    if not config.pay_transparency:
        return [], False
    covering = coverages(posting, pay_laws(), config.employer, today)
    closes = closes_on(posting, config.max_age_days)
    found = [breach for _, breach in breaches(posting, pay_laws(), config.employer, today, closes)]
    return found, any(c.applies and c.assumed for c in covering)


def headcount_note(assumed: bool, config: Config) -> tuple[Level, str] | None:
    """The one note a check gives when a law's threshold was assumed met (``[employer]`` says nothing)."""
    if not assumed or config.employer.stated:
        return None
    return (
        "warning",
        "no [employer] headcount: check assumed every pay-transparency law's employee threshold is met; "
        "state 'employees' (and 'employees_in' per state or province) under [employer] "
        "(docs/pay-transparency.md)",
    )


def jurisdiction_report(posting: Posting, config: Config, today: dt.date) -> Iterator[str]:
    """Lines saying which laws cover ``posting`` and why, and what each asks that it holds or lacks."""
    where = posting_where(posting)
    yield f"{posting.source}: {posting.title} ({where.describe()})"
    covering = coverages(posting, pay_laws(), config.employer, today)
    held = holding(posting, where, closes_on(posting, config.max_age_days))
    applying = [c for c in covering if c.applies]
    for covered in applying:
        law = covered.law
        yield f"  {law.name} ({law.citation}): applies: {covered.why}"
        for item in law.requires:
            yield "    " + _item_line(law, item, held, today)
    for covered in covering:
        if not covered.applies and covered.why != "the work is not there":
            yield f"  {covered.law.name} ({covered.law.citation}): does not apply: {covered.why}"
    elsewhere = [c.law.name for c in covering if c.why == "the work is not there"]
    if elsewhere:
        yield f"  not where the work is: {', '.join(elsewhere)}"
    if not applying:
        yield "  no pay-transparency law in the table covers this posting"


def _item_line(law: Law, item: str, held: Holding, today: dt.date) -> str:
    name = ITEM_NAMES[item]
    if not law.in_force(item, today):
        return f"{name}: asked for from {law.since.get(item, law.effective)}"
    lacking = missing(item, law, held)
    if lacking is None:
        return f"{name}: holds"
    return f"{name}: MISSING ({law.id}.{lacking[0]}): {lacking[1]}"
