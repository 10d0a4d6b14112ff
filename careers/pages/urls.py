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
class Claimed:
    """Each posting's slug by its source (a posting left without one was not built), what was
    decided about them, and the URLs that moved (a slug given up → the source of its posting now)."""

    given: dict[str, str] = field(default_factory=dict)
    found: list[Diagnostic] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)


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
    postings = list(postings)
    claimed = claim_slugs(postings, published, first_seen)
    given = claimed.given
    out = [
        p if given[p.source] == p.slug else replace(p, slug=given[p.source])
        for p in postings
        if p.source in given
    ]
    by_source = {p.source: p for p in out}
    moved = {old: by_source[source] for old, source in claimed.moved.items()}
    return Slugs(out, claimed.found, moved)


def claim_slugs(
    postings: Iterable[Posting],
    published: Published | None = None,
    first_seen: Mapping[str, int] | None = None,
) -> Claimed:
    """Each posting's slug by its source, the URLs that moved, and what was decided (without
    a posting made again for each: a build checks the next run claims the same)."""
    published, first_seen = published or {}, first_seen or {}

    def order(p: Posting) -> tuple[bool, int, dt.date, str]:
        return (p.draft, first_seen.get(p.source, _NEVER), p.date_posted or dt.date.min, p.source)

    ordered = sorted(postings, key=order)
    taken: dict[str, Posting] = {}
    claimed = Claimed()
    given = claimed.given
    for posting in (p for p in ordered if p.explicit_slug):
        holder = taken.get(posting.slug)
        if holder is None:
            taken[posting.slug] = posting
            given[posting.source] = posting.slug
        else:
            claimed.found.append(_both_claim(posting, holder))
    claims = []
    for posting in (p for p in ordered if not p.explicit_slug):
        entry = published.get(posting.source)
        if entry is not None and entry.slug not in taken:
            taken[entry.slug] = posting
            given[posting.source] = entry.slug
        else:
            claims.append(posting)
    # What published postings have or had stays theirs (a redirect, or their URL once they are
    # back from draft or mended), unless an explicit slug claims it.
    had = {old for entry in published.values() for old in _had(entry)}
    given.update(_claim(claims, taken, had))
    wants = {p.source: p.slug for p in ordered}
    for source, slug in given.items():
        entry = published.get(source)
        for old in _had(entry):
            if old != slug and old not in taken and old not in claimed.moved:
                claimed.moved[old] = source
        claimed.found.extend(_said(source, slug, wants[source], entry, taken, had))
    return claimed


def _had(entry: PublishedUrl | None) -> tuple[str, ...]:
    return () if entry is None else (entry.slug, *entry.moved)


def _said(
    source: str, slug: str, wanted: str, entry: PublishedUrl | None, taken: dict[str, Posting], had: set[str]
) -> list[Diagnostic]:
    """Why the posting of ``source`` is at ``slug``, when that is not where its title or slug
    points (a move itself is the engine's to tell: it happens once, on the build that publishes
    it). The reason is the same before and after the build that publishes ``slug``, so a run
    under the record a build leaves says what that build said."""
    if slug == wanted or (entry is not None and entry.slug != slug):
        return []
    holder = taken.get(wanted)
    if holder is not None and holder.source != source:
        message = f"slug '{wanted}' is taken by {printable(holder.source)}; published as '{slug}'"
    elif wanted in had and wanted not in _had(entry):
        message = f"slug '{wanted}' is kept for the posting that had it; published as '{slug}'"
    else:
        message = f"its title makes '{wanted}', but it keeps the URL it was published at, '{slug}'"
    return [Diagnostic(source, None, "info", message + _CHOOSE)]


def _claim(claims: list[Posting], taken: dict[str, Posting], had: set[str]) -> dict[str, str]:
    """The slugs of the postings in ``claims`` (in claiming order): the wanted one, or a
    suffixed one; never one in ``taken`` or ``had`` (a slug a published posting had: it redirects)."""
    by_slug: dict[str, list[Posting]] = defaultdict(list)
    for posting in claims:
        by_slug[posting.slug].append(posting)
    # Every wanted slug is reserved first, so a suffix never takes the slug another wants.
    reserved = set(taken) | set(by_slug) | had
    out = {}
    for slug, group in sorted(by_slug.items()):
        if slug not in taken and slug not in had:
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


def published_record(postings: Iterable[Posting], moved: Mapping[str, Posting]) -> dict[str, PublishedUrl]:
    """What a publishing build leaves for the next: each published posting's slug, and the
    slugs it had before that redirect to it."""
    olds: dict[str, list[str]] = defaultdict(list)
    for old, posting in moved.items():
        olds[posting.source].append(old)
    return {
        p.source: PublishedUrl(p.slug, tuple(sorted(olds.get(p.source, ())))) for p in postings if not p.draft
    }
