"""Watch a project's sources (watchdog: inotify on Linux) and turn bursts of saves into one.

Watched: the content folder, the templates folder (static files included) and
``careers.toml``; never the output folder or the cache. File opens and reads are not
changes, so the rebuild reading the sources does not wake the watcher again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from careers.config import CONFIG_NAME, Config

# An editor's temp-file-then-rename and a `git checkout` of many files arrive as events a
# few milliseconds apart; a rebuild starts once none came for this long.
QUIET_SECONDS = 0.03
# ...but a stream of saves that never pauses still gets a rebuild this often.
MAX_WAIT_SECONDS = 0.5
_NOT_CHANGES = frozenset({"opened", "closed_no_write"})


class Changes:
    """A flag raised from the watcher's thread and awaited by the rebuild loop."""

    def __init__(self, quiet: float = QUIET_SECONDS) -> None:
        self.quiet = quiet
        self._cond = threading.Condition()
        self._dirty = False
        self._last = 0.0
        self._paths: set[str] | None = None  # None: look at every file again

    def notify(self, paths: Iterable[str] = (), everything: bool = False) -> None:
        with self._cond:
            if everything:
                self._paths = None
            elif self._paths is not None:
                self._paths.update(paths)
            self._dirty = True
            self._last = time.monotonic()
            self._cond.notify_all()

    def take(self) -> frozenset[str] | None:
        """The files changed since the last call, or ``None`` if every file must be looked at."""
        with self._cond:
            paths, self._paths = self._paths, set()
            return None if paths is None else frozenset(paths)

    def pending(self) -> bool:
        return self._dirty

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` for a change, then for a quiet moment; ``False`` if none came."""
        with self._cond:
            if not self._dirty:
                self._cond.wait(timeout)
            if not self._dirty:
                return False
            first = time.monotonic()
            while True:
                quiet_for = time.monotonic() - self._last
                if quiet_for >= self.quiet or time.monotonic() - first >= MAX_WAIT_SECONDS:
                    break
                self._cond.wait(self.quiet - quiet_for)
            self._dirty = False
            return True


class _SourceEvents(FileSystemEventHandler):
    def __init__(self, config: Config, changes: Changes) -> None:
        self.changes = changes
        self.watched = tuple(p.resolve() for p in (config.content_path, *config.template_paths))
        self.config_file = (config.root / CONFIG_NAME).resolve()
        self.ignored = (config.output_path.resolve(), config.cache_path.resolve())

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _NOT_CHANGES:
            return
        paths = [str(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        if not any(self.is_source(Path(p)) for p in paths):
            return
        if event.is_directory and event.event_type != "modified":
            self.changes.notify(everything=True)  # a folder of postings came, went or moved
        elif not event.is_directory:
            self.changes.notify(paths)

    def is_source(self, path: Path) -> bool:
        if path == self.config_file:
            return True
        if any(path == d or d in path.parents for d in self.ignored):
            return False
        return any(path == d or d in path.parents for d in self.watched)


def watch_sources(config: Config, changes: Changes) -> BaseObserver:
    """Start watching ``config``'s sources; every change raises ``changes``."""
    handler = _SourceEvents(config, changes)
    observer = Observer()
    for folder in (config.content_path, *config.template_paths):
        if folder.is_dir():
            observer.schedule(handler, str(folder.resolve()), recursive=True)
    # The project folder itself, not recursively: careers.toml, and content/ or templates/
    # appearing after the start.
    observer.schedule(handler, str(config.root.resolve()), recursive=False)
    observer.daemon = True
    observer.start()
    return observer
