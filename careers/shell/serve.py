"""Stage 7: build, serve the output folder and reload the browser the moment a save is built.

livereload provides the reload protocol (its ``livereload.js``, websocket handler and
script injection); its own watcher is not used, because it polls every 800 ms, watches
nothing until a browser connects and ignores changes within 3 s of a reload. Instead
watchdog raises a flag on every save, one thread rebuilds incrementally (``incremental``)
whether or not a browser is connected, and the reload is pushed when the rebuild is done.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import re
import sys
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.netutil import bind_sockets
from tornado.websocket import WebSocketClosedError

from careers.config import Config
from careers.engine.builder import BuildOptions
from careers.engine.incremental import Preview, Update
from careers.errors import CareersError
from careers.shell.watch import Changes, watch_sources

T = TypeVar("T")
PORT_TRIES = 10
# After a rebuild the browsers reload at once; settling the rest of the site waits this long
# so that it does not compete with serving them.
SETTLE_GRACE_SECONDS = 0.3
LIVE_SCRIPT = (
    b'<script>(function(){var s=document.createElement("script");var p=window.location.port||80;'
    b's.src="//"+window.location.hostname+":"+p+"/livereload.js?port="+p;'
    b"document.head.appendChild(s);})();</script>"
)
# Shown over every page while the last rebuild has errors; the text goes in as textContent.
OVERLAY_SCRIPT = """<script>addEventListener("DOMContentLoaded",function(){
var d=document.createElement("div");d.id="careers-build-errors";d.setAttribute("role","alert");
d.style.cssText="position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;overflow:auto;"
+"margin:0;padding:1em 1.5em;background:#fff0f0;color:#7a0000;border-top:4px solid #c00;"
+"font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 -2px 12px rgba(0,0,0,.25)";
d.textContent="The preview could not be rebuilt:\\n\\n"+%s.join("\\n");
document.body.appendChild(d);});</script>"""


class Live:
    """What the server threads share: the open pages and the current build errors."""

    def __init__(self, base_path: str) -> None:
        self.base_path = base_path
        self.errors: tuple[str, ...] = ()
        self.lock = threading.Lock()
        self.open_pages: dict[int, str] = {}

    def showing(self) -> set[str]:
        with self.lock:
            return set(self.open_pages.values())

    def page_of(self, url: str) -> str | None:
        """The output file a browser's URL shows, or ``None`` outside the site."""
        try:
            path = unquote(urlsplit(url).path)
        except ValueError:  # "http://[::1"
            return None
        if not path.startswith(self.base_path):
            return None
        rel = path[len(self.base_path) :]
        return rel + "index.html" if rel == "" or rel.endswith("/") else rel

    def injected(self) -> bytes:
        if not self.errors:
            return LIVE_SCRIPT
        data = json.dumps(list(self.errors)).replace("<", "\\u003c")
        return LIVE_SCRIPT + (OVERLAY_SCRIPT % data).encode("utf-8")


def make_app(root: Path, live: Live) -> web.Application:
    """livereload's socket and script, and the output folder under ``base_url``'s path."""

    class Reloads(LiveReloadHandler):  # type: ignore[misc]
        def on_message(self, message: str | bytes) -> None:
            info = reload_frame(message)
            if info is None:  # not livereload.js: nothing to answer, nothing to print
                return
            super().on_message(message)
            url = info.get("url")
            if info["command"] == "info" and isinstance(url, str) and (page := live.page_of(url)):
                with live.lock:
                    live.open_pages[id(self)] = page

        def on_close(self) -> None:
            super().on_close()
            with live.lock:
                live.open_pages.pop(id(self), None)

    class Inject(LiveScriptInjector):  # type: ignore[misc]
        script = b""

        def transform_first_chunk(self, status_code: int, headers: Any, chunk: bytes, finishing: bool) -> Any:
            self.script = live.injected()
            return super().transform_first_chunk(status_code, headers, chunk, finishing)

    site = {"path": str(root), "default_filename": "index.html", "not_found": root / "404.html"}
    handlers: list[Any] = [
        (r"/livereload", Reloads),
        (r"/livereload.js", LiveReloadJSHandler),
        (re.escape(live.base_path) + r"(.*)", SiteFiles, site),
    ]
    if live.base_path != "/":
        handlers.append((r"/", web.RedirectHandler, {"url": live.base_path}))
    handlers.append((r"/(.*)", NotFound, {"not_found": root / "404.html"}))
    Reloads.live_css = True
    return web.Application(handlers, transforms=[Inject], log_function=lambda _handler: None)


