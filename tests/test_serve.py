"""The preview server: a saved file shows up in the browser without touching it; only the site is served."""

from __future__ import annotations

import http.client
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from careers.config import load_config
from careers.engine import Options
from careers.shell import serve

from .conftest import ROOT, edit, free_port, h1_line

POSTING = "jobs/territory-account-manager/index.html"
POSTING_SOURCE = "content/jobs/003_2595a3ad57c9d7f4.html"
MARKDOWN = "jobs/senior-data-engineer/index.html"
MARKDOWN_SOURCE = "content/jobs/senior-data-engineer.md"


class Server:
    """``build.py serve`` in a subprocess, its output collected line by line."""

    def __init__(self, project: Path, *args: str) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--port", str(self.port), *args],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self.collector = threading.Thread(target=self._collect, daemon=True)
        self.collector.start()
        self.wait_for_output("serving ")
        self.url = self.lines[-1].split(" at ", 1)[1].split(" ", 1)[0]

    def _collect(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for_output(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"no {text!r} in the server's output:\n{self.output}")
            time.sleep(0.05)

    def get(self, path: str) -> tuple[int, bytes]:
        """A raw GET, the path sent exactly as written (no client-side normalization)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.putrequest("GET", path, skip_accept_encoding=True)
            conn.endheaders()
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        code = self.proc.wait()
        self.collector.join(timeout=5)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        return code


@pytest.fixture
def start(project: Path) -> Iterator[Callable[..., Server]]:
    servers: list[Server] = []

    def starter(*args: str) -> Server:
        servers.append(Server(project, *args))
        return servers[-1]

    yield starter
    for server in servers:
        server.stop()


def open_live(browser, url: str):  # type: ignore[no-untyped-def]
    """Open ``url`` and wait until its reload socket has said hello to the server."""
    page = browser.new_page()
    page.goto(url)
    page.wait_for_function(
        "() => window.LiveReload && window.LiveReload.connector.protocol > 0", timeout=15000
    )
    time.sleep(0.2)  # the socket's "info" message, which registers the open page
    return page


# -- over HTTP ------------------------------------------------------------------------------------


def test_serves_only_the_site(start: Callable[..., Server], project: Path) -> None:
    server = start()
    assert server.get("/" + POSTING)[0] == 200
    for attempt in (
        "/../careers.toml",
        "/%2e%2e/careers.toml",
        "/%2E%2E%2Fcareers.toml",
        "/jobs/..%2f..%2fcareers.toml",
        "/static/../../careers.toml",
        "/static/%2e%2e/%2e%2e/content/jobs/senior-data-engineer.md",
        "/..%5ccareers.toml",
        "/%00",
    ):
        status, body = server.get(attempt)
        assert status == 404, attempt
        assert b"Senior Data Engineer" not in body or b"not here" in body


def test_a_link_planted_in_the_preview_folder_is_never_served(
    start: Callable[..., Server], project: Path, tmp_path: Path
) -> None:
    """Between two rebuilds (which remove them) a link planted in the folder is still there:
    the server follows none, whether a file, a folder on the way or the 404 page."""
    server = start()
    secret = tmp_path / "away" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("SECRET")
    folder = project / ".cache" / "preview"
    (folder / "posting.html").symlink_to(secret)
    (folder / "cd").symlink_to(secret.parent)
    (folder / "jobs" / "away").symlink_to(secret.parent)
    (folder / "404.html").unlink()
    (folder / "404.html").symlink_to(secret)
    for path in ("/posting.html", "/cd/secret.txt", "/jobs/away/secret.txt", "/no/such/page/"):
        status, body = server.get(path)
        assert status == 404 and b"SECRET" not in body, path
    assert server.get("/" + POSTING)[0] == 200


def test_every_html_page_gets_the_reload_script_even_404(start: Callable[..., Server]) -> None:
    server = start()
    status, body = server.get("/no/such/page/")
    assert status == 404
    assert b"not here" in body and b"livereload.js" in body
    assert b"livereload.js" in server.get("/" + POSTING)[1]
    assert b"livereload.js" not in server.get("/jobs.json")[1]


def test_base_url_sub_path(start: Callable[..., Server]) -> None:
    server = start("--base-url", "https://acme.example/careers/")
    assert server.url.endswith(f":{server.port}/careers/")
    status, body = server.get("/careers/" + POSTING)
    assert status == 200 and b"livereload.js" in body
    status, body = server.get("/careers/nothing-here")
    assert status == 404 and b"livereload.js" in body and b"/careers/static/" in body
    assert server.get("/" + POSTING)[0] == 404


JUNK_FRAMES: list[str | bytes] = [
    "not json",
    b"\xff\xfe\x00binary",
    "[1, 2]",
    '"hello"',
    "42",
    "null",
    "{}",
    '{"command": 5}',
    '{"command": ["info"]}',
    '{"url": "http://127.0.0.1/"}',
    '{"command": "info", "url": 5}',
    '{"command": "info", "url": ["a"]}',
    '{"command": "info", "url": "http://[::1"}',
    '{"command": "info"}',
    '{"command": "hello", "protocols": 7}',
    "[" * 100_000,
]


def test_junk_on_the_reload_socket_prints_no_traceback(start: Callable[..., Server]) -> None:
    import asyncio

    from tornado.websocket import websocket_connect

    server = start()

    async def talk() -> object:
        socket = await websocket_connect(f"ws://127.0.0.1:{server.port}/livereload")
        for frame in JUNK_FRAMES:
            await socket.write_message(frame, binary=isinstance(frame, bytes))
        # Still open, and still speaking the protocol: an exception would have closed it.
        await socket.write_message('{"command": "hello", "protocols": []}')
        reply = await asyncio.wait_for(socket.read_message(), timeout=10)
        socket.close()
        while await asyncio.wait_for(socket.read_message(), timeout=10) is not None:
            pass  # until the server has closed its end too: no socket is left to the collector
        return reply

    replies: list[object] = []
    # In a thread of its own: the browser tests' Playwright keeps an event loop in this one.
    client = threading.Thread(target=lambda: replies.append(asyncio.run(talk())))
    client.start()
    client.join(timeout=60)
    (reply,) = replies
    assert isinstance(reply, str) and '"command": "hello"' in reply
    assert server.stop() == 0
    assert "Traceback" not in server.output and "Uncaught exception" not in server.output, server.output


def test_a_taken_port_moves_to_the_next_one(start: Callable[..., Server], project: Path) -> None:
    first = start()
    second = Server(project, "--port", str(first.port))  # the later --port wins
    try:
        assert f"port {first.port} is in use" in second.output
        assert f"127.0.0.1:{first.port}/" not in second.url
        assert f"instead of {first.port}" in second.output
    finally:
        second.stop()


def test_non_loopback_host_warns(start: Callable[..., Server]) -> None:
    server = start("--host", "0.0.0.0")
    assert "warning: listening on 0.0.0.0" in server.output


def test_ctrl_c_stops_cleanly(start: Callable[..., Server]) -> None:
    server = start()
    assert server.stop() == 0
    time.sleep(0.1)
    assert "Traceback" not in server.output
    assert server.output.rstrip().endswith("stopped")


def test_ctrl_c_that_reaches_another_thread_still_stops_it(start: Callable[..., Server]) -> None:
    """The kernel may hand a Ctrl-C to any thread of the server (the watcher's, the rebuilds');
    an idle server must still notice it and stop."""
    import ctypes
    import os

    server = start()
    pid = server.proc.pid
    others = sorted(int(tid) for tid in os.listdir(f"/proc/{pid}/task") if int(tid) != pid)
    assert others, "the server runs a watcher and a rebuild thread"
    time.sleep(1)  # idle: no rebuild, no request
    libc = ctypes.CDLL(None, use_errno=True)
    sys_tgkill = 234 if os.uname().machine == "x86_64" else 131  # aarch64
    assert libc.syscall(sys_tgkill, pid, others[-1], signal.SIGINT) == 0
    assert server.proc.wait(timeout=15) == 0
    assert server.stop() == 0 and "Traceback" not in server.output


def test_rebuilds_with_no_browser_connected(start: Callable[..., Server], project: Path) -> None:
    server = start()
    edit(project, POSTING_SOURCE, "Job Summary:", "Role In Brief:")
    deadline = time.monotonic() + 15
    while b"Role In Brief" not in server.get("/" + POSTING)[1]:
        assert time.monotonic() < deadline, server.output
        time.sleep(0.05)


def test_theme_dir_templates_are_watched(start: Callable[..., Server], project: Path) -> None:
    theme = project / "theme"
    theme.mkdir()
    (theme / "404.html").write_text((project / "templates" / "404.html").read_text())
    with (project / "careers.toml").open("a") as f:
        f.write('theme_dir = "theme"\n')
    server = start()
    edit(project, "theme/404.html", "<h1>Page not found</h1>", "<h1>Themed not-found</h1>")
    deadline = time.monotonic() + 15
    while b"Themed not-found" not in server.get("/404.html")[1]:
        assert time.monotonic() < deadline, server.output
        time.sleep(0.05)


def test_a_burst_of_saves_is_one_rebuild(start: Callable[..., Server], project: Path) -> None:
    server = start()
    rebuilds = server.output.count("rebuilt in")
    staged = project / "staged"
    staged.mkdir()
    for i in range(50):
        (staged / f"burst-{i:02}.md").write_text(
            f"---\ntitle: Burst Role {i}\n---\nA role made in a burst.\n"
        )
    for path in sorted(staged.iterdir()):  # like a git checkout: many files land at once
        path.rename(project / "content" / "jobs" / path.name)
    server.wait_for_output("50 posting(s) re-read")
    time.sleep(0.5)
    assert server.output.count("rebuilt in") == rebuilds + 1, server.output
    assert server.get("/jobs/burst-role-49/index.html")[0] == 200


def test_the_old_page_of_a_posting_that_moved_redirects_to_its_new_one(
    start: Callable[..., Server], project: Path
) -> None:
    server = start("--base-url", "https://example.github.io/careers/")
    new = project / "content" / "jobs" / "night-baker.md"  # being written: not published yet
    new.write_text("---\ntitle: Night Baker\n---\nBake bread for the early shift.\n")
    wait_until(lambda: server.get("/careers/jobs/night-baker/")[0] == 200)
    new.write_text("---\ntitle: Head Night Baker\n---\nBake bread for the early shift.\n")
    wait_until(lambda: server.get("/careers/jobs/head-night-baker/")[0] == 200)
    # The new page is written before the run ends; the old one is a way on once it has ended
    # (before the browsers are told to reload).
    wait_until(lambda: server.get("/careers/jobs/night-baker/")[0] == 302)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/careers/jobs/night-baker/")
    response = conn.getresponse()
    assert (response.status, response.getheader("Location")) == (302, "/careers/jobs/head-night-baker/")
    conn.close()
    assert server.get("/careers/jobs/no-such-posting/")[0] == 404


def wait_until(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


# -- in a browser ---------------------------------------------------------------------------------


@pytest.mark.browser
def test_saved_posting_reloads_the_open_page(start: Callable[..., Server], project: Path, browser) -> None:
    server = start()
    page = open_live(browser, server.url + POSTING)
    edit(project, POSTING_SOURCE, "Job Summary:", "Role At A Glance:")
    page.wait_for_selector("h2:has-text('Role At A Glance')", timeout=15000)
    page.close()


@pytest.mark.browser
def test_five_saves_300ms_apart_show_the_last(start: Callable[..., Server], project: Path, browser) -> None:
    server = start()
    page = open_live(browser, server.url + MARKDOWN)
    for i in range(1, 6):
        edit(
            project,
            MARKDOWN_SOURCE,
            "title: Senior Data Engineer" + (f" v{i - 1}" if i > 1 else ""),
            f"title: Senior Data Engineer v{i}",
        )
        time.sleep(0.3)
    page.wait_for_selector("h1:has-text('Senior Data Engineer v5')", timeout=15000)
    time.sleep(1)
    assert page.inner_text("h1") == "Senior Data Engineer v5"
    page.close()


@pytest.mark.browser
def test_broken_front_matter_shows_the_error_then_the_fix(
    start: Callable[..., Server], project: Path, browser
) -> None:
    server = start()
    page = open_live(browser, server.url + MARKDOWN)
    edit(project, MARKDOWN_SOURCE, "date: 2026-11-02", "date: yesterday")
    overlay = page.wait_for_selector("#careers-build-errors", timeout=15000)
    assert overlay is not None
    text = overlay.inner_text()
    assert f"{MARKDOWN_SOURCE}:8: error:" in text and "date" in text
    edit(project, MARKDOWN_SOURCE, "date: yesterday", "date: 2026-11-03")
    page.wait_for_selector("h1:has-text('Senior Data Engineer')", timeout=15000)
    page.wait_for_selector("#careers-build-errors", state="detached", timeout=15000)
    page.close()


@pytest.mark.browser
def test_template_error_shows_file_and_line(start: Callable[..., Server], project: Path, browser) -> None:
    server = start()
    page = open_live(browser, server.url + POSTING)
    edit(project, "templates/posting.html", "<h1>{{ posting.title }}</h1>", "<h1>{{ posting.title }</h1>")
    overlay = page.wait_for_selector("#careers-build-errors", timeout=15000)
    assert (
        overlay is not None and f"templates/posting.html:{h1_line(project)}: error:" in overlay.inner_text()
    )
    assert server.proc.poll() is None
    edit(
        project,
        "templates/posting.html",
        "<h1>{{ posting.title }</h1>",
        "<h1>Now hiring: {{ posting.title }}</h1>",
    )
    page.wait_for_selector("h1:has-text('Now hiring: Territory Account Manager')", timeout=15000)
    page.wait_for_selector("#careers-build-errors", state="detached", timeout=15000)
    page.close()


@pytest.mark.browser
def test_added_and_deleted_posting(start: Callable[..., Server], project: Path, browser) -> None:
    server = start()
    index = open_live(browser, server.url)
    new = project / "content" / "jobs" / "night-baker.md"
    new.write_text("---\ntitle: Night Baker\ndate: 2026-11-20\n---\nBake bread for the early shift.\n")
    index.wait_for_selector("a:has-text('Night Baker')", timeout=15000)
    page = open_live(browser, server.url + "jobs/night-baker/index.html")
    assert "Bake bread" in page.inner_text("main")
    new.unlink()
    page.wait_for_selector("text=not here", timeout=15000)
    index.wait_for_selector("a:has-text('Night Baker')", state="detached", timeout=15000)
    assert server.get("/jobs/night-baker/index.html")[0] == 404
    page.close()
    index.close()


@pytest.mark.browser
def test_the_open_page_follows_its_posting_to_a_new_url(
    start: Callable[..., Server], project: Path, browser
) -> None:
    server = start()
    new = project / "content" / "jobs" / "night-baker.md"  # being written: not published yet
    new.write_text("---\ntitle: Night Baker\n---\nBake bread for the early shift.\n")
    wait_until(lambda: server.get("/jobs/night-baker/")[0] == 200)
    page = open_live(browser, server.url + "jobs/night-baker/")
    new.write_text("---\ntitle: Head Night Baker\n---\nBake bread for the early shift.\n")
    page.wait_for_selector("h1:has-text('Head Night Baker')", timeout=15000)
    assert page.url.endswith("/jobs/head-night-baker/")
    page.close()


@pytest.mark.browser
def test_template_edit_re_renders(start: Callable[..., Server], project: Path, browser) -> None:
    server = start()
    page = open_live(browser, server.url + POSTING)
    edit(
        project,
        "templates/posting.html",
        "<h1>{{ posting.title }}</h1>",
        "<h1>Join us: {{ posting.title }}</h1>",
    )
    page.wait_for_selector("h1:has-text('Join us: Territory Account Manager')", timeout=15000)
    server.wait_for_output("0 posting(s) re-read")  # the run ends (and says so) after the page it reloaded
    page.close()


@pytest.mark.browser
def test_css_edit_updates_the_page_without_reloading_it(
    start: Callable[..., Server], project: Path, browser
) -> None:
    server = start()
    page = open_live(browser, server.url + POSTING)
    page.evaluate("() => { window.stillTheSamePage = true; }")
    css = project / "templates" / "static" / "style.css"
    css.write_text(css.read_text() + "\nh1 { color: rgb(1, 2, 3); }\n")
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)'", timeout=15000
    )
    assert page.evaluate("() => window.stillTheSamePage") is True
    page.close()


@pytest.mark.browser
def test_reloads_under_a_base_url_sub_path(start: Callable[..., Server], project: Path, browser) -> None:
    server = start("--base-url", "https://acme.example/careers/")
    page = open_live(browser, server.url + POSTING)
    edit(project, POSTING_SOURCE, "Job Summary:", "Role At A Glance:")
    page.wait_for_selector("h2:has-text('Role At A Glance')", timeout=15000)
    missing = open_live(browser, server.url + "jobs/not-yet/index.html")
    (project / "content" / "jobs" / "not-yet.md").write_text("---\ntitle: Not Yet\n---\nSoon to exist.\n")
    missing.wait_for_selector("h1:has-text('Not Yet')", timeout=15000)
    page.close()
    missing.close()


def test_ctrl_c_just_after_the_address_is_printed_still_stops_cleanly(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_listen = serve.start_listening

    def listen_then_ctrl_c(*args: object) -> str:
        real_listen(*args)  # type: ignore[arg-type]
        raise KeyboardInterrupt  # the user's Ctrl-C, landing before the loop runs

    monkeypatch.setattr(serve, "start_listening", listen_then_ctrl_c)
    try:
        code = serve.serve(lambda: load_config(project), "127.0.0.1", free_port(), False, Options())
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C escaped serve() and would have ended the command with 130")
    assert code == 0
    assert capsys.readouterr().out.rstrip().endswith("stopped")
