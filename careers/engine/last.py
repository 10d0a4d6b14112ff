"""The last run's site as the next run can patch it: its snapshot and the postings it was put together from.

The snapshot (``careers.engine.cache.snapshot``) is kept in memory by the preview and read
from the cache by a build, the first time a run asks for it. A whole run takes it afresh from
the site it put together (``take_snapshot``); a patched run puts its changed postings in it.
The postings a patched site does not process again are read from the posting store, or
processed again from their files if the store lost them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from careers.engine.cache.lazy import short_row
from careers.engine.cache.published import Record
from careers.engine.cache.snapshot import DiagnosticRow, PartRow, Snapshot, load_snapshot, save_snapshot
from careers.engine.cache.state import Known
from careers.engine.cache.store import PostingStore
from careers.engine.draw import Plan
from careers.engine.patch import Patched
from careers.errors import Diagnostic
from careers.model import Posting, Result, Site
from careers.pages.urls import claim_slugs


class LastSite:
    """What is known of the last run's site: its snapshot (``None`` when there is none to trust)."""

    def __init__(self, file: Path | None, store: PostingStore | None) -> None:
        self.file, self.store = file, store
        self.snapshot: Snapshot | None = None
        self.in_memory = False  # the snapshot is of the site this engine put together last

    def load(self, ran_before: bool) -> Snapshot | None:
        """The snapshot, read from the cache the first time (when a run left one: ``ran_before``)."""
        if self.snapshot is None and self.file is not None and ran_before:
            self.snapshot = load_snapshot(self.file)
        return self.snapshot

    def old_posting(self, files: Mapping[str, Known], name: str) -> Posting | None:
        """A posting file's posting as the last run processed it (``files``: what it knew)."""
        last = files.get(name)
        if last is not None and last.result is not None:
            return last.result.posting
        if last is None or self.store is None:
            return None
        result = self.store.load(self.store.key(name, last.digest))
        return result.posting if result is not None else None

    def stored(self, name: str, digest: str) -> Result | None:
        """An unchanged posting file's result, from the store."""
        return self.store.load(self.store.key(name, digest)) if self.store is not None else None

    def patched(self, patched: Patched, items: Mapping[str, object], pages: Mapping[str, str]) -> None:
        """Put a patched run's changed postings and findings in the snapshot (kept ``items`` too)."""
        snapshot = self.snapshot
        assert snapshot is not None, "a patched run had a snapshot"
        for i, posting in patched.changed.items():
            snapshot.postings[i] = short_row(posting)
        snapshot.findings = patched.findings
        snapshot.items = {**{p: s for p, s in snapshot.items.items() if p in pages}, **items}  # type: ignore[dict-item]

    def taken(
        self, site: Site, plan: Plan, key: str, records: list[str], notes: Sequence[Diagnostic],
        results: Mapping[str, Result], items: Mapping[str, object],
    ) -> None:  # fmt: skip
        """The snapshot of a site a whole run put together (``items``: the machine files it drew)."""
        previous = self.snapshot.items if self.snapshot is not None else {}
        snapshot = take_snapshot(site, plan, key, records, notes, results)
        kept = {path: spans for path, spans in previous.items() if path in plan.fingerprints}
        snapshot.items = {**kept, **items}  # type: ignore[dict-item]
        self.snapshot = snapshot

    def save(self) -> None:
        if self.file is not None and self.snapshot is not None:
            save_snapshot(self.file, self.snapshot)


def take_snapshot(
    site: Site,
    plan: Plan,
    key: str,
    records: list[str],
    notes: Sequence[Diagnostic],
    results: Mapping[str, Result],
) -> Snapshot:
    """What a whole run leaves for the next to patch."""
    everyone = (*site.postings, *site.closed)
    at = {p.source: i for i, p in enumerate(everyone)}
    terms = {
        folder: [(t.slug, t.name, t.category, [at[p.source] for p in t.postings]) for t in kept]
        for folder, kept in site.terms.items()
    }
    related = [[at[q.source] for q in site.related.get(p.slug, ())] for p in site.postings]
    moved = {old: at[p.source] for old, p in site.moved.items()}
    parts = [
        PartRow(*p.part, p.paths, None if p.deps is None else sorted(at[s] for s in p.deps), p.whole)
        for p in plan.parts
    ]
    findings = {name: [row(d) for d in r.diagnostics] for name, r in results.items() if r.diagnostics}
    return Snapshot(
        key, records, [short_row(p) for p in everyone], len(site.postings), terms, related, moved,
        [row(d) for d in notes], findings, parts,
    )  # fmt: skip


def row(d: Diagnostic) -> DiagnosticRow:
    return (d.path, d.line, d.level, d.message)


def slugs_hold(
    postings: Sequence[Posting], before: Record, after: Record, first_seen: Mapping[str, int]
) -> bool:
    """Whether ``postings`` claim the same slugs, moved URLs and findings under the record a
    build leaves (``after``) as under the one their site was put together under (``before``):
    then the next run may patch the site."""
    now, then = claim_slugs(postings, after.urls, first_seen), claim_slugs(postings, before.urls, first_seen)
    said = [sorted(c.found, key=Diagnostic.sort_key) for c in (now, then)]  # sorted as a run sorts them
    return (now.given, now.moved, said[0]) == (then.given, then.moved, said[1])
