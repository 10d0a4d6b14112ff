"""The whole pipeline for one build: sources → postings → site → pages → ``site/``."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import jinja2

from careers.config import Config
from careers.engine.batch import Task, process_tasks, scan_files
from careers.engine.cache import PostingCache, open_cache
from careers.engine.fragments import close_fragments, fragment_cache, load_fragments, runs, save_fragments
from careers.engine.manifest import (
    RELATED_FILE,
    BuildState,
    RelatedFile,
    build_context,
    inputs_fingerprint,
    load_state,
    page_fingerprint,
    postings_fingerprint,
    save_state,
    site_fingerprint,
    site_is_intact,
    stamp,
    templates_reading,
)
from careers.engine.output import (
    Keep,
    Placed,
    Staging,
    WriteStats,
    check_output_dir,
    open_staging,
    write_site,
)
from careers.engine.parallel import worker_count
from careers.errors import Diagnostic
from careers.model import Posting, Site
from careers.pages.assets import Assets, load_assets
from careers.pages.render import (
    Page,
    jobs_json,
    machine_files,
    make_environment,
    plan_pages,
    posting_json,
    render_many,
)
from careers.pages.site import RelatedMemo, assemble_site
from careers.posting.tagging import Vocabulary, load_vocabulary
from careers.shell.progress import Meter
from careers.sources.files import find_sources

SKILLS_FILE = "skills.toml"
JOBS_JSON = "jobs.json"


@dataclass(frozen=True)
class BuildOptions:
    """How to build; ``now`` is the day postings close against (``None``: none ever closes)."""

    drafts: bool = False
    now: dt.date | None = None
    jobs: int | None = None  # processes to use; None: one per core
    cache: bool = True  # read and write the per-posting cache


@dataclass(frozen=True)
class BuildReport:
    postings: int
    pages: int
    stats: WriteStats
    diagnostics: tuple[Diagnostic, ...]
    seconds: float

    @property
    def failed(self) -> bool:
        return any(d.level == "error" for d in self.diagnostics)


def load_postings(
    config: Config,
    vocab: Vocabulary,
    options: BuildOptions = BuildOptions(),
    meter: Meter | None = None,
    write_cache: bool = True,
) -> tuple[list[Posting], list[Diagnostic]]:
    """Read and process every posting file; a bad one becomes a diagnostic, not a stop.

    Results come from the per-posting cache when it has them (unless ``options.cache`` is
    off); the rest are processed across ``options.jobs`` processes (default: every core)
    and stored in the cache when ``write_cache``.
    """
    cache = open_cache(config, vocab, write_cache) if options.cache else None
    tasks = scan_files(find_sources(config.jobs_path), config, cache)
    return _postings(tasks, config, vocab, cache, options, meter)


def _postings(
    tasks: list[Task],
    config: Config,
    vocab: Vocabulary,
    cache: PostingCache | None,
    options: BuildOptions,
    meter: Meter | None,
) -> tuple[list[Posting], list[Diagnostic]]:
    postings: list[Posting] = []
    found: list[Diagnostic] = []
    if meter:
        meter.start("processing postings", len(tasks))
    tick = meter.advance if meter else None
    for result in process_tasks(tasks, config, vocab, cache, options.jobs, tick):
        found.extend(result.diagnostics)
        if result.posting is not None:
            postings.append(result.posting)
    return postings, found


def build(
    config: Config,
    options: BuildOptions = BuildOptions(),
    meter: Meter | None = None,
) -> BuildReport:
    """Build ``config``'s content into its output folder and report what happened.

    Content errors are collected and the rest is built; a template or configuration
    error raises before the new site is swapped in, so the previous site stays as it was.
    Only pages whose inputs changed are rendered, and pages are written as they are
    rendered, so memory holds the postings but not the pages.
    """
    with fewer_collections():
        return _build(config, options, meter)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often, for the length of a build.

    A build keeps every posting until it ends, so the heap only grows, and each of the
    collector's full passes walks all of it: at 10,000 postings with the default
    thresholds, those passes cost more than reading the cache itself (1.3 s against
    0.47 s). Young objects are still collected, just in larger batches; once the site is
    assembled, it is frozen out of the collector's passes (and given back at the end).
    """
    old = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.unfreeze()  # what ``_build`` froze goes back to the collector
        gc.set_threshold(*old)


