"""The record of what builds published: each posting's URL, and the URLs it had before.

It lives in ``.cache/published.json``, but unlike the rest of the cache it is no speed-up: it
says which URLs search engines, job boards and bookmarks know, which is why a posting keeps
its URL when its title changes (``careers.pages.urls``). ``build`` writes it; ``serve`` and
``check`` read it, so they show and warn about what the next build will publish. It is an
input of every run like the posting files are.

A posting is known by its file. A file that is gone from the record's place and is found
under another name keeps the record: renamed in git history (``git mv``), or a file with the
same bytes, or with the same name and another extension (``.md`` saved again as ``.html``).
A record entry is checked as any input is: a slug that is not one is dropped.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from careers.engine.files import read_all, write_quietly
from careers.errors import Diagnostic, printable
from careers.model import Posting, Site
from careers.pages.urls import PublishedUrl, published_record
from careers.slugs import is_slug

FORMAT = 2
PUBLISHED_FILE = "published.json"
RENAMES = 100  # renames followed back through git history, at most


@dataclass(frozen=True)
class Record:
    """What was published, by posting file, with each file's bytes' hash when it was."""

    urls: dict[str, PublishedUrl] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)

    def fingerprint(self) -> str:
        """A hash of the URLs recorded, which a run's output depends on (the hashes of files
        matter only to a run that finds files renamed, which has other files to read anyway)."""
        rows = sorted((source, e.slug, e.moved) for source, e in self.urls.items())
        return hashlib.sha256(orjson.dumps(rows)).hexdigest()


def load_published(cache_dir: Path | None) -> Record:
    """The record the last publishing build left (none without a cache, or a readable file)."""
    data = read_all(str(cache_dir / PUBLISHED_FILE)) if cache_dir is not None else None
    try:
        stored = orjson.loads(data or b"{}")
    except ValueError:
        return Record()
    if not isinstance(stored, dict):
        return Record()
    if stored.get("format") != FORMAT:  # the first form: source → [wanted slug, published slug]
        rows = {k: {"slug": v[1]} for k, v in stored.items() if isinstance(v, list) and len(v) == 2}
    else:
        rows = stored.get("postings", {})
    record = Record()
    for source, row in rows.items() if isinstance(rows, dict) else ():
        entry = _entry(row)
        if isinstance(source, str) and entry is not None:
            record.urls[source] = entry
            digest = row.get("digest")
            if isinstance(digest, str):
                record.digests[source] = digest
    return record


def _entry(row: object) -> PublishedUrl | None:
    """A stored row as an entry, if its slugs are slugs (anything else is not taken)."""
    if not isinstance(row, dict):
        return None
    slug, moved = row.get("slug"), row.get("moved", [])
    if not isinstance(slug, str) or not is_slug(slug) or not isinstance(moved, list):
        return None
    return PublishedUrl(slug, tuple(m for m in moved if isinstance(m, str) and is_slug(m)))


def save_published(cache_dir: Path, record: Record) -> None:
    rows = {
        source: {"slug": e.slug, "moved": list(e.moved), "digest": record.digests.get(source, "")}
        for source, e in record.urls.items()
    }
    data = orjson.dumps({"format": FORMAT, "postings": rows}, option=orjson.OPT_SORT_KEYS)
    write_quietly(cache_dir / PUBLISHED_FILE, data)


def follow_renames(
    record: Record, files: Mapping[str, str], renamed: Mapping[str, str]
) -> tuple[Record, list[Diagnostic]]:
    """The record for the posting ``files`` there are now (name → bytes' hash): entries of
    files that are gone move to the file each became (``renamed``: git's new name → old)."""
    gone = {source for source in record.urls if source not in files}
    urls = {source: e for source, e in record.urls.items() if source in files}
    digests = {source: d for source, d in record.digests.items() if source in files}
    notes = []
    if gone:
        by_digest = {record.digests[s]: s for s in sorted(gone, reverse=True) if record.digests.get(s)}
        by_name = {_stem(s): s for s in sorted(gone, reverse=True)}
        for source in sorted(files.keys() - record.urls.keys()):
            old = _renamed_from(source, renamed, gone) or by_digest.get(files[source])
            old = old or by_name.get(_stem(source))
            if old is None or old not in gone:
                continue
            gone.discard(old)
            urls[source] = record.urls[old]
            digests[source] = record.digests.get(old, "")
            message = f"was {printable(old)}: keeps the URL it was published at, jobs/{urls[source].slug}/"
            notes.append(Diagnostic(source, None, "info", message))
    return Record(urls, digests), notes


def _renamed_from(source: str, renamed: Mapping[str, str], gone: set[str]) -> str | None:
    """The gone file ``source`` was renamed from in git history, following renames back."""
    name = source
    for _ in range(RENAMES):
        name = renamed.get(name, "")
        if not name or name in gone:
            return name or None
    return None


def _stem(source: str) -> str:
    return posixpath.splitext(source)[0]


def moves(record: Record, site: Site) -> list[Diagnostic]:
    """A warning for every published posting this run gives another URL than the record's,
    naming both (said once: the build that publishes the move records it)."""
    postings = (*site.postings, *site.closed)
    by_slug = {p.slug: p for p in postings}
    found = []
    for posting in postings:
        entry = record.urls.get(posting.source)
        if entry is None or entry.slug == posting.slug:
            continue
        holder = by_slug.get(entry.slug)
        if holder is None:
            why, after = "its 'slug:' says so", "the old URL redirects to the new one"
        else:
            why = f"'slug: {entry.slug}' of {printable(holder.source)}"
            after = "the old URL shows that posting"
        message = f"published URL jobs/{entry.slug}/ moves to jobs/{posting.slug}/ ({why}): {after}"
        found.append(Diagnostic(posting.source, None, "warning", message))
    return found


def after_build(record: Record, site: Site, files: Mapping[str, str]) -> Record:
    """The record a publishing build leaves: what it published (open and closed postings, not
    drafts), and what it kept of postings it did not publish but are still there (a draft
    again, or broken for now)."""
    postings: tuple[Posting, ...] = (*site.postings, *site.closed)
    urls = {source: e for source, e in record.urls.items() if source in files}
    digests = {source: d for source, d in record.digests.items() if source in files}
    for source, entry in published_record(postings, site.moved).items():
        urls[source] = entry
        digests[source] = files.get(source, "")
    return Record(urls, digests)


def publish(cache_dir: Path, record: Record, site: Site, files: Mapping[str, str]) -> Record:
    """Keep the record a publishing build leaves (``after_build``); that record."""
    kept = after_build(record, site, files)
    save_published(cache_dir, kept)
    return kept
