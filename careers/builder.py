"""The whole pipeline for one build: sources → postings → site → pages → ``site/``."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from .assets import load_assets
from .config import Config
from .errors import ContentError, Diagnostic
from .model import Posting, Site
from .output import WriteStats, check_output_dir, write_site
from .posting import process_source
from .render import make_environment, render_pages
from .site import assemble_site
from .sources import find_sources, iter_sources
from .tagging import Vocabulary, load_vocabulary

SKILLS_FILE = "skills.toml"


@dataclass(frozen=True)
class BuildOptions:
    """How to build; ``now`` is the day postings close against (``None``: none ever closes)."""

    drafts: bool = False
    now: dt.date | None = None


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


Progress = Callable[[str], None]


def load_postings(config: Config, vocab: Vocabulary) -> tuple[list[Posting], list[Diagnostic]]:
    """Read and process every posting file; a bad one becomes a diagnostic, not a stop."""
    postings: list[Posting] = []
    found: list[Diagnostic] = []
    paths = find_sources(config.jobs_path)
    max_bytes = int(config.max_file_mb * 1_000_000)
    for item in iter_sources(paths, config.root, max_bytes, config.content_path):
        if isinstance(item, ContentError):
            found.append(item.diagnostic())
            continue
        result = process_source(item, vocab, config)
        found.extend(result.diagnostics)
        if result.posting is not None:
            postings.append(result.posting)
    return postings, found


def build(
    config: Config, options: BuildOptions = BuildOptions(), progress: Progress | None = None
) -> BuildReport:
    """Build ``config``'s content into its output folder and report what happened.

    Content errors are collected and the rest is built; a template or configuration
    error raises before anything is written, so the previous site stays as it was.
    """
    started = time.perf_counter()
    check_output_dir(config.output_path, config.root, [config.content_path, config.templates_path])
    site, found = site_of(config, options)
    env = make_environment(config)
    assets = load_assets(config.templates_path / "static")
    pages = list(render_pages(site, config, env, assets.names))
    stats = write_site([*pages, *assets.files], config.output_path)
    if progress:
        progress(f"{len(site.postings)} postings, {len(pages)} pages")
    return BuildReport(
        postings=len(site.postings),
        pages=len(pages),
        stats=stats,
        diagnostics=tuple(sorted(found)),
        seconds=time.perf_counter() - started,
    )


def site_of(config: Config, options: BuildOptions = BuildOptions()) -> tuple[Site, list[Diagnostic]]:
    """The assembled site without writing anything (for ``tags`` and ``check``)."""
    vocab = load_vocabulary(config.content_path / SKILLS_FILE)
    postings, found = load_postings(config, vocab)
    if not options.drafts:
        postings = [p for p in postings if not p.draft]
    site, notes = assemble_site(postings, options.now)
    return site, found + notes
