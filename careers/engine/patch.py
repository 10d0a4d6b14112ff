"""A run that changes postings but not the site's shape: the last run's site, patched.

When the postings that changed keep their placement (``careers.pages.site.placement``: their
URL, order, terms and related postings) and nothing else the site's shape depends on changed
(the build context, the day, the commit, the published-URL record: a run that would move a
URL, or finds a file renamed, is a whole run), assembling the site again
would give the last run's shape with the changed postings in it. So the run takes that shape
from the snapshot (``careers.engine.cache.snapshot``), puts the changed postings in, and plans
and draws again only the parts of the plan that were drawn from them (and those that read the
whole site): the other postings are read from the store only if a page drawn shows them
(``careers.engine.cache.lazy``). Anything else is a whole run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping, Sequence

from careers.config import Config
from careers.engine.cache.lazy import SHORT, stored_posting
from careers.engine.cache.snapshot import DiagnosticRow, PartRow, Snapshot
from careers.engine.cache.state import Known
from careers.engine.draw import Plan, Planned, fingerprint_pages
from careers.engine.fingerprint import Tokens
from careers.engine.process import dated
from careers.engine.theme import Theme
from careers.model import Posting, Site, Term
from careers.pages.plan import Page, Planner
from careers.pages.site import placement, site_of
from careers.sources.history import History

_SLUG = SHORT.index("slug")
Load = Callable[[str], Posting | None]  # a posting file's processed posting, by name (None: not known)


@dataclasses.dataclass
class Patched:
    """The patched site and what the run needs to draw it."""

    site: Site
    changed: dict[int, Posting]  # by index into the snapshot's postings: the new ones
    findings: dict[str, list[DiagnosticRow]]  # each posting file's own findings, now


def patch_site(
    snapshot: Snapshot,
    known: Mapping[str, Known],
    last: Mapping[str, Known],
    changed: Collection[str],
    old_posting: Load,
    stored: Callable[[str], Posting],
    history: History,
    drafts: bool,
    previous: Sequence[Posting] | None = None,
) -> Patched | None:
    """The last run's site with the ``changed`` posting files' new postings in it, or None when
    the site's shape may have changed. ``previous`` are the last site's postings, if still in
    memory (the preview's), in the snapshot's order; else they are read from the store
    (``stored``) when first used."""
    rows = snapshot.postings
    index = {row[0]: i for i, row in enumerate(rows)}
    if any(name in index for name in last.keys() - known.keys()):
        return None  # a posting file went
    new: dict[int, Posting] = {}
    findings = {name: rows for name, rows in snapshot.findings.items() if name in known}
    for name in changed:
        result = known[name].result
        posting = result.posting if result is not None else None
        if posting is not None and posting.draft and not drafts:
            posting = None
        i = index.get(name)
        if (posting is None) != (i is None):
            return None  # a posting came or went
        findings.pop(name, None)
        if result is not None and result.diagnostics:
            findings[name] = [(d.path, d.line, d.level, d.message) for d in result.diagnostics]
        if posting is None or i is None:
            continue
        old = old_posting(name) if name in last else None
        if old is None or placement(old) != placement(posting):
            return None
        posting = dated(posting, history.day(name), history.changed(name))
        slug = rows[i][_SLUG]
        new[i] = posting if posting.slug == slug else dataclasses.replace(posting, slug=slug)
    if previous is not None and len(previous) == len(rows):
        everyone = [new.get(i, p) for i, p in enumerate(previous)]
    else:
        everyone = [new.get(i) or stored_posting(row, _loader(stored, row[0])) for i, row in enumerate(rows)]
    opened = tuple(everyone[: snapshot.open])
    terms = {
        folder: tuple(
            Term(slug, name, category, tuple(map(everyone.__getitem__, at)))
            for slug, name, category, at in kept
        )
        for folder, kept in snapshot.terms.items()
    }
    related = {
        p.slug: tuple(map(everyone.__getitem__, at)) for p, at in zip(opened, snapshot.related, strict=True)
    }
    moved = {old: everyone[i] for old, i in snapshot.moved.items()}  # their redirect pages
    site = site_of(opened, tuple(everyone[snapshot.open :]), related, terms, moved)
    return Patched(site, new, findings)


def _loader(stored: Callable[[str], Posting], name: str) -> Callable[[], Posting]:
    return lambda: stored(name)


def plan_patch(
    patched: Patched,
    snapshot: Snapshot,
    config: Config,
    theme: Theme,
    digests: Mapping[str, str],
    records: Mapping[str, tuple[str, object, str]],
    reads_site: Mapping[str, bool],
) -> tuple[Plan, Callable[[str], Page]] | None:
    """The plan of the parts drawn from a changed posting (or the whole site), the rest kept
    as the last run planned them; and how to plan one of those again. None if the parts are
    not the last run's (which the placement of every changed posting should rule out)."""
    site = patched.site
    planner = Planner(site, config)
    parts = planner.parts()
    if parts != [(row.kind, row.name, row.number) for row in snapshot.parts]:
        return None
    touched = set(patched.changed)
    tokens = Tokens(dict(digests))
    tokens.add(site.postings)
    tokens.add(site.closed)
    pages: list[Page] = []
    kept: list[str] = []
    for part, row in zip(parts, snapshot.parts, strict=True):
        if row.deps is None or row.whole or any(i in touched for i in row.deps):
            planned = planner.pages(part)
            if [page.path for page in planned] != row.paths:
                return None
            pages.extend(planned)
        else:
            kept.extend(row.paths)
    plan = fingerprint_pages(pages, site, theme, tokens, reads_site)
    plan.kept = kept
    plan.fingerprints.update((path, records[path][0]) for path in kept if path in records)
    plan.parts = [_planned(row, snapshot) for row in snapshot.parts]
    plan.urgent = {f"jobs/{p.slug}/index.html" for p in patched.changed.values()}
    by_path = {path: part for part, row in zip(parts, snapshot.parts, strict=True) for path in row.paths}

    def replan(path: str) -> Page:
        return next(page for page in planner.pages(by_path[path]) if page.path == path)

    return plan, replan


def _planned(row: PartRow, snapshot: Snapshot) -> Planned:
    deps = None if row.deps is None else frozenset(snapshot.postings[i][0] for i in row.deps)
    return Planned((row.kind, row.name, row.number), row.paths, deps, row.whole)
