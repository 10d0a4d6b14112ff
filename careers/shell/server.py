"""The preview's web server: the preview folder under ``base_url``'s path, and livereload's socket.

Every HTML page it serves gets the reload script (and, while the last rebuild has errors,
a panel listing them). Only requests for a host name it serves on are answered: an IP
address, ``localhost`` or the ``--host`` given, at its port (a DNS name that points here,
as a rebinding attack's does, is refused), and the reload socket only opens for its own
pages (an Origin of the request's own scheme, host and port). Only the preview folder is
served, never through a link planted in it; ``..`` and its encodings are simply not found.
A page a posting had before it moved (``Preview.moved``) sends the browser on to its page now.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from tornado import httputil, web
from tornado.routing import Matcher, Rule

from careers.engine.files import read_all

T = TypeVar("T")
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
    """What the server threads share: the open pages, the current errors, who may ask."""

    def __init__(self, base_path: str, host: str = "127.0.0.1") -> None:
        self.base_path = base_path
        self.host = host.strip("[]").lower()
        self.port = 0  # set once listening
        self.errors: tuple[str, ...] = ()
        self.lock = threading.Lock()
        self.open_pages: dict[int, str] = {}
        self.moved: dict[str, str] = {}  # a page a posting had → its page now (``Preview.moved``)

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

    def moved_to(self, url: str) -> str | None:
        """Where the posting whose page was at ``url`` is now (a URL path), if it moved."""
        page = self.page_of(url)
        with self.lock:
            now = self.moved.get(page) if page is not None else None
        return None if now is None else self.base_path + now.removesuffix("index.html")

    def allows(self, netloc: str) -> bool:
        """Whether ``host:port`` is one this server answers as."""
        try:
            parts = urlsplit(f"//{netloc}")
            name, port = (parts.hostname or "").lower(), parts.port
        except ValueError:
            return False
        if port != self.port:
            return False
        return name in ("localhost", self.host) or _is_ip(name)

    def same_origin(self, origin: str, host: str) -> bool:
        """Whether a page at ``origin`` is one this server served at ``host`` (the request's own
        Host, which ``allows`` has checked): scheme, host and port, not the port alone (a page
        from any address with this port number once opened the reload socket)."""
        try:
            page, here = urlsplit(origin), urlsplit(f"//{host}")
            page_port, here_port = page.port or 80, here.port or 80
        except ValueError:
            return False
        same_host = (page.hostname or "").lower() == (here.hostname or "").lower()
        return page.scheme == "http" and same_host and page_port == here_port

    def injected(self) -> bytes:
        if not self.errors:
            return LIVE_SCRIPT
        data = json.dumps(list(self.errors)).replace("<", "\\u003c")
        return LIVE_SCRIPT + (OVERLAY_SCRIPT % data).encode("utf-8")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class _AllowedHost(Matcher):
    def __init__(self, live: Live) -> None:
        self.live = live

    def match(self, request: httputil.HTTPServerRequest) -> dict[str, Any] | None:
        return {} if self.live.allows(request.host) else None


class Refused(web.RequestHandler):
    def prepare(self) -> None:
        raise web.HTTPError(421, reason="Misdirected Request")


def make_app(root: Path, live: Live) -> web.Application:
    """livereload's socket and script, and the folder ``root`` under ``base_url``'s path."""

    class Reloads(LiveReloadHandler):  # type: ignore[misc]
        def check_origin(self, origin: str) -> bool:
            host = self.request.host
            return live.allows(host) and live.same_origin(origin, host)

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

    site = {"path": str(root), "default_filename": "index.html", "not_found": root / "404.html", "live": live}
    handlers: list[Any] = [
        (r"/livereload", Reloads),
        (r"/livereload.js", LiveReloadJSHandler),
        (re.escape(live.base_path) + r"(.*)", SiteFiles, site),
    ]
    if live.base_path != "/":
        handlers.append((r"/", web.RedirectHandler, {"url": live.base_path}))
    handlers.append((r"/(.*)", NotFound, {"not_found": root / "404.html", "live": live}))
    Reloads.live_css = True
    rules: list[Any] = [Rule(_AllowedHost(live), handlers), (r".*", Refused)]
    return web.Application(rules, transforms=[Inject], log_function=lambda _handler: None)


def reload_frame(message: str | bytes) -> dict[str, Any] | None:
    """A frame of the livereload protocol (a JSON object with a ``command``), or ``None``.

    Anything may arrive on the socket; livereload's own handler assumes that shape and
    raises (a traceback on the console) on anything else.
    """
    try:
        info = json.loads(message)
    except (ValueError, TypeError, RecursionError):  # not JSON, not UTF-8, or nested too deep
        return None
    if not isinstance(info, dict) or not isinstance(info.get("command"), str):
        return None
    return info


class NotFound(web.RequestHandler):
    """Anything outside the site: the site's own 404 page, with status 404."""

    def initialize(self, not_found: Path, live: Live) -> None:
        self.not_found, self.live = not_found, live

    def prepare(self) -> None:
        raise web.HTTPError(404)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if not write_not_found(self, self.not_found, status_code, self.live):
            super().write_error(status_code, **kwargs)


def write_not_found(handler: web.RequestHandler, page: Path, status_code: int, live: Live) -> bool:
    """Answer a 404 with a redirect to where a moved posting is now, or else with the site's own
    ``404.html`` (the reload script gets injected into it)."""
    if status_code != 404:
        return False
    moved = live.moved_to(handler.request.path)
    if moved is not None:
        handler.redirect(moved)
        return True
    data = read_all(str(page)) if _no_link(str(page.parent), str(page)) else None
    if data is None:
        return False
    handler.set_header("Content-Type", "text/html; charset=UTF-8")
    handler.finish(data)
    return True


def _no_link(root: str, path: str) -> bool:
    """Whether ``root`` and every part of ``path`` under it are real folders and files, no link."""
    root = os.path.abspath(root)
    parts = Path(os.path.abspath(path)).relative_to(root).parts
    current = Path(root)
    for part in ("", *parts):
        current = current / part if part else current
        try:
            st = os.lstat(current)
        except OSError:
            return False
        if stat.S_ISLNK(st.st_mode):
            return False
    return True


class SiteFiles(StaticFileHandler):  # type: ignore[misc]
    """The preview folder, never anything outside it, never cached by the browser."""

    def initialize(self, path: str, default_filename: str, not_found: Path, live: Live) -> None:
        super().initialize(path, default_filename)
        self.not_found, self.live = not_found, live

    # Tornado answers a path outside the root with 403; outside the site is simply not found.
    @classmethod
    def get_absolute_path(cls, root: str, path: str) -> str:
        return _not_forbidden(lambda: str(super(SiteFiles, cls).get_absolute_path(root, path)))

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        checked: str | None = _not_forbidden(
            lambda: super(SiteFiles, self).validate_absolute_path(root, absolute_path)
        )
        if checked is not None and not _no_link(root, checked):
            raise web.HTTPError(404)  # a link planted in the folder leads out of it: never followed
        return checked

    def compute_etag(self) -> None:
        return None

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if not write_not_found(self, self.not_found, status_code, self.live):
            super().write_error(status_code, **kwargs)


def _not_forbidden(check: Callable[[], T]) -> T:
    try:
        return check()
    except web.HTTPError as exc:
        raise web.HTTPError(404 if exc.status_code == 403 else exc.status_code) from None
    except ValueError:  # a NUL byte in the path
        raise web.HTTPError(404) from None
