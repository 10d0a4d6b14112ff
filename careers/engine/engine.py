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
import hashlib
import time
from collections.abc import Callable, Collection

from careers.config import Config
from careers.engine.assembly import Run, SiteWork
from careers.engine.cache.cards import save_cards
from careers.engine.cache.lock import project_lock
from careers.engine.cache.published import load_published, publish
from careers.engine.cache.related import RelatedMemo
from careers.engine.cache.snapshot import snapshot_path
from careers.engine.cache.state import (
    State,
    load_history,
    load_state,
    save_state,
    state_path,
)
from careers.engine.cache.store import PostingStore
from careers.engine.collect import collect_garbage, fewer_collections
from careers.engine.context import data_context, posting_context, theme_fingerprint
from careers.engine.draw import Drawn, Plan, Progress, draw_site
from careers.engine.early import Last, early_pages
from careers.engine.files import check_cache_dir, check_cache_folders, check_output_dir
from careers.engine.findings import nothing_found, postings_folder
from careers.engine.items import KeptItems
from careers.engine.last import LastSite
from careers.engine.options import Options, Report, Target
from careers.engine.process import identify
from careers.engine.swap import staging_dir
from careers.engine.theme import Theme, load_theme
from careers.engine.uptodate import up_to_date
from careers.engine.writer import LiveWriter, SiteWriter, WriteStats
from careers.errors import Diagnostic
from careers.model import Result, Site
from careers.posting.blocks import read_blocks
from careers.posting.tagging.vocabulary_files import load_vocabulary
from careers.sources.scan import scan_postings

SKILLS_FILE = "skills.toml"
CACHE_FOLDERS = ("postings", "state", "templates")  # written in by every build


class Engine(SiteWork):
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
        self.cache = cache
        self.theme: Theme | None = None
        self.site = Site((), (), (), {})  # as the last run assembled it
        self.results: dict[str, Result] = {}  # every posting file's, as the last run knew it
        # The last run's site as the next can patch it (``careers.engine.patch``).
        self.last = LastSite(snapshot_path(self.state_file) if self.state_file else None, self.store)
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
        started, cache, out = time.perf_counter(), self.config.cache_path, self.target.output
        if self.options.cache:  # every run: a link planted since the engine was made (the preview's lives on)
            check_cache_folders(cache, CACHE_FOLDERS, out, make=self.target.persist)
        locked = self.options.cache and self.target.persist  # the staging folder: written besides the cache
        lock = project_lock(cache, (staging_dir(out),)) if locked else contextlib.nullcontext()
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
            writer, draw_args = self._writer(), (self.config, self.options.jobs, self.meter)
            records = self.state.pages
            last = self.last.snapshot.items if self.last.snapshot is not None else {}
            contexts = (data_context(self.config, self.vocab), run.theme.context)
            items = KeptItems(writer.out, last, dict(records), writer.current, plan.tokens, contexts)
            drawn, stats = draw_site(
                plan, self.site, run.theme, writer, records, items, draw_args, stop, on_first, replan
            )
            if drawn.stopped:
                return self._report(started, stats, run.diagnostics, run=run, drawn=drawn)
            self._remember(run, plan, stats, items)
            count = len(plan.pages) + len(plan.kept)
            return self._report(started, stats, run.diagnostics, pages=count, run=run, drawn=drawn)

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

    def _start(self) -> Run:
        config = self.config
        blocks, notes = read_blocks(config)
        # The posting intro and conclusion are on every posting page, as the theme is.
        fingerprint = f"{theme_fingerprint(config.template_paths)}:{blocks.digest}"
        if self.theme is None or self.theme.fingerprint != fingerprint:
            replaced, options = self.theme is not None, (self.target.fingerprint_assets, self.options.drafts)
            log = self.state_file.with_suffix(".cards") if self.state_file else None
            compiled = self.cache / "templates" if self.cache and self.target.persist else None
            self.theme = load_theme(config, self.vocab, fingerprint, options, log, compiled, blocks)
            if replaced and self.target.live:
                collect_garbage()  # the theme let go of (compiled templates, kept cards: cycles)
        found = scan_postings(str(config.jobs_path), str(config.content_path), str(config.root))
        files = identify(found, self.state.files, config)
        last = self.state.files
        changed = {
            item.found.relpath
            for item in files
            if item.found.relpath not in last or last[item.found.relpath].digest != item.digest
        }
        # What keeps published URLs: the last build's record, and git history (which dates too).
        persist = self.cache if self.target.persist else None
        history = load_history(persist, str(config.root), postings_folder(config))
        record = load_published(self.cache)
        # What the run reads: the context, the day, every file's name and bytes, the commit
        # (postings are dated by their first and last commits), and the record (``_up_to_date``).
        # Not their stamps: a fresh checkout with the cache restored (new times, same bytes) is no change.
        digest = hashlib.sha256(f"{self.theme.context}\0{self.options.now}\0{history.head}".encode())
        for item in files:
            digest.update(f"{item.found.relpath}\0{item.digest}\0{item.problem}\n".encode())
        return Run(self.theme, files, digest.hexdigest(), history, changed, record, notes=tuple(notes))

    def _up_to_date(self, run: Run) -> bool:
        inputs = f"{run.inputs}:{run.record.fingerprint()}"
        return up_to_date(self.state, inputs, self.target.output, run.found, self.state_file)

    def _writer(self) -> LiveWriter | SiteWriter:
        if not self.target.live:
            return SiteWriter(self.target.output, self.state.pages.keys() if self.state.inputs else None)
        # The preview's folder is its own: what it wrote is as the state says (after its first run).
        known = {path: page[1] for path, page in self.state.pages.items()} if self.state.inputs else None
        return LiveWriter(self.target.output, known)

    def _remember(self, run: Run, plan: Plan, stats: WriteStats, items: KeptItems) -> None:
        """Keep what this run learnt, in memory and (for builds) in the cache."""
        state = self.state
        context_changed = state.context != run.theme.context
        fingerprints, drawn = plan.fingerprints, state.pages  # ``draw`` recorded what it wrote and kept
        state.pages = {
            path: (fingerprints.get(path, ""), stamp, drawn[path][2] if path in drawn else "")
            for path, stamp in stats.stamps.items()
        }
        state.files, state.context = run.known, run.theme.context
        state.postings, state.diagnostics = len(self.site.postings), run.diagnostics
        state.page_count, state.reads_site = len(plan.pages) + len(plan.kept), plan.reads_site
        record = run.record  # as read: the next run reads it again, unless this one publishes
        if self.state_file is not None and not self.target.live and self.cache is not None:
            # Builds publish; a later run with nothing to do says what this one said, but its news.
            record = publish(self.cache, run.record, self.site, {n: k.digest for n, k in run.known.items()})
            state.diagnostics = tuple(d for d in run.diagnostics if d not in run.news)
        state.inputs = f"{run.inputs}:{record.fingerprint()}"
        self._next_snapshot(run, plan, items, record)
        if self.state_file is None:
            return
        save_state(self.state_file, state)
        self.last.save()
        save_cards(run.theme.cards, set(run.theme.cards.tokens.values()))
        if context_changed and self.store is not None:
            # New code, settings or theme: entries for anything but today's files are dead.
            self.store.prune({self.store.key(name, k.digest) for name, k in run.known.items() if k.digest})

    def _report(
        self, started: float, stats: WriteStats, diagnostics: tuple[Diagnostic, ...], pages: int = 0,
        run: Run | None = None, drawn: Drawn | None = None,
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