def reload_frame(message: str | bytes) -> dict[str, Any] | None:
    """A frame of the livereload protocol (a JSON object with a ``command``), or ``None``.

    Anything may arrive on the socket; livereload's own handler assumes that shape and
    raises (a traceback on the console) on anything else.
    """
    try:
        info = json.loads(message)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested past the parser
        return None
    if not isinstance(info, dict) or not isinstance(info.get("command"), str):
        return None
    return info


class NotFound(web.RequestHandler):
    """Anything outside the site: the site's own 404 page, with status 404."""

    def initialize(self, not_found: Path) -> None:
        self.not_found = not_found

    def prepare(self) -> None:
        raise web.HTTPError(404)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if not write_not_found(self, self.not_found, status_code):
            super().write_error(status_code, **kwargs)


def write_not_found(handler: web.RequestHandler, page: Path, status_code: int) -> bool:
    """Answer a 404 with the site's own ``404.html`` (the reload script gets injected into it)."""
    if status_code != 404 or not page.is_file():
        return False
    handler.set_header("Content-Type", "text/html; charset=UTF-8")
    handler.finish(page.read_bytes())
    return True


class SiteFiles(StaticFileHandler):  # type: ignore[misc]
    """The output folder, never anything outside it, never cached by the browser."""

    def initialize(self, path: str, default_filename: str, not_found: Path) -> None:
        super().initialize(path, default_filename)
        self.not_found = not_found

    # Tornado answers a path outside the root with 403; outside the site is simply not found.
    @classmethod
    def get_absolute_path(cls, root: str, path: str) -> str:
        return _not_forbidden(lambda: str(super(SiteFiles, cls).get_absolute_path(root, path)))

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        checked: str | None = _not_forbidden(
            lambda: super(SiteFiles, self).validate_absolute_path(root, absolute_path)
        )
        return checked

    def compute_etag(self) -> None:
        return None

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if not write_not_found(self, self.not_found, status_code):
            super().write_error(status_code, **kwargs)


def _not_forbidden(check: Callable[[], T]) -> T:
    try:
        return check()
    except web.HTTPError as exc:
        raise web.HTTPError(404 if exc.status_code == 403 else exc.status_code) from None
    except ValueError:  # a NUL byte in the path
        raise web.HTTPError(404) from None


def listen(app: web.Application, host: str, port: int) -> int:
    """Listen on ``port``, or the next free one (said in the output); return the port used."""
    for candidate in range(port, port + PORT_TRIES):
        try:
            sockets = bind_sockets(candidate, address=host)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise CareersError(f"cannot listen on {host}:{candidate}: {exc.strerror}") from None
            print(f"port {candidate} is in use", file=sys.stderr)
            continue
        HTTPServer(app).add_sockets(sockets)
        if candidate != port:
            print(f"serving on port {candidate} instead of {port}", file=sys.stderr)
        return candidate
    raise CareersError(f"ports {port}–{port + PORT_TRIES - 1} are all in use: pick another with --port")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def announce(loop: IOLoop, live: Live, update: Update, targeted: bool) -> None:
    """Push a reload for a finished rebuild (from the rebuild thread, onto the server's loop).

    A change of stylesheets only is applied in place (livereload's live CSS); a targeted
    reload goes only to the browsers whose page changed.
    """
    errors_changed = update.errors != live.errors
    live.errors = update.errors
    if not update.changed and not errors_changed:
        return
    css_only = not errors_changed and all(p.endswith(".css") for p in update.changed)
    path = update.changed[0] if css_only else "*"
    only = set(update.changed) if targeted and not errors_changed and not css_only else None
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


