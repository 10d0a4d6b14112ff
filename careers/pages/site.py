"""Stage 4: assemble postings into a ``Site``: unique slugs, order, taxonomies, related."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping

from careers.errors import Diagnostic
from careers.model import Posting, Site, Term
from careers.pages.taxonomies import TAXONOMIES
from careers.pages.urls import Published, assign_slugs
from careers.posting.closing import closes_on

RELATED_COUNT = 3
# Enough candidates to find good neighbours without scanning every posting per posting.
RELATED_CANDIDATES = 400


Related = dict[str, tuple[Posting, ...]]  # posting slug → the postings related to it


def assemble_site(
    postings: list[Posting],
    today: dt.date | None = None,
    relate: Callable[[tuple[Posting, ...]], Related] | None = None,
    published: Published | None = None,
    first_seen: Mapping[str, int] | None = None,
    departments: tuple[str, ...] = (),
    max_age_days: int = 0,
) -> tuple[Site, list[Diagnostic]]:
    """Slugs are assigned over every posting, closed ones too, so closing one renames none
    (``careers.pages.urls``: ``published`` and ``first_seen`` say what was there first);
    ``departments`` is the site's order of its departments; a posting with no closing date
    closes ``max_age_days`` after it was posted (0: never); ``relate`` stands in for
    ``related_postings`` (the same lists, worked out once: the engine's)."""
    slugs = assign_slugs(postings, published, first_seen)
    found = slugs.found
    ordered = tuple(sorted(slugs.postings, key=sort_key))
    open_ = tuple(p for p in ordered if not is_closed(p, today, max_age_days))
    terms = {taxonomy.folder: taxonomy.group(open_, departments) for taxonomy in TAXONOMIES}
    shut = tuple(p for p in ordered if is_closed(p, today, max_age_days))
    moved = dict(sorted(slugs.moved.items()))
    site = site_of(open_, shut, (relate or related_postings)(open_), terms, moved)
    for posting in site.closed:
        closed = closes_on(posting, max_age_days)
        aged = f" ({max_age_days} days after it was posted)" if posting.valid_through is None else ""
        message = f"closed after {closed}{aged}: listed nowhere; its page says the position is closed"
        found.append(Diagnostic(posting.source, None, "info", message))
    return site, found


def site_of(
    postings: tuple[Posting, ...],
    closed: tuple[Posting, ...],
    related: Related,
    terms: dict[str, tuple[Term, ...]],
    moved: dict[str, Posting] | None = None,
) -> Site:
    """The site of these open and closed postings, related lists, terms (by taxonomy folder)
    and URLs given up (``Site.moved``)."""
    return Site(
        postings=postings,
        skills=terms["skills"],
        levels=terms["experience"],
        related=related,
        closed=closed,
        departments=terms["departments"],
        locations=terms["locations"],
        terms=terms,
        moved=moved or {},
    )


def placement(posting: Posting) -> tuple[object, ...]:
    """Everything of a posting that puts it in the site: its URL, its place in the order, when
    it closes, the terms it is under and the postings related to it. ``assemble_site`` reads
    nothing else of a posting (a test holds it to that): a posting whose placement is as it
    was leaves the site's shape as it was."""
    skills = tuple((tag.slug, tag.name, tag.category) for tag in posting.skills)
    return (
        *(posting.source, posting.slug, posting.explicit_slug, posting.title, posting.draft),
        *(posting.date_posted, posting.valid_through, posting.updated, posting.department),
        *(posting.location, posting.other_locations, posting.remote, posting.level, skills),
    )


def is_closed(posting: Posting, today: dt.date | None, max_age_days: int = 0) -> bool:
    """Closed once ``today`` is past its closing day (``careers.posting.closing``: its
    ``valid_through``, else ``max_age_days`` after it was posted); that day itself is still open."""
    closes = closes_on(posting, max_age_days)
    return today is not None and closes is not None and closes < today


def sort_key(posting: Posting) -> tuple[int, str, str, str]:
    """Newest first; undated postings after dated ones; then by title and source."""
    date = posting.date_posted
    return (-(date.toordinal() if date else 0), posting.title.casefold(), posting.source, posting.slug)


def related_postings(postings: tuple[Posting, ...]) -> Related:
    """For each posting, the few others sharing the most skills (rarer skills first): lists
    that depend on nothing but the postings' order, slugs and skills."""
    by_skill = skill_index(postings)
    return {posting.slug: related_for(i, postings, by_skill) for i, posting in enumerate(postings)}


def skill_index(postings: tuple[Posting, ...]) -> dict[str, list[int]]:
    """Skill slug → the indexes of the postings that have it, in site order."""
    by_skill: dict[str, list[int]] = defaultdict(list)
    for index, posting in enumerate(postings):
        for tag in posting.skills:
            by_skill[tag.slug].append(index)
    return by_skill


def related_for(
    index: int, postings: tuple[Posting, ...], by_skill: dict[str, list[int]]
) -> tuple[Posting, ...]:
    """The postings related to ``postings[index]`` (see ``related_postings``)."""
    counts: Counter[int] = Counter()
    for slug in sorted((t.slug for t in postings[index].skills), key=lambda s: len(by_skill[s])):
        counts.update(by_skill[slug][:RELATED_CANDIDATES])  # counted in C, not in a loop here
        counts.pop(index, None)
        if len(counts) >= RELATED_CANDIDATES:
            break
    return tuple(postings[i] for i in _most_shared(counts, RELATED_COUNT))


def _most_shared(counts: Counter[int], n: int) -> list[int]:
    """The ``n`` indexes with the highest counts, lower index first on ties.

    The same as sorting every candidate by (-count, index), one tier of equal counts at a time.
    """
    best: list[int] = []
    left = dict(counts)
    while left and len(best) < n:
        top = max(left.values())
        tier = sorted(i for i, c in left.items() if c == top)
        best.extend(tier[: n - len(best)])
        for i in tier:
            del left[i]
    return best
