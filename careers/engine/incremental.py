"""Rebuild the site in memory after a save, re-doing only what the save touched.

The preview server keeps, between rebuilds, the processed result of every posting file (by
its stamp), the inputs every page was last rendered from, and a digest of every file it
wrote. A rebuild re-processes the files whose stamp changed, re-assembles the site (cheap),
re-renders the pages whose inputs differ and writes the files whose bytes differ, each
atomically (temporary file, then ``os.replace``). A template change re-renders without
re-reading postings; ``careers.toml`` or the skills vocabulary changing starts afresh.

Related postings are the one part that is global and slow (seconds at 10,000 postings), so
a rebuild computes them exactly only for the postings that changed and keeps the others'
previous lists; ``settle`` then computes them all, in slices it can abandon for a newer
save, and rewrites what differs. After ``settle`` the output is byte for byte what
``build`` writes.
"""

from __future__ import annotations

import functools
import hashlib
import os
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from careers.config import Config
from careers.engine.builder import SKILLS_FILE, BuildOptions
from careers.engine.output import check_output_dir, safe_relpath
from careers.errors import CareersError, ContentError, Diagnostic
from careers.model import Posting, Site, Term
from careers.pages.assets import load_assets
from careers.pages.render import (
    Page,
    make_environment,
    plan_pages,
    posting_json,
    posting_path,
    render_page,
    site_files,
)
from careers.pages.site import assemble_site, related_for, skill_index
from careers.posting.process import Result, process_source
from careers.posting.tagging import Vocabulary, load_vocabulary
from careers.sources.files import is_posting_name, relative_name
from careers.sources.source import read_source

Stamp = tuple[int, int, int]
SITE_FILES = "<site files>"
# Settling re-checks for a newer save after every slice of this many postings.
SETTLE_SLICE = 100


@dataclass(frozen=True)
class Update:
    """What one rebuild did; ``problem`` is a configuration or template error (pages kept)."""

    changed: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    rendered: int = 0
    postings: int = 0
    diagnostics: tuple[Diagnostic, ...] = ()  # about the files this rebuild read
    problem: CareersError | None = None
    seconds: float = 0.0
    content_errors: tuple[str, ...] = ()  # every posting's, read now or before

    @property
    def errors(self) -> tuple[str, ...]:
        """Every current error, one ``path:line: error: message`` line each, for the browser."""
        return (*([str(self.problem)] if self.problem else []), *self.content_errors)


@dataclass
class _State:
    """Everything kept between rebuilds; reset when the configuration or vocabulary changes."""

    config: Config
    vocab: Vocabulary
    sources: dict[str, tuple[Stamp, Result]] = field(default_factory=dict)
    related: dict[str, tuple[Posting, ...]] = field(default_factory=dict)
    exact: bool = True
    site: Site = field(default_factory=lambda: Site((), (), (), {}))
    fresh: bool = True
    notes: tuple[Diagnostic, ...] = ()
    plan: list[Page] = field(default_factory=list)
    # Postings swapped into the site since ``plan`` was made: id of the planned object → now.
    plan_swaps: dict[int, Posting] | None = None
    pages: dict[str, object] = field(default_factory=dict)
    site_file_names: tuple[str, ...] = ()
    rendered_site: Site | None = None
    replaced: dict[str, Result | None] = field(default_factory=dict)