def print_update(update: Update, quiet: bool, verbose: bool, only: set[str] | None = None) -> None:
    """The rebuild's problems (of the files it re-read), then one summary line."""
    if update.problem is not None:
        print(update.problem, file=sys.stderr)
    for d in update.diagnostics:
        shown = {"error": True, "warning": not quiet, "info": verbose}[d.level]
        if shown and (only is None or d.path in only):
            print(d, file=sys.stderr)
    if not quiet and (update.changed or (update.problem is None and update.sources)):
        print(
            f"rebuilt in {update.seconds * 1000:.0f} ms: {len(update.sources)} posting(s) re-read, "
            f"{update.rendered} page(s) rendered, {len(update.changed)} file(s) changed"
        )


def rebuild_forever(
    preview: Preview,
    changes: Changes,
    live: Live,
    loop: IOLoop,
    stop: threading.Event,
    report: Callable[..., None],
) -> None:
    """Rebuild after every burst of saves; when idle, settle the rest of the site."""
    while not stop.is_set():
        try:
            if changes.wait(timeout=0.5 if preview.settled else SETTLE_GRACE_SECONDS):
                update = preview.update(live.showing(), changes.take())
                report(update, only=set(update.sources))
                announce(loop, live, update, targeted=False)
            elif (settled := preview.settle(lambda: changes.pending() or stop.is_set())) is not None:
                announce(loop, live, settled, targeted=True)
        except (CareersError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)


def serve(
    load: Callable[[], Config],
    host: str,
    port: int,
    open_browser: bool,
    options: BuildOptions,
    quiet: bool = False,
    verbose: bool = False,
) -> int:
    """Build, serve until Ctrl-C, rebuilding on every save."""
    preview = Preview(load, options)
    config = preview.config
    changes = Changes()
    observer = watch_sources(config, changes)  # before the first build: no save is missed
    live = Live(config.base_path)
    live.errors = first_build(preview, quiet, verbose).errors
    loop = IOLoop.current()
    stop = threading.Event()
    worker = threading.Thread(
        target=rebuild_forever,
        args=(preview, changes, live, loop, stop, lambda u, only: print_update(u, quiet, verbose, only)),
        daemon=True,
    )
    # From the moment the address is printed, Ctrl-C means "stop serving", wherever it lands.
    try:
        url = start_listening(config, live, host, port)
        worker.start()
        if open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        observer.stop()
        if worker.is_alive():
            worker.join(timeout=10)
    print("stopped")
    return 0


def first_build(preview: Preview, quiet: bool, verbose: bool) -> Update:
    first = preview.update()
    settled = preview.settle(lambda: False)
    update = first if settled is None else _merged(first, settled)
    print_update(update, quiet, verbose)
    return update


def start_listening(config: Config, live: Live, host: str, port: int) -> str:
    """Listen (warning when not on this machine only) and say where; return the site's URL."""
    used = listen(make_app(config.output_path, live), host, port)
    if not is_loopback(host):
        print(
            f"warning: listening on {host}: other machines on the network can see the preview",
            file=sys.stderr,
        )
    shown = "127.0.0.1" if host in ("", "0.0.0.0", "::") else f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{used}{config.base_path}"
    print(f"serving {config.output_dir}/ at {url} (Ctrl-C to stop)")
    return url


def _merged(first: Update, settled: Update) -> Update:
    return replace(
        settled,
        sources=first.sources,
        changed=first.changed + settled.changed,
        rendered=first.rendered + settled.rendered,
        seconds=first.seconds + settled.seconds,
    )
