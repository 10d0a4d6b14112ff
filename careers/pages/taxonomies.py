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
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from careers.model import LEVEL_NAMES, LEVELS, Posting, Site, Term
from careers.posting.location import parse_location
from careers.slugs import slugify

REMOTE = "Remote"


@dataclass(frozen=True)
class Taxonomy:
    """One way to browse, declared once: its terms, its pages, its link in the navigation, its
    place in the sitemap and what its pages tell search engines follow from this."""

    folder: str  # its pages: /<folder>/ and /<folder>/<term slug>/
    name: str  # its link in the navigation
    title: str  # its index page's title
    noun: str  # one term of it, in text: "Open positions by <noun>."
    index_template: str  # its index page (gets its terms under the name ``terms``)
    term_template: str  # one term's pages
    # Its terms, from the open postings (and the site's order of departments, for those who use it).
    group: Callable[[tuple[Posting, ...], tuple[str, ...]], tuple[Term, ...]]
    optional: bool = False  # no page and no link while no posting has a term of it
    rare_unindexed: bool = False  # a term of one posting is not for search engines (``index_rare_skills``)

    def of(self, site: Site) -> tuple[Term, ...]:
        return site.terms.get(self.folder, ())


def field_terms(name: str) -> Callable[[tuple[Posting, ...], tuple[str, ...]], tuple[Term, ...]]:
    """The terms of a posting field of text (``team``): one per value, A-Z, postings by title."""

    def group(postings: tuple[Posting, ...], order: tuple[str, ...]) -> tuple[Term, ...]:
        groups: dict[str, list[Posting]] = defaultdict(list)
        for posting in postings:
            value = getattr(posting, name)
            if value:
                groups[value].append(posting)
        names = sorted(groups, key=str.casefold)
        return tuple(Term(slugify(n), n, name, _by_title(groups[n])) for n in names)

    return group


# Every way to browse, in the navigation's order: a new one is a line here and its two templates.
TAXONOMIES = (
    Taxonomy("departments", "Departments", "Departments", "department", "departments.html", "department.html",
             lambda postings, order: department_terms(postings, order), optional=True),
    Taxonomy("locations", "Locations", "Locations", "location", "locations.html", "location.html",
             lambda postings, order: location_terms(postings)),
    Taxonomy("experience", "Experience", "Experience levels", "experience level", "levels.html", "level.html",
             lambda postings, order: level_terms(postings)),
    Taxonomy("skills", "Skills", "Skills", "skill", "skills.html", "skill.html",
             lambda postings, order: skill_terms(postings), rare_unindexed=True),
)  # fmt: skip


def browsable(site: Site) -> tuple[Taxonomy, ...]:
    """The ways this site can be browsed (an optional one only once a posting has a term of it)."""
    return tuple(t for t in TAXONOMIES if not t.optional or t.of(site))


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
