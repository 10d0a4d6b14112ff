"""Render the pages a run must draw: listings here, posting pages across cores when many.

Listings go first, in this process: they share their cards, which are then kept. Posting
pages follow, in forked workers when there are enough of them to pay for a pool; a worker
inherits the site, the compiled templates and every card made so far, and hands back the
pages it rendered with the cards it made.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import jinja2

from careers.config import Config
from careers.engine.cache.cards import Entries, KeptCards
from careers.engine.parallel import can_fork, map_ordered, worker_count
from careers.model import Site
from careers.pages.plan import Page
from careers.pages.render import render_page

BATCH = 32  # posting pages a worker renders per task


def render_pages(
    pages: Sequence[Page],
    site: Site,
    config: Config,
    env: jinja2.Environment,
    assets: Mapping[str, str] | None,
    cards: KeptCards,
    jobs: int | None = None,
) -> Iterator[tuple[Page, bytes]]:
    """Each of ``pages`` with its bytes: those before the first posting page in order, here;
    the posting pages after them across ``jobs`` processes (default: every core)."""
    split = next((i for i, page in enumerate(pages) if not _is_listing(page)), len(pages))
    for page in pages[:split]:
        yield page, render_page(page, site, config, env, assets)
    rest = pages[split:]
    workers = worker_count(len(rest), jobs) if can_fork() else 1
    if workers <= 1:
        for page in rest:
            yield page, render_page(page, site, config, env, assets)
        return
    batches = [range(i, min(i + BATCH, len(rest))) for i in range(0, len(rest), BATCH)]
    inputs = (rest, site, config, env, assets, cards)
    for batch, (rendered, new) in zip(
        batches, map_ordered(_render_batch, batches, workers, _set, inputs), strict=True
    ):
        cards.add(new)
        for index, data in zip(batch, rendered, strict=True):
            yield rest[index], data


def _is_listing(page: Page) -> bool:
    return page.template != "posting.html"


_inputs: (
    tuple[Sequence[Page], Site, Config, jinja2.Environment, Mapping[str, str] | None, KeptCards] | None
) = None


def _set(*inputs: object) -> None:
    global _inputs
    _inputs = inputs  # type: ignore[assignment]  # exactly what render_pages passes
    cards = inputs[5]
    assert isinstance(cards, KeptCards)
    cards.take_new()  # what the build made before the fork is the build's


def _render_batch(batch: range) -> tuple[list[bytes], Entries]:
    assert _inputs is not None, "_set() runs first"
    pages, site, config, env, assets, cards = _inputs
    rendered = [render_page(pages[i], site, config, env, assets) for i in batch]
    return rendered, cards.take_new()
