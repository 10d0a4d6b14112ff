"""What the index's filters offer: each choice with what it matches, what it says and how many."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from careers.model import Posting, Site, Term
from careers.posting.salary import money
from careers.posting.salary_shown import yearly_top


class Option(NamedTuple):
    """One choice of an index filter: the value filters.js matches, what it says, how many."""

    value: str
    label: str
    total: int


@dataclass(frozen=True)
class Filters:
    """What the index's filters offer. Plain names and counts, not postings: an edit that
    changes no count leaves every page of the index as it was."""

    departments: tuple[Option, ...]
    locations: tuple[Option, ...]
    levels: tuple[Option, ...]
    skills: tuple[Option, ...]
    types: tuple[Option, ...]  # employment type codes (the employment_label filter names them)
    pay: tuple[Option, ...] = ()  # yearly minimums in ``pay_currency`` some posting reaches
    pay_currency: str = ""


# The minimums the pay filter offers (a year's pay in the site's main currency).
PAY_STEPS = (20_000, 30_000, 40_000, 50_000, 60_000, 80_000, 100_000, 120_000, 150_000, 200_000, 250_000)


def pay_options(postings: tuple[Posting, ...]) -> tuple[str, tuple[Option, ...]]:
    """The currency most postings pay in, and each step of ``PAY_STEPS`` some posting reaches."""
    paid = [(p.salary.currency, yearly_top(p.salary)) for p in postings if p.salary and p.salary.known]
    if not paid:
        return "", ()
    currency = Counter(c for c, _ in paid).most_common(1)[0][0]
    tops = [top or 0 for c, top in paid if c == currency]
    options = []
    for step in PAY_STEPS:
        reach = sum(1 for top in tops if top >= step)
        if reach:
            options.append(Option(str(step), f"{money(currency, step)}+ a year", reach))
    return currency, tuple(options)


def index_filters(site: Site) -> Filters:
    def options(terms: tuple[Term, ...], by_slug: bool) -> tuple[Option, ...]:
        return tuple(Option(t.slug if by_slug else t.name, t.name, len(t.postings)) for t in terms)

    types = Counter(p.employment_type for p in site.postings if p.employment_type)
    pay = pay_options(site.postings)
    return Filters(
        departments=options(site.departments, False),
        locations=options(site.locations, False),
        levels=options(site.levels, True),
        skills=options(site.skills, True),
        types=tuple(Option(code, code, n) for code, n in sorted(types.items())),
        pay=pay[1],
        pay_currency=pay[0],
    )
