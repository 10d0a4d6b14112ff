"""The engine: one pipeline for ``build``, ``serve`` and ``check``, from files to the bytes that differ.

A run scans the content (``careers.sources.scan``), works out every posting file's result
(reused when known, else processed: ``careers.engine.process``), assembles the site
(``careers.pages.site``), draws the pages whose inputs changed (``careers.engine.draw``) and
writes what differs through one writer. What it learns is its ``State``: kept in memory
between the preview's runs, and in ``.cache/`` between builds. ``build`` is one run into
``site/``; ``check`` one run into a temporary folder; the preview one run after every save,
into a folder of its own, told which pages to draw first.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import partial

from careers.config import Config
from careers.engine.cache.cards import save_cards
from careers.engine.cache.lazy import short_row
from careers.engine.cache.lock import project_lock
from careers.engine.cache.related import RelatedMemo
from careers.engine.cache.snapshot import Snapshot, load_snapshot, save_snapshot, snapshot_path
from careers.engine.cache.state import (
    Known,
    State,
    content_hash,
    load_history,
    load_published,
    load_state,
    save_published,
    save_state,
    state_path,
)
from careers.engine.cache.store import PostingStore
from careers.engine.collect import fewer_collections
from careers.engine.context import posting_context, theme_fingerprint
from careers.engine.draw import Drawn, Plan, Progress, draw, plan_run
from careers.engine.early import Last, early_pages
from careers.engine.files import check_cache_dir, check_cache_folders, check_output_dir
from careers.engine.findings import nothing_found, postings_folder, shallow_clone
from careers.engine.items import KeptItems
from careers.engine.options import Options, Report, Target
from careers.engine.patch import Patched, patch_site, plan_patch, record_key, slugs_hold, take_snapshot
from careers.engine.process import Identified, dated, identify, last_good, process_files
from careers.engine.theme import Theme, load_theme
from careers.engine.uptodate import up_to_date
from careers.engine.writer import LiveWriter, SiteWriter, WriteStats
from careers.errors import CareersError, Diagnostic
from careers.model import Posting, Result, Site
from careers.pages.plan import Page
from careers.pages.site import assemble_site
from careers.pages.urls import published_record
from careers.posting.blocks import read_blocks
from careers.posting.tagging.vocabulary_files import load_vocabulary
from careers.sources.history import History
from careers.sources.scan import scan_postings

SKILLS_FILE = "skills.toml"
CACHE_FOLDERS = ("postings", "state", "templates")  # written in by every build


@dataclass
class _Run:
    theme: Theme
    found: list[Identified]
    inputs: str  # a fingerprint of everything found, under the theme's context and the day
    history: History
    changed: set[str]  # posting files whose bytes changed
    known: dict[str, Known] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    notes: tuple[Diagnostic, ...] = ()  # findings about the site's other content (its blocks)
    patched: Patched | None = None  # the last run's site, patched (``careers.engine.patch``)
    assembled: list[Diagnostic] = field(default_factory=list)  # what putting the site together said


class Engine:
    """A project's pipeline into one output folder; ``run`` it once (build) or after every save."""

    def __init__(
        self, config: Config, options: Options, target: Target, meter: Progress | None = None
    ) -> None:
        check_output_dir(target.output, config.root, (config.content_path, *config.template_paths))
        if options.cache:
            check_cache_dir(config.cache_path, config)
            check_cache_folders(config.cache_path, CACHE_FOLDERS, target.output, make=target.persist)
        self.config, self.options, self.target, self.meter = config, options, target, meter
        self.vocab = load_vocabulary(config.content_path / SKILLS_FILE)
        cache = config.cache_path if options.cache else None
        context = posting_context(config, self.vocab)
        self.store = PostingStore(cache / "postings", context, target.persist) if cache else None
        self.state_file = state_path(cache, target.output) if cache and target.persist else None
        self.state = load_state(self.state_file) if self.state_file else State()
        self.related = RelatedMemo(cache if target.persist else None)
        # What was published before, which keeps its URLs: a build's own record (the cache),
        # else the order the postings entered git history.
        self.published = load_published(cache) if cache else {}
        self.cache = cache
        self.theme: Theme | None = None
        self.site = Site((), (), (), {})  # as the last run assembled it
        self.results: dict[str, Result] = {}  # every posting file's, as the last run knew it
        self.snapshot: Snapshot | None = None  # the last run's site as the next can patch it
        self.snapshot_file = snapshot_path(self.state_file) if self.state_file else None
        self.diagnostics: tuple[Diagnostic, ...] = ()  # the last run's, sorted

    def run(
        self,
        first: Collection[str] = (),
        stop: Callable[[], bool] | None = None,
        on_first: Callable[[list[str]], None] | None = None,
        saved: Collection[str] = (),
    ) -> Report:
        """Bring the output up to date. ``first`` are output paths to draw before the rest (then
        ``on_first`` is told what was written); ``stop`` is asked between stages and pages whether
        to give up for a newer change; ``saved`` are the files the preview's watcher saw change,
        whose pages it draws first of all (``careers.engine.early``). A template error raises
        ``TemplateError``, leaving the site as it was (a preview's pages as far as they got)."""
        started = time.perf_counter()
        locked = self.options.cache and self.target.persist
        lock = project_lock(self.config.cache_path) if locked else contextlib.nullcontext()
        with lock, fewer_collections():
            if saved and on_first is not None:
                self._draw_early(saved, on_first)
            run = self._start()
            if not run.found:
                return self._report(started, WriteStats(), (nothing_found(self.config),))
            if self._up_to_date(run):
                stats = WriteStats(unchanged=len(self.state.pages))
                return self._report(started, stats, self.state.diagnostics, pages=self.state.page_count)
            planned = self._plan(run, stop)
            if planned is None:  # a newer save: drawing this run's pages is wasted
                return self._report(started, WriteStats(), run.diagnostics, run=run, drawn=Drawn([], 0, True))
            plan, replan = planned
            plan.urgent.update(first)
            run.theme.cards.use(plan.tokens)
            writer = self._writer()
            records = self.state.pages
            # Items are kept under the same build context (code, settings, vocabulary, theme).
            same = self.snapshot is not None and self.snapshot.key == self._shape(run)
            last = self.snapshot.items if self.snapshot is not None and same else {}
            items = KeptItems(writer.out, last, dict(records), writer.current, plan.tokens)
            drawn = draw(
                plan, self.site, self.config, run.theme, writer, records, items,
                self.options.jobs, self.meter, stop, on_first, replan,
            )  # fmt: skip
            if drawn.stopped:
                return self._report(started, writer.stats, run.diagnostics, run=run, drawn=drawn)
            for path, data in run.theme.assets.files:
                if writer.put(path, data):
                    drawn.written.append(path)
                records[path] = ("", writer.stats.stamps[path], content_hash(data))
            paths = {page.path for page in plan.pages} | set(plan.kept)
            stats = writer.finish(paths | {path for path, _ in run.theme.assets.files})
            self._remember(run, plan, stats, items)
            count = len(plan.pages) + len(plan.kept)
            return self._report(started, stats, run.diagnostics, pages=count, run=run, drawn=drawn)

    def _plan(
        self, run: _Run, stop: Callable[[], bool] | None
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

    def _draw_early(self, saved: Collection[str], on_first: Callable[[list[str]], None]) -> None:
        """The saved postings' own pages, from the last run's site (``careers.engine.early``)."""
        if self.target.live and self.theme is not None and self.site.postings:
            last = Last(self.site, self.theme, self.state.files, self.options.drafts)
            writer = self._writer()
            drawn = early_pages(saved, last, self.config, self.vocab, self.store)
            written = [page.path for page, data in drawn if writer.put(page.path, data)]
            if written:
                on_first(written)

    def assemble(self) -> Site:
        """Read, process and assemble only: the site a run would draw (``tags``)."""
        self._process(self._start())
        return self.site

    def _start(self) -> _Run:
        config = self.config
        blocks, notes = read_blocks(config)
        # The posting intro and conclusion are on every posting page, as the theme is.
        fingerprint = f"{theme_fingerprint(config.template_paths)}:{blocks.digest}"
        if self.theme is None or self.theme.fingerprint != fingerprint:
            options = (self.target.fingerprint_assets, self.options.drafts)
            log = self.state_file.with_suffix(".cards") if self.state_file else None
            compiled = self.cache / "templates" if self.cache and self.target.persist else None
            self.theme = load_theme(config, self.vocab, fingerprint, options, log, compiled, blocks)
        found = scan_postings(str(config.jobs_path), str(config.content_path), str(config.root))
        files = identify(found, self.state.files, config)
        last = self.state.files
        changed = {
            item.found.relpath
            for item in files
            if item.found.relpath not in last or last[item.found.relpath].digest != item.digest
        }
        persist = self.cache if self.target.persist else None
        history = load_history(persist, str(config.root), postings_folder(config))
        # What the run reads: the context, the day, every file's name and bytes, the commit
        # (postings are dated by their first and last commits). Not their stamps: a fresh
        # checkout with the cache restored (new times, same bytes) is no change.
        digest = hashlib.sha256(f"{self.theme.context}\0{self.options.now}\0{history.head}".encode())
        for item in files:
            digest.update(f"{item.found.relpath}\0{item.digest}\0{item.problem}\n".encode())
        return _Run(self.theme, files, digest.hexdigest(), history, changed, notes=tuple(notes))

    def _up_to_date(self, run: _Run) -> bool:
        return up_to_date(self.state, run.inputs, self.target.output, run.found, self.state_file)

    def _results(self, run: _Run, only: Collection[str] | None = None) -> None:
        """The posting files' results (``only``'s, or all), the last good kept in the preview."""
        if self.meter:
            self.meter.start("processing postings", len(run.found))
        last = {**self.state.files, **{name: k for name, k in run.known.items() if k.result is not None}}
        inputs = (self.config, self.vocab)
        tick = self.meter.advance if self.meter else None
        run.known = process_files(run.found, last, self.store, inputs, self.options.jobs, tick, only)
        if self.target.keep_last_good:
            run.known = {name: last_good(now, self.state.files.get(name)) for name, now in run.known.items()}

    def _process(self, run: _Run, stop: Callable[[], bool] | None = None) -> None:
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
        self.wanted = {p.source: p.slug for p in postings}
        gc.freeze()  # every posting lives until the run ends: no collection need walk them again
        kept = (self.related.relate, self.published, history.first, config.departments, config.max_age_days)
        self.site, run.assembled = assemble_site(postings, self.options.now, *kept)
        self._dated = postings
        found = [d for r in self.results.values() for d in r.diagnostics] + run.assembled + list(run.notes)
        if history.shallow:
            found.append(shallow_clone(config))
        run.diagnostics = tuple(sorted(set(found), key=Diagnostic.sort_key))
        self.diagnostics = run.diagnostics

    def _patch(self, run: _Run) -> tuple[Plan, Callable[[str], Page]] | None:
        """The plan of a run that patches the last run's site (``careers.engine.patch``), or None."""
        snapshot = self._last_snapshot()
        if snapshot is None or snapshot.key != self._shape(run):
            return None
        if record_key(self.published) not in snapshot.records:
            return None
        self._results(run, run.changed)
        previous = (*self.site.postings, *self.site.closed) if self.snapshot is snapshot else None
        patched = patch_site(
            snapshot, run.known, self.state.files, run.changed, self._old_posting,
            partial(self._stored, run), run.history, self.options.drafts, previous,
        )  # fmt: skip
        if patched is None:
            return None
        digests = {name: known.digest for name, known in run.known.items()}
        reads = self.state.reads_site
        planned = plan_patch(patched, snapshot, self.config, run.theme, digests, self.state.pages, reads)
        if planned is None:
            return None
        self.site, run.patched = patched.site, patched
        self.results = {name: k.result for name, k in run.known.items() if k.result is not None}
        found = [Diagnostic(*row) for rows in patched.findings.values() for row in rows]
        found += patched.notes + list(run.notes)
        if run.history.shallow:
            found.append(shallow_clone(self.config))
        run.diagnostics = tuple(sorted(set(found), key=Diagnostic.sort_key))
        self.diagnostics = run.diagnostics
        return planned

    def _shape(self, run: _Run) -> str:
        """What the site's shape depends on besides its postings and the published record."""
        return f"{run.theme.context}\0{self.options.now}\0{run.history.head}"

    def _last_snapshot(self) -> Snapshot | None:
        if self.snapshot is None and self.snapshot_file is not None and self.state.inputs:
            self.snapshot = load_snapshot(self.snapshot_file)
        return self.snapshot

    def _old_posting(self, name: str) -> Posting | None:
        """A posting file's posting as the last run processed it."""
        last = self.state.files.get(name)
        if last is None or last.result is not None:
            return last.result.posting if last is not None and last.result is not None else None
        result = self.store.load(self.store.key(name, last.digest)) if self.store else None
        return result.posting if result is not None else None

    def _stored(self, run: _Run, name: str) -> Posting:
        """An unchanged posting file's posting: from the store, else processed again."""
        known = run.known[name]
        result = self.store.load(self.store.key(name, known.digest)) if self.store else None
        if result is None:
            item = next(item for item in run.found if item.found.relpath == name)
            inputs = (self.config, self.vocab)
            result = process_files([item], {}, self.store, inputs, 1)[name].result
        if result is None or result.posting is None:
            raise CareersError(f"{name} changed during the build: build again")
        return result.posting

    def _writer(self) -> LiveWriter | SiteWriter:
        if not self.target.live:
            return SiteWriter(self.target.output, self.state.pages.keys() if self.state.inputs else None)
        # The preview's folder is its own: what it wrote is as the state says (after its first run).
        known = {path: page[1] for path, page in self.state.pages.items()} if self.state.inputs else None
        return LiveWriter(self.target.output, known)

    def _remember(self, run: _Run, plan: Plan, stats: WriteStats, items: KeptItems) -> None:
        """Keep what this run learnt, in memory and (for builds) in the cache."""
        state = self.state
        context_changed = state.context != run.theme.context
        fingerprints, drawn = plan.fingerprints, state.pages  # ``draw`` recorded what it wrote and kept
        state.pages = {
            path: (fingerprints.get(path, ""), stamp, drawn[path][2] if path in drawn else "")
            for path, stamp in stats.stamps.items()
        }
        state.files, state.context = run.known, run.theme.context
        state.inputs = run.inputs
        state.postings, state.diagnostics = len(self.site.postings), run.diagnostics
        state.page_count, state.reads_site = len(plan.pages) + len(plan.kept), plan.reads_site
        self.snapshot = self._next_snapshot(run, plan, items)
        if self.state_file is None:
            return
        save_state(self.state_file, state)
        if self.snapshot_file is not None:
            save_snapshot(self.snapshot_file, self.snapshot)
        save_cards(run.theme.cards, set(run.theme.cards.tokens.values()))
        if context_changed and self.store is not None:
            # New code, settings or theme: entries for anything but today's files are dead.
            self.store.prune({self.store.key(name, k.digest) for name, k in run.known.items() if k.digest})

    def _next_snapshot(self, run: _Run, plan: Plan, items: KeptItems) -> Snapshot:
        """The snapshot of this run's site: the last one patched, or taken afresh."""
        patched, snapshot = run.patched, self.snapshot
        previous = snapshot.items if snapshot is not None else {}
        if patched is not None and snapshot is not None:
            for i, posting in patched.changed.items():
                snapshot.postings[i] = short_row(posting)
            snapshot.findings = patched.findings
        else:
            records = [record_key(self.published)]
            if not self.target.live and self.cache is not None:  # a build publishes; the preview does not
                site = self.site
                self.published = published_record((*site.postings, *site.closed), self.wanted)
                save_published(self.cache, self.published)
                if slugs_hold(self._dated, site, self.published, run.history.first):
                    records.append(record_key(self.published))
            snapshot = take_snapshot(self.site, plan, self._shape(run), records, run.assembled, self.results)
        kept = {path: spans for path, spans in previous.items() if path in plan.fingerprints}
        snapshot.items = {**kept, **items.written}
        return snapshot

    def _report(
        self, started: float, stats: WriteStats, diagnostics: tuple[Diagnostic, ...], pages: int = 0,
        run: _Run | None = None, drawn: Drawn | None = None,
    ) -> Report:  # fmt: skip
        postings = len(self.site.postings) if run else self.state.postings
        processed = tuple(sorted(run.changed)) if run else ()
        seconds = time.perf_counter() - started
        if drawn is None:
            return Report(postings, pages, stats, diagnostics, seconds, (), processed)
        changed = (*drawn.written, *stats.removed_paths)
        return Report(
            postings, pages, stats, diagnostics, seconds, changed, processed, drawn.rendered, drawn.stopped
        )


def build(config: Config, options: Options | None = None, meter: Progress | None = None) -> Report:
    """One run into ``config``'s output folder: what ``careers build`` does."""
    return Engine(config, options or Options(), Target(config.output_path), meter).run()
