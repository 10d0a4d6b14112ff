"""The preview's first answer to a save: the saved postings' own pages, before the site is put together.

A save that changes a posting but nothing the site is put together from (what ``placed``
compares: its title, slug, dates, skills, level, department, place, employment type, draft)
leaves every URL, listing and related list as the last run made them. So the preview draws that
posting's own page at once, from the last run's site with the new posting in it, and the
browser showing it reloads; the work grows with the saved files, not with the site. The run that
follows puts the whole site together as always: a page that comes out differently is drawn
again (and reloaded), one that comes out the same is not written twice.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path

from careers.config import Config
from careers.engine.cache.state import Known
from careers.engine.cache.store import PostingStore
from careers.engine.process import file_digest
from careers.engine.theme import Theme
from careers.errors import ContentError
from careers.model import Posting, Site
from careers.pages.plan import Page, posting_page
from careers.pages.render import render_page
from careers.pages.taxonomies import browsable
from careers.posting.tagging.vocabulary import Vocabulary
from careers.sources.files import check_path, read_regular_file


@dataclass(frozen=True)
class Last:
    """What the last run left: its site, theme and posting files, and whether drafts show."""

    site: Site
    theme: Theme
    files: dict[str, Known]
    drafts: bool


def placed(posting: Posting) -> tuple[object, ...]:
    """Everything of a posting the site is put together from (see ``careers.pages.site``)."""
    skills = tuple((t.slug, t.name, t.category, t.required) for t in posting.skills)
    return (
        *(posting.source, posting.title, posting.explicit_slug, posting.draft, posting.date_posted),
        *(posting.valid_through, skills, posting.level, posting.department, posting.location),
        *(posting.remote, posting.employment_type),
    )


def early_pages(
    saved: Collection[str], last: Last, config: Config, vocab: Vocabulary, store: PostingStore | None
) -> list[tuple[Page, bytes]]:
    """The pages of the saved posting files (absolute paths) that can be drawn from the last
    run's site as it is, drawn; files that are not postings it knows, or whose place in the
    site changed, are left to the whole run."""
    jobs = config.jobs_path.resolve()
    if not all(Path(path).resolve().is_relative_to(jobs) for path in saved):
        return []  # a template, a setting or a vocabulary saved too: the whole run draws it all
    from careers.posting.process import process_source  # loaded already in a preview
    from careers.sources.source import parse_source

    site, theme = last.site, last.theme
    by_source = {p.source: p for p in site.postings}
    drawn = []
    for path in sorted(saved):
        relpath = _relpath(Path(path), config.root)
        if relpath is None:
            continue
        known, old = last.files.get(relpath), by_source.get(relpath)
        if known is None or old is None or known.result is None:
            continue
        try:
            check_path(Path(path), relpath, config.content_path)
            data = read_regular_file(Path(path), relpath, int(config.max_file_mb * 1_000_000))
            source = parse_source(data, Path(path), relpath)
        except (ContentError, OSError):
            continue
        digest = file_digest(data)
        if digest == known.digest:
            continue
        result = process_source(source, vocab, config)
        if store is not None:
            store.save(store.key(relpath, digest), result)  # the whole run finds it there
        new = result.posting
        if new is None or (new.draft and not last.drafts) or known.result.posting is None:
            continue
        if new.date_posted is None:
            new = replace(new, date_posted=old.date_posted)  # dated by its first commit, as before
        if placed(new) != placed(old) or new.slug != known.result.posting.slug:
            continue
        page = posting_page(replace(new, slug=old.slug), site, browsable(site))
        env, assets = theme.env, theme.assets.names
        drawn.append((page, render_page(page, site, config, env, assets)))
    return drawn


def _relpath(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return None
