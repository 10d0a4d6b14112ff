"""Every posting's URL: unique, the same on every build, and never moved once published.

A posting wants the slug it names in front matter (``slug:``) or the one made from its title.
Explicit slugs are claimed first, and two postings claiming one are an error naming both
(the first keeps it). Then every posting that was published keeps the URL it was published
at, whatever its title says now (``Published``, the record the engine keeps of what builds
published). The rest claim their slugs in the order they entered the project (first commit,
then date, then path), drafts last: a posting that comes later, or leaves draft later, never
takes a URL another has or had, and gets its place as a suffix instead
(``account-manager-boston``), or one made from its own path when the place does not tell
them apart.

A published posting moves only when an explicit slug says so (its own, or another's that
claims its URL). Every URL it had that no other page has now answers with a redirect page to
where it is (``Slugs.moved``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from careers.errors import Diagnostic, printable
from careers.model import Posting
from careers.slugs import short_hash, slugify


@dataclass(frozen=True, slots=True)
class PublishedUrl:
    """What a build published one posting as: its slug, and the slugs it had before, which
    redirect to it."""

    slug: str
    moved: tuple[str, ...] = ()


# What was published, by posting file (as the engine knows it, renames followed).
Published = Mapping[str, PublishedUrl]
_NEVER = 1 << 62  # no first commit: after every posting that has one
_CHOOSE = " (set 'slug:' in front matter to choose)"


@dataclass
class Slugs:
    """Every posting with its slug, what was decided about them, and the URLs that moved."""

    postings: list[Posting] = field(default_factory=list)
    found: list[Diagnostic] = field(default_factory=list)
    moved: dict[str, Posting] = field(default_factory=dict)  # a slug given up → the posting now


def assign_slugs(
    postings: Iterable[Posting],
    published: Published | None = None,
    first_seen: Mapping[str, int] | None = None,
) -> Slugs:
    """Every posting with its URL's slug, the URLs that moved, and what was decided.
    ``published`` is the record of the posting files there are (built now or not)."""
    published, first_seen = published or {}, first_seen or {}

    def order(p: Posting) -> tuple[bool, int, dt.date, str]:
        return (p.draft, first_seen.get(p.source, _NEVER), p.date_posted or dt.date.min, p.source)

    ordered = sorted(postings, key=order)
    taken: dict[str, Posting] = {}
    slugs = Slugs()
    for posting in (p for p in ordered if p.explicit_slug):
        holder = taken.get(posting.slug)
        if holder is None:
            taken[posting.slug] = posting
            slugs.postings.append(posting)
        else:
            slugs.found.append(_both_claim(posting, holder))
    claims = []
    for posting in (p for p in ordered if not p.explicit_slug):
        entry = published.get(posting.source)
        if entry is not None and entry.slug not in taken:
            taken[entry.slug] = posting
            slugs.postings.append(replace(posting, slug=entry.slug))
        else:
            claims.append(posting)
    # What published postings have or had stays theirs (a redirect, or their URL once they are
    # back from draft or mended), unless an explicit slug claims it.
    had = {old for entry in published.values() for old in _had(entry)}
    slugs.postings.extend(_claim(claims, taken, had))
    wants = {p.source: p.slug for p in ordered}
    for posting in slugs.postings:
        entry = published.get(posting.source)
        for old in _had(entry):
            if old != posting.slug and old not in taken and old not in slugs.moved:
                slugs.moved[old] = posting
        slugs.found.extend(_said(posting, wants[posting.source], entry, taken))
    return slugs


def _had(entry: PublishedUrl | None) -> tuple[str, ...]:
    return () if entry is None else (entry.slug, *entry.moved)


def _said(
    posting: Posting, wanted: str, entry: PublishedUrl | None, taken: dict[str, Posting]
) -> list[Diagnostic]:
    """Why ``posting`` is where it is, when that is not where its title or slug points (a move
    itself is the engine's to tell: it happens once, on the build that publishes it)."""
    if posting.slug == wanted or (entry is not None and entry.slug != posting.slug):
        return []
    if entry is not None:
        message = f"its title makes '{wanted}', but it keeps the URL it was published at, '{posting.slug}'"
    else:
        holder = taken.get(wanted)
        by = f"taken by {printable(holder.source)}" if holder else "kept for the posting that had it"
        message = f"slug '{wanted}' is {by}; published as '{posting.slug}'"
    return [Diagnostic(posting.source, None, "info", message + _CHOOSE)]


def _claim(claims: list[Posting], taken: dict[str, Posting], had: set[str]) -> list[Posting]:
    """Postings in ``claims`` (in claiming order) given their wanted slug, or a suffixed one;
    never one in ``taken`` or ``had`` (a slug a published posting had: it redirects)."""
    by_slug: dict[str, list[Posting]] = defaultdict(list)
    for posting in claims:
        by_slug[posting.slug].append(posting)
    # Every wanted slug is reserved first, so a suffix never takes the slug another wants.
    reserved = set(taken) | set(by_slug) | had
    out = []
    for slug, group in sorted(by_slug.items()):
        if slug not in taken and slug not in had:
            taken[slug] = group[0]
            out.append(group[0])
            group = group[1:]
        for posting in group:
            new = f"{slug}-{place_slug(posting)}" if place_slug(posting) else ""
            if not new or new in reserved:  # no place, or one that does not tell them apart
                new = f"{slug}-{short_hash(posting.source)}"
            while new in reserved:
                new = f"{slug}-{short_hash(new)}"
            reserved.add(new)
            taken[new] = posting
            out.append(replace(posting, slug=new))
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


def published_record(postings: Iterable[Posting], moved: Mapping[str, Posting]) -> dict[str, PublishedUrl]:
    """What a publishing build leaves for the next: each published posting's slug, and the
    slugs it had before that redirect to it."""
    olds: dict[str, list[str]] = defaultdict(list)
    for old, posting in moved.items():
        olds[posting.source].append(old)
    return {
        p.source: PublishedUrl(p.slug, tuple(sorted(olds.get(p.source, ())))) for p in postings if not p.draft
    }
