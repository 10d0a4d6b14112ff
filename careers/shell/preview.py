"""The preview's builds: the engine run after every save, into a folder of the preview's own.

The folder is ``.cache/preview/`` (a temporary folder with ``--no-cache``), never the output
folder ``build`` publishes, so drafts shown by the preview are never uploaded by mistake. The
engine is kept between saves (what it knows stays in memory) and made again when
``careers.toml`` or the skills vocabulary changes. Whatever goes wrong in a rebuild is caught
here and shown; the next save is built as if nothing had happened. A posting whose page moves
(a new title, before any build published it) is followed: the server sends a browser showing
its old page to the new one.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from careers.config import Config
from careers.engine.collect import collect_garbage
from careers.engine.engine import SKILLS_FILE, Engine
from careers.engine.options import Options, Report, Target
from careers.errors import CareersError, Diagnostic
from careers.model import Site
from careers.pages.plan import posting_path
from careers.shell.failure import internal_error
from careers.sources.files import file_stamp

PREVIEW_DIR = "preview"


@dataclass(frozen=True)
class Update:
    """What one rebuild did; ``problem`` is an error that stopped it (its pages are kept)."""

    report: Report | None = None
    problem: str | None = None
    seconds: float = 0.0

    @property
    def changed(self) -> tuple[str, ...]:
        return self.report.changed if self.report else ()

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.report.diagnostics if self.report else ()

    @property
    def errors(self) -> tuple[str, ...]:
        """Every current error, one ``path:line: error: message`` line each, for the browser."""
        return errors_of(self.diagnostics, self.problem)


def errors_of(diagnostics: tuple[Diagnostic, ...], problem: str | None = None) -> tuple[str, ...]:
    content = tuple(str(d) for d in diagnostics if d.level == "error")
    return (problem, *content) if problem else content


class Preview:
    """The engine behind ``serve``, and the folder it serves."""

    def __init__(self, load_config: Callable[[], Config], options: Options) -> None:
        self.load_config = load_config
        self.options = options
        self.config = load_config()
        if options.cache:
            self.output = self.config.cache_path / PREVIEW_DIR
        else:
            self.output = Path(tempfile.mkdtemp(prefix="careers-preview-")) / "site"
        self.engine: Engine | None = None
        self.vocabulary_stamp: object = None
        self.pages: dict[str, str] = {}  # posting file → its page, as the last rebuild placed it
        self.moved: dict[str, str] = {}  # a page a posting had in this session → where it is now

    def rebuild(
        self,
        showing: Collection[str] = (),
        stop: Callable[[], bool] | None = None,
        on_first: Callable[[list[str], tuple[str, ...]], None] | None = None,
        saved: Collection[str] = (),
    ) -> Update:
        """Bring the preview up to date, drawing the pages open in a browser (``showing``) and
        those of the saved postings first (then ``on_first`` is told what they changed, and
        the errors as they now are); ``saved`` are the files the watcher saw change (their
        postings' pages are drawn before anything else); never raises."""
        started = time.perf_counter()
        try:
            engine = self._engine()

            def drawn_first(paths: list[str]) -> None:
                if on_first is not None:
                    on_first(paths, errors_of(engine.diagnostics))

            report = engine.run(first=showing, stop=stop, on_first=drawn_first, saved=saved)
            self._follow(engine.site)
        except CareersError as exc:
            return Update(problem=str(exc), seconds=time.perf_counter() - started)
        except Exception as exc:  # a bug of ours: said once, and the preview goes on
            self.engine = None
            return Update(problem=internal_error(exc, self.reports), seconds=time.perf_counter() - started)
        return Update(report, None, time.perf_counter() - started)

    def _follow(self, site: Site) -> None:
        """Note the pages of postings that moved since the last rebuild (a new title, before any
        build published it), so that a browser showing the old page is sent to the new one. Only
        pages where nothing is now are kept, one per posting file there is."""
        pages = {p.source: posting_path(p) for p in (*site.postings, *site.closed)}
        for source, page in self.pages.items():
            now = pages.get(source)
            if now is not None and now != page:
                self.moved = {old: now if new == page else new for old, new in self.moved.items()}
                self.moved[page] = now
        taken = set(pages.values())
        alive = {page: source for source, page in pages.items()}
        moved = {old: new for old, new in self.moved.items() if old not in taken and new in alive}
        # One old page per posting (the last it had), however many titles it went through.
        self.moved = {old: new for new, old in {new: old for old, new in moved.items()}.items()}
        self.pages = pages

    @property
    def reports(self) -> Path | None:
        """Where an internal error's details are kept (none without the cache: printed)."""
        return self.config.cache_path if self.options.cache else None

    def _engine(self) -> Engine:
        """The engine for the configuration and vocabulary as they are now."""
        config = self.load_config()
        vocabulary = file_stamp(str(config.content_path / SKILLS_FILE))
        if self.engine is None or config != self.config or vocabulary != self.vocabulary_stamp:
            target = Target(self.output, live=True, fingerprint_assets=False, keep_last_good=True)
            if self.engine is not None:
                self.engine = None
                collect_garbage()  # the engine let go of, theme and all
            self.engine = Engine(config, self.options, target)
            self.config, self.vocabulary_stamp = config, vocabulary
        return self.engine

    def close(self) -> None:
        """Remove a temporary preview folder (the cache's is kept, for the next start)."""
        if not self.options.cache:
            shutil.rmtree(self.output.parent, ignore_errors=True)
