"""Every posting's URL: unique, the same on every build, and never moved once published.

A posting wants the slug it names in front matter (``slug:``) or the one made from its title.
Explicit slugs are claimed first, and two postings claiming one are an error naming both
(the first keeps it). Then every posting that was published keeps the URL it was published
at, as long as it still wants the same slug (``Published``, kept by the engine). The rest
claim their slugs in the order they entered the project (first commit, then date, then
path), drafts last: a posting that comes later, or leaves draft later, never takes a URL
another already has, and gets its place as a suffix instead (``account-manager-boston``),
or one made from its own path when the place does not tell them apart.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from careers.errors import Diagnostic, printable
from careers.model import Posting
from careers.slugs import short_hash, slugify

# What each published posting wanted and was given: source → (wanted slug, published slug).
Published = Mapping[str, tuple[str, str]]
_NEVER = 1 << 62  # no first commit: after every posting that has one
_CHOOSE = " (set 'slug:' in front matter to choose)"


def assign_slugs(
    postings: Iterable[Posting],
    published: Published | None = None,
    first_seen: Mapping[str, int] | None = None,
) -> tuple[list[Posting], list[Diagnostic]]:
    """Every posting with its URL's slug, and what was decided about collisions."""
    postings = list(postings)
    given, found = claim_slugs(postings, published, first_seen)
    out = [
        p if given[p.source] == p.slug else replace(p, slug=given[p.source])
        for p in postings
        if p.source in given
    ]
    return out, found


def claim_slugs(
    postings: Iterable[Posting],
    published: Published | None = None,
    first_seen: Mapping[str, int] | None = None,
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Each posting's slug by its source (a posting left without one was not built), and what
    was decided about collisions."""
    published, first_seen = published or {}, first_seen or {}

    def order(p: Posting) -> tuple[bool, int, dt.date, str]:
        return (p.draft, first_seen.get(p.source, _NEVER), p.date_posted or dt.date.min, p.source)

    ordered = sorted(postings, key=order)
    taken: dict[str, Posting] = {}
    given: dict[str, str] = {}
    found: list[Diagnostic] = []
    for posting in (p for p in ordered if p.explicit_slug):
        holder = taken.get(posting.slug)
        if holder is None:
            taken[posting.slug] = posting
            given[posting.source] = posting.slug
        else:
            found.append(_both_claim(posting, holder))
    claims = []
    for posting in (p for p in ordered if not p.explicit_slug):
        wanted, slug = published.get(posting.source, ("", ""))
        if wanted == posting.slug and slug and slug not in taken:
            taken[slug] = posting
            given[posting.source] = slug
        else:
            claims.append(posting)
    given.update(_claim(claims, taken))
    for posting in ordered:
        got = given.get(posting.source)
        if got is not None and got != posting.slug:
            holder = taken.get(posting.slug)
            by = f"taken by {printable(holder.source)}" if holder else "where it was first published"
            message = f"slug '{posting.slug}' is {by}; published as '{got}'"
            found.append(Diagnostic(posting.source, None, "info", message + _CHOOSE))
    return given, found


def _claim(claims: list[Posting], taken: dict[str, Posting]) -> dict[str, str]:
    """The slugs of the postings in ``claims`` (in claiming order): the wanted one, or a suffixed one."""
    by_slug: dict[str, list[Posting]] = defaultdict(list)
    for posting in claims:
        by_slug[posting.slug].append(posting)
    # Every wanted slug is reserved first, so a suffix never takes the slug another wants.
    reserved = set(taken) | set(by_slug)
    out = {}
    for slug, group in sorted(by_slug.items()):
        if slug not in taken:
            taken[slug] = group[0]
            out[group[0].source] = slug
            group = group[1:]
        for posting in group:
            new = f"{slug}-{place_slug(posting)}" if place_slug(posting) else ""
            if not new or new in reserved:  # no place, or one that does not tell them apart
                new = f"{slug}-{short_hash(posting.source)}"
            while new in reserved:
                new = f"{slug}-{short_hash(new)}"
            reserved.add(new)
            taken[new] = posting
            out[posting.source] = new
    return out


def place_slug(posting: Posting) -> str:
    """What tells a posting apart from another of the same title: its city, or "remote"."""
    if posting.location and not posting.remote:
        return slugify(posting.location.split(",")[0])[:30].strip("-")
    return "remote" if posting.remote else ""


def _both_claim(posting: Posting, holder: Posting) -> Diagnostic:
    message = (
        f"'slug: {posting.slug}' is also set by {printable(holder.source)}, which keeps it: "
        "two postings cannot share one URL, so this one was not built (give it another slug)"
    )
    return Diagnostic(posting.source, None, "error", message)


def published_record(postings: Iterable[Posting], wanted: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """What a publishing build leaves for the next: each published posting's wanted and given slug."""
    return {p.source: (wanted.get(p.source, p.slug), p.slug) for p in postings if not p.draft}
