"""Which pages a run draws, in what order, and writing them: the engine's change detection for pages.

Every planned page gets a fingerprint of what it is drawn from (``careers.engine.fingerprint``).
A page whose fingerprint is the one its file was written with, and whose file is as that run
left it, is kept as it is; every other page is rendered and written (the writer compares
bytes, so a page that renders the same is not written either). Pages asked for first (the
preview's open pages) and the pages of postings that changed go before the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from careers.config import Config
from careers.engine.cache.state import Written, content_hash, holds
from careers.engine.files import OutStamp
from careers.engine.fingerprint import Tokens, page_fingerprint, site_fingerprint, templates_reading_site
from careers.engine.rendering import render_pages
from careers.engine.theme import Theme
from careers.engine.writer import LiveWriter, SiteWriter
from careers.model import Site
from careers.pages.plan import Page, plan_pages, posting_path

Records = dict[str, Written]  # output path → (fingerprint, stamp as written, its bytes' hash)


class Progress(Protocol):
    """What a long run reports its progress to (``careers.shell.progress.Meter``)."""

    def start(self, stage: str, total: int) -> None: ...
    def advance(self, count: int = 1) -> None: ...
    def finish(self) -> None: ...


@dataclass
class Plan:
    pages: list[Page]
    fingerprints: dict[str, str]
    urgent: set[str] = field(default_factory=set)  # paths to draw before the rest
    reads_site: dict[str, bool] = field(default_factory=dict)  # template → whether it reads ``site``
    tokens: dict[str, str] = field(default_factory=dict)  # posting source → what tells its version


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
    """Every page of ``site`` with its fingerprint; ``changed`` posting files' pages are urgent.
    ``reads_site`` is what is known of this theme's templates (the last run's, same context)."""
    tokens = Tokens(dict(digests))
    tokens.add(site.postings)
    tokens.add(site.closed)
    pages = plan_pages(site, config)
    templates = {page.template for page in pages}
    reads = {name: reads_site[name] for name in templates if name in reads_site}
    reads.update(templates_reading_site(theme.env, templates - reads.keys()))
    whole = site_fingerprint(site, tokens) if any(reads.values()) else None
    fingerprints = {
        page.path: page_fingerprint(theme.context, page, tokens, whole if reads[page.template] else None)
        for page in pages
    }
    urgent = {posting_path(p) for p in (*site.postings, *site.closed) if p.source in changed}
    return Plan(pages, fingerprints, urgent, reads, tokens.by_source)


def draw(
    plan: Plan,
    site: Site,
    config: Config,
    theme: Theme,
    writer: LiveWriter | SiteWriter,
    records: Records,
    jobs: int | None = None,
    progress: Progress | None = None,
    stop: Callable[[], bool] | None = None,
    on_urgent: Callable[[list[str]], None] | None = None,
) -> Drawn:
    """Draw what changed, the urgent pages first (then ``on_urgent`` is told what they wrote).

    ``records`` (the state's) is updated as each page is written, so what a run did before
    it stopped (``stop`` said to give up for a newer change) or failed is known to the next.
    """
    if stop is not None and stop():
        return Drawn(stopped=True)  # a newer change came while the site was put together
    todo = []
    for page in plan.pages:
        record = records.get(page.path)
        fingerprint = plan.fingerprints[page.path]
        now = writer.current.get(page.path)
        # As the last run left it: the very file (its stamp), or a copy of it with another
        # inode (a restored site, as a CI cache gives it back) whose bytes are the ones written.
        drawn_so = record is not None and bool(fingerprint) and record[0] == fingerprint
        if record is not None and drawn_so and now and same_file(writer.out, page.path, now, record):
            writer.keep(page.path, record[2])
        else:
            todo.append(page)
    if progress:
        progress.start("rendering pages", len(todo))
    urgent = [page for page in todo if page.path in plan.urgent]
    rest = [page for page in todo if page.path not in plan.urgent]
    drawn = Drawn()
    written = drawn.written
    for group in (urgent, rest):
        for page, data in render_pages(group, site, config, theme.env, theme.assets.names, theme.cards, jobs):
            if writer.put(page.path, data):
                written.append(page.path)
            stamp = writer.stats.stamps[page.path]
            records[page.path] = (plan.fingerprints[page.path], stamp, content_hash(data))
            drawn.rendered += 1
            if progress:
                progress.advance()
            if stop is not None and stop():
                drawn.stopped = True
                return drawn
        if group is urgent and urgent and on_urgent is not None:
            on_urgent(list(written))
    return drawn
