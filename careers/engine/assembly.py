"""Putting the site together for a run: the last run's site patched where it can be, else the whole site.

A run that changes postings but not the site's shape patches the last run's site
(``careers.engine.patch``, from the snapshot ``careers.engine.last`` keeps); any other run
processes what it must (``careers.engine.process``), puts the whole site together
(``careers.pages.site``) and plans every page (``careers.engine.draw``). Either way the run
knows the site, its findings and the plan of the pages to draw; the engine draws them.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from careers.config import Config
from careers.engine.cache.published import Record, follow_renames, moves
from careers.engine.cache.related import RelatedMemo
from careers.engine.cache.state import Known, State
from careers.engine.cache.store import PostingStore
from careers.engine.collect import freeze_postings
from careers.engine.draw import Plan, Progress, plan_run
from careers.engine.findings import shallow_clone
from careers.engine.items import KeptItems
from careers.engine.last import LastSite, slugs_hold
from careers.engine.options import Options, Target
from careers.engine.patch import Patched, patch_site, plan_patch
from careers.engine.process import Identified, dated, last_good, process_files
from careers.engine.theme import Theme
from careers.errors import CareersError, Diagnostic
from careers.model import Posting, Result, Site
from careers.pages.plan import Page
from careers.pages.site import assemble_site
from careers.posting.tagging.vocabulary import Vocabulary
from careers.sources.history import History


@dataclass
class Run:
    theme: Theme
    found: list[Identified]
    inputs: str  # a fingerprint of everything found, under the theme's context and the day
    history: History
    changed: set[str]  # posting files whose bytes changed
    record: Record  # what was published, as the last build left it (renames followed: ``_process``)
    known: dict[str, Known] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    notes: tuple[Diagnostic, ...] = ()  # findings about the site's other content (its blocks)
    patched: Patched | None = None  # the last run's site, patched (``careers.engine.patch``)
    assembled: list[Diagnostic] = field(default_factory=list)  # what putting the site together said
    news: tuple[Diagnostic, ...] = ()  # URLs this run moves, files it finds renamed


class SiteWork:
    """The part of the engine that puts a run's site together (``careers.engine.engine.Engine``)."""

    config: Config
    options: Options
    target: Target
    meter: Progress | None
    vocab: Vocabulary
    store: PostingStore | None
    state: State
    related: RelatedMemo
    cache: Path | None
    site: Site
    results: dict[str, Result]
    diagnostics: tuple[Diagnostic, ...]
    last: LastSite
    _dated: list[Posting]

    def _plan(
        self, run: Run, stop: Callable[[], bool] | None
    ) -> tuple[Plan, Callable[[str], Page] | None] | None:
        """The pages to draw: the last site patched where it can be, else the whole site."""
        patched = self._patch(run)
        if patched is not None:
            return patched
        self._process(run, stop)
        if stop is not None and stop():
            return None
        digests = {name: known.digest for name, known in run.known.items()}
        reads = self.state.reads_site if self.state.context == run.theme.context else {}
        return plan_run(self.site, self.config, run.theme, digests, run.changed, reads), None

    def _results(self, run: Run, only: Collection[str] | None = None) -> None:
        """The posting files' results (``only``'s, or all), the last good kept in the preview."""
        if self.meter:
            self.meter.start("processing postings", len(run.found))
        last = {**self.state.files, **{name: k for name, k in run.known.items() if k.result is not None}}
        inputs = (self.config, self.vocab)
        tick = self.meter.advance if self.meter else None
        run.known = process_files(run.found, last, self.store, inputs, self.options.jobs, tick, only)
        if self.target.keep_last_good:
            run.known = {name: last_good(now, self.state.files.get(name)) for name, now in run.known.items()}

    def _process(self, run: Run, stop: Callable[[], bool] | None = None) -> None:
        """Every posting file's result, then the site they make (unless ``stop`` says not to)."""
        self._results(run)
        self.results = {name: k.result for name, k in run.known.items() if k.result is not None}
        if stop is not None and stop():
            return
        postings = [r.posting for r in self.results.values() if r.posting is not None]
        if not self.options.drafts:
            postings = [p for p in postings if not p.draft]
        config, history = self.config, run.history
        # A posting that gives no date is dated by its first commit (as Hugo's :git date), never the clock.
        postings = [dated(p, history.day(p.source), history.changed(p.source)) for p in postings]
        files = {name: known.digest for name, known in run.known.items()}
        run.record, renames = follow_renames(run.record, files, history.renamed)
        freeze_postings(outlives_run=self.target.live)  # alive until the run ends: walked no more
        kept = (self.related.relate, run.record.urls, history.first, config.departments, config.max_age_days)
        self.site, run.assembled = assemble_site(postings, self.options.now, *kept)
        self._dated = postings
        # What this run changes in the record is said once (a build records it: the next says nothing).
        run.news = (*renames, *moves(run.record, self.site))
        found = [d for r in self.results.values() for d in r.diagnostics]
        self._found(run, found + run.assembled + [*run.news])

    def _patch(self, run: Run) -> tuple[Plan, Callable[[str], Page]] | None:
        """The plan of a run that patches the last run's site (``careers.engine.patch``), or None."""
        snapshot = self.last.load(bool(self.state.inputs))
        if snapshot is None or snapshot.key != self._shape(run):
            return None
        # The record as the last site was put together under, or as it left it: a record that
        # changed (a build's, or a file renamed) may move URLs, which is a change of placement.
        digests = {item.found.relpath: item.digest for item in run.found}
        followed, renames = follow_renames(run.record, digests, run.history.renamed)
        if renames or followed.fingerprint() not in snapshot.records:
            return None
        run.record = followed
        self._results(run, run.changed)
        previous = (*self.site.postings, *self.site.closed) if self.last.in_memory else None
        old = partial(self.last.old_posting, self.state.files)
        patched = patch_site(
            snapshot, run.known, self.state.files, run.changed, old, partial(self._stored, run),
            run.history, self.options.drafts, previous,
        )  # fmt: skip
        if patched is None or moves(run.record, patched.site):
            return None  # a URL this run moves is news to tell: a whole run tells it
        digests = {name: known.digest for name, known in run.known.items()}
        reads = self.state.reads_site
        planned = plan_patch(patched, snapshot, self.config, run.theme, digests, self.state.pages, reads)
        if planned is None:
            return None
        self.site, run.patched = patched.site, patched
        self.results = {name: k.result for name, k in run.known.items() if k.result is not None}
        # The findings of the changed files (their own, and what putting the site together said of
        # them) replace theirs in the last run's; so do the blocks' and the history's.
        changed = run.changed
        fresh = [Diagnostic(*row) for name in changed for row in patched.findings.get(name, ())]
        fresh += [Diagnostic(*row) for row in snapshot.notes if row[0] in changed]
        fresh += run.notes
        if run.history.shallow:
            fresh.append(shallow_clone(self.config))
        files = {item.found.relpath for item in run.found}
        others = {d.path for d in self.state.diagnostics if d.path not in files}
        paths = changed | others | {d.path for d in fresh}
        run.diagnostics = self.diagnostics = spliced(self.state.diagnostics, paths, fresh)
        return planned

    def _found(self, run: Run, found: list[Diagnostic]) -> None:
        """The run's findings: the postings', putting the site together's, the blocks', the history's."""
        found += run.notes
        if run.history.shallow:
            found.append(shallow_clone(self.config))
        run.diagnostics = tuple(sorted(set(found), key=Diagnostic.sort_key))
        self.diagnostics = run.diagnostics

    def _shape(self, run: Run) -> str:
        """What the site's shape depends on besides its postings and the published record."""
        return f"{run.theme.context}\0{self.options.now}\0{run.history.head}"

    def _stored(self, run: Run, name: str) -> Posting:
        """An unchanged posting file's posting: from the store, else processed again."""
        result = self.last.stored(name, run.known[name].digest)
        if result is None:
            item = next(item for item in run.found if item.found.relpath == name)
            inputs = (self.config, self.vocab)
            result = process_files([item], {}, self.store, inputs, 1)[name].result
        if result is None or result.posting is None:
            raise CareersError(f"{name} changed during the build: build again")
        return result.posting

    def _next_snapshot(self, run: Run, plan: Plan, items: KeptItems, record: Record) -> None:
        """The snapshot of this run's site: the last one patched, or taken afresh. ``record`` is
        the one this run leaves (a build's publishes: the next may patch under it if the
        postings claim the same slugs and moved URLs under it)."""
        self.last.in_memory = True
        if run.patched is not None:
            self.last.patched(run.patched, items.written, plan.fingerprints)
            return
        records = [run.record.fingerprint()]
        first = run.history.first
        if record.fingerprint() != records[0] and slugs_hold(self._dated, run.record, record, first):
            records.append(record.fingerprint())
        results, assembled = self.results, run.assembled
        self.last.taken(self.site, plan, self._shape(run), records, assembled, results, items.written)


def spliced(
    last: Sequence[Diagnostic], paths: Collection[str], fresh: Iterable[Diagnostic]
) -> tuple[Diagnostic, ...]:
    """``last`` (sorted) with every finding about ``paths`` replaced by ``fresh`` (about those
    paths only): what sorting them all again gives, in one pass."""
    kept = [d for d in last if d.path not in paths]
    keys = [d.path for d in kept]
    out: list[Diagnostic] = []
    at = 0
    new = sorted(set(fresh), key=Diagnostic.sort_key)
    for path, group in itertools.groupby(new, key=lambda d: d.path):
        end = bisect.bisect_left(keys, path, lo=at)
        out.extend(kept[at:end])
        out.extend(group)
        at = end
    out.extend(kept[at:])
    return tuple(out)
