"""The ways a job seeker browses open postings: departments, locations, levels and skills.

Each is a tuple of ``Term``s (a slug, a name and the postings under it). Departments come in
the site's own order (``departments`` in ``careers.toml``), then A-Z, their postings by
title, as hosted boards list them; locations A-Z, "Remote" among them for fully remote
postings; levels in the order of seniority; skills A-Z. Soft skills are no term unless the
site asks for their pages.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable

from careers.model import LEVEL_NAMES, LEVELS, Posting, Term
from careers.posting.location import parse_location
from careers.slugs import slugify

REMOTE = "Remote"


OTHER = "Other"


def department_terms(postings: Iterable[Posting], order: tuple[str, ...] = ()) -> tuple[Term, ...]:
    """Every department with its postings (by title), the site's ``order`` first; postings that
    name none are "Other" once any does, so every posting is in one."""
    groups: dict[str, list[Posting]] = defaultdict(list)
    unnamed = []
    for posting in postings:
        if posting.department:
            groups[posting.department].append(posting)
        else:
            unnamed.append(posting)
    if groups and unnamed:
        groups[OTHER].extend(unnamed)
    rank = {name.casefold(): i for i, name in enumerate(order)}
    names = sorted(groups, key=lambda n: (rank.get(n.casefold(), len(rank)), n.casefold()))
    return tuple(Term(slugify(name), name, "department", _by_title(groups[name])) for name in names)


def location_terms(postings: Iterable[Posting]) -> tuple[Term, ...]:
    """Every place postings are at (as written), and "Remote" for the fully remote ones."""
    groups: dict[str, list[Posting]] = defaultdict(list)
    for posting in postings:
        for name in posting_places(posting):
            groups[name].append(posting)
    names = sorted(groups, key=str.casefold)
    return tuple(Term(slugify(name), name, "location", tuple(groups[name])) for name in names)


def posting_places(posting: Posting) -> list[str]:
    """The location terms a posting is under: each of its places, and "Remote" when fully remote."""
    if not posting.other_locations:
        return list(_places(posting.location, posting.remote))
    found = (name for place in posting.locations for name in _places(place, posting.remote))
    return list(dict.fromkeys(found))


@functools.lru_cache(maxsize=4096)  # a site's postings share a few dozen locations
def _places(text: str | None, remote: bool) -> tuple[str, ...]:
    location = parse_location(text, remote)
    places = (location.place,) if location.place else ()  # "Portland, OR (hybrid)" is in Portland
    return (*places, REMOTE) if location.remote else places


def level_terms(postings: Iterable[Posting]) -> tuple[Term, ...]:
    groups: dict[str, list[Posting]] = defaultdict(list)
    for posting in postings:
        if posting.level:
            groups[posting.level].append(posting)
    return tuple(
        Term(level, LEVEL_NAMES[level], "level", tuple(groups[level])) for level in LEVELS if level in groups
    )


def skill_terms(postings: Iterable[Posting]) -> tuple[Term, ...]:
    groups: dict[str, list[Posting]] = defaultdict(list)
    names: dict[str, tuple[str, str]] = {}
    for posting in postings:
        for tag in posting.skills:
            groups[tag.slug].append(posting)
            names.setdefault(tag.slug, (tag.name, tag.category))
    terms = [Term(slug, *names[slug], tuple(groups[slug])) for slug in groups]
    return tuple(sorted(terms, key=lambda t: (t.name.casefold(), t.slug)))


def _by_title(postings: list[Posting]) -> tuple[Posting, ...]:
    return tuple(sorted(postings, key=lambda p: (p.title.casefold(), p.source)))