class Preview:
    """The in-memory incremental builder behind ``serve`` (the only mutable object there is)."""

    def __init__(self, load_config: Callable[[], Config], options: BuildOptions) -> None:
        self.load_config = load_config
        self.options = options
        self.config = load_config()
        check_output_dir(
            self.config.output_path, self.config.root, [self.config.content_path, *self.config.template_paths]
        )
        self.state: _State | None = None
        self.stamps: dict[str, Stamp | None] = {}
        self.templates_key: bytes = b""
        self.env: jinja2.Environment | None = None
        self.uses_site = False
        self.written: dict[str, bytes] = dict.fromkeys(existing_files(self.config.output_path), b"")
        self.settled = True
        self.unannounced: list[str] = []
        self.records: dict[int, tuple[Posting, str]] = {}
        self.aside: threading.Thread | None = None
        self.content_errors: tuple[str, ...] = ()

    @property
    def output(self) -> Path:
        return self.config.output_path

    def update(self, showing: Collection[str] = (), files: Collection[str] | None = None) -> Update:
        """Re-process what changed; re-render at once only the pages that matter now.

        Those are the pages of the changed postings and the pages open in a browser
        (``showing``, as output paths); ``settle`` brings every other page up to date.
        ``files`` are the files known to have changed (from the watcher); ``None`` looks at
        every posting file's stamp.
        """
        started = time.perf_counter()
        try:
            state = self._current_state()
            env = self._current_environment(state.config)
        except CareersError as exc:
            return Update(problem=exc, seconds=time.perf_counter() - started)
        processed = self._scan(state, None if state.fresh else files)
        state.site = self._assemble(state)
        urgent = set(showing) | {posting_path(p) for p in state.site.postings if p.source in processed}
        changed: list[str] = []
        problem: CareersError | None = None
        rendered = 0
        try:
            for page in self._pages(state, urgent):
                if self._render(state, page, env, self.uses_site, changed):
                    rendered += 1
            for path, data in static_files(state.config):
                if self._write(path, data):
                    changed.append(path)
        except CareersError as exc:
            problem = exc
        # Before the first settle, or with no fresh plan (no posting moved), settle removes files.
        if problem is None and state.rendered_site is not None and state.plan_swaps is None:
            changed.extend(self._remove_unplanned(state))
        self.settled = False
        self.content_errors = tuple(
            sorted(str(d) for _, r in state.sources.values() for d in r.diagnostics if d.level == "error")
        )
        reread = [
            d for name in state.replaced if name in state.sources for d in state.sources[name][1].diagnostics
        ]
        diagnostics = sorted([*reread, *(n for n in state.notes if n.path in processed)])
        return self._report(changed, tuple(sorted(processed)), rendered, problem, started, diagnostics)

    def _pages(self, state: _State, paths: set[str]) -> list[Page]:
        """The planned pages at ``paths``: from a fresh plan, or the last plan with swaps applied."""
        if state.plan_swaps is None:
            state.plan = plan_pages(state.site, state.config)
            return [page for page in state.plan if page.path in paths]
        swaps = state.plan_swaps
        return [
            Page(page.path, page.template, swapped(page.context, swaps))
            for page in state.plan
            if page.path in paths
        ]

    def settle(self, stop: Callable[[], bool]) -> Update | None:
        """Make every page exact (related lists included), a slice at a time.

        Returns ``None`` when already settled or when ``stop()`` turned true between
        slices (a newer save is waiting); what was done so far is kept.
        """
        state, env = self.state, self.env
        if self.settled or state is None or env is None:
            return None
        started = time.perf_counter()
        if not state.exact:
            related = self._exact_related(state.site.postings, stop)
            if related is None:
                return None
            state.site = replace(state.site, related=related)
            state.plan_swaps = {}
            state.exact = True
        if state.plan_swaps is not None:
            state.plan = plan_pages(state.site, state.config)
            state.plan_swaps = None
        everything = self.uses_site and state.site != state.rendered_site
        rendered = 0
        try:
            for page in state.plan:
                if stop():
                    return None
                rendered += self._render(state, page, env, everything, self.unannounced, stop)
            if stop():
                return None
            rendered += self._render_site_files(state, force=everything, into=self.unannounced)
        except RenderStopped:
            return None
        except CareersError as exc:
            self.settled = True
            return self._report([], (), rendered, exc, started)
        self.unannounced.extend(self._remove_unplanned(state))
        state.rendered_site = state.site
        self.settled = True
        changed, self.unannounced = self.unannounced, []
        return self._report(changed, (), rendered, None, started)

    def _exact_related(
        self, postings: tuple[Posting, ...], stop: Callable[[], bool]
    ) -> dict[str, tuple[Posting, ...]] | None:
        by_skill = skill_index(postings)
        related: dict[str, tuple[Posting, ...]] = {}
        for start in range(0, len(postings), SETTLE_SLICE):
            if stop():
                return None
            for i in range(start, min(start + SETTLE_SLICE, len(postings))):
                related[postings[i].source] = related_for(i, postings, by_skill)
        assert self.state is not None
        self.state.related = related
        return {p.slug: related[p.source] for p in postings}

    def _render(
        self,
        state: _State,
        page: Page,
        env: jinja2.Environment,
        force: bool,
        into: list[str],
        stop: Callable[[], bool] | None = None,
    ) -> bool:
        """Render ``page`` if its inputs changed since it was last rendered; note it if written."""
        key = (page.template, page.context)
        if not force and page.path in self.written and state.pages.get(page.path) == key:
            return False
        data = (
            self._render_aside(page, state, env, stop)
            if stop
            else render_page(page, state.site, state.config, env)
        )
        if self._write(page.path, data):
            into.append(page.path)
        state.pages[page.path] = key
        return True

    def _render_aside(
        self, page: Page, state: _State, env: jinja2.Environment, stop: Callable[[], bool]
    ) -> bytes:
        """Render in a thread of its own, given up (``RenderStopped``) as soon as ``stop()`` is true.

        A big page (the index of 10,000 postings) takes seconds in one uninterruptible call;
        a save must not wait for it. A page given up finishes in the background and is
        dropped; only one such render runs at a time.
        """
        while self.aside is not None and self.aside.is_alive():
            self.aside.join(0.01)
            if stop():
                raise RenderStopped(page.path)
        result: list[bytes | CareersError] = []

        def work() -> None:
            try:
                result.append(render_page(page, state.site, state.config, env))
            except CareersError as exc:
                result.append(exc)

        self.aside = threading.Thread(target=work, name="render", daemon=True)
        self.aside.start()
        while self.aside.is_alive():
            self.aside.join(0.005)
            if stop():
                raise RenderStopped(page.path)
        if not result:
            raise CareersError(f"rendering {page.path} failed")
        if isinstance(result[0], CareersError):
            raise result[0]
        return result[0]

    def _render_site_files(self, state: _State, force: bool, into: list[str]) -> int:
        site = state.site
        known = state.pages.get(SITE_FILES)
        if not force and isinstance(known, tuple) and known[0] == site.postings:
            return 0
        names = []
        for path, data in site_files(site, state.config, self._record_json):
            names.append(path)
            if self._write(path, data):
                into.append(path)
        state.pages[SITE_FILES] = (site.postings, tuple(names))
        state.site_file_names = tuple(names)
        return len(names)

    def _record_json(self, posting: Posting) -> str:
        """``posting_json``, remembered per posting object (unchanged postings keep theirs)."""
        known = self.records.get(id(posting))
        if known is not None and known[0] is posting:
            return known[1]
        assert self.state is not None
        text = posting_json(posting, self.state.config)
        if len(self.records) > 2 * len(self.state.site.postings) + 100:
            alive = {id(p) for p in self.state.site.postings}
            self.records = {k: v for k, v in self.records.items() if k in alive}
        self.records[id(posting)] = (posting, text)
        return text

    def _remove_unplanned(self, state: _State) -> list[str]:
        """Delete the written files the site no longer has (a deleted or renamed posting's page)."""
        keep = {page.path for page in state.plan}
        keep.update(state.site_file_names)
        keep.update(path for path, _ in static_files(state.config))
        gone = sorted(set(self.written) - keep)
        for path in gone:
            self._remove(path)
        return gone

    def _report(
        self,
        changed: list[str],
        sources: tuple[str, ...],
        rendered: int,
        problem: CareersError | None,
        started: float,
        diagnostics: list[Diagnostic] | None = None,
    ) -> Update:
        return Update(
            changed=tuple(changed),
            sources=sources,
            rendered=rendered,
            postings=len(self.state.site.postings) if self.state else 0,
            diagnostics=tuple(diagnostics or ()),
            content_errors=self.content_errors,
            problem=problem,
            seconds=time.perf_counter() - started,
        )

    def _current_state(self) -> _State:
        config = self.load_config()
        vocab_path = config.content_path / SKILLS_FILE
        vocab_stamp = stamp_of(vocab_path)
        state = self.state
        if state is None or config != state.config or vocab_stamp != self.stamps.get(SKILLS_FILE):
            state = _State(config, load_vocabulary(vocab_path))
            self.stamps[SKILLS_FILE] = vocab_stamp
            self.state = state
            self.config = config
            # Cached card fragments key postings by file and slug, which holds only within one
            # config and vocabulary: a new context needs a new environment.
            self.env = None
        return state

    def _current_environment(self, config: Config) -> jinja2.Environment:
        key = templates_fingerprint(config.template_paths)
        if self.env is None or key != self.templates_key:
            self.env = make_environment(config)
            self.templates_key = key
            self.uses_site = templates_read_site(config.template_paths)
            if self.state is not None:
                self.state.pages.clear()
        return self.env

    def _scan(self, state: _State, files: Collection[str] | None) -> set[str]:
        """Re-process the posting files whose stamp changed; forget deleted ones.

        Leaves in ``state.replaced`` the previous result of every file it re-read (``None``
        for a new file, and a deleted file's name maps to its last result too).
        """
        config = state.config
        max_bytes = int(config.max_file_mb * 1_000_000)
        if files is None:
            found = scan_postings(str(config.jobs_path))
            vanished = state.sources.keys() - found.keys()
        else:
            found, vanished = restat_postings(str(config.jobs_path), files)
        processed: set[str] = set()
        state.replaced = {}
        for gone in vanished & state.sources.keys():
            state.replaced[gone] = state.sources.pop(gone)[1]
            processed.add(relative_name(Path(gone), config.root))
        for name, stamp in found.items():
            known = state.sources.get(name)
            if known is not None and known[0] == stamp:
                continue
            path = Path(name)
            try:
                result = process_source(read_source(path, config.root, max_bytes), state.vocab, config)
            except ContentError as exc:
                result = Result(None, (exc.diagnostic(),))
            state.replaced[name] = known[1] if known else None
            state.sources[name] = (stamp, result)
            processed.add(relative_name(path, config.root))
        return processed

    def _assemble(self, state: _State) -> Site:
        """The site with exact related lists for changed postings and kept ones for the rest."""
        quick = None if state.fresh else self._substituted(state)
        if quick is not None:
            return quick
        state.plan_swaps = None  # postings may have moved: plan afresh
        postings = [r.posting for _, r in state.sources.values() if r.posting is not None]
        if not self.options.drafts:
            postings = [p for p in postings if not p.draft]
        site, notes = assemble_site(postings, self.options.now, with_related=False)
        state.notes = tuple(notes)
        current = {p.source: p for p in site.postings}
        previous = state.site.postings
        changed = {p.source for p in site.postings} ^ {p.source for p in previous}
        changed |= {p.source for p in previous if current.get(p.source) != p}
        if not changed and not state.fresh:
            return replace(site, related=state.site.related)
        by_skill = skill_index(site.postings)
        related: dict[str, tuple[Posting, ...]] = {}
        for i, posting in enumerate(site.postings):
            if posting.source in changed or posting.source not in state.related:
                related[posting.source] = related_for(i, site.postings, by_skill)
            else:
                kept = (current.get(p.source) for p in state.related[posting.source])
                related[posting.source] = tuple(p for p in kept if p is not None)
        state.related = related
        state.exact = state.fresh
        state.fresh = False
        return replace(site, related={p.slug: related[p.source] for p in site.postings})

    def _substituted(self, state: _State) -> Site | None:
        """The previous site with the re-read postings swapped in, if none moved in it.

        A posting's place in the site (order, slug, taxonomies, related lists) depends only
        on its ``shape``; when a save leaves every shape as it was (the usual edit of a
        posting's text), the new site is the old one with new objects in old places, which
        is much cheaper than assembling it again.
        """
        swaps: dict[int, Posting] = {}
        in_site = {p.source: p for p in (*state.site.postings, *state.site.closed)}
        for name, old in state.replaced.items():
            new = state.sources.get(name, (None, None))[1]
            if old is None or new is None or old.posting is None or new.posting is None:
                return None
            if shape(old.posting) != shape(new.posting):
                return None
            placed = in_site.get(new.posting.source)
            if placed is None:
                continue  # a draft left out of the site stays out
            posting = (
                new.posting if placed.slug == new.posting.slug else replace(new.posting, slug=placed.slug)
            )
            swaps[id(placed)] = posting
        site = state.site
        self._note_swaps(state, swaps)

        def swap(postings: tuple[Posting, ...]) -> tuple[Posting, ...]:
            if not any(id(p) in swaps for p in postings):
                return postings
            return tuple(swaps.get(id(p), p) for p in postings)

        # Only the terms of the swapped postings can hold them (their skills and level stay).
        terms = {t.slug for p in swaps.values() for t in p.skills} | {p.level for p in swaps.values()}

        def swap_term(term: Term) -> Term:
            postings = swap(term.postings) if term.slug in terms else term.postings
            return term if postings is term.postings else replace(term, postings=postings)

        return Site(
            postings=swap(site.postings),
            skills=tuple(swap_term(t) for t in site.skills),
            levels=tuple(swap_term(t) for t in site.levels),
            related={slug: swap(related) for slug, related in site.related.items()},
            closed=swap(site.closed),
        )

    def _note_swaps(self, state: _State, swaps: dict[int, Posting]) -> None:
        """Carry ``swaps`` (of the site's current objects) over to the objects in the last plan."""
        if state.plan_swaps is None:
            state.plan_swaps = {}
        planned = {id(now): was for was, now in state.plan_swaps.items()}
        for current, posting in swaps.items():
            state.plan_swaps[planned.get(current, current)] = posting

    def _write(self, relpath: str, data: bytes) -> bool:
        """Write ``data`` unless the file already holds it; atomic per file."""
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if self.written.get(relpath) == digest:
            return False
        target = self.output.joinpath(*safe_relpath(relpath).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temp.write_bytes(data)
        os.replace(temp, target)
        self.written[relpath] = digest
        return True

    def _remove(self, relpath: str) -> None:
        target = self.output.joinpath(*safe_relpath(relpath).parts)
        target.unlink(missing_ok=True)
        del self.written[relpath]
        parent = target.parent
        while parent != self.output and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def static_files(config: Config) -> list[tuple[str, bytes]]:
    """The theme's static files under their own names: the preview does not fingerprint them,
    so that a changed stylesheet keeps its URL and is swapped into the open page in place."""
    assets = load_assets(*(folder / "static" for folder in config.template_paths))
    data = dict(assets.files)
    return [("static/" + name, data[published]) for name, published in assets.names.items()]


def swapped(value: Any, swaps: dict[int, Posting]) -> Any:
    """``value`` (a page's context) with the postings in ``swaps`` replaced, wherever they sit."""
    if isinstance(value, Posting):
        return swaps.get(id(value), value)
    if isinstance(value, Term):
        return replace(value, postings=swapped(value.postings, swaps))
    if isinstance(value, tuple | list):
        return type(value)(swapped(v, swaps) for v in value)
    if isinstance(value, dict):
        return {k: swapped(v, swaps) for k, v in value.items()}
    return value


class RenderStopped(Exception):
    """A page given up part-way because a newer save is waiting (not an error)."""


def shape(posting: Posting) -> tuple[object, ...]:
    """What decides a posting's place in the site (see ``site.assemble_site``)."""
    skills = tuple((t.slug, t.name, t.category) for t in posting.skills)
    return (
        posting.source,
        posting.slug,
        posting.title,
        posting.date_posted,
        posting.valid_through,
        posting.draft,
        posting.level,
        skills,
    )


def scan_postings(folder: str) -> dict[str, Stamp]:
    """Every posting file under ``folder`` (as ``find_sources`` picks them) with its stamp.

    Plain strings and ``os.scandir``: this runs on every save, over every posting.
    """
    found: dict[str, Stamp] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        try:
            if entry.is_dir():
                if not entry.name.startswith((".", "_")):
                    found.update(scan_postings(entry.path))
            elif _is_posting_name(entry.name):
                st = entry.stat()
                found[entry.path] = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            continue  # vanished while scanning: the next save's scan sees it as it is then
    return found


def restat_postings(folder: str, files: Collection[str]) -> tuple[dict[str, Stamp], set[str]]:
    """Of ``files``, the posting files under ``folder`` with their stamps, and those now gone."""
    found: dict[str, Stamp] = {}
    gone: set[str] = set()
    prefix = os.path.realpath(folder) + os.sep  # the watcher reports resolved paths
    for name in files:
        if not name.startswith(prefix):
            continue
        rel = name[len(prefix) :]
        *folders, base = rel.split(os.sep)
        if any(f.startswith((".", "_")) for f in folders) or not _is_posting_name(base):
            continue
        key = os.path.join(folder, rel)  # the same spelling as ``scan_postings``'
        stamp = stamp_of(Path(key))
        if stamp is None:
            gone.add(key)
        else:
            found[key] = stamp
    return found, gone


_is_posting_name = functools.lru_cache(maxsize=1 << 16)(is_posting_name)


def stamp_of(path: Path) -> Stamp | None:
    """What tells a changed file from an unchanged one without reading it."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def templates_fingerprint(folders: Iterable[Path]) -> bytes:
    """A digest of every template's folder, name and bytes (not the static files), theme first."""
    digest = hashlib.blake2b(digest_size=16)
    for index, templates in enumerate(folders):
        for path in sorted(_template_files(templates)):
            name = f"{index}/{path.relative_to(templates).as_posix()}"
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def templates_read_site(folders: Iterable[Path]) -> bool:
    """Whether any template reads ``site``: its pages may then show anything about any posting,
    so every page re-renders whenever the site changes."""
    parser = jinja2.Environment()
    for path in (p for templates in folders for p in _template_files(templates)):
        try:
            names = meta.find_undeclared_variables(parser.parse(path.read_text("utf-8", "replace")))
        except jinja2.TemplateSyntaxError:
            continue  # reported with its file and line when a page is rendered
        if "site" in names:
            return True
    return False


def _template_files(templates: Path) -> Iterator[Path]:
    static = templates / "static"
    for dirpath, dirnames, filenames in os.walk(templates):
        if Path(dirpath) == templates:
            dirnames[:] = [d for d in dirnames if (templates / d) != static]
        for name in filenames:
            yield Path(dirpath) / name


def existing_files(out: Path) -> Iterable[str]:
    """The files already in the output folder (removed unless the site still has them)."""
    for dirpath, _, filenames in os.walk(out):
        for name in filenames:
            yield (Path(dirpath) / name).relative_to(out).as_posix()
