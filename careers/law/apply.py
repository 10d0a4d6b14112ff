"""Which laws cover a posting and why, and each item a covering law asks for that the posting lacks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from careers.config_employer import Employer
from careers.errors import Level
from careers.law.items import KEYS, holding, missing
from careers.law.places import Where, where_of
from careers.law.table import Law
from careers.model import Posting

EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)


@dataclass(frozen=True)
class Coverage:
    """Whether a law covers a posting, and why (or why not), as ``--jurisdiction`` says it."""

    law: Law
    applies: bool
    why: str
    assumed: bool = False  # a headcount threshold was taken as met: [employer] does not say


@dataclass(frozen=True)
class Breach:
    """An item a covering law asks for that the posting lacks: ``rule`` is ``"CO.close_date"``."""

    rule: str
    key: str  # the front matter key (or "body") the finding points at
    level: Level
    message: str


def coverage(law: Law, where: Where, employer: Employer, today: dt.date) -> Coverage:
    """Whether ``law`` covers work ``where`` is, for this employer, on ``today``."""
    reason = _place_reason(law, where)
    if reason is None:
        return Coverage(law, False, "the work is not there")
    if today < law.effective:
        return Coverage(law, False, f"{reason}, but its rules take effect on {law.effective}")
    assumed = False
    total, here = employer.employees, employer.count_in(law.id)
    if law.min_employees:
        if total is None:
            assumed = True
        elif total < law.min_employees:
            why = (
                f"{reason}, but it covers employers of {law.min_employees}+ people and [employer] has {total}"
            )
            return Coverage(law, False, why)
    if law.min_employees_here:
        if here is None:
            assumed = True
        elif here < law.min_employees_here:
            why = (
                f"{reason}, but it covers employers with {law.min_employees_here}+ people in {law.name} "
                f"and [employer] employees_in has {here} there"
            )
            return Coverage(law, False, why)
    return Coverage(
        law,
        True,
        reason + (" (headcount assumed: careers.toml does not state it)" if assumed else ""),
        assumed,
    )


def _place_reason(law: Law, where: Where) -> str | None:
    place = where.place
    if place and place.country in law.countries and _in(law, place.region, place.locality):
        return f"the work is in {law.name}"
    remote = set(where.remote_countries)
    if "EU" in remote:
        remote |= EU_MEMBERS
    if law.remote and remote & set(law.countries):
        return f"remote work that may be done in {law.name}"
    boss = where.reports_to
    if law.reports_to and boss and boss.country in law.countries and _in(law, boss.region, boss.locality):
        return f"the job reports to {law.name}"
    return None


def _in(law: Law, region: str | None, locality: str | None) -> bool:
    if law.regions and region not in law.regions:
        return False
    parts = (part.strip().casefold() for part in (locality or "").split(","))  # "2 Broadway, New York"
    return not law.localities or any(part in law.localities for part in parts)


def posting_where(posting: Posting) -> Where:
    return where_of(posting.location, posting.remote, posting.reports_to)


def coverages(posting: Posting, laws: tuple[Law, ...], employer: Employer, today: dt.date) -> list[Coverage]:
    """Every law's coverage of ``posting``."""
    where = posting_where(posting)
    return [coverage(law, where, employer, today) for law in laws]


def breaches(
    posting: Posting, laws: tuple[Law, ...], employer: Employer, today: dt.date, closes: dt.date | None
) -> Iterator[tuple[Coverage, Breach]]:
    """Each item a law covering ``posting`` asks for and it lacks (``closes``: its closing day)."""
    where = posting_where(posting)
    held = holding(posting, where, closes)
    for law in laws:
        covered = coverage(law, where, employer, today)
        if not covered.applies:
            continue
        for item in law.requires:
            if not law.in_force(item, today):
                continue
            lacking = missing(item, law, held)
            if lacking:
                rule, what = lacking
                verb = "requires" if law.level == "error" else "asks for"
                message = f"{law.name} {verb} {what} ({law.source})"
                yield covered, Breach(f"{law.id}.{rule}", KEYS[rule], law.level, message)
