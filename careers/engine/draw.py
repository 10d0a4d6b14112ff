"""Which pages a run draws, in what order, and writing them: the engine's change detection for pages.

Every planned page gets a fingerprint of what it is drawn from (``careers.engine.fingerprint``).
A page whose fingerprint is the one its file was written with, and whose file is as that run
left it, is kept as it is; every other page is rendered and written (the writer compares
bytes, so a page that renders the same is not written either). Pages asked for first (the
preview's open pages) and the pages of postings that changed go before the rest.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import jinja2

from careers.config import Config
from careers.engine.cache.state import Written, content_hash, holds
from careers.engine.files import OutStamp
from careers.engine.fingerprint import Tokens, page_fingerprint, site_fingerprint, templates_reading_site
from careers.engine.items import KeptItems
from careers.engine.rendering import render_pages
from careers.engine.theme import Theme
from careers.engine.writer import LiveWriter, SiteWriter, WriteStats
from careers.model import Site
from careers.pages.plan import Page, Part, Planner, posting_path
from careers.pages.render import LAYOUTS, page_layout

Records = dict[str, Written]  # output path → (fingerprint, stamp as written, its bytes' hash)


class Progress(Protocol):
    """What a long run reports its progress to (``careers.shell.progress.Meter``)."""

    def start(self, stage: str, total: int) -> None: ...
    def advance(self, count: int = 1) -> None: ...
    def finish(self) -> None: ...


@dataclass(frozen=True)
class Planned:
    """One part of the plan as drawn: its pages, and the postings they were drawn from."""

    part: Part
    paths: list[str]
    deps: frozenset[str] | None  # posting sources; None: every posting
    whole: bool  # a page of it reads the whole site


@dataclass
class Plan:
    pages: list[Page]
    fingerprints: dict[str, str]
    urgent: set[str] = field(default_factory=set)  # paths to draw before the rest
    reads_site: dict[str, bool] = field(default_factory=dict)  # template → whether it reads ``site``
    tokens: dict[str, str] = field(default_factory=dict)  # posting source → what tells its version
    parts: list[Planned] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # paths planned as they were (a patched run's)
    seen: dict[str, set[str]] = field(default_factory=dict)  # path → the postings it was drawn from


@dataclass
class Drawn:
    written: list[str] = field(default_factory=list)  # output paths whose bytes were written
    rendered: int = 0
    stopped: bool = False


def same_file(out: Path, path: str, now: OutStamp, record: Written) -> bool:
    """Whether the output file at ``path``, stamped ``now``, is the one ``record`` says was written."""
    if now[:2] != record[1][:2]:
        return False
    return now[2] == record[1][2] or holds(str(out / path), record)


def plan_run(
    site: Site,
    config: Config,
    theme: Theme,
    digests: Mapping[str, str],
    changed: Collection[str],
    reads_site: Mapping[str, bool],
) -> Plan:
    """Every page of ``site`` with its fingerprint, part by part with what each was drawn from;
    ``changed`` posting files' pages are urgent. ``reads_site`` is what is known of this
    theme's templates (the last run's, same context)."""
    planner = Planner(site, config)
    tokens = Tokens(dict(digests))
    tokens.add(site.postings)
    tokens.add(site.closed)
    parts = [(part, planner.pages(part)) for part in planner.parts()]
    pages = [page for _, pages in parts for page in pages]
    plan = fingerprint_pages(pages, site, theme, tokens, reads_site)
    everyone = len(site.postings) + len(site.closed)
    for part, part_pages in parts:
        seen: set[str] = set()
        for page in part_pages:
            seen |= plan.seen[page.path]
        deps = None if len(seen) * 2 > everyone else frozenset(seen)
        whole = any(plan.reads_site[page.template] for page in part_pages)
        plan.parts.append(Planned(part, [page.path for page in part_pages], deps, whole))
    plan.urgent = {posting_path(p) for p in (*site.postings, *site.closed) if p.source in changed}
    return plan


def fingerprint_pages(
    pages: list[Page], site: Site, theme: Theme, tokens: Tokens, reads_site: Mapping[str, bool]
) -> Plan:
    """``pages`` with their fingerprints (and, in ``seen``, the postings each was drawn from)."""
    templates = {page.template for page in pages}
    reads = {name: reads_site[name] for name in templates if name in reads_site}
    reads.update(templates_reading_site(theme.env, templates - reads.keys()))
    whole = site_fingerprint(site, tokens) if any(reads.values()) else None
    fingerprints, seen = {}, {}
    for page in pages:
        tokens.seen = set()
        fingerprints[page.path] = page_fingerprint(
            theme.context, page, tokens, whole if reads[page.template] else None
        )
        seen[page.path] = tokens.seen
    tokens.seen = None
    return Plan(pages, fingerprints, reads_site=reads, tokens=tokens.by_source, seen=seen)


def draw(
    plan: Plan,
    site: Site,
    config: Config,
    theme: Theme,
    writer: LiveWriter | SiteWriter,
    records: Records,
    items: KeptItems,
    jobs: int | None = None,
    progress: Progress | None = None,
    stop: Callable[[], bool] | None = None,
    on_urgent: Callable[[list[str]], None] | None = None,
    replan: Callable[[str], Page] | None = None,
) -> Drawn:
    """Draw what changed, the urgent pages first (then ``on_urgent`` is told what they wrote).

    ``records`` (the state's) is updated as each page is written, so what a run did before
    it stopped (``stop`` said to give up for a newer change) or failed is known to the next.
    ``plan.kept`` pages are kept unless their files changed, then ``replan`` plans them again.
    """
    if stop is not None and stop():
        return Drawn(stopped=True)  # a newer change came while the site was put together
    todo = []
    for page in plan.pages:
        record = records.get(page.path)
        fingerprint = plan.fingerprints[page.path]
        drawn_so = record is not None and bool(fingerprint) and record[0] == fingerprint
        if record is not None and drawn_so and _as_written(writer, page.path, record):
            writer.keep(page.path, record[2])
        else:
            todo.append(page)
    for path in plan.kept:
        record = records.get(path)
        if record is not None and _as_written(writer, path, record):
            writer.keep(path, record[2])
        else:
            assert replan is not None, "a plan keeping pages says how to plan them again"
            todo.append(replan(path))
    if progress:
        progress.start("rendering pages", len(todo))
    urgent = [page for page in todo if page.path in plan.urgent]
    rest = [page for page in todo if page.path not in plan.urgent]
    drawn = Drawn()
    written = drawn.written
    env, assets, cards = theme.env, theme.assets.names, theme.cards
    for group in (urgent, rest):
        laid_out = [page for page in group if page.template in LAYOUTS]
        drawing = render_pages(
            [page for page in group if page.template not in LAYOUTS], site, config, env, assets, cards, jobs
        )
        machine = ((page, _machine(page, site, config, env, items)) for page in laid_out)
        for page, data in itertools.chain(drawing, machine):
            if writer.put(page.path, data):
                written.append(page.path)
            stamp = writer.stats.stamps[page.path]
            records[page.path] = (plan.fingerprints.get(page.path, ""), stamp, content_hash(data))
            drawn.rendered += 1
            if progress:
                progress.advance()
            if stop is not None and stop():
                drawn.stopped = True
                return drawn
        if group is urgent and urgent and on_urgent is not None:
            on_urgent(list(written))
    return drawn


def draw_site(
    plan: Plan,
    site: Site,
    theme: Theme,
    writer: LiveWriter | SiteWriter,
    records: Records,
    items: KeptItems,
    draw_args: tuple[Config, int | None, Progress | None],
    stop: Callable[[], bool] | None = None,
    on_urgent: Callable[[list[str]], None] | None = None,
    replan: Callable[[str], Page] | None = None,
) -> tuple[Drawn, WriteStats]:
    """``draw``, then the theme's files, then the writer finishes the output (unless stopped);
    on any error, Ctrl-C or SIGTERM the writer abandons the run: the site stays as it was."""
    config, jobs, progress = draw_args
    try:
        drawn = draw(
            plan, site, config, theme, writer, records, items, jobs, progress, stop, on_urgent, replan
        )
        if drawn.stopped:
            return drawn, writer.stats
        for path, data in theme.assets.files:
            if writer.put(path, data):
                drawn.written.append(path)
            records[path] = ("", writer.stats.stamps[path], content_hash(data))
        paths = {page.path for page in plan.pages} | set(plan.kept) | {path for path, _ in theme.assets.files}
        return drawn, writer.finish(paths)
    except BaseException:
        writer.abandon()
        raise


def _as_written(writer: LiveWriter | SiteWriter, path: str, record: Written) -> bool:
    """As the last run left it: the very file (its stamp), or a copy of it with another
    inode (a restored site, as a CI cache gives it back) whose bytes are the ones written."""
    now = writer.current.get(path)
    return now is not None and same_file(writer.out, path, now, record)


def _machine(page: Page, site: Site, config: Config, env: jinja2.Environment, items: KeptItems) -> bytes:
    layout = page_layout(page, site, config, env)
    return items.draw(page.path, layout) if layout is not None else b""