def _build(config: Config, options: BuildOptions, meter: Meter | None) -> BuildReport:
    started = time.perf_counter()
    out = config.output_path
    check_output_dir(out, config.root, [config.content_path, *config.template_paths])
    vocab = load_vocabulary(config.content_path / SKILLS_FILE)
    cache = open_cache(config, vocab) if options.cache else None
    old = load_state(config) if cache else None
    tasks = scan_files(find_sources(config.jobs_path), config, cache, old.sources if old else None)
    sources = {t.relpath: (t.stamp, t.content) for t in tasks if t.stamp and t.content}
    env = make_environment(config)
    # The day decides which postings are closed, and so the site each page is rendered from;
    # nothing renders the day itself. So it is an input of the build, not of every page: the
    # first build of a day renders only the pages of postings that closed, and the lists.
    context = build_context(config, vocab, replace(options, now=None, jobs=None, cache=True), env)
    inputs = inputs_fingerprint(f"{context}\0{options.now}", (task.token for task in tasks))
    if old and old.inputs == inputs and site_is_intact(out, old):
        if sources != old.sources:  # files read this time whose stamps can be trusted next time
            save_state(config, replace(old, sources=sources))
        stats = WriteStats(0, len(old.files), 0)
        return BuildReport(old.postings, old.pages, stats, old.diagnostics, time.perf_counter() - started)
    postings, found = _postings(tasks, config, vocab, cache, options, meter)
    if cache and (old is None or old.context != context):
        # New code, settings or templates (or no record of the last build): what the cache
        # holds for anything else will not be read again.
        cache.prune({task.key for task in tasks if task.key})
    del tasks
    memo = RelatedFile(config.cache_path / RELATED_FILE) if cache else None
    site, found = _assemble(postings, found, options, memo)
    # The postings and the site live until the build ends: no collection need walk them again.
    gc.freeze()
    assets = load_assets(*(folder / "static" for folder in config.template_paths))
    fragments = fragment_cache(env)
    pages = plan_pages(site, config)
    known = old.reads_site if old and old.context == context else {}
    reads_site = _reads_site(env, {page.template for page in pages}, known)
    fingerprints = _fingerprints(context, pages, site, reads_site)
    machine = list(machine_files(site, config))
    try:
        if cache:
            load_fragments(fragments, config.cache_path, context)
        staging = open_staging(out)
        files = _site_files(
            pages, fingerprints, site, config, env, assets, machine, old, options.jobs, meter, staging
        )
        stats = write_site(files, out, staging)
    except BaseException:
        close_fragments(fragments)
        raise
    if meter:
        meter.finish()
    diagnostics = tuple(sorted(found))
    count = len(pages) + 1 + len(machine)  # and jobs.json, robots.txt, sitemap, feed
    if cache:
        records = {path: (fingerprints.get(path, ""), st) for path, st in stats.stamps.items()}
        state = BuildState(
            str(out.resolve()),
            inputs,
            records,
            len(site.postings),
            count,
            diagnostics,
            sources,
            context,
            reads_site,
        )
        save_state(config, state)
        current = {p.identity for p in (*site.postings, *site.closed)}
        save_fragments(fragments, config.cache_path, context, current)
    return BuildReport(len(site.postings), count, stats, diagnostics, time.perf_counter() - started)


def _reads_site(env: jinja2.Environment, templates: set[str], known: dict[str, bool]) -> dict[str, bool]:
    """Which of ``templates`` read ``site``: ``known`` (the last build's, under the same
    context, so the same templates) where it says, else found by parsing them."""
    if templates <= known.keys():
        return {name: known[name] for name in templates}
    return {name: "site" in names for name, names in templates_reading(env, templates).items()}


def _fingerprints(context: str, pages: list[Page], site: Site, reads_site: dict[str, bool]) -> dict[str, str]:
    """Each page's fingerprint; pages whose templates read ``site`` depend on all of it."""
    whole = site_fingerprint(site) if any(reads_site.values()) else None
    found = {
        page.path: page_fingerprint(context, page, whole if reads_site[page.template] else None)
        for page in pages
    }
    found[JOBS_JSON] = postings_fingerprint(context, JOBS_JSON, site.postings)
    return found


def _site_files(
    pages: list[Page],
    fingerprints: dict[str, str],
    site: Site,
    config: Config,
    env: jinja2.Environment,
    assets: Assets,
    machine: list[tuple[str, bytes]],
    old: BuildState | None,
    jobs: int | None,
    meter: Meter | None,
    staging: Staging,
) -> Iterator[tuple[str, bytes | Keep | Placed]]:
    """Every output file: ``Keep`` when its page did not change, else rendered (and put in
    ``staging`` by the process that rendered it)."""
    out_dir = str(config.output_path)

    def unchanged(path: str) -> Keep | None:
        """``Keep`` (with the file's stamp) when the page's file is as the last build left it."""
        record = old.files.get(path) if old else None
        if record and record[0] and record[0] == fingerprints[path]:
            now = stamp(f"{out_dir}/{path}")
            if now is not None and tuple(record[1]) == now:
                return Keep(now)
        return None

    keep = [unchanged(page.path) for page in pages]
    todo = [page for page, kept in zip(pages, keep, strict=True) if not kept]
    if meter:
        meter.start("rendering pages", len(todo))
    for page, kept in zip(pages, keep, strict=True):
        if kept:
            yield page.path, kept
    workers = worker_count(len(todo), jobs)
    for index, data in render_many(todo, site, config, env, assets.names, workers, staging):
        yield todo[index].path, data
        if meter:
            meter.advance()
    kept_json = unchanged(JOBS_JSON)
    if kept_json:
        yield JOBS_JSON, kept_json
    else:
        # Each posting's record, and each run of records, is kept with the card fragments, so
        # one changed posting costs one record and one run, not 10,000 records.
        store = fragment_cache(env)

        def record(posting: Posting) -> str:
            return store.memo([JOBS_JSON, posting], lambda: posting_json(posting, config))

        def run_lines(run: Sequence[Posting]) -> str:
            return store.memo([JOBS_JSON, run], lambda: ",\n".join(map(record, run)))

        def lines(postings: Sequence[Posting]) -> str:
            return ",\n".join(map(run_lines, runs(postings)))

        yield JOBS_JSON, jobs_json(site, config, lines)
    yield from machine
    yield from assets.files


def _assemble(
    postings: list[Posting], found: list[Diagnostic], options: BuildOptions, memo: RelatedMemo | None = None
) -> tuple[Site, list[Diagnostic]]:
    if not options.drafts:
        postings = [p for p in postings if not p.draft]
    site, notes = assemble_site(postings, options.now, memo=memo)
    return site, found + notes


def site_of(
    config: Config, options: BuildOptions = BuildOptions(), meter: Meter | None = None
) -> tuple[Site, list[Diagnostic]]:
    """The assembled site without writing anything (for ``tags`` and ``check``)."""
    vocab = load_vocabulary(config.content_path / SKILLS_FILE)
    postings, found = load_postings(config, vocab, options, meter, write_cache=False)
    return _assemble(postings, found, options)
