"""The ``serve`` command: build, serve the preview, rebuild on every save and reload the browser.

watchdog raises a flag on every save (``watch``); one thread runs the preview's engine
(``preview``) whether or not a browser is connected, drawing the open pages and the saved
postings' pages first and reloading the browsers showing them at once, then the rest. A newer
save stops a rebuild between two pages; whatever goes wrong in one is shown in every browser
(``server``), and the next save is built as usual.
"""

from __future__ import annotations

import errno
import ipaddress
import signal
import threading
import webbrowser
from collections.abc import Callable

from livereload.handlers import LiveReloadHandler
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.netutil import bind_sockets
from tornado.websocket import WebSocketClosedError

from careers.config import Config
from careers.engine.collect import release_free_memory
from careers.engine.options import Options
from careers.errors import CareersError
from careers.shell.failure import internal_error
from careers.shell.output import print_out, say, shown
from careers.shell.preview import Preview, Update
from careers.shell.server import Live, make_app
from careers.shell.watch import Changes, watch_sources

PORT_TRIES = 10


def serve(
    load: Callable[[], Config],
    host: str,
    port: int,
    open_browser: bool,
    options: Options,
    quiet: bool = False,
    verbose: bool = False,
) -> int:
    """Build, serve until Ctrl-C, rebuilding on every save."""
    preview = Preview(load, options)
    config = preview.config
    changes = Changes()
    observer = watch_sources(config, changes)  # before the first build: no save is missed
    live = Live(config.base_path, host)
    first = preview.rebuild()
    print_update(first, quiet, verbose)
    live.errors = first.errors
    loop = IOLoop.current()
    stop = threading.Event()
    worker = threading.Thread(
        target=rebuild_forever,
        args=(preview, changes, live, loop, stop, lambda u: print_update(u, quiet, verbose)),
        daemon=True,
    )
    # From the moment the address is printed, Ctrl-C means "stop serving", wherever it lands.
    # Once the loop runs, it asks the loop to stop rather than raising in whatever the main
    # thread holds at that moment (a lock a thread then waits on included); and asyncio's
    # signal handling wakes the loop even when the kernel hands the signal to another thread
    # (the watcher's, the rebuilds'), which an idle loop would otherwise never notice.
    aio = loop.asyncio_loop  # type: ignore[attr-defined]  # tornado's loop runs on asyncio's
    try:
        url = start_listening(preview, live, host, port)
        aio.add_signal_handler(signal.SIGINT, loop.stop)
        worker.start()
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        aio.remove_signal_handler(signal.SIGINT)
        stop.set()
        observer.stop()
        if worker.is_alive():
            worker.join(timeout=10)
        preview.close()
    print_out("stopped")
    return 0


def rebuild_forever(
    preview: Preview,
    changes: Changes,
    live: Live,
    loop: IOLoop,
    stop: threading.Event,
    report: Callable[[Update], None],
) -> None:
    """Rebuild after every burst of saves, until ``stop``; nothing that happens ends it."""
    while not stop.is_set():
        try:
            if not changes.wait(timeout=0.5):
                continue
            saved = changes.take()  # None: look at every file (a folder came, went or moved)
            told: list[str] = []

            def early(paths: list[str], errors: tuple[str, ...], told: list[str] = told) -> None:
                told.extend(paths)
                announce(loop, live, paths, errors)

            def stopping() -> bool:
                return changes.pending() or stop.is_set()

            update = preview.rebuild(live.showing(), stopping, early, saved or ())
            with live.lock:
                live.moved = dict(preview.moved)  # before the reload: the old page sends it on
            report(update)
            announce(loop, live, [p for p in update.changed if p not in told], update.errors)
            release_free_memory()  # once the browsers are told: what this rebuild needed goes back
        except Exception as exc:  # the loop must outlive any bug of ours
            say(internal_error(exc, preview.reports))


def announce(loop: IOLoop, live: Live, changed: list[str], errors: tuple[str, ...]) -> None:
    """Push a reload (from the rebuild thread, onto the server's loop) to the browsers showing
    a changed page; to all of them when the errors changed. A change of stylesheets only is
    applied in place (livereload's live CSS)."""
    errors_changed = errors != live.errors
    live.errors = errors
    if not changed and not errors_changed:
        return
    css_only = not errors_changed and all(p.endswith(".css") for p in changed)
    path = changed[0] if css_only else "*"
    only = None if errors_changed or css_only else set(changed)
    loop.add_callback(send_reload, live, path, only)


def send_reload(live: Live, path: str, only: set[str] | None) -> None:
    """Tell the connected browsers (those showing one of ``only``, if given) to reload ``path``."""
    message = {"command": "reload", "path": path, "liveCSS": True, "liveImg": True}
    with live.lock:
        wanted = {key for key, page in live.open_pages.items() if only is None or page in only}
    for waiter in list(LiveReloadHandler.waiters):
        if only is None or id(waiter) in wanted:
            try:
                waiter.write_message(message)
            except WebSocketClosedError:
                LiveReloadHandler.waiters.discard(waiter)


def print_update(update: Update, quiet: bool, verbose: bool) -> None:
    """The rebuild's problems (of the files it read again), then one summary line."""
    if update.problem is not None:
        say(update.problem)
    report = update.report
    if report is None:
        return
    for d in report.diagnostics:
        if shown(d, quiet, verbose) and d.path in report.processed:
            say(d)
    if not quiet and (report.changed or report.processed):
        print_out(
            f"rebuilt in {update.seconds * 1000:.0f} ms: {len(report.processed)} posting(s) re-read, "
            f"{report.rendered} page(s) rendered, {len(report.changed)} file(s) changed"
        )


def start_listening(preview: Preview, live: Live, host: str, port: int) -> str:
    """Listen (warning when not on this machine only) and say where; return the site's URL."""
    config = preview.config
    live.port = listen(make_app(preview.output, live), host, port)
    if not is_loopback(host):
        say(f"warning: listening on {host}: other machines on the network can see the preview")
    shown = "127.0.0.1" if host in ("", "0.0.0.0", "::") else f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{live.port}{config.base_path}"
    drafts = " (drafts included)" if preview.options.drafts else ""
    print_out(f"serving the preview{drafts} at {url} (Ctrl-C to stop)")
    return url


def listen(app: web.Application, host: str, port: int) -> int:
    """Listen on ``port``, or the next free one (said in the output); return the port used."""
    for candidate in range(port, port + PORT_TRIES):
        try:
            sockets = bind_sockets(candidate, address=host)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise CareersError(f"cannot listen on {host}:{candidate}: {exc.strerror}") from None
            say(f"port {candidate} is in use")
            continue
        HTTPServer(app).add_sockets(sockets)
        if candidate != port:
            say(f"serving on port {candidate} instead of {port}")
        return candidate
    raise CareersError(f"ports {port}–{port + PORT_TRIES - 1} are all in use: pick another with --port")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
